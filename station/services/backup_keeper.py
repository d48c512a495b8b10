"""Backups that must go: pruned once the buyer data inside them is due for erasure, on schedule, in
every folder a backup was ever written to; deleted when their seller is forgotten.

The station cannot read its backups (only the recovery key can), so each backup carries a clear
index in its header, MACed under a station secret: since when its oldest buyer data counts toward
retention, and the ids of the sellers it holds. A backup without a valid index (older versions, or
an edited header) is trusted for nothing: pruned by its age, and deleted by any seller deletion.
A backup cannot be rewritten without the private recovery key, so "forget" deletes it whole.
"""

from __future__ import annotations

import logging
import secrets as pysecrets
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from station.clock import iso
from station.ports import Clock, SecretStore
from station.services.audit import SYSTEM_ACTOR, AuditTrail
from station.services.backup import Indexer, backup_time, list_backups, verified_index
from station.services.retention import retention_days
from station.store import Store
from station.store.backups import BackupContents
from station.store.db import Database

log = logging.getLogger(__name__)

INDEX_KEY = "backup.index_key"  # MAC key of backup indexes; travels inside backups with the other secrets
PARTIAL_MAX_AGE = timedelta(hours=1)  # a half-written backup left by a crash holds buyer data too


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def indexer(days: int, now: datetime) -> Indexer:
    """Describe a backup's copy: when its oldest buyer data started counting, and its sellers."""

    def build(copy: Database) -> dict[str, Any]:
        contents = BackupContents(copy)
        # Open orders may close any moment: their data counts from now at the latest.
        since = min([now, *(t for t in map(_parse, contents.oldest_buyer_data_clock()) if t is not None)])
        return {
            "version": 1,
            "buyer_data_since": iso(since),
            "retention_days": days,
            "erase_by": iso(since + timedelta(days=days)),
            "sellers": contents.seller_ids(),
        }

    return build


class BackupKeeper:
    """Knows every backup folder used and decides which backups must go."""

    def __init__(self, store: Store, secrets: SecretStore, audit: AuditTrail, clock: Clock, home: Path):
        self.store = store
        self.secrets = secrets
        self.audit = audit
        self.clock = clock
        self.home = Path(home)

    def index_key(self) -> bytes:
        key = self.secrets.get(INDEX_KEY)
        if key is None:
            key = pysecrets.token_bytes(32)
            self.secrets.put(INDEX_KEY, key)
        return key

    def indexer(self) -> Indexer:
        return indexer(retention_days(self.store), self.clock.now())

    def remember(self, folder: Path) -> None:
        self.store.backup_folders.remember(str(Path(folder).resolve()), now=iso(self.clock.now()))

    def folders(self) -> list[Path]:
        """Every folder a backup went to, the configured one and the home's default; those that exist."""
        configured = self.store.settings.get("backup_folder")
        candidates = [*self.store.backup_folders.list(), configured or "", str(self.home / "backups")]
        found: dict[Path, None] = {}
        for name in candidates:
            if name and Path(name).is_dir():
                found[Path(name).resolve()] = None
        return list(found)

    def due_at(self, path: Path) -> datetime | None:
        """When the backup must be gone: its oldest buyer data plus retention (today's, if shorter)."""
        days = retention_days(self.store)
        index = verified_index(path, self.secrets.get(INDEX_KEY) or b"")
        since = _parse(str(index.get("buyer_data_since", ""))) if index else None
        if index is not None and since is not None:
            return since + timedelta(days=min(days, int(index.get("retention_days", days))))
        written = backup_time(path)
        return None if written is None else written + timedelta(days=days)

    def prune(self, actor: str = SYSTEM_ACTOR) -> list[Path]:
        """Delete every backup, in every folder used, whose buyer data is due; audited when any went."""
        now = self.clock.now()
        removed = []
        for folder in self.folders():
            for path in list_backups(folder):
                due = self.due_at(path)
                if due is not None and due <= now:
                    path.unlink(missing_ok=True)
                    removed.append(path)
            removed += self._stale_partials(folder, now)
        if removed:
            self.audit.record(actor, "backup.pruned", removed=len(removed), files=sorted(p.name for p in removed))
        return removed

    def would_prune_newest(self, folder: Path) -> bool:
        """The newest backup in ``folder`` is due: write a fresh one before pruning leaves none."""
        if retention_days(self.store) == 0:  # every backup is due at once: no point writing one to replace it
            return False
        existing = list_backups(folder)
        due = self.due_at(existing[-1]) if existing else None
        return due is not None and due <= self.clock.now()

    def delete_holding(self, seller_id: str) -> list[str]:
        """Delete every backup that holds the seller (or may: no valid index). Returns the file names."""
        key = self.secrets.get(INDEX_KEY) or b""
        removed = []
        for folder in self.folders():
            for path in list_backups(folder):
                index = verified_index(path, key)
                if index is None or seller_id in index.get("sellers", []):
                    path.unlink(missing_ok=True)
                    removed.append(path.name)
            removed += [p.name for p in self._stale_partials(folder, self.clock.now(), max_age=timedelta(0))]
        return sorted(removed)

    @staticmethod
    def _stale_partials(folder: Path, now: datetime, max_age: timedelta = PARTIAL_MAX_AGE) -> list[Path]:
        removed = []
        for path in Path(folder).glob("pacific-station-*.partial"):
            try:
                age = now.timestamp() - path.stat().st_mtime
            except OSError:
                continue
            if age >= max_age.total_seconds():
                path.unlink(missing_ok=True)
                removed.append(path)
        return removed

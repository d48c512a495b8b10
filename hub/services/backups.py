"""Backups at the hub: written encrypted with a MACed index, pruned once their buyer data is due for
erasure, deleted when a seller they hold is forgotten, restored with the audit recovery key."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hub import backup as files
from hub.sealing import Sealer
from hub.services.audit import HubAudit
from hub.services.orders import OrderService
from hub.services.people import Actor, PeopleService
from hub.store import HubStore
from station.clock import iso
from station.ports import Clock

log = logging.getLogger(__name__)


class BackupService:
    def __init__(self, store: HubStore, sealer: Sealer, audit: HubAudit, people: PeopleService,
                 orders: OrderService, clock: Clock, audit_key: bytes) -> None:  # fmt: skip
        self.store = store
        self.sealer = sealer
        self.audit = audit
        self.people = people
        self.orders = orders
        self.clock = clock
        self._key = files.index_key(audit_key)

    def write(self, actor: Actor, out: Path) -> int:
        """An encrypted backup at ``out``; its index says when it must go and which sellers it holds."""
        self.people.authorize(actor, "backup.run")
        size = files.backup(self.store.engine, self.sealer, out, self._index(), self._key)
        self.audit.record(actor.name, "backup.written", station=actor.station, path=str(out.resolve()), size=size)
        return size

    def _index(self) -> dict[str, Any]:
        now = self.clock.now()
        oldest, _open_held = self.store.orders.oldest_buyer_data()
        since = min(now, datetime.fromisoformat(oldest.replace("Z", "+00:00"))) if oldest else now
        days = self.orders.retention_days  # open orders' data counts from now at the latest
        return {"version": 1, "written_at": iso(now), "buyer_data_since": iso(since), "retention_days": days,
                "erase_by": iso(since + timedelta(days=days)),
                "sellers": [s.name for s in self.store.sellers.list()]}  # fmt: skip

    def known(self) -> list[Path]:
        """Every backup file the hub wrote that still exists."""
        paths = {Path(json.loads(d).get("path", "")) for d in self.store.audit_rows.details("backup.written")}
        return sorted(p for p in paths if p.name and p.is_file())

    def prune(self, actor: Actor) -> list[Path]:
        """Delete backups past their erase_by (retention applies to backups too)."""
        return self._delete(actor, files.due(self.known(), self._key, iso(self.clock.now())), "retention")

    def forget_seller(self, actor: Actor, seller: str) -> list[Path]:
        """Delete every backup holding the seller (a backup cannot be edited, so it goes whole)."""
        return self._delete(actor, files.due(self.known(), self._key, iso(self.clock.now()), seller), "seller")

    def _delete(self, actor: Actor, paths: list[Path], reason: str) -> list[Path]:
        for path in paths:
            path.unlink(missing_ok=True)
            self.audit.record(actor.name, "backup.deleted", station=actor.station, path=str(path), reason=reason)
        return paths

    def restore(self, actor: Actor, source: Path, recovery_key: str) -> int:
        """Restore (hub stopped): the restored rows proven with the recovery key, checkpoints in a new epoch."""
        from hub.anchors import FileAnchor

        self.people.authorize(actor, "backup.restore")
        self.audit.check_recovery_key(recovery_key)  # before anything is replaced
        files.restore(self.store.engine, self.sealer, source)
        report = self.audit.rebuild(recovery_key)
        anchor = self.audit.anchor
        if isinstance(anchor, FileAnchor):
            anchor.new_epoch(iso(self.clock.now()).replace(":", "").replace(".", ""))
        self.audit.record(actor.name, "backup.restored", station=actor.station, rows=report.rows)
        return report.rows

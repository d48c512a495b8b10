"""Background duties of the station's system actor: retention purge, scheduled backups and their pruning."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from station.errors import StationError
from station.services.auth import SYSTEM_SESSION

if TYPE_CHECKING:
    from station.app import Station

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HousekeepingReport:
    purged_orders: int
    backup: str  # file name written, or "" when none was due
    error: str = ""
    pruned_backups: int = 0


def last_backup_at(station: Station) -> datetime | None:
    rows = station.store.audit_rows.search(action="backup.written", limit=1)
    return datetime.fromisoformat(rows[0].at.replace("Z", "+00:00")) if rows else None


def backup_configured(station: Station) -> bool:
    return bool(station.store.settings.get("backup_folder"))


def backup_due(station: Station) -> bool:
    """A backup folder is configured and the interval has passed since the last backup."""
    if not backup_configured(station):
        return False
    last = last_backup_at(station)
    hours = float(station.store.settings.get("backup_interval_hours"))
    return last is None or station.clock.now() - last >= timedelta(hours=hours)


def run_housekeeping(station: Station) -> HousekeepingReport:
    """Purge buyer data that is due, back up if due, prune due backups in every folder used.

    Failures are logged and reported, not raised.
    """
    purged, written, pruned, error = 0, "", 0, ""
    try:
        purged = station.retention.purge(SYSTEM_SESSION).orders
    except StationError as exc:
        error = f"purge: {exc}"
        log.warning("scheduled purge failed: %s", type(exc).__name__)
    try:
        folder = Path(str(station.store.settings.get("backup_folder") or "."))
        # A fresh backup first when pruning is about to take the newest one, so one always remains.
        if backup_due(station) or (backup_configured(station) and station.backup_keeper.would_prune_newest(folder)):
            written = station.backup(SYSTEM_SESSION, folder).path.name
    except (StationError, OSError) as exc:
        error = (error + "; " if error else "") + f"backup: {type(exc).__name__}"
        station.audit.record("system", "backup.failed", severity="warning", reason=type(exc).__name__)
        log.warning("scheduled backup failed: %s", type(exc).__name__)
    try:
        pruned = len(station.backup_keeper.prune())
    except (StationError, OSError) as exc:
        error = (error + "; " if error else "") + f"prune: {type(exc).__name__}"
        log.warning("scheduled backup pruning failed: %s", type(exc).__name__)
    return HousekeepingReport(purged, written, error, pruned)

"""Retention: buyer PII erased N days (default 30, never more) after an order closed or went stale."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from station.clock import iso, utcnow_iso
from station.ports import Clock
from station.services.audit import AuditTrail
from station.services.auth import AuthService, Session
from station.store import Store

MAX_RETENTION_DAYS = 30


@dataclass(frozen=True)
class PurgeResult:
    dry_run: bool
    orders: int
    recipients: int
    label_documents: int
    cutoff: str


def retention_days(store: Store) -> int:
    days = int(store.settings.get("retention_days"))
    return max(0, min(days, MAX_RETENTION_DAYS))


class RetentionService:
    def __init__(self, store: Store, auth: AuthService, audit: AuditTrail, clock: Clock,
                 slips: Path | None = None) -> None:  # fmt: skip
        self.store = store
        self.auth = auth
        self.audit = audit
        self.clock = clock
        self.slips = slips  # packing-slip copies (slip-<order>.pdf): a gift message on one is buyer data

    def cutoff(self) -> str:
        moment = self.clock.now() - timedelta(days=retention_days(self.store))
        return iso(moment)

    def purge(self, session: Session, *, dry_run: bool = False) -> PurgeResult:
        """Erase buyer PII that is due; a dry run only counts."""
        self.auth.authorize(session, "purge.run")
        cutoff = self.cutoff()
        if dry_run:
            due = self.store.retention.due(cutoff)
            return PurgeResult(True, len(due), len(due), 0, cutoff)
        due = self.store.retention.due(cutoff)
        counts = self.store.retention.erase(cutoff, now=utcnow_iso(self.clock))
        self.remove_slips(due)
        self.audit.record(session.name, "purge.completed", erased=counts, retention_days=retention_days(self.store))
        return PurgeResult(False, counts["orders"], counts["recipients"], counts["label_documents"], cutoff)

    def remove_slips(self, order_ids: list[str]) -> None:
        """Delete the kept slip PDFs of erased orders (they may print the buyer's gift message)."""
        if self.slips is None:
            return
        for order_id in order_ids:
            (self.slips / f"slip-{order_id}.pdf").unlink(missing_ok=True)

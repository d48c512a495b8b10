"""Retention: buyer PII erased N days (default 30, never more) after an order closed or went stale."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

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
    def __init__(self, store: Store, auth: AuthService, audit: AuditTrail, clock: Clock):
        self.store = store
        self.auth = auth
        self.audit = audit
        self.clock = clock

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
        counts = self.store.retention.erase(cutoff, now=utcnow_iso(self.clock))
        self.audit.record(session.name, "purge.completed", erased=counts, retention_days=retention_days(self.store))
        return PurgeResult(False, counts["orders"], counts["recipients"], counts["label_documents"], cutoff)

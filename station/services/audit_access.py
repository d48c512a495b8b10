"""Reading and checking the audit trail: permission-checked, and each look is itself audited."""

from __future__ import annotations

from datetime import timedelta

from station.clock import iso
from station.services.audit import AuditTrail, VerifyResult
from station.services.auth import AuthService, Session
from station.store import Store
from station.store.audit_rows import AuditRow

SEARCH_LIMIT = 500


class AuditAccess:
    def __init__(self, store: Store, auth: AuthService, audit: AuditTrail):
        self.store = store
        self.auth = auth
        self.audit = audit

    def search(
        self, session: Session, *, action: str = "", actor: str = "", severity: str = "", limit: int = SEARCH_LIMIT
    ) -> list[AuditRow]:
        """Newest rows first, filtered by exact action, actor and severity."""
        self.auth.authorize(session, "audit.view")
        rows = self.store.audit_rows.search(
            action=action.strip(), actor=actor.strip(), severity=severity.strip(), limit=max(1, min(limit, 5000))
        )
        self.audit.record(session.name, "audit.viewed", filter_action=action.strip(),
                          filter_actor=actor.strip(), filter_severity=severity.strip(), rows=len(rows))  # fmt: skip
        return rows

    def recent_alerts(self, session: Session, *, hours: int = 24) -> list[AuditRow]:
        """Abnormal-access alerts of the last hours, newest first (leads, admins and auditors)."""
        self.auth.authorize(session, "alerts.view")
        since = iso(self.audit.clock.now() - timedelta(hours=hours))
        return self.store.audit_rows.search(severity="alert", since=since, limit=100)

    def verify(self, session: Session, *, recovery_key: str | None = None) -> VerifyResult:
        """Check the chain (with the recovery key: prove it); the outcome is recorded, a failure as an alert.

        A chain from before forward-secure sealing that checks out starts sealing when the recovery key is given.
        """
        self.auth.authorize(session, "audit.verify")
        result = self.audit.verify(recovery_key)
        self.audit.record(
            session.name, "audit.verified", severity="info" if result.ok else "alert", ok=result.ok,
            rows=result.rows, first_bad_seq=result.first_bad_seq, reason=result.reason, proven=result.proven,
        )  # fmt: skip
        if result.ok and recovery_key is not None and not self.audit.sealing:
            self.audit.start_sealing(recovery_key)
        return result

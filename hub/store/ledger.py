"""The label ledger and the confirmation outbox: rows, leases and claims (SQL only here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, and_, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from hub.store.tables_ledger import confirmations, labels

LIVE_LABEL_STATES = ("buying", "bought", "unknown", "voiding")  # a box in one of these is never bought again
OPEN_CONFIRMATION_STATES = ("pending", "sending")


@dataclass(frozen=True)
class LabelRow:
    label_id: int
    seller_id: int
    amazon_order_id: str
    box_ref: str
    attempt: int
    station: str
    business_id: str
    package_ref: str
    items: str
    idempotency_key: str
    request_body: str
    state: str
    lease_owner: str
    lease_until: str
    sends: int
    shipment_id: str
    tracking: str
    carrier: str
    service: str
    label_format: str
    dpi: int
    cost: str
    currency: str
    document_sealed: str | None
    last_error: str
    settled_by: str
    created_at: str
    updated_at: str
    additional_inputs_sealed: str | None = None


@dataclass(frozen=True)
class ConfirmationRow:
    entry_id: int
    seller_id: int
    amazon_order_id: str
    box_ref: str
    package_reference_id: str
    tracking: str
    body: str
    state: str
    attempts: int
    last_error: str


def _label(r: Any) -> LabelRow:
    return LabelRow(*(getattr(r, c.name) for c in labels.columns if c.name not in ("client_request_id",)))


def _confirmation(r: Any) -> ConfirmationRow:
    return ConfirmationRow(r.entry_id, r.seller_id, r.amazon_order_id, r.box_ref, r.package_reference_id,
                           r.tracking, r.body, r.state, r.attempts, r.last_error)  # fmt: skip


class Ledger:
    """Label rows: one live row per box; a new attempt only after a definite "not bought"."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.postgres = engine.dialect.name == "postgresql"

    def live_for_box(self, seller_id: int, order_id: str, box_ref: str) -> LabelRow | None:
        with self.engine.connect() as conn:
            r = conn.execute(
                select(labels).where(labels.c.seller_id == seller_id, labels.c.amazon_order_id == order_id,
                                     labels.c.box_ref == box_ref, labels.c.state.in_(LIVE_LABEL_STATES))
                .order_by(labels.c.attempt.desc()).limit(1)
            ).first()  # fmt: skip
        return _label(r) if r else None

    def open_attempt(self, values: dict[str, Any]) -> tuple[LabelRow, bool]:
        """Insert the box's next attempt before anything is sent; (row, created). A live row wins."""
        where = (labels.c.seller_id == values["seller_id"], labels.c.amazon_order_id == values["amazon_order_id"],
                 labels.c.box_ref == values["box_ref"])  # fmt: skip
        try:
            with self.engine.begin() as conn:
                rows = conn.execute(select(labels.c.attempt, labels.c.state, labels.c.label_id).where(*where)).all()
                live = [r for r in rows if r.state in LIVE_LABEL_STATES]
                if live:
                    return self._must(conn, live[0].label_id), False
                attempt = max((r.attempt for r in rows), default=0) + 1
                result = conn.execute(insert(labels).values(attempt=attempt, **values))
                return self._must(conn, int(result.inserted_primary_key[0])), True  # type: ignore[index]
        except IntegrityError:  # another process opened this attempt at the same moment: use theirs
            found = self.live_for_box(values["seller_id"], values["amazon_order_id"], values["box_ref"])
            if found is None:
                raise
            return found, False

    def get(self, label_id: int) -> LabelRow | None:
        with self.engine.connect() as conn:
            return self._get(conn, label_id)

    @classmethod
    def _must(cls, conn: Any, label_id: int) -> LabelRow:
        found = cls._get(conn, label_id)
        assert found is not None  # read in the transaction that wrote or found it
        return found

    @staticmethod
    def _get(conn: Any, label_id: int) -> LabelRow | None:
        r = conn.execute(select(labels).where(labels.c.label_id == label_id)).first()
        return _label(r) if r else None

    def claim(self, label_id: int, owner: str, now: str, until: str, states: tuple[str, ...]) -> bool:
        """Take the row's lease when it is free or expired (one atomic UPDATE)."""
        with self.engine.begin() as conn:
            done = conn.execute(
                update(labels)
                .where(labels.c.label_id == label_id, labels.c.state.in_(states),
                       or_(labels.c.lease_until < now, labels.c.lease_owner == owner))
                .values(lease_owner=owner, lease_until=until)
            ).rowcount  # fmt: skip
        return bool(done)

    def stale(self, owner: str, now: str, until: str, states: tuple[str, ...], limit: int = 20) -> list[int]:
        """Claim rows whose lease expired (a killed process's work); SKIP LOCKED keeps processes apart."""
        query = (
            select(labels.c.label_id)
            .where(labels.c.state.in_(states), labels.c.lease_until < now)
            .order_by(labels.c.label_id)
            .limit(limit)
        )
        if self.postgres:
            query = query.with_for_update(skip_locked=True)
        with self.engine.begin() as conn:
            ids = [int(r[0]) for r in conn.execute(query)]
            if not ids:
                return []
            conn.execute(update(labels).where(labels.c.label_id.in_(ids), labels.c.state.in_(states),
                                              labels.c.lease_until < now)
                         .values(lease_owner=owner, lease_until=until))  # fmt: skip
            return [int(r[0]) for r in conn.execute(select(labels.c.label_id).where(
                labels.c.label_id.in_(ids), labels.c.lease_owner == owner, labels.c.lease_until == until))]

    def note_send(self, label_id: int, owner: str, now: str) -> int:
        """Durably count a send BEFORE it happens; returns the new count (0: the lease was lost)."""
        with self.engine.begin() as conn:
            done = conn.execute(
                update(labels).where(labels.c.label_id == label_id, labels.c.lease_owner == owner)
                .values(sends=labels.c.sends + 1, updated_at=now)
            ).rowcount  # fmt: skip
            if not done:
                return 0
            return int(conn.execute(select(labels.c.sends).where(labels.c.label_id == label_id)).scalar_one())

    def finish(self, label_id: int, now: str, *, from_states: tuple[str, ...] | None = None, **values: Any) -> bool:
        """Record an outcome and free the lease; ``from_states`` makes it a compare-and-set."""
        query = update(labels).where(labels.c.label_id == label_id)
        if from_states is not None:
            query = query.where(labels.c.state.in_(from_states))
        with self.engine.begin() as conn:
            return bool(conn.execute(query.values(lease_owner="", lease_until="", updated_at=now, **values)).rowcount)

    def in_state(self, state: str, limit: int = 500) -> list[LabelRow]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(labels).where(labels.c.state == state).order_by(labels.c.label_id).limit(limit))
            return [_label(r) for r in rows]

    def for_order(self, seller_id: int, order_id: str) -> list[LabelRow]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(labels).where(labels.c.seller_id == seller_id,
                                                     labels.c.amazon_order_id == order_id)
                                .order_by(labels.c.label_id))  # fmt: skip
            return [_label(r) for r in rows]

    def all_rows(self) -> list[LabelRow]:
        with self.engine.connect() as conn:
            return [_label(r) for r in conn.execute(select(labels).order_by(labels.c.label_id))]

    def purge_documents(self, cutoff: str, now: str) -> int:
        """Erase label documents (they show the buyer's address) and the station's additional inputs of
        labels last touched before the cutoff."""
        held = or_(labels.c.document_sealed.is_not(None), labels.c.additional_inputs_sealed.is_not(None))
        with self.engine.begin() as conn:
            return int(conn.execute(
                update(labels).where(held, labels.c.updated_at < cutoff)
                .values(document_sealed=None, additional_inputs_sealed=None, updated_at=now)
            ).rowcount)  # fmt: skip


class Outbox:
    """Confirmation entries: claimed by one process at a time, settled by reading the order."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.postgres = engine.dialect.name == "postgresql"

    def add(self, values: dict[str, Any]) -> tuple[int, bool]:
        """Queue a confirmation; the same package again returns the existing entry (entry id, created)."""
        try:
            with self.engine.begin() as conn:
                result = conn.execute(insert(confirmations).values(**values))
            return int(result.inserted_primary_key[0]), True  # type: ignore[index]
        except IntegrityError:
            with self.engine.connect() as conn:
                found = conn.execute(select(confirmations.c.entry_id).where(
                    confirmations.c.seller_id == values["seller_id"],
                    confirmations.c.amazon_order_id == values["amazon_order_id"],
                    confirmations.c.package_reference_id == values["package_reference_id"])).scalar_one()  # fmt: skip
            return int(found), False

    def claim_due(self, owner: str, now: str, until: str, limit: int = 10) -> list[ConfirmationRow]:
        """Claim due entries (pending, or sending with an expired lease): FOR UPDATE SKIP LOCKED on PostgreSQL."""
        due = and_(confirmations.c.next_at <= now,
                   or_(confirmations.c.state == "pending",
                       and_(confirmations.c.state == "sending", confirmations.c.lease_until < now)))  # fmt: skip
        query = select(confirmations.c.entry_id).where(due).order_by(confirmations.c.entry_id).limit(limit)
        if self.postgres:
            query = query.with_for_update(skip_locked=True)
        with self.engine.begin() as conn:
            ids = [int(r[0]) for r in conn.execute(query)]
            if not ids:
                return []
            # The condition again: on SQLite (no row locks) this compare-and-set is what keeps claims apart.
            conn.execute(update(confirmations).where(confirmations.c.entry_id.in_(ids), due).values(
                state="sending", lease_owner=owner, lease_until=until,
                attempts=confirmations.c.attempts + 1, updated_at=now))  # fmt: skip
            rows = conn.execute(select(confirmations).where(
                confirmations.c.entry_id.in_(ids), confirmations.c.lease_owner == owner,
                confirmations.c.lease_until == until, confirmations.c.state == "sending",
            ).order_by(confirmations.c.entry_id))  # fmt: skip
            return [_confirmation(r) for r in rows]

    def settle(self, entry_id: int, owner: str, now: str, state: str, *, error: str = "", next_at: str = "") -> bool:
        """Record an outcome, only while this process still holds the entry (a void may have taken it)."""
        with self.engine.begin() as conn:
            return bool(conn.execute(
                update(confirmations)
                .where(confirmations.c.entry_id == entry_id, confirmations.c.lease_owner == owner,
                       confirmations.c.state == "sending")
                .values(state=state, last_error=error[:300], next_at=next_at, lease_owner="", lease_until="",
                        updated_at=now)
            ).rowcount)  # fmt: skip

    def cancel_for_box(self, seller_id: int, order_id: str, box_ref: str, now: str) -> tuple[int, list[str]]:
        """Cancel the box's entries not yet sent; (cancelled, states of the ones already out or being sent)."""
        where = (confirmations.c.seller_id == seller_id, confirmations.c.amazon_order_id == order_id,
                 confirmations.c.box_ref == box_ref)  # fmt: skip
        with self.engine.begin() as conn:
            cancelled = conn.execute(update(confirmations).where(*where, confirmations.c.state == "pending")
                                     .values(state="cancelled", updated_at=now)).rowcount  # fmt: skip
            others = [r[0] for r in conn.execute(select(confirmations.c.state).where(
                *where, confirmations.c.state.in_(("sending", "delivered", "unknown"))))]  # fmt: skip
        return int(cancelled), others

    def get(self, entry_id: int) -> ConfirmationRow | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(confirmations).where(confirmations.c.entry_id == entry_id)).first()
        return _confirmation(r) if r else None

    def all_rows(self) -> list[ConfirmationRow]:
        with self.engine.connect() as conn:
            return [_confirmation(r) for r in conn.execute(select(confirmations).order_by(confirmations.c.entry_id))]

    def depth(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(confirmations)
                                    .where(confirmations.c.state.in_(OPEN_CONFIRMATION_STATES))).scalar_one())

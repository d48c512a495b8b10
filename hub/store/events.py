"""What a station's event stream reads: changes of the orders it holds (order_changes) and the hub-wide
events recorded in the audit chain (claims, operators, lock, sellers, settings). Both are committed
logs with a sequence, so a stream resumes from a cursor (change seq, audit seq) after a reconnect."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select

from hub.store.tables import audit, order_changes, orders, stations
from hub.store.tables_claims import claims, hub_flags


@dataclass(frozen=True)
class ChangeRow:
    seq: int
    order_id: int
    amazon_order_id: str
    status: str
    kind: str  # new, updated, cancelled, cancel_requested, address_changed, shipped_elsewhere, ..., claim
    detail: str  # JSON, no buyer data


@dataclass(frozen=True)
class AuditEvent:
    seq: int
    action: str
    actor: str
    station: str
    target: str
    detail: str


class EventFeed:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def heads(self) -> tuple[int, int]:
        """The newest (change seq, audit seq): where a stream without a cursor starts."""
        with self.engine.connect() as conn:
            change = conn.execute(select(func.max(order_changes.c.seq))).scalar()
            row = conn.execute(select(func.max(audit.c.seq))).scalar()
        return int(change or 0), int(row or 0)

    def held_changes(self, station_id: int, after: int, now: float, limit: int) -> tuple[list[ChangeRow], int]:
        """Changes after ``after`` of orders the station holds now; and the last seq looked at."""
        c = order_changes.c
        with self.engine.connect() as conn:
            last = conn.execute(select(func.max(c.seq)).where(c.seq > after)).scalar()
            if last is None:
                return [], after
            last = min(int(last), after + limit)
            query = (
                select(c.seq, c.order_id, orders.c.amazon_order_id, orders.c.status, c.kind, c.detail)
                .join(orders, orders.c.order_id == c.order_id)
                .join(claims, claims.c.order_id == c.order_id)
                .where(c.seq > after, c.seq <= last, claims.c.station_id == station_id, claims.c.expires_at >= now)
                .order_by(c.seq)
            )
            rows = [ChangeRow(int(r[0]), int(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5] or "{}"))
                    for r in conn.execute(query)]  # fmt: skip
        return rows, last

    def audit_events(self, after: int, actions: tuple[str, ...], limit: int) -> tuple[list[AuditEvent], int]:
        """Audit rows after ``after`` whose action stations hear of; and the last seq looked at."""
        with self.engine.connect() as conn:
            last = conn.execute(select(func.max(audit.c.seq)).where(audit.c.seq > after)).scalar()
            if last is None:
                return [], after
            last = min(int(last), after + limit)
            query = (select(audit.c.seq, audit.c.action, audit.c.actor, audit.c.station, audit.c.target, audit.c.detail)
                     .where(audit.c.seq > after, audit.c.seq <= last, audit.c.action.in_(actions))
                     .order_by(audit.c.seq))  # fmt: skip
            return [AuditEvent(int(r[0]), *map(str, r[1:])) for r in conn.execute(query)], last

    def station_active(self, station_id: int) -> bool:
        with self.engine.connect() as conn:
            state = conn.execute(select(stations.c.state).where(stations.c.station_id == station_id)).scalar()
        return state == "active"

    def flag(self, name: str) -> str:
        with self.engine.connect() as conn:
            return str(conn.execute(select(hub_flags.c.value).where(hub_flags.c.name == name)).scalar() or "")

    def flags(self, prefix: str) -> dict[str, tuple[str, str]]:
        """Every flag whose name starts with the prefix: name -> (value, set_at)."""
        query = select(hub_flags.c.name, hub_flags.c.value, hub_flags.c.set_at).where(
            hub_flags.c.name.startswith(prefix, autoescape=True))
        with self.engine.connect() as conn:
            return {str(r[0]): (str(r[1]), str(r[2])) for r in conn.execute(query)}

    def set_flag(self, name: str, value: str, at: str) -> None:
        from sqlalchemy.dialects import postgresql, sqlite

        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        ins = dialect.insert(hub_flags).values(name=name, value=value, set_at=at)
        with self.engine.begin() as conn:
            conn.execute(ins.on_conflict_do_update(index_elements=[hub_flags.c.name],
                                                   set_={"value": ins.excluded.value, "set_at": ins.excluded.set_at}))

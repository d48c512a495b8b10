"""Order claims: one row per claimed order. A claim is taken by ONE statement (INSERT ... ON CONFLICT DO
UPDATE ... WHERE the row is ours or expired), so two stations racing for an order cannot both win."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, and_, case, delete, insert, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from hub.store.tables import order_changes, orders, stations
from hub.store.tables_claims import claims

OPEN = "open"
HOLD = "hold"
CLOSED = ("Shipped", "Canceled", "Cancelled")


@dataclass(frozen=True)
class ClaimRow:
    order_id: int
    station_id: int
    station: str
    operator: str
    kind: str
    expires_at: float
    claimed_at: str


_COLS = (claims.c.order_id, claims.c.station_id, stations.c.name, claims.c.operator, claims.c.kind,
         claims.c.expires_at, claims.c.claimed_at)  # fmt: skip


def _row(r: Any) -> ClaimRow:
    t: tuple[Any, ...] = tuple(r)
    return ClaimRow(int(t[0]), int(t[1]), str(t[2]), str(t[3]), str(t[4]), float(t[5]), str(t[6]))


def _log_change(conn: Connection, order_id: int, at: str, holder: int | None) -> None:
    """A claim taken or ended is a change of the order (kind "claim"): every station sees it by cursor.
    The order's holder (engine-pull's orders.holder_station_id) follows, so the pull's change events are
    addressed to the station that holds the order."""
    conn.execute(update(orders).where(orders.c.order_id == order_id).values(holder_station_id=holder))
    seller = select(orders.c.seller_id).where(orders.c.order_id == order_id).scalar_subquery()
    conn.execute(insert(order_changes).from_select(
        ["order_id", "seller_id", "at", "kind", "station_id"],
        select(literal(order_id), seller, literal(at), literal("claim"), literal(holder))))  # fmt: skip


class Claims:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _insert(self) -> Any:
        return (postgresql if self.engine.dialect.name == "postgresql" else sqlite).insert(claims)

    def claim(self, order_id: int, station_id: int, operator: str, kind: str, expires_at: float,
              now: float, at: str) -> ClaimRow | None:  # fmt: skip
        """Take or renew the claim atomically; None when another station holds it and it has not expired.

        Re-opening an order the station holds keeps the hold (and its ship-by end); a hold on an order the
        station has open turns it into a hold."""
        c = claims.c
        ins = self._insert().values(order_id=order_id, station_id=station_id, operator=operator, kind=kind,
                                    expires_at=expires_at, claimed_at=at)  # fmt: skip
        new = ins.excluded
        ours = c.station_id == new.station_id
        keep_hold = and_(ours, c.kind == HOLD, c.expires_at >= now)
        statement = ins.on_conflict_do_update(
            index_elements=[c.order_id],
            set_={
                "station_id": new.station_id,
                "operator": new.operator,
                "kind": case((keep_hold, c.kind), else_=new.kind),
                "expires_at": case((keep_hold, c.expires_at), else_=new.expires_at),
                "claimed_at": case((and_(ours, c.expires_at >= now), c.claimed_at), else_=new.claimed_at),
            },
            where=or_(ours, c.expires_at < now),
        ).returning(c.claimed_at)
        with self.engine.begin() as conn:
            won = conn.execute(statement).first()
            if won is None:
                return None
            if won[0] == at:  # a new holder (not a renewal): log it as a change of the order
                _log_change(conn, order_id, at, station_id)
            return self._one(conn, order_id)

    def _one(self, conn: Connection, order_id: int) -> ClaimRow | None:
        r = conn.execute(select(*_COLS).join(stations, stations.c.station_id == claims.c.station_id)
                         .where(claims.c.order_id == order_id)).first()  # fmt: skip
        return _row(r) if r else None

    def holder(self, order_id: int, now: float) -> ClaimRow | None:
        """The live claim on an order, if any (an expired one counts as none)."""
        with self.engine.connect() as conn:
            found = self._one(conn, order_id)
        return found if found and found.expires_at >= now else None

    def of_station(self, station_id: int, now: float) -> list[ClaimRow]:
        """The station's live claims, open and held."""
        query = (select(*_COLS).join(stations, stations.c.station_id == claims.c.station_id)
                 .where(claims.c.station_id == station_id, claims.c.expires_at >= now).order_by(claims.c.order_id))
        with self.engine.connect() as conn:
            return [_row(r) for r in conn.execute(query)]

    def live_for(self, order_ids: list[int], now: float) -> dict[int, ClaimRow]:
        """The live claims of these orders (for a page of changes)."""
        if not order_ids:
            return {}
        query = (select(*_COLS).join(stations, stations.c.station_id == claims.c.station_id)
                 .where(claims.c.order_id.in_(order_ids), claims.c.expires_at >= now))  # fmt: skip
        with self.engine.connect() as conn:
            return {r.order_id: r for r in map(_row, conn.execute(query))}

    def heartbeat(self, station_id: int, until: float, now: float) -> int:
        """Keep the station's live open claims alive until ``until``; returns how many."""
        c = claims.c
        with self.engine.begin() as conn:
            return int(conn.execute(
                update(claims).where(c.station_id == station_id, c.kind == OPEN, c.expires_at >= now)
                .values(expires_at=until)).rowcount)  # fmt: skip

    def release(self, order_id: int, at: str, station_id: int | None = None) -> ClaimRow | None:
        """End the claim (recorded here first: the order's change tells the station); None if none."""
        with self.engine.begin() as conn:
            found = self._one(conn, order_id)
            if found is None:
                return None
            query = delete(claims).where(claims.c.order_id == order_id, claims.c.station_id == found.station_id)
            if station_id is not None:
                query = query.where(claims.c.station_id == station_id)
            if not conn.execute(query).rowcount:
                return None
            _log_change(conn, order_id, at, None)
            return found

    def unclaimed_open_orders(self, now: float, limit: int) -> list[tuple[int, str]]:
        """Open orders no live claim covers, soonest ship-by first: (order id, ship-by)."""
        o = orders.c
        live = select(claims.c.order_id).where(claims.c.expires_at >= now)
        query = (select(o.order_id, o.ship_by).where(o.closed_at == "", o.status.not_in(CLOSED),
                                                     o.order_id.not_in(live))
                 .order_by(o.ship_by, o.order_id).limit(limit))  # fmt: skip
        with self.engine.connect() as conn:
            return [(int(r[0]), str(r[1])) for r in conn.execute(query)]

    def order_id_for(self, seller_id: int, amazon_order_id: str) -> int | None:
        """The hub's order id of a seller's Amazon order (the label ledger names orders this way)."""
        o = orders.c
        with self.engine.connect() as conn:
            found = conn.execute(select(o.order_id).where(o.seller_id == seller_id,
                                                          o.amazon_order_id == amazon_order_id)).scalar()  # fmt: skip
        return None if found is None else int(found)

    def order_ship_by(self, order_id: int) -> tuple[str, bool] | None:
        """(ship-by, still open) of an order; None when there is no such order."""
        o = orders.c
        with self.engine.connect() as conn:
            r = conn.execute(select(o.ship_by, o.closed_at, o.status).where(o.order_id == order_id)).first()
        return None if r is None else (str(r[0]), not r[1] and r[2] not in CLOSED)

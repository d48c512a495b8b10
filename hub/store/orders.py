"""Orders at the hub and their change log, which stations pull by cursor. Kept general: the full
order pull from Amazon (issue "hub SP-API engine") writes through ``upsert``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, insert, or_, select, update

from hub.store.tables import order_changes, orders


@dataclass(frozen=True)
class OrderChange:
    seq: int
    order_id: int
    seller_id: int
    amazon_order_id: str
    status: str
    ship_by: str
    lines: str
    updated_at: str
    kind: str = "updated"
    detail: str = "{}"
    station_id: int | None = None
    marketplace_id: str = ""


class Orders:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def upsert(self, seller_id: int, amazon_order_id: str, now: str, **values: Any) -> int:
        """Insert or update one order and log a change; returns the order id."""
        with self.engine.begin() as conn:
            r = conn.execute(
                select(orders.c.order_id).where(
                    orders.c.seller_id == seller_id, orders.c.amazon_order_id == amazon_order_id
                )
            ).first()
            if r is None:
                result = conn.execute(
                    insert(orders).values(seller_id=seller_id, amazon_order_id=amazon_order_id, updated_at=now,
                                          **values)  # fmt: skip
                )
                order_id = int(result.inserted_primary_key[0])  # type: ignore[index]
            else:
                order_id = int(r[0])
                conn.execute(update(orders).where(orders.c.order_id == order_id).values(updated_at=now, **values))
            conn.execute(insert(order_changes).values(order_id=order_id, seller_id=seller_id, at=now))
        return order_id

    def bulk_insert(self, rows: list[dict[str, Any]], now: str) -> None:
        """Load many new orders at once (benchmarks, imports); one change each."""
        with self.engine.begin() as conn:
            ids = conn.execute(insert(orders).returning(orders.c.order_id, orders.c.seller_id), rows).all()
            conn.execute(insert(order_changes), [{"order_id": i, "seller_id": s, "at": now} for i, s in ids])

    def changes_since(self, cursor: int, limit: int, seller_ids: list[int] | None = None) -> list[OrderChange]:
        """Changes after the cursor, oldest first (no buyer data)."""
        query = (
            select(
                order_changes.c.seq, orders.c.order_id, orders.c.seller_id, orders.c.amazon_order_id,
                orders.c.status, orders.c.ship_by, orders.c.lines, orders.c.updated_at,
                order_changes.c.kind, order_changes.c.detail, order_changes.c.station_id, orders.c.marketplace_id,
            )  # fmt: skip
            .join(orders, orders.c.order_id == order_changes.c.order_id)
            .where(order_changes.c.seq > cursor)
            .order_by(order_changes.c.seq)
            .limit(limit)
        )
        if seller_ids is not None:
            query = query.where(order_changes.c.seller_id.in_(seller_ids))
        with self.engine.connect() as conn:
            return [OrderChange(*r) for r in conn.execute(query)]

    def sealed_address(self, order_id: int) -> tuple[str | None, str | None, str | None] | None:
        with self.engine.connect() as conn:
            r = conn.execute(
                select(orders.c.buyer_name_sealed, orders.c.address_sealed, orders.c.phone_sealed).where(
                    orders.c.order_id == order_id
                )
            ).first()
        return (r[0], r[1], r[2]) if r else None

    def sealed_address_of(self, seller_id: int, amazon_order_id: str) -> tuple[str | None, ...] | None:
        """(status, sealed name, sealed address, sealed phone) of an order named by its Amazon id."""
        with self.engine.connect() as conn:
            r = conn.execute(
                select(orders.c.status, orders.c.buyer_name_sealed, orders.c.address_sealed,
                       orders.c.phone_sealed).where(
                    orders.c.seller_id == seller_id, orders.c.amazon_order_id == amazon_order_id
                )
            ).first()  # fmt: skip
        return (r[0], r[1], r[2], r[3]) if r else None

    def purge_closed_before(self, cutoff: str, now: str) -> int:
        """Erase buyer data of orders closed before the cutoff; returns how many."""
        with self.engine.begin() as conn:
            return int(
                conn.execute(
                    update(orders)
                    .where(orders.c.closed_at != "", orders.c.closed_at < cutoff, orders.c.purged_at == "")
                    .values(buyer_name_sealed=None, address_sealed=None, phone_sealed=None, gifts_sealed=None,
                            purged_at=now)  # fmt: skip
                ).rowcount
            )

    def due_for_purge(self, cutoff: str) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(
                    select(func.count())
                    .select_from(orders)
                    .where(orders.c.closed_at != "", orders.c.closed_at < cutoff, orders.c.purged_at == "")
                ).scalar_one()
            )

    def oldest_buyer_data(self) -> tuple[str, bool]:
        """(the oldest closed_at among orders still holding buyer data, whether any open order holds some)."""
        held = or_(orders.c.buyer_name_sealed.is_not(None), orders.c.address_sealed.is_not(None),
                   orders.c.phone_sealed.is_not(None), orders.c.gifts_sealed.is_not(None))  # fmt: skip
        with self.engine.connect() as conn:
            oldest = conn.execute(select(func.min(orders.c.closed_at)).where(held, orders.c.closed_at != "")).scalar()
            open_held = conn.execute(select(orders.c.order_id).where(held, orders.c.closed_at == "").limit(1)).first()
        return str(oldest or ""), open_held is not None

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(orders)).scalar_one())

"""Deliveries from sellers, FBA boxes, inbound plans and their shipments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from station.store.db import Database


@dataclass(frozen=True)
class DeliveryLine:
    sku: str
    expected: int
    received: int
    damaged: int

    @property
    def short(self) -> int:
        return max(0, self.expected - self.received - self.damaged)

    @property
    def over(self) -> int:
        return max(0, self.received + self.damaged - self.expected)


@dataclass(frozen=True)
class DeliveryRow:
    delivery_id: int
    seller_id: str
    reference: str
    status: str
    created_at: str
    created_by: str
    closed_at: str | None
    closed_by: str | None
    lines: tuple[DeliveryLine, ...] = ()


@dataclass(frozen=True)
class BoxRow:
    box_id: int
    seller_id: str
    plan_id: int | None
    status: str
    case_packed: bool
    weight_lb: float
    length_in: float
    width_in: float
    height_in: float
    shipment_id: str
    amazon_box_id: str
    created_at: str
    created_by: str
    items: tuple[tuple[str, int], ...] = field(default=())

    @property
    def units(self) -> int:
        return sum(q for _, q in self.items)


@dataclass(frozen=True)
class PlanRow:
    plan_id: int
    seller_id: str
    marketplace_id: str
    name: str
    status: str
    inbound_plan_id: str
    packing_option_id: str
    packing_group_id: str
    placement_option_id: str
    error: str
    created_at: str
    created_by: str
    updated_at: str


@dataclass(frozen=True)
class ShipmentRow:
    plan_id: int
    shipment_id: str
    confirmation_id: str
    status: str
    destination: str
    updated_at: str


_BOX = (
    "box_id, seller_id, plan_id, status, case_packed, weight_lb, length_in, width_in, height_in, shipment_id, "
    "amazon_box_id, created_at, created_by"
)
_PLAN = (
    "plan_id, seller_id, marketplace_id, name, status, inbound_plan_id, packing_option_id, packing_group_id, "
    "placement_option_id, "
    "error, created_at, created_by, updated_at"
)


class Deliveries:
    def __init__(self, db: Database):
        self.db = db

    def create(self, seller_id: str, reference: str, lines: Sequence[tuple[str, int]], *, now: str, by: str) -> int:
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO deliveries (seller_id, reference, created_at, created_by) VALUES (?, ?, ?, ?)",
                (seller_id, reference, now, by),
            )
            delivery_id = int(cur.lastrowid)
            conn.executemany(
                "INSERT INTO delivery_lines (delivery_id, sku, expected) VALUES (?, ?, ?) "
                "ON CONFLICT (delivery_id, sku) DO UPDATE SET expected = expected + excluded.expected",
                [(delivery_id, sku, qty) for sku, qty in lines],
            )
        return delivery_id

    def count(self, delivery_id: int, sku: str, *, received: int = 0, damaged: int = 0) -> None:
        """Add received/damaged units to a line (a line is made for unexpected SKUs)."""
        self.db.execute(
            "INSERT INTO delivery_lines (delivery_id, sku, expected, received, damaged) VALUES (?, ?, 0, ?, ?) "
            "ON CONFLICT (delivery_id, sku) DO UPDATE SET received = received + excluded.received, "
            "damaged = damaged + excluded.damaged",
            (delivery_id, sku, received, damaged),
        )

    def close(self, delivery_id: int, *, now: str, by: str) -> None:
        self.db.execute(
            "UPDATE deliveries SET status = 'closed', closed_at = ?, closed_by = ? WHERE delivery_id = ?",
            (now, by, delivery_id),
        )

    def get(self, delivery_id: int) -> DeliveryRow | None:
        row = self.db.query_one(
            "SELECT delivery_id, seller_id, reference, status, created_at, created_by, closed_at, closed_by "
            "FROM deliveries WHERE delivery_id = ?",
            (delivery_id,),
        )
        if row is None:
            return None
        lines = self.db.query(
            "SELECT sku, expected, received, damaged FROM delivery_lines WHERE delivery_id = ? ORDER BY sku",
            (delivery_id,),
        )
        return replace(DeliveryRow(*row[:8]), lines=tuple(DeliveryLine(*r) for r in lines))

    def open_for(self, seller_id: str) -> list[int]:
        rows = self.db.query(
            "SELECT delivery_id FROM deliveries WHERE seller_id = ? AND status = 'open' ORDER BY delivery_id",
            (seller_id,),
        )
        return [int(r[0]) for r in rows]


class Boxes:
    def __init__(self, db: Database):
        self.db = db

    def create(self, seller_id: str, *, case_packed: bool, now: str, by: str) -> int:
        cur = self.db.execute(
            "INSERT INTO fba_boxes (seller_id, case_packed, created_at, created_by) VALUES (?, ?, ?, ?)",
            (seller_id, int(case_packed), now, by),
        )
        return int(cur.lastrowid)

    def add_item(self, box_id: int, sku: str, quantity: int) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO fba_box_items (box_id, sku, quantity) VALUES (?, ?, ?) "
                "ON CONFLICT (box_id, sku) DO UPDATE SET quantity = quantity + excluded.quantity",
                (box_id, sku, quantity),
            )
            conn.execute("DELETE FROM fba_box_items WHERE box_id = ? AND quantity <= 0", (box_id,))

    def remove_item(self, box_id: int, sku: str, quantity: int) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE fba_box_items SET quantity = quantity - ? WHERE box_id = ? AND sku = ? AND quantity > ?",
                (quantity, box_id, sku, quantity),
            )
            conn.execute(
                "DELETE FROM fba_box_items WHERE box_id = ? AND sku = ? AND quantity <= ?", (box_id, sku, quantity)
            )

    def close(self, box_id: int, *, weight_lb: float, dims_in: tuple[float, float, float]) -> None:
        self.db.execute(
            "UPDATE fba_boxes SET status = 'closed', weight_lb = ?, length_in = ?, width_in = ?, height_in = ? "
            "WHERE box_id = ?",
            (weight_lb, *dims_in, box_id),
        )

    def assign_plan(self, box_ids: Sequence[int], plan_id: int) -> None:
        with self.db.transaction() as conn:
            conn.executemany("UPDATE fba_boxes SET plan_id = ? WHERE box_id = ?", [(plan_id, b) for b in box_ids])

    def set_amazon_ids(self, box_id: int, *, shipment_id: str, amazon_box_id: str) -> None:
        self.db.execute(
            "UPDATE fba_boxes SET shipment_id = ?, amazon_box_id = ? WHERE box_id = ?",
            (shipment_id, amazon_box_id, box_id),
        )

    def set_status(self, box_ids: Sequence[int], status: str) -> None:
        with self.db.transaction() as conn:
            conn.executemany("UPDATE fba_boxes SET status = ? WHERE box_id = ?", [(status, b) for b in box_ids])

    def get(self, box_id: int) -> BoxRow | None:
        row = self.db.query_one(f"SELECT {_BOX} FROM fba_boxes WHERE box_id = ?", (box_id,))
        return None if row is None else self._with_items(row)

    def for_seller(self, seller_id: str, status: str | None = None) -> list[BoxRow]:
        clause, params = ("AND status = ?", (seller_id, status)) if status else ("", (seller_id,))
        rows = self.db.query(f"SELECT {_BOX} FROM fba_boxes WHERE seller_id = ? {clause} ORDER BY box_id", params)
        return [self._with_items(r) for r in rows]

    def for_plan(self, plan_id: int) -> list[BoxRow]:
        rows = self.db.query(f"SELECT {_BOX} FROM fba_boxes WHERE plan_id = ? ORDER BY box_id", (plan_id,))
        return [self._with_items(r) for r in rows]

    def units_by_sku(self, seller_id: str, statuses: Sequence[str]) -> dict[str, int]:
        marks = ",".join("?" for _ in statuses)
        rows = self.db.query(
            "SELECT i.sku, SUM(i.quantity) FROM fba_box_items i JOIN fba_boxes b ON b.box_id = i.box_id "
            f"WHERE b.seller_id = ? AND b.status IN ({marks}) GROUP BY i.sku",
            (seller_id, *statuses),
        )
        return {r[0]: int(r[1]) for r in rows}

    def _with_items(self, row: Any) -> BoxRow:
        items = self.db.query("SELECT sku, quantity FROM fba_box_items WHERE box_id = ? ORDER BY sku", (row[0],))
        box = BoxRow(*row[:13])
        return replace(box, case_packed=bool(box.case_packed), items=tuple((i[0], int(i[1])) for i in items))


class InboundPlans:
    def __init__(self, db: Database):
        self.db = db

    def create(self, seller_id: str, marketplace_id: str, name: str, *, now: str, by: str) -> int:
        cur = self.db.execute(
            "INSERT INTO inbound_plans (seller_id, marketplace_id, name, created_at, created_by, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (seller_id, marketplace_id, name, now, by, now),
        )
        return int(cur.lastrowid)

    def update(self, plan_id: int, *, now: str, **fields: str) -> None:
        allowed = {"status", "inbound_plan_id", "packing_option_id", "packing_group_id", "placement_option_id", "error"}
        if not fields or set(fields) - allowed:
            raise ValueError(f"cannot update {sorted(set(fields) - allowed)}")
        sets = ", ".join(f"{k} = ?" for k in fields)
        self.db.execute(
            f"UPDATE inbound_plans SET {sets}, updated_at = ? WHERE plan_id = ?", (*fields.values(), now, plan_id)
        )

    def get(self, plan_id: int) -> PlanRow | None:
        row = self.db.query_one(f"SELECT {_PLAN} FROM inbound_plans WHERE plan_id = ?", (plan_id,))
        return None if row is None else PlanRow(*row)

    def for_seller(self, seller_id: str) -> list[PlanRow]:
        rows = self.db.query(f"SELECT {_PLAN} FROM inbound_plans WHERE seller_id = ? ORDER BY plan_id", (seller_id,))
        return [PlanRow(*r) for r in rows]

    def set_shipment(self, plan_id: int, shipment_id: str, *, confirmation_id: str, status: str,
                     destination: str, now: str) -> None:  # fmt: skip
        self.db.execute(
            "INSERT INTO inbound_shipments (plan_id, shipment_id, confirmation_id, status, destination, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (plan_id, shipment_id) DO UPDATE SET "
            "confirmation_id=excluded.confirmation_id, status=excluded.status, destination=excluded.destination, "
            "updated_at=excluded.updated_at",
            (plan_id, shipment_id, confirmation_id, status, destination, now),
        )

    def shipments(self, plan_id: int) -> list[ShipmentRow]:
        rows = self.db.query(
            "SELECT plan_id, shipment_id, confirmation_id, status, destination, updated_at FROM inbound_shipments "
            "WHERE plan_id = ? ORDER BY shipment_id",
            (plan_id,),
        )
        return [ShipmentRow(*r) for r in rows]

"""What a station joined to a hub keeps about it: the hub's order ids and the orders held here, and the calls
waiting for the hub (a lead's void, a confirmation of a label bought elsewhere). No buyer data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from station.store.db import Database


class HubOrders:
    """Amazon order id -> the hub's order id, and whether this station holds the order (as last heard)."""

    def __init__(self, db: Database):
        self.db = db

    def note(self, order_id: str, hub_order_id: int, held: bool) -> None:
        """Remember one order as the hub's last change said (joins the caller's transaction)."""
        self.db.execute(
            "INSERT INTO hub_orders (order_id, hub_order_id, held) VALUES (?, ?, ?) ON CONFLICT (order_id) "
            "DO UPDATE SET hub_order_id = excluded.hub_order_id, held = excluded.held",
            (order_id, int(hub_order_id), int(held)),
        )

    def set_held(self, order_id: str, held: bool) -> None:
        self.db.execute("UPDATE hub_orders SET held = ? WHERE order_id = ?", (int(held), order_id))

    def ids(self) -> dict[str, int]:
        return {str(r[0]): int(r[1]) for r in self.db.query("SELECT order_id, hub_order_id FROM hub_orders")}

    def held(self) -> set[str]:
        return {str(r[0]) for r in self.db.query("SELECT order_id FROM hub_orders WHERE held = 1")}


@dataclass(frozen=True)
class HubCall:
    request_id: str
    kind: str
    order_id: str
    package_id: int | None
    payload: dict[str, Any]
    status: str
    attempts: int
    last_error: str
    created_by: str


_COLUMNS = "request_id, kind, order_id, package_id, payload, status, attempts, last_error, created_by"


def _call(r: Any) -> HubCall:
    return HubCall(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5], int(r[6]), r[7], r[8])


class HubCalls:
    """Calls that wait for the hub, sent again with the same request id until the hub answers."""

    def __init__(self, db: Database):
        self.db = db

    def park(self, request_id: str, kind: str, order_id: str, package_id: int | None, payload: dict[str, Any],
             *, now: str, by: str) -> None:  # fmt: skip
        """Keep a call for later (joins the caller's transaction); the same request id twice is one call."""
        self.db.execute(
            "INSERT INTO hub_calls (request_id, kind, order_id, package_id, payload, created_at, created_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING",
            (request_id, kind, order_id, package_id, json.dumps(payload, sort_keys=True), now, by),
        )

    def pending(self, kind: str | None = None) -> list[HubCall]:
        query = f"SELECT {_COLUMNS} FROM hub_calls WHERE status = 'pending'"
        args: tuple[Any, ...] = ()
        if kind is not None:
            query, args = query + " AND kind = ?", (kind,)
        return [_call(r) for r in self.db.query(query + " ORDER BY created_at, rowid", args)]

    def for_package(self, package_id: int, kind: str) -> HubCall | None:
        row = self.db.query_one(
            f"SELECT {_COLUMNS} FROM hub_calls WHERE package_id = ? AND kind = ? AND status = 'pending'",
            (package_id, kind),
        )
        return None if row is None else _call(row)

    def finish(self, request_id: str, status: str, error: str = "") -> None:
        """done (the hub acted), failed (the hub refused: a lead looks), or pending again (still waiting)."""
        self.db.execute(
            "UPDATE hub_calls SET status = ?, attempts = attempts + 1, last_error = ? WHERE request_id = ?",
            (status, error[:300], request_id),
        )

    def depth(self) -> int:
        return int(self.db.query_one("SELECT count(*) FROM hub_calls WHERE status = 'pending'")[0])

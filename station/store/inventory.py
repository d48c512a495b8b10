"""The warehouse stock ledger and Amazon's FBA inventory snapshot, per seller and SKU."""

from __future__ import annotations

from collections.abc import Sequence

from station.services.inbound_types import FbaStock
from station.store.db import Database


class StockMoves:
    """Received (+), damaged (not sellable), shipped_in (-) and adjustments; never edited."""

    def __init__(self, db: Database):
        self.db = db

    def add(self, seller_id: str, moves: Sequence[tuple[str, str, int]], *, ref: str, at: str, by: str) -> None:
        """``moves`` are (sku, kind, quantity)."""
        with self.db.transaction() as conn:
            conn.executemany(
                "INSERT INTO stock_moves (seller_id, sku, kind, quantity, ref, at, by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(seller_id, sku, kind, qty, ref, at, by) for sku, kind, qty in moves if qty],
            )

    def totals(self, seller_id: str) -> dict[str, dict[str, int]]:
        """{sku: {kind: quantity}}."""
        rows = self.db.query(
            "SELECT sku, kind, SUM(quantity) FROM stock_moves WHERE seller_id = ? GROUP BY sku, kind", (seller_id,)
        )
        found: dict[str, dict[str, int]] = {}
        for sku, kind, qty in rows:
            found.setdefault(sku, {})[kind] = int(qty)
        return found


class FbaInventory:
    def __init__(self, db: Database):
        self.db = db

    def replace(self, seller_id: str, stock: Sequence[FbaStock], *, now: str) -> None:
        with self.db.transaction() as conn:
            conn.executemany(
                "INSERT INTO fba_inventory (seller_id, sku, fnsku, fulfillable, inbound_working, inbound_shipped, "
                "inbound_receiving, reserved, unfulfillable, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (seller_id, sku) DO UPDATE SET fnsku=excluded.fnsku, fulfillable=excluded.fulfillable, "
                "inbound_working=excluded.inbound_working, inbound_shipped=excluded.inbound_shipped, "
                "inbound_receiving=excluded.inbound_receiving, reserved=excluded.reserved, "
                "unfulfillable=excluded.unfulfillable, updated_at=excluded.updated_at",
                [
                    (seller_id, s.sku, s.fnsku, s.fulfillable, s.inbound_working, s.inbound_shipped,
                     s.inbound_receiving, s.reserved, s.unfulfillable, now)
                    for s in stock
                ],
            )  # fmt: skip

    def for_seller(self, seller_id: str) -> dict[str, FbaStock]:
        rows = self.db.query(
            "SELECT sku, fnsku, fulfillable, inbound_working, inbound_shipped, inbound_receiving, reserved, "
            "unfulfillable FROM fba_inventory WHERE seller_id = ? ORDER BY sku",
            (seller_id,),
        )
        return {r[0]: FbaStock(*r) for r in rows}

"""Prep rules (Amazon prep category) and billable prep service events."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from station.store.db import Database


@dataclass(frozen=True)
class PrepEventRow:
    event_id: int
    seller_id: str
    sku: str
    service: str
    quantity: int
    ref: str
    at: str
    by: str


class PrepDetails:
    """Amazon's prep category per product (the prep types live on the product)."""

    def __init__(self, db: Database):
        self.db = db

    def set(self, seller_id: str, sku: str, category: str, *, source: str, now: str) -> None:
        self.db.execute(
            "INSERT INTO prep_details (seller_id, sku, prep_category, source, updated_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (seller_id, sku) DO UPDATE SET prep_category=excluded.prep_category, "
            "source=excluded.source, updated_at=excluded.updated_at",
            (seller_id, sku, category, source, now),
        )

    def category(self, seller_id: str, sku: str) -> str:
        row = self.db.query_one(
            "SELECT prep_category FROM prep_details WHERE seller_id = ? AND sku = ?", (seller_id, sku)
        )
        return "" if row is None else str(row[0])


class PrepEvents:
    """The billable service ledger: one row per prep action, never edited."""

    def __init__(self, db: Database):
        self.db = db

    def add(self, seller_id: str, sku: str, services: Iterable[tuple[str, int]], *, ref: str, at: str, by: str) -> None:
        rows = [(seller_id, sku, s, q, ref, at, by) for s, q in services if q > 0]
        if not rows:
            return
        with self.db.transaction() as conn:
            conn.executemany(
                "INSERT INTO prep_events (seller_id, sku, service, quantity, ref, at, by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )

    def totals(self, seller_id: str, since: str = "", until: str = "9999") -> dict[str, int]:
        """Quantity per service for a seller in [since, until)."""
        rows = self.db.query(
            "SELECT service, SUM(quantity) FROM prep_events WHERE seller_id = ? AND at >= ? AND at < ? "
            "GROUP BY service ORDER BY service",
            (seller_id, since, until),
        )
        return {r[0]: int(r[1]) for r in rows}

    def units_labelled(self, seller_id: str) -> dict[str, int]:
        rows = self.db.query(
            "SELECT sku, SUM(quantity) FROM prep_events WHERE seller_id = ? AND service = 'fnsku_label' GROUP BY sku",
            (seller_id,),
        )
        return {r[0]: int(r[1]) for r in rows}

    def latest_ref(self, seller_id: str, sku: str, service: str) -> str:
        row = self.db.query_one(
            "SELECT ref FROM prep_events WHERE seller_id = ? AND sku = ? AND service = ? "
            "ORDER BY event_id DESC LIMIT 1",
            (seller_id, sku, service),
        )
        return "" if row is None else str(row[0])

    def for_seller(self, seller_id: str, since: str = "", until: str = "9999") -> list[PrepEventRow]:
        rows = self.db.query(
            "SELECT event_id, seller_id, sku, service, quantity, ref, at, by FROM prep_events "
            "WHERE seller_id = ? AND at >= ? AND at < ? ORDER BY event_id",
            (seller_id, since, until),
        )
        return [PrepEventRow(*r) for r in rows]

"""Sellers, products and their alias barcodes."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from station.domain import Barcode, Product, Seller
from station.store.db import Database

_PRODUCT_COLUMNS = (
    "seller_id, sku, asin, fnsku, title, condition, weight_lb, length_in, width_in, height_in, "
    "prep_types, bin, serial_required, expiry_required"
)


def _product(row: Any) -> Product:
    return Product(
        row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9],
        tuple(json.loads(row[10])), row[11], bool(row[12]), bool(row[13]),
    )  # fmt: skip


@dataclass(frozen=True)
class CodeMatch:
    """A scanned code resolved to a product: how many units one scan counts for."""

    seller_id: str
    sku: str
    multiplier: int
    kind: str


class Sellers:
    def __init__(self, db: Database):
        self.db = db

    def add(self, seller: Seller, *, now: str) -> None:
        self.db.execute(
            "INSERT INTO sellers (selling_partner_id, name, region, marketplaces, status, endpoint, "
            "lwa_endpoint, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                seller.selling_partner_id,
                seller.name,
                seller.region,
                json.dumps(list(seller.marketplaces)),
                seller.status,
                seller.endpoint,
                seller.lwa_endpoint,
                now,
            ),
        )

    def get(self, seller_id: str) -> Seller | None:
        row = self.db.query_one(
            "SELECT selling_partner_id, name, region, marketplaces, status, endpoint, lwa_endpoint "
            "FROM sellers WHERE selling_partner_id = ?",
            (seller_id,),
        )
        return None if row is None else Seller(row[0], row[1], row[2], tuple(json.loads(row[3])), *row[4:])

    def list(self) -> list[Seller]:
        rows = self.db.query("SELECT selling_partner_id FROM sellers ORDER BY name, selling_partner_id")
        return [s for s in (self.get(r[0]) for r in rows) if s is not None]

    def set_status(self, seller_id: str, status: str) -> None:
        self.db.execute("UPDATE sellers SET status = ? WHERE selling_partner_id = ?", (status, seller_id))

    def set_last_sync(self, seller_id: str, at: str) -> None:
        self.db.execute("UPDATE sellers SET last_sync_at = ? WHERE selling_partner_id = ?", (at, seller_id))

    def last_sync(self, seller_id: str) -> str | None:
        row = self.db.query_one("SELECT last_sync_at FROM sellers WHERE selling_partner_id = ?", (seller_id,))
        return None if row is None else row[0]

    def delete(self, seller_id: str) -> dict[str, int]:
        """Erase the seller and everything that cascades from it; returns the counts erased."""
        counts: dict[str, int] = {}
        with self.db.transaction() as conn:
            for table, where in (
                ("recipients", "order_id IN (SELECT order_id FROM orders WHERE seller_id = ?)"),
                ("pack_events", "order_id IN (SELECT order_id FROM orders WHERE seller_id = ?)"),
                ("packages", "order_id IN (SELECT order_id FROM orders WHERE seller_id = ?)"),
                ("order_items", "order_id IN (SELECT order_id FROM orders WHERE seller_id = ?)"),
                ("orders", "seller_id = ?"),
                ("barcodes", "seller_id = ?"),
                ("products", "seller_id = ?"),
                ("outbox", "seller_id = ?"),
                ("sync_cursors", "seller_id = ?"),
                ("sellers", "selling_partner_id = ?"),
            ):
                counts[table] = conn.execute(f"DELETE FROM {table} WHERE {where}", (seller_id,)).rowcount
        return counts


class Products:
    def __init__(self, db: Database):
        self.db = db

    def upsert(self, product: Product) -> None:
        p = product
        self.db.execute(
            f"INSERT INTO products ({_PRODUCT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (seller_id, sku) DO UPDATE SET asin=excluded.asin, fnsku=excluded.fnsku, "
            "title=excluded.title, condition=excluded.condition, weight_lb=excluded.weight_lb, "
            "length_in=excluded.length_in, width_in=excluded.width_in, height_in=excluded.height_in, "
            "prep_types=excluded.prep_types, bin=excluded.bin, serial_required=excluded.serial_required, "
            "expiry_required=excluded.expiry_required",
            (
                p.seller_id, p.sku, p.asin, p.fnsku, p.title, p.condition, p.weight_lb, p.length_in,
                p.width_in, p.height_in, json.dumps(list(p.prep_types)), p.bin, int(p.serial_required),
                int(p.expiry_required),
            ),
        )  # fmt: skip

    def get(self, seller_id: str, sku: str) -> Product | None:
        row = self.db.query_one(
            f"SELECT {_PRODUCT_COLUMNS} FROM products WHERE seller_id = ? AND sku = ?", (seller_id, sku)
        )
        return None if row is None else _product(row)

    def for_seller(self, seller_id: str) -> list[Product]:
        rows = self.db.query(f"SELECT {_PRODUCT_COLUMNS} FROM products WHERE seller_id = ? ORDER BY sku", (seller_id,))
        return [_product(r) for r in rows]

    def add_barcodes(self, barcodes: Iterable[Barcode]) -> None:
        with self.db.transaction() as conn:
            conn.executemany(
                "INSERT INTO barcodes (code, seller_id, sku, multiplier, kind) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (code, seller_id, sku) DO UPDATE SET multiplier=excluded.multiplier, kind=excluded.kind",
                [(b.code, b.seller_id, b.sku, b.multiplier, b.kind) for b in barcodes],
            )

    def codes_for(self, seller_id: str, sku: str) -> list[str]:
        """Single-unit alias barcodes of a product (UPC/EAN first)."""
        rows = self.db.query(
            "SELECT code FROM barcodes WHERE seller_id = ? AND sku = ? AND multiplier = 1 ORDER BY kind DESC, code",
            (seller_id, sku),
        )
        return [r[0] for r in rows]

    def resolve(self, code: str, seller_id: str | None = None) -> list[CodeMatch]:
        """Every product a scanned code may mean: alias barcodes, FNSKU, ASIN or the SKU itself."""
        seller_clause = "" if seller_id is None else " AND seller_id = ?2"
        # The FNSKU/ASIN indexes are partial (non-empty values): the `!= ''` terms let the planner use
        # them, and the unary `+` keeps it from preferring the primary key's seller_id prefix instead.
        by_seller = "" if seller_id is None else " AND +seller_id = ?2"
        params: tuple[Any, ...] = (code,) if seller_id is None else (code, seller_id)
        rows = self.db.query(
            f"SELECT seller_id, sku, multiplier, kind FROM barcodes WHERE code = ?1{seller_clause} "
            f"UNION SELECT seller_id, sku, 1, 'fnsku' FROM products WHERE fnsku = ?1 AND fnsku != ''{by_seller} "
            f"UNION SELECT seller_id, sku, 1, 'sku' FROM products WHERE sku = ?1{seller_clause} "
            f"UNION SELECT seller_id, sku, 1, 'asin' FROM products WHERE asin = ?1 AND asin != ''{by_seller}",
            params,
        )
        return [CodeMatch(r[0], r[1], r[2], r[3]) for r in rows]

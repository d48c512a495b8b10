"""Packages (boxes) of an order: items, weight, the purchased label and its tracking."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from station.errors import BuyerDataLocked
from station.i18n import N_
from station.ports import BuyerCodec
from station.store.db import Database

log = logging.getLogger(__name__)
# A label document sealed under its seller's key (a hub seller's: it prints the buyer's address) starts with
# this; no label format does (ZPL, PDF, PNG, TSPL and ESC/POS never begin with a NUL byte).
SEALED_LABEL = b"\x00pps-sealed-label\x00"

_COLUMNS = (
    "package_id, order_id, box_no, status, carrier, service, tracking, shipment_id, label_format, cost, "
    "currency, weight_lb, length_in, width_in, height_in, idempotency_key, created_at, created_by"
)


@dataclass(frozen=True)
class PackageRow:
    package_id: int
    order_id: str
    box_no: int
    status: str
    carrier: str
    service: str
    tracking: str
    shipment_id: str
    label_format: str
    cost: float
    currency: str
    weight_lb: float
    length_in: float
    width_in: float
    height_in: float
    idempotency_key: str | None
    created_at: str
    created_by: str
    items: tuple[tuple[str, int], ...] = field(default=())


class Packages:
    def __init__(self, db: Database):
        self.db = db
        self.codec: BuyerCodec | None = None  # as Orders.codec: seals a hub seller's label documents

    def create(
        self,
        order_id: str,
        box_no: int,
        items: Sequence[tuple[str, int]],
        *,
        weight_lb: float,
        dims_in: tuple[float, float, float],
        idempotency_key: str,
        status: str,
        now: str,
        by: str,
    ) -> int:
        """A new box with its items; the idempotency key is reused for the label purchase."""
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO packages (order_id, box_no, status, weight_lb, length_in, width_in, height_in, "
                "idempotency_key, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (order_id, box_no, status, weight_lb, *dims_in, idempotency_key, now, by),
            )
            package_id = int(cur.lastrowid)
            conn.executemany(
                "INSERT INTO package_items (package_id, order_item_id, quantity) VALUES (?, ?, ?)",
                [(package_id, item_id, qty) for item_id, qty in items if qty > 0],
            )
        return package_id

    def set_label(
        self,
        package_id: int,
        *,
        carrier: str,
        service: str,
        tracking: str,
        shipment_id: str,
        label_format: str,
        label_document: bytes,
        cost: float,
        currency: str,
    ) -> None:
        label_document = self._sealed(package_id, label_document)
        self.db.execute(
            "UPDATE packages SET status = 'labelled', carrier = ?, service = ?, tracking = ?, shipment_id = ?, "
            "label_format = ?, label_document = ?, cost = ?, currency = ? WHERE package_id = ?",
            (carrier, service, tracking, shipment_id, label_format, label_document, cost, currency, package_id),
        )

    def set_hub_label(self, package_id: int, label_id: int) -> None:
        """The hub's ledger id of the label bought through it (a void goes to the hub with it)."""
        self.db.execute("UPDATE packages SET hub_label_id = ? WHERE package_id = ?", (int(label_id), package_id))

    def hub_label(self, package_id: int) -> int | None:
        row = self.db.query_one("SELECT hub_label_id FROM packages WHERE package_id = ?", (package_id,))
        return None if row is None or row[0] is None else int(row[0])

    def set_status(self, package_id: int, status: str) -> None:
        self.db.execute("UPDATE packages SET status = ? WHERE package_id = ?", (status, package_id))

    def get(self, package_id: int) -> PackageRow | None:
        row = self.db.query_one(f"SELECT {_COLUMNS} FROM packages WHERE package_id = ?", (package_id,))
        return None if row is None else self._with_items(row)

    def for_order(self, order_id: str) -> list[PackageRow]:
        rows = self.db.query(
            f"SELECT {_COLUMNS} FROM packages WHERE order_id = ? ORDER BY box_no, package_id", (order_id,)
        )
        return [self._with_items(r) for r in rows]

    def with_status(self, status: str) -> list[PackageRow]:
        rows = self.db.query(f"SELECT {_COLUMNS} FROM packages WHERE status = ? ORDER BY package_id", (status,))
        return [self._with_items(r) for r in rows]

    def shipped_between(self, since: str, until: str) -> list[PackageRow]:
        rows = self.db.query(
            f"SELECT {_COLUMNS} FROM packages WHERE status IN ('labelled', 'shipped') AND created_at >= ? "
            "AND created_at < ? ORDER BY carrier, package_id",
            (since, until),
        )
        return [self._with_items(r) for r in rows]

    def label_document(self, package_id: int) -> bytes | None:
        """The box's label document (it prints the address: a hub seller's is opened with its key, and
        BuyerDataLocked is raised when that key is not held)."""
        row = self.db.query_one(
            "SELECT p.label_document, p.order_id, o.seller_id FROM packages p JOIN orders o ON o.order_id = p.order_id "
            "WHERE p.package_id = ?",
            (package_id,),
        )
        if row is None or row[0] is None:
            return None
        document = bytes(row[0])
        if not document.startswith(SEALED_LABEL):
            return document
        if self.codec is None:
            raise BuyerDataLocked(N_("This order's buyer data is sealed and this program holds no seller keys"))
        return self.codec.open_bytes(row[2], row[1], f"label.{package_id}", document[len(SEALED_LABEL) :])

    def _sealed(self, package_id: int, document: bytes) -> bytes:
        """The document as stored: sealed for a hub seller. With no key held it is not kept at all (buyer data
        is never stored readable for such a seller); the label itself is bought and recorded either way."""
        row = self.db.query_one(
            "SELECT p.order_id, o.seller_id FROM packages p JOIN orders o ON o.order_id = p.order_id "
            "WHERE p.package_id = ?",
            (package_id,),
        )
        if not document or row is None or self.codec is None or not self.codec.seals(row[1]):
            return document
        try:
            return SEALED_LABEL + self.codec.seal_bytes(row[1], row[0], f"label.{package_id}", document)
        except BuyerDataLocked:
            log.warning("label document not kept: no key held for its seller")
            return b""

    def _with_items(self, row: Any) -> PackageRow:
        items = self.db.query(
            "SELECT order_item_id, quantity FROM package_items WHERE package_id = ? ORDER BY order_item_id", (row[0],)
        )
        fields = (*tuple(row), tuple((i[0], int(i[1])) for i in items))
        return PackageRow(*fields)

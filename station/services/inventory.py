"""Inventory coordination per seller and SKU: the warehouse's counts beside Amazon's FBA inventory."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass

from station.clock import utcnow_iso
from station.errors import UsageError
from station.ports import Clock, FbaInbound
from station.services.audit import AuditTrail
from station.services.auth import AuthService, Session
from station.services.inbound_types import FbaStock
from station.store import Store

STATEMENT_COLUMNS = (
    "sku", "fnsku", "title", "received", "damaged", "shipped_in", "on_hand", "awaiting_prep", "in_prep", "in_boxes",
    "fba_fulfillable", "fba_inbound_working", "fba_inbound_shipped", "fba_inbound_receiving", "fba_reserved",
    "fba_unfulfillable",
)  # fmt: skip


@dataclass(frozen=True)
class StockLine:
    """One SKU: warehouse counts (on_hand = received - shipped_in) and Amazon's counts."""

    sku: str
    fnsku: str
    title: str
    received: int
    damaged: int
    shipped_in: int
    on_hand: int
    awaiting_prep: int
    in_prep: int  # labelled/prepped, not yet in a box
    in_boxes: int  # in open or closed boxes not yet shipped
    fba_fulfillable: int = 0
    fba_inbound_working: int = 0
    fba_inbound_shipped: int = 0
    fba_inbound_receiving: int = 0
    fba_reserved: int = 0
    fba_unfulfillable: int = 0


class InventoryService:
    def __init__(self, store: Store, auth: AuthService, audit: AuditTrail, clock: Clock):
        self.store = store
        self.auth = auth
        self.audit = audit
        self.clock = clock
        self.upstream: FbaInbound | None = None

    def position(self, session: Session, seller_id: str) -> list[StockLine]:
        """Per SKU, side by side: what the warehouse holds and what Amazon reports."""
        self.auth.authorize(session, "inventory.view", target=seller_id)
        return self._lines(seller_id)

    def _lines(self, seller_id: str) -> list[StockLine]:
        moves = self.store.stock_moves.totals(seller_id)
        boxed = self.store.fba_boxes.units_by_sku(seller_id, ("open", "closed"))
        labelled = self.store.prep_events.units_labelled(seller_id)
        fba = self.store.fba_inventory.for_seller(seller_id)
        products = {p.sku: p for p in self.store.products.for_seller(seller_id)}
        lines = []
        for sku in sorted(set(moves) | set(fba) | set(boxed)):
            kinds = moves.get(sku, {})
            received, shipped = kinds.get("received", 0) + kinds.get("adjust", 0), kinds.get("shipped_in", 0)
            on_hand = received - shipped
            in_boxes = boxed.get(sku, 0)
            in_prep = max(0, min(on_hand - in_boxes, labelled.get(sku, 0) - in_boxes - shipped))
            stock = fba.get(sku, FbaStock(sku))
            product = products.get(sku)
            lines.append(StockLine(
                sku, (product.fnsku if product else "") or stock.fnsku, product.title if product else "",
                received, kinds.get("damaged", 0), shipped, on_hand, max(0, on_hand - in_boxes - in_prep), in_prep,
                in_boxes, stock.fulfillable, stock.inbound_working, stock.inbound_shipped, stock.inbound_receiving,
                stock.reserved, stock.unfulfillable,
            ))  # fmt: skip
        return lines

    def refresh_fba(self, session: Session, seller_id: str, marketplace_id: str = "") -> int:
        """Read Amazon's FBA inventory summaries for the seller; returns the SKUs updated."""
        self.auth.authorize(session, "inventory.sync", target=seller_id)
        if self.upstream is None:
            raise UsageError("This station is not connected to Amazon (SP-API) — connect it, then try again")
        seller = self.store.sellers.get(seller_id)
        marketplace = marketplace_id or (seller.marketplaces[0] if seller and seller.marketplaces else "")
        stock = self.upstream.inventory(seller_id, marketplace)
        self.store.fba_inventory.replace(seller_id, stock, now=utcnow_iso(self.clock))
        self.audit.record(session.name, "inventory.refreshed", target=seller_id, skus=len(stock))
        return len(stock)

    def statement_csv(self, session: Session, seller_id: str) -> str:
        """The seller-facing statement as CSV (no PII: products and counts only)."""
        self.auth.authorize(session, "prep.statement.export", target=seller_id)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=STATEMENT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for line in self._lines(seller_id):
            writer.writerow(asdict(line))
        self.audit.record(session.name, "inventory.statement.exported", target=seller_id, format="csv")
        return out.getvalue()

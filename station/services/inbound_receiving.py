"""Receiving a seller's delivery: expected lines (CSV or entered), scans, over/short/damaged, the receipt."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from station.clock import utcnow_iso
from station.errors import Conflict, NotFound, UsageError
from station.i18n import N_, T_
from station.ports import Clock
from station.services.audit import AuditTrail
from station.services.auth import AuthService, Session
from station.services.catalog_import import RowError
from station.store import Store
from station.store.inbound import DeliveryLine, DeliveryRow

MAX_CODE_LENGTH = 128


class ReceiveOutcome(StrEnum):
    GOOD = "good"
    OVER = "over"  # more than expected (still received)
    UNEXPECTED = "unexpected"  # a known product the delivery did not list (still received)
    DAMAGED = "damaged"
    UNKNOWN = "unknown"  # not in the seller's catalogue: nothing recorded


@dataclass(frozen=True)
class ReceiveResult:
    outcome: ReceiveOutcome
    message: str
    sku: str = ""
    units: int = 0
    line: DeliveryLine | None = None


@dataclass(frozen=True)
class Receipt:
    """What the seller gets back: per SKU expected, received, damaged, short, over."""

    delivery: DeliveryRow
    seller_name: str

    @property
    def totals(self) -> dict[str, int]:
        lines = self.delivery.lines
        return {
            "expected": sum(x.expected for x in lines), "received": sum(x.received for x in lines),
            "damaged": sum(x.damaged for x in lines), "short": sum(x.short for x in lines),
            "over": sum(x.over for x in lines),
        }  # fmt: skip

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["delivery", "reference", "sku", "expected", "received", "damaged", "short", "over"])
        d = self.delivery
        for x in d.lines:
            writer.writerow([d.delivery_id, d.reference, x.sku, x.expected, x.received, x.damaged, x.short, x.over])
        return out.getvalue()


class ReceivingService:
    def __init__(self, store: Store, auth: AuthService, audit: AuditTrail, clock: Clock):
        self.store = store
        self.auth = auth
        self.audit = audit
        self.clock = clock

    def expect(self, session: Session, seller_id: str, reference: str, lines: Sequence[tuple[str, int]]) -> int:
        """Record an expected delivery; every SKU must be in the seller's catalogue."""
        self.auth.authorize(session, "receiving.create", target=seller_id)
        if self.store.sellers.get(seller_id) is None:
            raise NotFound(T_("No seller {0} on this station", seller_id))
        unknown = [sku for sku, _ in lines if self.store.products.get(seller_id, sku) is None]
        if unknown:
            raise UsageError(f"Not in the seller's catalogue: {', '.join(unknown[:10])} — import the catalogue first")
        if any(q <= 0 for _, q in lines):
            raise UsageError(N_("Expected quantities must be positive"))
        delivery_id = self.store.deliveries.create(seller_id, reference, lines, now=self._now(), by=session.name)
        self.audit.record(session.name, "receiving.expected", target=str(delivery_id), seller=seller_id,
                          skus=len(lines), units=sum(q for _, q in lines))  # fmt: skip
        return delivery_id

    def expect_csv(
        self, session: Session, seller_id: str, reference: str, text: str
    ) -> tuple[int | None, list[RowError]]:
        """An expected delivery from a seller's CSV (SKU or UPC/EAN/FNSKU, quantity); nothing is saved on errors."""
        self.auth.authorize(session, "receiving.create", target=seller_id)
        reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
        header = [h.strip().lower() for h in next(reader, [])]
        try:
            code_col = next(
                i for i, h in enumerate(header) if h in ("sku", "msku", "seller sku", "upc", "ean", "fnsku")
            )
            qty_col = next(i for i, h in enumerate(header) if h in ("quantity", "qty", "units", "expected"))
        except StopIteration:
            raise UsageError(N_("The CSV needs a SKU column and a quantity column")) from None
        errors: list[RowError] = []
        lines: dict[str, int] = {}
        for number, row in enumerate(reader, start=2):
            if not any(c.strip() for c in row):
                continue
            code = row[code_col].strip() if code_col < len(row) else ""
            raw_qty = row[qty_col].strip() if qty_col < len(row) else ""
            sku = self._resolve_one(seller_id, code)
            if sku is None:
                errors.append(RowError(number, code, "sku", "not in the seller's catalogue"))
                continue
            if not raw_qty.isdigit() or int(raw_qty) <= 0:
                errors.append(RowError(number, sku, "quantity", f"{raw_qty!r} is not a positive whole number"))
                continue
            lines[sku] = lines.get(sku, 0) + int(raw_qty)
        if errors or not lines:
            return None, errors or [RowError(1, "", "file", "no lines")]
        return self.expect(session, seller_id, reference, sorted(lines.items())), []

    def receive(self, session: Session, delivery_id: int, code: str, *, damaged: bool = False,
                quantity: int = 1) -> ReceiveResult:  # fmt: skip
        """One scan at the receiving bench; case-pack barcodes count their multiplier."""
        self.auth.authorize(session, "receiving.receive", target=str(delivery_id))
        delivery = self._open(delivery_id)
        code = code.strip()[:MAX_CODE_LENGTH]
        sku = self._resolve_one(delivery.seller_id, code)
        if sku is None:
            message = f"{code} is not in this seller's catalogue — set the unit aside for the lead"
            return ReceiveResult(ReceiveOutcome.UNKNOWN, message)
        multiplier = max(m.multiplier for m in self.store.products.resolve(code, delivery.seller_id) if m.sku == sku)
        units = multiplier * max(1, quantity)
        before = next((x for x in delivery.lines if x.sku == sku), None)
        now = self._now()
        with self.store.transaction():
            self.store.deliveries.count(
                delivery_id, sku, received=0 if damaged else units, damaged=units if damaged else 0
            )
            self.store.stock_moves.add(delivery.seller_id, [(sku, "damaged" if damaged else "received", units)],
                                       ref=f"delivery:{delivery_id}", at=now, by=session.name)  # fmt: skip
        line = next(x for x in self._get(delivery_id).lines if x.sku == sku)
        if damaged:
            outcome, message = ReceiveOutcome.DAMAGED, f"{sku}: {units} damaged recorded"
            self.audit.record(session.name, "receiving.damaged", target=str(delivery_id), sku=sku, units=units)
        elif before is None or before.expected == 0:
            outcome, message = ReceiveOutcome.UNEXPECTED, f"{sku} was not expected in this delivery — received anyway"
        elif line.received + line.damaged > line.expected:
            outcome, message = ReceiveOutcome.OVER, f"{sku}: over — {line.received} received, {line.expected} expected"
        else:
            outcome, message = ReceiveOutcome.GOOD, f"{sku}: {line.received} of {line.expected}"
        return ReceiveResult(outcome, message, sku, units, line)

    def close(self, session: Session, delivery_id: int) -> Receipt:
        """Close the delivery; shortages and overs are final and go on the receipt."""
        self.auth.authorize(session, "receiving.close", target=str(delivery_id))
        delivery = self._open(delivery_id)
        self.store.deliveries.close(delivery_id, now=self._now(), by=session.name)
        receipt = self.receipt(session, delivery_id)
        t = receipt.totals
        self.audit.record(session.name, "receiving.closed", target=str(delivery_id), seller=delivery.seller_id,
                          expected=t["expected"], received=t["received"], damaged=t["damaged"], short=t["short"],
                          over=t["over"])  # fmt: skip
        return receipt

    def receipt(self, session: Session, delivery_id: int) -> Receipt:
        self.auth.authorize(session, "receiving.receive", target=str(delivery_id))
        delivery = self._get(delivery_id)
        seller = self.store.sellers.get(delivery.seller_id)
        return Receipt(delivery, seller.name if seller else delivery.seller_id)

    def open_deliveries(self, session: Session, seller_id: str) -> list[DeliveryRow]:
        """The seller's deliveries still being received."""
        self.auth.authorize(session, "receiving.receive", target=seller_id)
        return [self._get(d) for d in self.store.deliveries.open_for(seller_id)]

    def delivery(self, session: Session, delivery_id: int) -> DeliveryRow:
        self.auth.authorize(session, "receiving.receive", target=str(delivery_id))
        return self._get(delivery_id)

    def _resolve_one(self, seller_id: str, code: str) -> str | None:
        skus = {m.sku for m in self.store.products.resolve(code, seller_id)}
        return next(iter(skus)) if len(skus) == 1 else None

    def _get(self, delivery_id: int) -> DeliveryRow:
        found = self.store.deliveries.get(delivery_id)
        if found is None:
            raise NotFound(T_("No delivery {0}", delivery_id))
        return found

    def _open(self, delivery_id: int) -> DeliveryRow:
        found = self._get(delivery_id)
        if found.status != "open":
            raise Conflict(T_("Delivery {0} is closed — open a new one for late units", delivery_id))
        return found

    def _now(self) -> str:
        return utcnow_iso(self.clock)

"""The pack workflow: open an order, verify every scan, quantities, serials, exceptions.

Scanned counts are derived from the pack events (every scan is recorded before it is shown),
so a crash or a restart never loses or double-counts a unit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum

from station.clock import utcnow_iso
from station.domain import Order, OrderItem, OrderStatus
from station.errors import Conflict, NotFound, UsageError
from station.events import EventBus
from station.i18n import N_, T_
from station.ports import Clock, OrderClaims
from station.services.audit import AuditTrail
from station.services.auth import AuthService, Session
from station.store import Store

OPENABLE = (OrderStatus.UNSHIPPED, OrderStatus.IN_PROGRESS)
EXCEPTION_REASONS = {
    "short": N_("Item short: not enough units in the bin"),
    "damaged": N_("Item damaged"),
    "wrong_item_in_bin": N_("Wrong item in the bin"),
    "address": N_("Address problem"),
    "other": N_("Other problem"),
}
MAX_CODE_LENGTH = 128


class ScanOutcome(StrEnum):
    GOOD = "good"
    COMPLETE = "complete"  # the scan that completed the order
    WRONG_ITEM = "wrong_item"
    OVER_SCAN = "over_scan"
    UNKNOWN = "unknown"
    NEEDS_SERIAL = "needs_serial"


class OrderCancelled(Conflict):
    """The order was cancelled upstream: the packer must stop."""

    def __init__(self, order_id: str):
        super().__init__(
            T_(
                "Order {0} was cancelled by the buyer — stop packing, return the items to their bins, "
                "then scan the next order",
                order_id,
            )
        )
        self.order_id = order_id


@dataclass(frozen=True)
class PackLine:
    item: OrderItem
    scanned: int
    bin: str
    code: str  # the barcode to show for this line (UPC/EAN, else FNSKU, else SKU)
    serials: tuple[str, ...] = ()

    @property
    def remaining(self) -> int:
        return max(0, self.item.quantity - self.scanned)

    @property
    def done(self) -> bool:
        return self.scanned >= self.item.quantity


@dataclass(frozen=True)
class PackState:
    order: Order
    lines: tuple[PackLine, ...]
    held_by: str
    lead_note: str = ""  # the note of the lead who last resolved an exception on this order

    @property
    def units_expected(self) -> int:
        return sum(line.item.quantity for line in self.lines)

    @property
    def units_scanned(self) -> int:
        return sum(min(line.scanned, line.item.quantity) for line in self.lines)

    @property
    def complete(self) -> bool:
        return all(line.done for line in self.lines)


NOTE_MAX = 500


def _clean_note(note: str) -> str:
    """A lead's note as plain one-paragraph text, bounded (shown to packers, never as markup)."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in note).split())
    return text[:NOTE_MAX]


@dataclass(frozen=True)
class ScanResult:
    outcome: ScanOutcome
    message: str
    state: PackState
    line_index: int | None = None
    units: int = 0


class PackService:
    def __init__(self, store: Store, auth: AuthService, audit: AuditTrail, clock: Clock, bus: EventBus):
        self.store = store
        self.auth = auth
        self.audit = audit
        self.clock = clock
        self.bus = bus
        self.claims: OrderClaims | None = None  # the hub's claims when the station joined one (ui/wiring)

    # -- opening -------------------------------------------------------------------------
    def open_order(self, session: Session, order_id: str) -> PackState:
        """Open an order for packing and hold it for this packer."""
        self.auth.authorize(session, "order.open", target=order_id)
        order_id = order_id.strip()
        status = self.store.orders.status(order_id)
        if status is None:
            raise NotFound(T_("No order {0} on this station — check the pick list, or sync", order_id))
        if status == OrderStatus.CANCELLED:
            raise OrderCancelled(order_id)
        if status == OrderStatus.SHIPPED:
            raise Conflict(T_("Order {0} has shipped already", order_id))
        if status == OrderStatus.EXCEPTION:
            raise Conflict(T_("Order {0} is in the exception queue — a lead must resolve it first", order_id))
        if status == OrderStatus.AWAITING_LABEL:
            raise Conflict(T_("Order {0} is packed and waiting for its label", order_id))
        if status not in OPENABLE:
            raise Conflict(T_("Order {0} is not ready to ship yet ({1})", order_id, status))
        holder = self.store.orders.hold(order_id, session.name, now=self._now())
        if holder != session.name:
            raise Conflict(T_("Order {0} is being packed by {1}", order_id, holder))
        if self.claims is not None and status != OrderStatus.IN_PROGRESS:
            try:  # the hub decides across stations; a refusal gives the local hold back
                self.claims.claim(order_id, session.name)
            except Exception:
                self.store.orders.release(order_id)
                raise
        with self.store.transaction():
            if status != OrderStatus.IN_PROGRESS:
                self.store.orders.set_status(order_id, OrderStatus.IN_PROGRESS, now=self._now())
            self.audit.record(session.name, "order.opened", target=order_id)
        self.bus.publish("order.opened", order_id=order_id, operator=session.name)
        return self.state(order_id)

    def next_order(self, session: Session, *, seller_id: str | None = None) -> PackState:
        """Open the most urgent order nobody holds (earliest ship-by)."""
        self.auth.authorize(session, "order.open")
        mine = [o for o in self.store.orders.held_by(session.name) if self.store.orders.status(o) == "in_progress"]
        if mine:
            return self.state(mine[0])
        for row in self.store.orders.queue(statuses=("unshipped",), seller_id=seller_id, limit=50):
            if row.held_by is None:
                try:
                    return self.open_order(session, row.order_id)
                except Conflict:
                    continue
        raise NotFound(N_("No orders waiting — the queue is empty"))

    def release(self, session: Session, order_id: str) -> None:
        """Give the order back to the queue (scans are kept)."""
        self.auth.authorize(session, "order.release", target=order_id)
        self._require_holder(session, order_id)
        with self.store.transaction():
            self.store.orders.release(order_id)
            if self.store.orders.status(order_id) == OrderStatus.IN_PROGRESS:
                self.store.orders.set_status(order_id, OrderStatus.UNSHIPPED, now=self._now())
            self.audit.record(session.name, "order.released", target=order_id)
        if self.claims is not None:
            self.claims.release(order_id)

    # -- scanning ------------------------------------------------------------------------
    def scan(self, session: Session, order_id: str, code: str) -> ScanResult:
        """Verify one scanned unit (or case pack) against the open order and record it."""
        self.auth.authorize(session, "order.pack", target=order_id)
        code = code.strip()
        if not code or len(code) > MAX_CODE_LENGTH or not code.isprintable():
            return self._record(session, order_id, code[:MAX_CODE_LENGTH] or "?", ScanOutcome.UNKNOWN,
                                "That scan was not a readable barcode — scan again")  # fmt: skip
        order = self._open_order(session, order_id)
        state = self._state(order, session.name)
        matches = self._matches(order, code)
        if not matches:
            return self._record(session, order_id, code, ScanOutcome.WRONG_ITEM, self._wrong_message(code, state))
        # Prefer a line that still needs units.
        matches.sort(key=lambda m: state.lines[m[0]].done)
        index, multiplier = matches[0]
        line = state.lines[index]
        if line.scanned + multiplier > line.item.quantity:
            return self._record(
                session, order_id, code, ScanOutcome.OVER_SCAN,
                T_("Too many: {0} needs {1}, already {2} — put this one back",
                   line.item.title[:60], line.item.quantity, line.scanned), line_index=index,
            )  # fmt: skip
        if line.item.serial_required:
            if multiplier != 1:
                message = N_("This item needs a serial per unit — scan single units")
                return self._record(session, order_id, code, ScanOutcome.WRONG_ITEM, message, line_index=index)
            return self._record(session, order_id, code, ScanOutcome.NEEDS_SERIAL,
                                N_("Scan the serial number of this unit"), line_index=index,
                                detail={"item": line.item.order_item_id})  # fmt: skip
        return self._count(session, order_id, code, index, multiplier, state)

    def add_units(self, session: Session, order_id: str, order_item_id: str, units: int) -> ScanResult:
        """Quantity entry: count many units of one line at once (after one verifying scan)."""
        self.auth.authorize(session, "order.pack", target=order_id)
        if units <= 0 or units > 10_000:
            raise UsageError(N_("Enter a quantity between 1 and 10000"))
        order = self._open_order(session, order_id)
        state = self._state(order, session.name)
        index = self._line_index(state, order_item_id)
        line = state.lines[index]
        if line.item.serial_required:
            raise UsageError(N_("This item needs a serial per unit — scan each unit"))
        if line.scanned + units > line.item.quantity:
            return self._record(session, order_id, f"qty:{units}", ScanOutcome.OVER_SCAN,
                                T_("Only {0} more needed for this line", line.remaining), line_index=index)  # fmt: skip
        return self._count(session, order_id, f"qty:{units}", index, units, state)

    def capture_serial(self, session: Session, order_id: str, order_item_id: str, serial: str) -> ScanResult:
        """Record the serial number of one unit of a serial-tracked line; that unit then counts."""
        self.auth.authorize(session, "order.pack", target=order_id)
        serial = serial.strip()
        if not serial or len(serial) > 64 or not serial.isprintable():
            raise UsageError(N_("That serial number is not readable — scan it again"))
        order = self._open_order(session, order_id)
        state = self._state(order, session.name)
        index = self._line_index(state, order_item_id)
        line = state.lines[index]
        if serial in line.serials:
            return self._record(session, order_id, serial, ScanOutcome.OVER_SCAN,
                                "That serial number was scanned already", line_index=index)  # fmt: skip
        if line.done:
            return self._record(session, order_id, serial, ScanOutcome.OVER_SCAN,
                                "This line is complete", line_index=index)  # fmt: skip
        return self._count(session, order_id, serial, index, 1, state, serial=serial)

    def reset_scans(self, session: Session, order_id: str) -> PackState:
        """Start the count again (e.g. after an exception was resolved with a re-pick)."""
        self.auth.authorize(session, "order.pack", target=order_id)
        self._open_order(session, order_id)
        self.store.pack_events.record(order_id, session.name, "reset", "reset", at=self._now())
        self.audit.record(session.name, "order.scans_reset", target=order_id)
        return self.state(order_id)

    # -- exceptions ----------------------------------------------------------------------
    def raise_exception(self, session: Session, order_id: str, reason: str, note: str = "") -> None:
        """Move the order to the exception queue with a reason; a lead resolves it."""
        self.auth.authorize(session, "order.exception.raise", target=order_id)
        if reason not in EXCEPTION_REASONS:
            raise UsageError(T_("Choose a reason: {0}", ", ".join(EXCEPTION_REASONS)))
        if self.store.orders.status(order_id) not in (OrderStatus.IN_PROGRESS, OrderStatus.UNSHIPPED):
            raise Conflict(N_("Only an open order can be moved to the exception queue"))
        text = EXCEPTION_REASONS[reason] + (f": {note.strip()[:200]}" if note.strip() else "")
        with self.store.transaction():
            self.store.orders.set_status(order_id, OrderStatus.EXCEPTION, now=self._now(), reason=text)
            self.store.pack_events.record(order_id, session.name, "exception", reason, at=self._now())
            self.audit.record(session.name, "order.exception_raised", target=order_id, reason=reason)
        self.bus.publish("order.exception", order_id=order_id, reason=reason)

    def exceptions(self, session: Session) -> list[tuple[str, str, str]]:
        """(order_id, seller_id, reason) of every order in the exception queue."""
        self.auth.authorize(session, "order.exception.resolve")
        rows = self.store.orders.queue(statuses=("exception",), limit=1000)
        return [(r.order_id, r.seller_id, self.store.orders.exception_reason(r.order_id) or "") for r in rows]

    def exception_history(self, session: Session, order_id: str) -> list[tuple[str, str, str, str]]:
        """(at, operator, code, result) of every pack event of an order in the exception queue."""
        self.auth.authorize(session, "order.exception.resolve", target=order_id)
        return [(at, op, code, result) for at, op, code, result, _detail in self.store.pack_events.for_order(order_id)]

    def resolve_exception(self, session: Session, order_id: str, action: str, note: str = "") -> None:
        """Lead: ``requeue`` (back to packing, scans kept), ``repick`` (count from zero) or ``cancel``."""
        self.auth.authorize(session, "order.exception.resolve", target=order_id)
        if self.store.orders.status(order_id) != OrderStatus.EXCEPTION:
            raise Conflict(N_("That order is not in the exception queue"))
        if action not in ("requeue", "repick", "cancel"):
            raise UsageError(N_("Resolve with requeue, repick or cancel"))
        now = self._now()
        with self.store.transaction():
            if action == "cancel":
                self.store.orders.set_status(order_id, OrderStatus.CANCELLED, now=now, reason="cancelled by lead")
            else:
                self.store.orders.set_status(order_id, OrderStatus.UNSHIPPED, now=now)
                if action == "repick":
                    self.store.pack_events.record(order_id, session.name, "reset", "reset", at=now)
            # The lead's note travels with the order: the packer sees it when the order is opened again.
            detail = json.dumps({"note": _clean_note(note)}) if _clean_note(note) else ""
            self.store.pack_events.record(order_id, session.name, "resolved", action, at=now, detail=detail)
            self.audit.record(session.name, "order.exception_resolved", target=order_id, resolution=action,
                              noted=bool(note.strip()))  # fmt: skip
        self.bus.publish("order.exception_resolved", order_id=order_id, action=action)

    # -- state ---------------------------------------------------------------------------
    def state(self, order_id: str) -> PackState:
        order = self.store.orders.get(order_id)
        if order is None:
            raise NotFound(T_("No order {0}", order_id))
        return self._state(order, self.store.orders.holder(order_id) or "")

    def _state(self, order: Order, holder: str) -> PackState:
        counts, serials, note = self._counts(order.order_id)
        lines = []
        for item in order.items:
            product = self.store.products.get(order.seller_id, item.sku)
            code = self._display_code(order.seller_id, item, product.fnsku if product else "")
            lines.append(
                PackLine(
                    item=item,
                    scanned=counts.get(item.order_item_id, 0),
                    bin=product.bin if product else "",
                    code=code,
                    serials=tuple(serials.get(item.order_item_id, ())),
                )
            )
        return PackState(order, tuple(lines), holder, note)

    def _display_code(self, seller_id: str, item: OrderItem, fnsku: str) -> str:
        codes = self.store.products.codes_for(seller_id, item.sku)
        return codes[0] if codes else (fnsku or item.sku)

    def _counts(self, order_id: str) -> tuple[dict[str, int], dict[str, list[str]], str]:
        """Units and serials per line, and the latest lead's note (one read of the order's events)."""
        counts: dict[str, int] = {}
        serials: dict[str, list[str]] = {}
        note = ""
        for _at, _op, code, result, detail in self.store.pack_events.for_order(order_id):
            if code == "resolved" and result in ("requeue", "repick", "cancel"):
                note = str(json.loads(detail).get("note", "")) if detail else ""
            elif result == "reset":
                counts, serials = {}, {}
            elif result in (ScanOutcome.GOOD, ScanOutcome.COMPLETE) and detail:
                data = json.loads(detail)
                item = data["item"]
                counts[item] = counts.get(item, 0) + int(data["units"])
                if data.get("serial"):
                    serials.setdefault(item, []).append(data["serial"])
        return counts, serials, note

    def _matches(self, order: Order, code: str) -> list[tuple[int, int]]:
        """(line index, units per scan) for every order line the code may mean."""
        resolved = self.store.products.resolve(code, order.seller_id)
        by_sku = {m.sku: m.multiplier for m in resolved}
        found = []
        for index, item in enumerate(order.items):
            if item.sku in by_sku:
                found.append((index, by_sku[item.sku]))
            elif code in (item.sku, item.asin):
                found.append((index, 1))
        return found

    def _wrong_message(self, code: str, state: PackState) -> str:
        waiting = [line for line in state.lines if not line.done]
        expected = waiting[0].item.title[:60] if waiting else N_("nothing more")
        known = self.store.products.resolve(code)
        what = N_("That item is not in this order") if known else N_("Unknown barcode")
        return T_("{0} — expected: {1}", what, expected)

    def _count(
        self, session: Session, order_id: str, code: str, index: int, units: int, state: PackState,
        *, serial: str = "",
    ) -> ScanResult:  # fmt: skip
        line = state.lines[index]
        after = [
            (line.scanned + units if i == index else other.scanned) >= other.item.quantity
            for i, other in enumerate(state.lines)
        ]
        outcome = ScanOutcome.COMPLETE if all(after) else ScanOutcome.GOOD
        detail = {"item": line.item.order_item_id, "units": units}
        if serial:
            detail["serial"] = serial
        message = (
            N_("Order complete — choose the box")
            if outcome == ScanOutcome.COMPLETE
            else T_("{0}: {1} of {2}", line.item.title[:60], line.scanned + units, line.item.quantity)
        )
        result = self._record(session, order_id, code, outcome, message, line_index=index, units=units,
                              detail=detail)  # fmt: skip
        if outcome == ScanOutcome.COMPLETE:
            self.audit.record(session.name, "order.packed", target=order_id, units=result.state.units_scanned)
        return result

    def _record(
        self, session: Session, order_id: str, code: str, outcome: ScanOutcome, message: str, *,
        line_index: int | None = None, units: int = 0, detail: dict[str, object] | None = None,
    ) -> ScanResult:  # fmt: skip
        self.store.pack_events.record(
            order_id, session.name, code, outcome.value, at=self._now(),
            detail=json.dumps(detail) if detail and outcome in (ScanOutcome.GOOD, ScanOutcome.COMPLETE) else "",
        )  # fmt: skip
        order = self.store.orders.get(order_id)
        assert order is not None
        return ScanResult(outcome, message, self._state(order, session.name), line_index, units)

    def _open_order(self, session: Session, order_id: str) -> Order:
        status = self.store.orders.status(order_id)
        if status is None:
            raise NotFound(T_("No order {0}", order_id))
        if status == OrderStatus.CANCELLED:
            raise OrderCancelled(order_id)
        if status != OrderStatus.IN_PROGRESS:
            raise Conflict(T_("Order {0} is not open for packing ({1})", order_id, status))
        self._require_holder(session, order_id)
        order = self.store.orders.get(order_id)
        assert order is not None
        return order

    def _require_holder(self, session: Session, order_id: str) -> None:
        holder = self.store.orders.holder(order_id)
        if holder not in (None, session.name):
            raise Conflict(T_("Order {0} is being packed by {1}", order_id, holder))

    @staticmethod
    def _line_index(state: PackState, order_item_id: str) -> int:
        for index, line in enumerate(state.lines):
            if line.item.order_item_id == order_item_id:
                return index
        raise NotFound(N_("That line is not in this order"))

    def _now(self) -> str:
        return utcnow_iso(self.clock)

"""Boxes, weights, rates, labels: buy (exactly once), print, reprint, void, park offline, manifest."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from station.clock import utcnow_iso
from station.domain import Order, OrderStatus, Parcel, PurchasedLabel, Rate
from station.errors import Conflict, NotFound, UpstreamError, UsageError
from station.events import EventBus
from station.i18n import N_, T_
from station.ports import Clock, LabelPrinter, Marketplace
from station.services.audit import AuditTrail
from station.services.auth import AuthService, Session
from station.services.hub_shipping import HubShipping, VoidResult
from station.services.outbox_entries import confirmation_key, enqueue_confirmation, enqueue_label_cancellation
from station.services.pack import OrderCancelled
from station.store import Store
from station.store.packages import PackageRow
from station.zpl_sanitize import clean_label_document

log = logging.getLogger(__name__)
MAX_BOX_WEIGHT_LB = 150.0
# Boxes whose idempotency key may have bought a label: never voided or replaced by re-boxing.
COMMITTED_BOX_STATUSES = ("purchasing", "labelled", "shipped")
SHIP_FROM_REQUIRED = ("name", "address_line1", "city", "state_or_region", "postal_code", "country_code")


DEFAULT_DPI = 203


@dataclass(frozen=True)
class LabelRequest:
    """What the station asks for when it buys a label: the format, and the label printer's dpi and size.

    The dpi is the printer's (detected or chosen on the devices screen); an engine that can ask the
    carrier for it (SP-API ``requestedDocumentSpecification.dpi``) sends it, so 300-dpi printers are
    not fed 203-dpi labels.
    """

    label_format: str
    dpi: int = DEFAULT_DPI
    size: str = "4x6"


@dataclass(frozen=True)
class BoxInput:
    items: tuple[tuple[str, int], ...]  # (order_item_id, quantity)
    weight_lb: float
    length_in: float
    width_in: float
    height_in: float


@dataclass(frozen=True)
class RateChoice:
    rate: Rate
    keeps_promise: bool


@dataclass(frozen=True)
class WeightCheck:
    expected_lb: float
    measured_lb: float
    tolerance_lb: float

    @property
    def ok(self) -> bool:
        return self.expected_lb <= 0 or abs(self.measured_lb - self.expected_lb) <= self.tolerance_lb


@dataclass
class BatchResult:
    bought: list[tuple[str, int]] = field(default_factory=list)  # (order_id, package_id)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (order_id, message)


def is_offline_error(exc: UpstreamError) -> bool:
    """Network down, timeouts, or the upstream failing: park and go on."""
    return exc.retryable and (exc.status == 0 or exc.status >= 500 or exc.status == 429)


class ShippingService:
    def __init__(
        self, store: Store, auth: AuthService, audit: AuditTrail, clock: Clock, bus: EventBus,
        marketplace: Marketplace | None,
    ):  # fmt: skip
        self.store = store
        self.auth = auth
        self.audit = audit
        self.clock = clock
        self.bus = bus
        self.marketplace = marketplace
        self.hub: HubShipping | None = None  # a station joined to a hub: voids and confirmations go there

    # -- weights and boxes ---------------------------------------------------------------
    def expected_weight(self, order: Order, items: Sequence[tuple[str, int]], tare_lb: float = 0.0) -> float:
        """Sum of catalogue unit weights for the box's items plus the empty box; 0 when unknown."""
        by_id = {i.order_item_id: i for i in order.items}
        total = 0.0
        for item_id, qty in items:
            item = by_id.get(item_id)
            product = self.store.products.get(order.seller_id, item.sku) if item else None
            if product is None or product.weight_lb <= 0:
                return 0.0
            total += product.weight_lb * qty
        return round(total + tare_lb, 3)

    def check_weight(self, order: Order, items: Sequence[tuple[str, int]], measured_lb: float,
                     tare_lb: float = 0.0) -> WeightCheck:  # fmt: skip
        expected = self.expected_weight(order, items, tare_lb)
        pct = float(self.store.settings.get("weight_tolerance_pct")) / 100.0
        return WeightCheck(expected, measured_lb, max(0.05, expected * pct))

    def create_boxes(self, session: Session, order_id: str, boxes: Sequence[BoxInput]) -> list[int]:
        """Record the order's boxes; every unit goes in exactly one box. Returns package ids."""
        self.auth.authorize(session, "order.ship", target=order_id)
        order = self._packable(session, order_id)
        wanted = {i.order_item_id: i.quantity for i in order.items}
        placed: dict[str, int] = {}
        for box in boxes:
            if not 0 < box.weight_lb <= MAX_BOX_WEIGHT_LB:
                raise UsageError(f"Box weight must be between 0 and {MAX_BOX_WEIGHT_LB:g} lb")
            if min(box.length_in, box.width_in, box.height_in) <= 0:
                raise UsageError(N_("Box dimensions must be positive"))
            for item_id, qty in box.items:
                placed[item_id] = placed.get(item_id, 0) + qty
        if {k: v for k, v in placed.items() if v} != {k: v for k, v in wanted.items() if v}:
            raise UsageError(N_("Every unit must be in exactly one box"))
        existing = [p for p in self.store.packages.for_order(order_id) if p.status != "voided"]
        if existing and [_box_shape(p) for p in existing] == [_input_shape(b) for b in boxes]:
            # The same boxes again (a retry, or the screen after a restart): keep them and their
            # idempotency keys, so a purchase that may have gone through is never bought again.
            return [p.package_id for p in existing]
        committed = [p for p in existing if p.status in COMMITTED_BOX_STATUSES]
        if committed:
            raise Conflict(
                f"Box {committed[0].box_no} already has a label or a purchase under way — finish its label "
                "(buying again returns the same label), or ask a lead to void it before re-boxing"
            )
        ids = []
        with self.store.transaction():
            for package in existing:
                self.store.packages.set_status(package.package_id, "voided")
            for number, box in enumerate(boxes, start=1):
                ids.append(
                    self.store.packages.create(
                        order_id, number, box.items, weight_lb=box.weight_lb,
                        dims_in=(box.length_in, box.width_in, box.height_in),
                        idempotency_key=str(uuid.uuid4()), status="open", now=self._now(), by=session.name,
                    )
                )  # fmt: skip
            self.audit.record(session.name, "order.boxed", target=order_id, boxes=len(boxes))
        return ids

    # -- rates and labels ----------------------------------------------------------------
    def rates(self, session: Session, order_id: str, package_id: int) -> list[RateChoice]:
        """Rates for one box, services keeping the delivery promise first, cheapest first."""
        self.auth.authorize(session, "rates.get", target=order_id)
        order = self._packable(session, order_id, allow_parked=True)
        package = self._package(package_id, order_id)
        recipient = self.store.orders.recipient(order_id)
        if recipient is None:
            raise Conflict(N_("This order has no ship-to address on the station (erased or not synced)"))
        marketplace = self._marketplace()
        parcel = Parcel(package.length_in, package.width_in, package.height_in, package.weight_lb, package.items)
        ship_from = {str(k): str(v) for k, v in dict(self.store.settings.get("ship_from") or {}).items()}
        missing = [k for k in SHIP_FROM_REQUIRED if not ship_from.get(k)]
        if missing:
            raise UsageError(
                "The warehouse ship-from address is not set (" + ", ".join(missing) + ") — an admin sets it in "
                "Settings or with 'settings set ship_from'"
            )
        rates = marketplace.get_rates(order.seller_id, order, recipient, parcel, ship_from)
        return rank_rates(rates, order.deliver_by_latest)

    def label_request(self, label_format: str | None = None) -> LabelRequest:
        """The label to ask for: the configured format at the label printer's dpi.

        A ZPL label cannot print on a TSPL or ESC/POS printer, so those get PNG (rasterised at
        their dpi) unless a format is asked for explicitly.
        """
        printer = dict(self.store.settings.get("printer") or {})
        dpi = int(printer.get("dpi") or DEFAULT_DPI)
        fmt = label_format or str(self.store.settings.get("label_format"))
        if label_format is None and fmt == "ZPL" and printer.get("language", "zpl") != "zpl":
            fmt = "PNG"
        return LabelRequest(fmt, dpi)

    def buy_label(
        self, session: Session, order_id: str, package_id: int, rate: Rate, *, label_format: str | None = None
    ) -> PurchasedLabel:
        """Buy the box's label with the box's idempotency key, so a retry never buys twice."""
        self.auth.authorize(session, "label.buy", target=order_id)
        order = self._packable(session, order_id, allow_parked=True)
        package = self._package(package_id, order_id)
        if package.status == "labelled":
            raise Conflict(N_("This box has a label already — reprint it instead"))
        request = self.label_request(label_format)
        fmt = request.label_format
        assert package.idempotency_key is not None
        marketplace = self._marketplace()
        # Durably note that this box's key is about to be used: if the station dies after Amazon
        # sold the label but before it is stored here, the box (and its key) must never be replaced.
        self.store.packages.set_status(package_id, "purchasing")
        try:
            label = marketplace.purchase_shipment(
                order.seller_id, rate, idempotency_key=package.idempotency_key, label_format=fmt
            )
        except UpstreamError as exc:
            if not exc.retryable:  # a definite refusal: nothing was bought with this key
                parked = order.status == OrderStatus.AWAITING_LABEL
                self.store.packages.set_status(package_id, "awaiting_label" if parked else "open")
            raise
        with self.store.transaction():
            self.store.packages.set_label(
                package_id, carrier=label.carrier_name, service=label.service_name, tracking=label.tracking_id,
                shipment_id=label.shipment_id, label_format=label.label_format, label_document=label.label_bytes,
                cost=label.cost, currency=label.currency,
            )  # fmt: skip
            if label.hub_label_id is not None:  # bought through the hub: a lead voids it there
                self.store.packages.set_hub_label(package_id, label.hub_label_id)
            self.audit.record(session.name, "label.purchased", target=order_id, package=package_id,
                              carrier=label.carrier_name, service=label.service_name, cost=label.cost,
                              label_format=fmt, dpi=request.dpi)  # fmt: skip
            self._ship_if_done(session, order_id)
        self.bus.publish("label.purchased", order_id=order_id, package_id=package_id)
        return label

    def ship_external(
        self, session: Session, order_id: str, package_id: int, *, carrier: str, service: str, tracking: str
    ) -> None:
        """A label bought outside Amazon: record it and queue the shipment confirmation (one transaction)."""
        self.auth.authorize(session, "order.ship", target=order_id)
        order = self._packable(session, order_id, allow_parked=True)
        package = self._package(package_id, order_id)
        if not carrier.strip() or not tracking.strip() or len(tracking) > 64:
            raise UsageError(N_("Give the carrier and the tracking number"))
        with self.store.transaction():
            self.store.packages.set_label(
                package_id, carrier=carrier.strip(), service=service.strip(), tracking=tracking.strip(),
                shipment_id="", label_format="external", label_document=b"", cost=0.0, currency="USD",
            )  # fmt: skip
            if self.hub is not None:  # joined to a hub: the hub confirms it (POST /v1/confirmations)
                self.hub.park_confirmation(order, package, carrier=carrier.strip(), service=service.strip(),
                                           tracking=tracking.strip(), ship_date=self._now(), now=self._now(),
                                           by=session.name)  # fmt: skip
            else:
                enqueue_confirmation(
                    self.store, seller_id=order.seller_id, order_id=order_id, marketplace_id=order.marketplace_id,
                    carrier=carrier.strip(), tracking=tracking.strip(), ship_date=self._now(),
                    items=package.items, package_ref=str(package_id), now=self._now(),
                )  # fmt: skip
            self.audit.record(session.name, "label.external", target=order_id, package=package_id, carrier=carrier)
            self._ship_if_done(session, order_id)
        if self.hub is not None:
            self.hub.send_pending()  # now if the hub is there; else the sync worker sends it on reconnect
            return
        self.bus.publish("outbox.changed", depth=self.store.outbox.depth())

    def purchased(self, session: Session, package_id: int) -> PurchasedLabel | None:
        """The label a box already has (bought before a restart, say), or None."""
        self.auth.authorize(session, "label.print", target=str(package_id))
        package = self.store.packages.get(package_id)
        if package is None or package.status not in ("labelled", "shipped") or not package.shipment_id:
            return None
        document = self.store.packages.label_document(package_id) or b""
        return PurchasedLabel(package.shipment_id, package.tracking, package.carrier, package.service,
                              package.label_format, document, package.cost, package.currency)  # fmt: skip

    def labels_for_order(self, session: Session, order_id: str) -> list[PackageRow]:
        """Order lookup: the boxes of an order that carry a label (to reprint one); no buyer data."""
        self.auth.authorize(session, "order.view", target=order_id)
        return [p for p in self.store.packages.for_order(order_id)
                if p.status in ("labelled", "shipped") and p.shipment_id]  # fmt: skip

    def print_label(self, session: Session, package_id: int, printer: LabelPrinter, *, reprint: bool = False,
                    via: str = "") -> None:  # fmt: skip
        """Send the box's label to the printer; reprints are audited as such (``via``: where from)."""
        self.auth.authorize(session, "label.reprint" if reprint else "label.print", target=str(package_id))
        package = self.store.packages.get(package_id)
        if package is None:
            raise NotFound(N_("No such box"))
        document = self.store.packages.label_document(package_id)
        if not document:
            raise Conflict(N_("This box has no label document to print"))
        # Again here: a document stored before the boundary check existed is made safe too.
        document = clean_label_document(document, package.label_format)
        printer.print_label(document, fmt=package.label_format, size="4x6")
        if reprint:
            extra = {"via": via} if via else {}
            self.audit.record(session.name, "label.reprinted", target=package.order_id, package=package_id, **extra)

    def voidable_labels(self, session: Session, order_id: str) -> list[PackageRow]:
        """Lead: the boxes of an order that carry a label (what may be voided), in box order."""
        self.auth.authorize(session, "label.void", target=order_id)
        voidable = ("labelled", "shipped", "voiding")  # voiding: a void that waits for the hub, to send again
        return [p for p in self.store.packages.for_order(order_id.strip()) if p.status in voidable]

    def void_label(self, session: Session, package_id: int, reason: str) -> VoidResult:
        """Lead: void a box's label; Amazon is told through the outbox and the order goes back to packing.

        The label is cancelled with Shipping v2 ``cancelShipment`` (outbox), a shipment confirmation still
        waiting in the outbox for this box is withdrawn, and the box may be labelled again. On a station
        joined to a hub the void is the hub's (hub_shipping): it takes effect once the hub says so, and
        waits (kept, sent again) while the hub is out of reach.
        """
        self.auth.authorize(session, "label.void", target=str(package_id))
        if not reason.strip():
            raise UsageError(N_("Give a reason for voiding the label"))
        package = self.store.packages.get(package_id)
        voidable = ("labelled", "shipped", "voiding") if self.hub is not None else ("labelled", "shipped")
        if package is None or package.status not in voidable:
            raise Conflict(N_("Only a box with a label can be voided"))
        order = self.store.orders.get(package.order_id)
        assert order is not None
        now = self._now()
        if self.hub is not None:
            return self.hub.void(session.name, order, package, reason.strip(), now=now)
        with self.store.transaction():
            self.store.packages.set_status(package_id, "voided")
            if package.shipment_id:
                enqueue_label_cancellation(self.store, seller_id=order.seller_id, order_id=order.order_id,
                                           shipment_id=package.shipment_id, now=now)  # fmt: skip
            withdrawn = self.store.outbox.cancel_pending(
                confirmation_key(order.seller_id, order.order_id, str(package_id))
            )
            if order.status == OrderStatus.SHIPPED:
                self.store.orders.set_status(order.order_id, OrderStatus.UNSHIPPED, now=now)
            self.audit.record(session.name, "label.voided", target=order.order_id, package=package_id,
                              reason=reason.strip()[:200], confirmation_withdrawn=withdrawn)  # fmt: skip
        self.bus.publish("label.voided", order_id=order.order_id, package_id=package_id)
        self.bus.publish("outbox.changed", depth=self.store.outbox.depth())
        return VoidResult(True)

    # -- offline -------------------------------------------------------------------------
    def park(self, session: Session, order_id: str) -> None:
        """Packed but no label (offline): park as awaiting label and let the packer move on."""
        self.auth.authorize(session, "order.ship", target=order_id)
        with self.store.transaction():
            for package in self.store.packages.for_order(order_id):
                if package.status == "open":
                    self.store.packages.set_status(package.package_id, "awaiting_label")
            self.store.orders.set_status(order_id, OrderStatus.AWAITING_LABEL, now=self._now())
            self.store.orders.release(order_id)
            self.audit.record(session.name, "order.parked", target=order_id)
        self.bus.publish("order.parked", order_id=order_id)

    def parked_orders(self) -> list[str]:
        return [r.order_id for r in self.store.orders.queue(statuses=("awaiting_label",), limit=10_000)]

    def buy_parked(self, session: Session) -> BatchResult:
        """Back online: buy the default rate for every parked box; stops early if offline again."""
        self.auth.authorize(session, "label.buy")
        result = BatchResult()
        for order_id in self.parked_orders():
            for package in self.store.packages.for_order(order_id):
                if package.status not in ("awaiting_label", "purchasing"):
                    continue
                try:
                    choices = self.rates(session, order_id, package.package_id)
                    if not choices:
                        result.failed.append((order_id, "No carrier offers a rate for this box"))
                        continue
                    self.buy_label(session, order_id, package.package_id, choices[0].rate)
                    result.bought.append((order_id, package.package_id))
                except (OrderCancelled, Conflict) as exc:  # this box waits (claim lost, a lead settles it): go on
                    result.failed.append((order_id, str(exc)))
                except UpstreamError as exc:
                    result.failed.append((order_id, f"{exc.code or 'error'}: {exc}"))
                    if is_offline_error(exc):
                        return result
        return result

    # -- summaries -----------------------------------------------------------------------
    def manifest(self, session: Session, since: str, until: str) -> dict[str, list[PackageRow]]:
        """Labelled boxes per carrier between two instants (no PII): the end-of-day manifest."""
        self.auth.authorize(session, "manifest.print")
        by_carrier: dict[str, list[PackageRow]] = {}
        for package in self.store.packages.shipped_between(since, until):
            by_carrier.setdefault(package.carrier or "unknown", []).append(package)
        self.audit.record(session.name, "manifest.viewed", since=since, until=until)
        return by_carrier

    # -- helpers -------------------------------------------------------------------------
    def _ship_if_done(self, session: Session, order_id: str) -> None:
        packages = [p for p in self.store.packages.for_order(order_id) if p.status != "voided"]
        if packages and all(p.status in ("labelled", "shipped") for p in packages):
            self.store.orders.set_status(order_id, OrderStatus.SHIPPED, now=self._now())
            self.store.orders.release(order_id)
            self.audit.record(session.name, "order.shipped", target=order_id, boxes=len(packages))
            self.bus.publish("order.shipped", order_id=order_id)

    def _packable(self, session: Session, order_id: str, *, allow_parked: bool = False) -> Order:
        order = self.store.orders.get(order_id)
        if order is None:
            raise NotFound(T_("No order {0}", order_id))
        allowed = {OrderStatus.IN_PROGRESS} | ({OrderStatus.AWAITING_LABEL} if allow_parked else set())
        if order.status == OrderStatus.CANCELLED:
            raise OrderCancelled(order_id)
        if order.status not in allowed:
            raise Conflict(T_("Order {0} cannot be shipped now ({1})", order_id, order.status.value))
        holder = self.store.orders.holder(order_id)
        if holder not in (None, session.name):
            raise Conflict(T_("Order {0} is being packed by {1}", order_id, holder))
        return order

    def _package(self, package_id: int, order_id: str) -> PackageRow:
        package = self.store.packages.get(package_id)
        if package is None or package.order_id != order_id or package.status == "voided":
            raise NotFound(N_("No such box on this order"))
        return package

    def _marketplace(self) -> Marketplace:
        if self.marketplace is None:
            raise UpstreamError(N_("No connection to Amazon is configured"), code="offline", retryable=True)
        return self.marketplace

    def _now(self) -> str:
        return utcnow_iso(self.clock)


def _box_shape(package: PackageRow) -> tuple[object, ...]:
    return (tuple(sorted(package.items)), round(package.weight_lb, 3),
            (package.length_in, package.width_in, package.height_in))  # fmt: skip


def _input_shape(box: BoxInput) -> tuple[object, ...]:
    items = tuple(sorted((item_id, qty) for item_id, qty in box.items if qty > 0))
    return (items, round(box.weight_lb, 3), (box.length_in, box.width_in, box.height_in))


def rank_rates(rates: Sequence[Rate], deliver_by_latest: str) -> list[RateChoice]:
    """Rates that keep the promise first: those with a promise date that meets it, then those without a
    date (not known to be late), then the late ones; each group cheapest first. The first is the default."""
    deadline = _parse(deliver_by_latest)
    ranked = []
    for rate in rates:
        promised = _parse(rate.promise_delivery_latest)
        keeps = deadline is None or promised is None or promised <= deadline
        unknown = deadline is not None and promised is None
        ranked.append(((not keeps, unknown, rate.amount, rate.service_name), RateChoice(rate, keeps)))
    ranked.sort(key=lambda pair: pair[0])
    return [choice for _key, choice in ranked]


def _parse(value: str) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None

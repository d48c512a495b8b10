"""FBA inbound plans: closed boxes -> createInboundPlan … confirmed shipments, box labels, shipped in.

Each Amazon step is saved as it completes, so a plan that failed (or a station that restarted)
resumes from the last good step instead of creating a second plan.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from station.clock import utcnow_iso
from station.errors import Conflict, NotFound, UpstreamError, UsageError
from station.ports import Clock, FbaInbound
from station.services.audit import AuditTrail
from station.services.auth import AuthService, Session
from station.services.inbound_types import InboundBox, InboundItem
from station.store import Store
from station.store.inbound import BoxRow, PlanRow, ShipmentRow

log = logging.getLogger(__name__)

# Plan states in order; a failure leaves the plan at the last state reached.
STEPS = ("draft", "created", "packing_confirmed", "packed", "placement_confirmed", "transport_confirmed", "confirmed")
# The same ship-from setting as shipping (station field names); the sync layer maps it to Amazon's AddressInput.
SOURCE_FIELDS = ("name", "address_line1", "city", "state_or_region", "postal_code", "country_code", "phone")


@dataclass(frozen=True)
class PlanView:
    plan: PlanRow
    boxes: tuple[BoxRow, ...]
    shipments: tuple[ShipmentRow, ...]

    @property
    def units(self) -> int:
        return sum(b.units for b in self.boxes)


class InboundService:
    def __init__(self, store: Store, auth: AuthService, audit: AuditTrail, clock: Clock):
        self.store = store
        self.auth = auth
        self.audit = audit
        self.clock = clock
        self.upstream: FbaInbound | None = None

    def create_plan(self, session: Session, seller_id: str, box_ids: Sequence[int], *, name: str = "",
                    marketplace_id: str = "") -> PlanView:  # fmt: skip
        """Make a plan of closed boxes and take it through Amazon to confirmed shipments."""
        self.auth.authorize(session, "inbound.create", target=seller_id)
        seller = self.store.sellers.get(seller_id)
        if seller is None:
            raise NotFound(f"No seller {seller_id} on this station")
        boxes = [self.store.fba_boxes.get(b) for b in box_ids]
        for box_id, box in zip(box_ids, boxes, strict=True):
            if box is None or box.seller_id != seller_id:
                raise NotFound(f"Box {box_id} is not one of this seller's boxes")
            if box.status != "closed" or box.plan_id is not None:
                raise Conflict(f"Box {box_id} is {box.status}{' and already planned' if box.plan_id else ''} — "
                               "only closed, unplanned boxes go into a new plan")  # fmt: skip
        if not boxes:
            raise UsageError("Choose at least one closed box")
        marketplace = marketplace_id or (seller.marketplaces[0] if seller.marketplaces else "")
        now = self._now()
        name = name or f"{seller.name[:30]} {now[:10]} ({len(boxes)} boxes)"
        with self.store.transaction():
            plan_id = self.store.inbound_plans.create(seller_id, marketplace, name, now=now, by=session.name)
            self.store.fba_boxes.assign_plan(list(box_ids), plan_id)
        self.audit.record(session.name, "inbound.plan.created", target=str(plan_id), seller=seller_id,
                          boxes=len(boxes))  # fmt: skip
        return self.advance(session, plan_id)

    def advance(self, session: Session, plan_id: int) -> PlanView:
        """Run the plan's remaining Amazon steps; each step is saved as it completes."""
        self.auth.authorize(session, "inbound.create", target=str(plan_id))
        upstream = self._upstream()
        plan = self._plan(plan_id)
        seller = plan.seller_id
        boxes = self.store.fba_boxes.for_plan(plan_id)
        try:
            if plan.status in ("draft", "failed") and not plan.inbound_plan_id:
                amazon_id = upstream.create_plan(seller, plan.marketplace_id, plan.name, self._source(),
                                                 self._items(seller, boxes))  # fmt: skip
                plan = self._step(session, plan, "created", inbound_plan_id=amazon_id)
            if self._before(plan, "packing_confirmed"):
                option, groups = upstream.confirm_packing(seller, plan.inbound_plan_id)
                plan = self._step(session, plan, "packing_confirmed", packing_option_id=option,
                                  packing_group_id=groups[0] if groups else "")  # fmt: skip
            if self._before(plan, "packed"):
                upstream.set_packing(seller, plan.inbound_plan_id, plan.packing_group_id, self._boxes(seller, boxes))
                plan = self._step(session, plan, "packed")
            if self._before(plan, "placement_confirmed"):
                option, shipment_ids = upstream.confirm_placement(seller, plan.inbound_plan_id)
                with self.store.transaction():
                    for sid in shipment_ids:
                        self.store.inbound_plans.set_shipment(plan_id, sid, confirmation_id="", status="WORKING",
                                                              destination="", now=self._now())  # fmt: skip
                plan = self._step(session, plan, "placement_confirmed", placement_option_id=option)
            if self._before(plan, "transport_confirmed"):
                shipment_ids = [s.shipment_id for s in self.store.inbound_plans.shipments(plan_id)]
                ready = (self.clock.now() + timedelta(days=1)).strftime("%Y-%m-%dT00:00:00Z")
                upstream.confirm_transport(seller, plan.inbound_plan_id, plan.placement_option_id, shipment_ids, ready)
                plan = self._step(session, plan, "transport_confirmed")
            if self._before(plan, "confirmed"):
                self._fetch_shipments(plan, boxes)
                plan = self._step(session, plan, "confirmed")
        except UpstreamError as exc:
            self.store.inbound_plans.update(plan_id, now=self._now(), error=str(exc)[:500])
            self.audit.record(session.name, "inbound.plan.failed", target=str(plan_id), severity="warning",
                              step=plan.status, code=exc.code)  # fmt: skip
            raise
        return self.view(session, plan_id)

    def _fetch_shipments(self, plan: PlanRow, boxes: list[BoxRow]) -> None:
        """Shipment confirmation ids and Amazon's box ids (boxes in plan order across shipments)."""
        upstream = self._upstream()
        remaining = list(boxes)
        for row in self.store.inbound_plans.shipments(plan.plan_id):
            info = upstream.shipment(plan.seller_id, plan.inbound_plan_id, row.shipment_id)
            with self.store.transaction():
                self.store.inbound_plans.set_shipment(
                    plan.plan_id, info.shipment_id, confirmation_id=info.confirmation_id, status=info.status,
                    destination=info.destination, now=self._now(),
                )  # fmt: skip
                for amazon_box_id in info.box_ids:
                    if not remaining:
                        break
                    box = remaining.pop(0)
                    self.store.fba_boxes.set_amazon_ids(box.box_id, shipment_id=info.shipment_id,
                                                        amazon_box_id=amazon_box_id)  # fmt: skip

    def box_labels(self, session: Session, plan_id: int) -> list[tuple[str, bytes]]:
        """Amazon's box ID labels (PDF) per shipment confirmation id, for the thermal printer."""
        self.auth.authorize(session, "prep.box", target=str(plan_id))
        plan = self._plan(plan_id)
        if plan.status not in ("confirmed", "shipped"):
            raise Conflict(f"Plan {plan_id} is not confirmed yet ({plan.status}) — finish it first")
        upstream = self._upstream()
        labels = []
        boxes = self.store.fba_boxes.for_plan(plan_id)
        for shipment in self.store.inbound_plans.shipments(plan_id):
            box_ids = [b.amazon_box_id for b in boxes if b.shipment_id == shipment.shipment_id and b.amazon_box_id]
            labels.append((shipment.confirmation_id, upstream.box_labels(plan.seller_id, shipment.confirmation_id,
                                                                          box_ids)))  # fmt: skip
        self.audit.record(session.name, "inbound.box_labels.fetched", target=str(plan_id), shipments=len(labels))
        return labels

    def mark_shipped(self, session: Session, plan_id: int) -> PlanView:
        """The carrier took the boxes: their units leave the warehouse's stock."""
        self.auth.authorize(session, "inbound.create", target=str(plan_id))
        plan = self._plan(plan_id)
        if plan.status != "confirmed":
            raise Conflict(f"Plan {plan_id} is {plan.status}; only a confirmed plan ships")
        boxes = self.store.fba_boxes.for_plan(plan_id)
        units: dict[str, int] = {}
        for box in boxes:
            for sku, qty in box.items:
                units[sku] = units.get(sku, 0) + qty
        now = self._now()
        with self.store.transaction():
            self.store.fba_boxes.set_status([b.box_id for b in boxes], "shipped")
            self.store.stock_moves.add(plan.seller_id, [(sku, "shipped_in", q) for sku, q in sorted(units.items())],
                                       ref=f"plan:{plan_id}", at=now, by=session.name)  # fmt: skip
            self.store.inbound_plans.update(plan_id, now=now, status="shipped")
        self.audit.record(session.name, "inbound.plan.shipped", target=str(plan_id), seller=plan.seller_id,
                          boxes=len(boxes), units=sum(units.values()))  # fmt: skip
        return self.view(session, plan_id)

    def view(self, session: Session, plan_id: int) -> PlanView:
        self.auth.authorize(session, "prep.box", target=str(plan_id))
        plan = self._plan(plan_id)
        return PlanView(plan, tuple(self.store.fba_boxes.for_plan(plan_id)),
                        tuple(self.store.inbound_plans.shipments(plan_id)))  # fmt: skip

    def plans(self, session: Session, seller_id: str) -> list[PlanRow]:
        self.auth.authorize(session, "prep.box", target=seller_id)
        return self.store.inbound_plans.for_seller(seller_id)

    # -- helpers ---------------------------------------------------------------------------
    def _items(self, seller_id: str, boxes: list[BoxRow]) -> list[InboundItem]:
        totals: dict[str, int] = {}
        for box in boxes:
            for sku, qty in box.items:
                totals[sku] = totals.get(sku, 0) + qty
        return [InboundItem(sku, qty, self._expiry(seller_id, sku)) for sku, qty in sorted(totals.items())]

    def _boxes(self, seller_id: str, boxes: list[BoxRow]) -> list[InboundBox]:
        return [
            InboundBox(tuple(InboundItem(sku, q, self._expiry(seller_id, sku)) for sku, q in b.items),
                       b.weight_lb, b.length_in, b.width_in, b.height_in)
            for b in boxes
        ]  # fmt: skip

    def _expiry(self, seller_id: str, sku: str) -> str:
        product = self.store.products.get(seller_id, sku)
        if product is None or not product.expiry_required:
            return ""
        # The prepper enters the date per batch; plans carry the latest one labelled.
        ref = self.store.prep_events.latest_ref(seller_id, sku, "expiry_label")
        return ref[7:] if ref.startswith("expiry:") else ""

    def _source(self) -> dict[str, str]:
        source = self.store.settings.get("ship_from") or {}
        missing = [f for f in SOURCE_FIELDS if not source.get(f)]
        if missing:
            raise UsageError(f"The warehouse ship-from address is incomplete ({', '.join(missing)}) — "
                             "an admin sets it in Settings")  # fmt: skip
        return {k: str(v) for k, v in source.items()}

    def _step(self, session: Session, plan: PlanRow, status: str, **ids: str) -> PlanRow:
        self.store.inbound_plans.update(plan.plan_id, now=self._now(), status=status, error="", **ids)
        self.audit.record(session.name, f"inbound.plan.{status}", target=str(plan.plan_id), seller=plan.seller_id)
        return self._plan(plan.plan_id)

    @staticmethod
    def _before(plan: PlanRow, status: str) -> bool:
        return plan.status in STEPS and STEPS.index(plan.status) < STEPS.index(status)

    def _plan(self, plan_id: int) -> PlanRow:
        found = self.store.inbound_plans.get(plan_id)
        if found is None:
            raise NotFound(f"No inbound plan {plan_id}")
        return found

    def _upstream(self) -> FbaInbound:
        if self.upstream is None:
            raise UsageError("This station is not connected to Amazon (SP-API) — connect it, then try again")
        return self.upstream

    def _now(self) -> str:
        return utcnow_iso(self.clock)

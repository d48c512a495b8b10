"""The label ledger: buy a box's label through Shipping v2 exactly once, void it, settle unknown outcomes.

Exactly once: the ledger row (idempotency key + the exact purchaseShipment body) is committed before the
first send, and every later send — a retry, another hub process after a crash — resends that identical
body with that key. When an answer leaves the outcome unknown, the ledger resends once, then reads the
order's packages (getOrder, PACKAGES); if the outcome is still unknown the box is marked "unknown" and
only a lead can settle it. A box in buying/bought/unknown/voiding is never bought again.
"""

from __future__ import annotations

import base64
import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from hub.engine import packages
from hub.engine.spapi import SellerConnections
from hub.sealing import Sealer
from hub.services.audit import HubAudit
from hub.services.people import Actor, PeopleService
from hub.store.ledger import LabelRow, Ledger
from hub.store.tables import seal_context
from hub.store.tables_ledger import labels as labels_table
from station.clock import iso
from station.domain import Parcel, Rate, Recipient
from station.errors import Conflict, NotFound, UpstreamError, UsageError
from station.ports import Clock
from station.services.shipping import MAX_BOX_WEIGHT_LB, rank_rates
from station.zpl_sanitize import UnsafeLabelDocument, clean_label_document
from sync import identifiers as ids
from sync import mapping
from sync.identifiers import InvalidUpstreamRecord
from sync.label_spec import Printer, business_id_for, choose_document
from sync.spapi import shipping
from sync.spapi.http import SpApiClient

log = logging.getLogger(__name__)
DOCUMENT_CONTEXT = seal_context(labels_table, "document_sealed")
INPUTS_CONTEXT = seal_context(labels_table, "additional_inputs_sealed")
LEASE_S = 120.0  # longer than one purchase call with its timeouts; a killed process's rows wait this long
RECIPIENT_MISSING = "The hub has no ship-to address for this order (not pulled yet, or erased)"


@dataclass(frozen=True)
class BoxLabel:
    """What a station sends to buy one box's label (issue 13 wires the station to it)."""

    seller_id: int
    amazon_order_id: str
    marketplace_id: str
    box_ref: str
    items: tuple[tuple[str, int], ...]
    weight_lb: float
    length_in: float
    width_in: float
    height_in: float
    ship_from: dict[str, str]
    printer: Printer
    rate_rule: str = "best"  # best: keeps the promise, then cheapest | service: the carrier's service_id
    service_id: str = ""
    deliver_by: str = ""
    additional_inputs: dict[str, Any] | None = None
    client_request_id: str = ""


@dataclass(frozen=True)
class LabelResult:
    label_id: int
    state: str
    shipment_id: str = ""
    tracking: str = ""
    carrier: str = ""
    service: str = ""
    label_format: str = ""
    dpi: int = 0
    cost: str = ""
    currency: str = ""
    document: bytes = field(default=b"", repr=False)
    message: str = ""


class Died(BaseException):
    """Raised by a test checkpoint to stand for a process killed at that point."""


class LabelLedger:
    def __init__(self, ledger: Ledger, client: SpApiClient, connections: SellerConnections, sealer: Sealer,
                 people: PeopleService, audit: HubAudit, clock: Clock,
                 recipient_for: Callable[[int, str], Recipient | None], owner: str) -> None:  # fmt: skip
        self.ledger = ledger
        self.client = client
        self.connections = connections
        self.sealer = sealer
        self.people = people
        self.audit = audit
        self.clock = clock
        self.recipient_for = recipient_for
        self.owner = owner  # this process's name in leases
        self.lease_s = LEASE_S
        self.checkpoint: Callable[[str], None] = lambda _point: None  # the chaos test kills processes here
        # The order pull's mark "shipped by us" (seller, order, when): set before every send, so a pull
        # that reads the order between our send and our answer never reports it as shipped elsewhere.
        self.shipped_here: Callable[[int, str, str], None] = lambda _seller, _order, _at: None

    # -- buying ---------------------------------------------------------------------------------
    def buy(self, actor: Actor, box: BoxLabel) -> LabelResult:
        """The box's label: bought now, or the one bought before (never a second one)."""
        self.people.authorize(actor, "label.buy", target=box.amazon_order_id)
        _check_box(box)
        live = self.ledger.live_for_box(box.seller_id, box.amazon_order_id, box.box_ref)
        if live is not None:
            return self._resume(live)
        partner = self.connections.partner_id(box.seller_id)
        business = business_id_for(box.marketplace_id)
        package_ref = f"{box.amazon_order_id}-{box.box_ref}"[:64]
        rate = self._rate(partner, business, box, package_ref)
        choice = choose_document(rate, box.printer)
        body = mapping.purchase_request(rate, choice.label_format, choice.dpi, box.additional_inputs)
        # additionalInputs may hold personal data (its schema is Amazon's, given at run time): sealed apart.
        inputs = body.pop("additionalInputs", None)
        inputs_sealed = self.sealer.seal(json.dumps(inputs, sort_keys=True), INPUTS_CONTEXT) if inputs else None
        now, until = self._lease()
        row, created = self.ledger.open_attempt({
            "seller_id": box.seller_id, "amazon_order_id": box.amazon_order_id, "box_ref": box.box_ref,
            "station": actor.station, "client_request_id": box.client_request_id[:64], "business_id": business,
            "package_ref": package_ref, "items": json.dumps([list(i) for i in box.items]),
            "idempotency_key": str(uuid.uuid4()), "request_body": json.dumps(body, sort_keys=True),
            "additional_inputs_sealed": inputs_sealed,
            "state": "buying", "lease_owner": self.owner, "lease_until": until,
            "carrier": rate.carrier_name[:64], "service": rate.service_name[:128],
            "label_format": choice.label_format, "dpi": choice.dpi, "cost": f"{rate.amount:.2f}",
            "currency": rate.currency[:8], "created_at": now, "updated_at": now,
        })  # fmt: skip
        if created:
            self.audit.record(actor.name, "label.purchase_started", station=actor.station, target=box.amazon_order_id,
                              label=row.label_id, box=box.box_ref, carrier=rate.carrier_name,
                              label_format=choice.label_format, dpi=choice.dpi)  # fmt: skip
            self.checkpoint("purchase.recorded")
        return self._resume(row)

    def _rate(self, partner: str, business: str, box: BoxLabel, package_ref: str) -> Rate:
        recipient = self.recipient_for(box.seller_id, box.amazon_order_id)
        if recipient is None:
            raise Conflict(RECIPIENT_MISSING)
        parcel = Parcel(box.length_in, box.width_in, box.height_in, box.weight_lb, box.items)
        request = mapping.box_rates_request(box.amazon_order_id, recipient, parcel, box.ship_from, package_ref)
        rates = mapping.rates_from_payload(shipping.get_rates(self.client, partner, request, business_id=business))
        if box.rate_rule == "service":
            chosen = [r for r in rates if r.service_id == box.service_id]
            if not chosen:
                raise Conflict(f"The carrier no longer offers {box.service_id[:64]} for this box; choose again")
            rate = chosen[0]
        else:
            usable = [c.rate for c in rank_rates(rates, box.deliver_by)
                      if not c.rate.requires_additional_inputs or box.additional_inputs]  # fmt: skip
            if not usable:
                raise Conflict("No carrier offers a rate for this box")
            rate = usable[0]
        if rate.requires_additional_inputs and not box.additional_inputs:
            try:  # name what Amazon wants, when it says (getAdditionalInputs' JSON schema)
                schema = shipping.get_additional_inputs(self.client, partner, rate.request_token, rate.rate_id,
                                                        business_id=business)  # fmt: skip
            except UpstreamError:
                schema = {}
            wanted = ", ".join(sorted(_schema_fields(schema))) or "see Amazon's schema"
            raise UsageError(f"{rate.carrier_name} {rate.service_name} needs more details before it can be bought "
                             f"({wanted[:200]}); send them as additional_inputs, or choose another rate")  # fmt: skip
        return rate

    def _resume(self, row: LabelRow) -> LabelResult:
        if row.state == "bought":
            return self._result(self._complete(row))
        if row.state == "unknown":
            raise Conflict("This box's label purchase has an unknown outcome: a lead must settle it "
                           "(bought, with its tracking number, or not bought) before anything else")  # fmt: skip
        if row.state == "voiding":
            raise Conflict("This box's label is being voided")
        return self._send_and_settle(row.label_id)

    def _send_and_settle(self, label_id: int) -> LabelResult:
        if not self.ledger.claim(label_id, self.owner, *self._lease(), ("buying",)):
            raise Conflict("Another hub process is buying this box's label right now; ask again in a minute")
        row = self.ledger.get(label_id)
        assert row is not None
        sends = self.ledger.note_send(label_id, self.owner, self._now())
        if not sends:
            raise Conflict("Another hub process took over this box's label; ask again in a minute")
        try:
            payload = self._send(row)
        except UpstreamError as exc:
            self.checkpoint("purchase.sent")
            if sends == 1 and not exc.retryable and 400 <= exc.status < 500 and exc.status != 429:
                # The key's first and only send was refused: nothing was bought, the box is free again.
                self.ledger.finish(label_id, self._now(), from_states=("buying",), state="refused",
                                   last_error=_short(exc))  # fmt: skip
                self.audit.record("hub", "label.refused", target=row.amazon_order_id, label=label_id,
                                  status=exc.status, code=exc.code)  # fmt: skip
                raise
            return self._settle_unknown(row, exc)
        self.checkpoint("purchase.sent")
        return self._bought(row, payload)

    def _send(self, row: LabelRow) -> dict[str, Any]:
        partner = self.connections.partner_id(row.seller_id)
        self.shipped_here(row.seller_id, row.amazon_order_id, self._now())
        return shipping.purchase_shipment(self.client, partner, self._body(row),
                                          idempotency_key=row.idempotency_key, business_id=row.business_id)

    def _body(self, row: LabelRow) -> dict[str, Any]:
        """The exact purchaseShipment body of the row: the stored request with its sealed additional inputs."""
        body: dict[str, Any] = json.loads(row.request_body)
        if row.additional_inputs_sealed:
            body["additionalInputs"] = json.loads(self.sealer.open(row.additional_inputs_sealed, INPUTS_CONTEXT))
        return body

    def _settle_unknown(self, row: LabelRow, first: UpstreamError) -> LabelResult:
        """Resend the identical body once; then read the order's packages; then leave it to a lead."""
        if self.ledger.note_send(row.label_id, self.owner, self._now()):
            try:
                payload = self._send(row)
            except UpstreamError as exc:
                log.info("purchase resend for label %s: %s (HTTP %s)", row.label_id, exc.code, exc.status)
            else:
                return self._bought(row, payload)
        found = self._package_on_order(row)
        if found is not None:
            tracking = ids.check(ids.TRACKING, found.get("trackingNumber", ""), "tracking number", optional=True)
            self.ledger.finish(row.label_id, self._now(), from_states=("buying",), state="bought", tracking=tracking,
                               last_error="bought (seen on the order); the document was not returned")  # fmt: skip
            self.audit.record("hub", "label.purchased", target=row.amazon_order_id, label=row.label_id,
                              settled_by="order packages")  # fmt: skip
            return self._result(self._row(row.label_id))
        self.ledger.finish(row.label_id, self._now(), from_states=("buying",), state="unknown",
                           last_error=_short(first))  # fmt: skip
        self.audit.alert("label.outcome_unknown", target=row.amazon_order_id, label=row.label_id, box=row.box_ref,
                         code=first.code, status=first.status)  # fmt: skip
        raise Conflict("Amazon's answer was lost and the order does not show the label yet: the box is marked "
                       "'outcome unknown' for a lead to settle; nothing will be bought for it meanwhile")  # fmt: skip

    def _package_on_order(self, row: LabelRow, *, fail_as_present: bool = False) -> dict[str, Any] | None:
        """The order's package for this label; a failed read counts as "not seen" (or "present" for voids)."""
        try:
            return packages.find(self.client, self.connections.partner_id(row.seller_id), row.amazon_order_id,
                                 reference=row.package_ref, tracking=row.tracking)  # fmt: skip
        except UpstreamError as exc:
            log.info("getOrder for label %s failed: %s", row.label_id, exc.code)
            return {} if fail_as_present else None

    def _bought(self, row: LabelRow, payload: dict[str, Any]) -> LabelResult:
        try:
            shipment_id = ids.check(ids.SHIPMENT_ID, str(payload.get("shipmentId") or ""), "shipment id")
            details = payload.get("packageDocumentDetails") or [{}]
            document, fmt, tracking = mapping.label_bytes(details[0], row.label_format)
        except (InvalidUpstreamRecord, UnsafeLabelDocument) as exc:
            # Bought (Amazon answered 200) but unusable: keep it as bought, never buy again; a lead voids it.
            self.ledger.finish(row.label_id, self._now(), from_states=("buying",), state="unknown",
                               last_error=str(exc)[:300])  # fmt: skip
            self.audit.alert("label.outcome_unknown", target=row.amazon_order_id, label=row.label_id, code=exc.code)
            raise Conflict("Amazon sold a label whose answer could not be used: a lead must settle it") from None
        sealed = self.sealer.seal(base64.b64encode(document).decode(), DOCUMENT_CONTEXT) if document else None
        self.ledger.finish(row.label_id, self._now(), from_states=("buying",), state="bought",
                           shipment_id=shipment_id, tracking=tracking, label_format=fmt or row.label_format,
                           document_sealed=sealed, last_error="")  # fmt: skip
        self.audit.record("hub", "label.purchased", target=row.amazon_order_id, label=row.label_id,
                          carrier=row.carrier, cost=row.cost, label_format=fmt, dpi=row.dpi)  # fmt: skip
        return self._result(self._row(row.label_id))

    def _complete(self, row: LabelRow) -> LabelRow:
        """A label known bought (from the order, or a lead) without Amazon's answer: resend the identical
        request with its key, which returns the original purchase — its shipment id and document."""
        if row.shipment_id or not row.request_body:
            return row
        if not self.ledger.claim(row.label_id, self.owner, *self._lease(), ("bought",)):
            return row
        try:
            if not self.ledger.note_send(row.label_id, self.owner, self._now()):
                return row
            payload = self._send(row)
            shipment_id = ids.check(ids.SHIPMENT_ID, str(payload.get("shipmentId") or ""), "shipment id")
            details = payload.get("packageDocumentDetails") or [{}]
            document, fmt, tracking = mapping.label_bytes(details[0], row.label_format)
        except (UpstreamError, InvalidUpstreamRecord, UnsafeLabelDocument) as exc:
            log.info("completing label %s: %s", row.label_id, type(exc).__name__)
            self.ledger.finish(row.label_id, self._now(), from_states=("bought",))
            return self._row(row.label_id)
        if row.tracking and tracking != row.tracking:  # not the label the order shows: leave it to a lead
            self.ledger.finish(row.label_id, self._now(), from_states=("bought",),
                               last_error="the resent purchase answered another tracking number")  # fmt: skip
            return self._row(row.label_id)
        sealed = self.sealer.seal(base64.b64encode(document).decode(), DOCUMENT_CONTEXT) if document else None
        self.ledger.finish(row.label_id, self._now(), from_states=("bought",), shipment_id=shipment_id,
                           tracking=tracking, label_format=fmt or row.label_format, document_sealed=sealed,
                           last_error="")  # fmt: skip
        return self._row(row.label_id)

    # -- documents ------------------------------------------------------------------------------
    def reload_document(self, actor: Actor, label_id: int) -> LabelResult:
        """Fetch a bought label's document again (getShipmentDocuments with the getRates package ref)."""
        self.people.authorize(actor, "label.reprint", target=str(label_id))
        row = self._row(label_id)
        if row.state != "bought" or not row.shipment_id:
            raise Conflict("Only a bought label with a shipment id has documents")
        payload = shipping.get_shipment_documents(
            self.client, self.connections.partner_id(row.seller_id), row.shipment_id, row.package_ref,
            row.label_format, dpi=row.dpi, business_id=row.business_id)  # fmt: skip
        document, _fmt, _tracking = mapping.label_bytes(payload.get("packageDocumentDetail"), row.label_format)
        if document:
            sealed = self.sealer.seal(base64.b64encode(document).decode(), DOCUMENT_CONTEXT)
            self.ledger.finish(label_id, self._now(), document_sealed=sealed)
        self.audit.record(actor.name, "label.document_fetched", station=actor.station, target=row.amazon_order_id,
                          label=label_id)  # fmt: skip
        return self._result(self._row(label_id))

    # -- void -----------------------------------------------------------------------------------
    def void(self, actor: Actor, label_id: int, reason: str) -> LabelResult:
        """Lead: cancel a bought label (cancelShipment); a lost answer is settled by reading the order."""
        self.people.authorize(actor, "label.void", target=str(label_id))
        if not reason.strip():
            raise UsageError("Give a reason for voiding the label")
        row = self._row(label_id)
        if row.state == "bought":
            row = self._complete(row)
        if row.state == "bought" and not row.shipment_id:
            raise Conflict("Amazon has not returned this label's shipment id yet: try again, or void it in "
                           "Seller Central")  # fmt: skip
        if row.state == "bought":
            self.ledger.finish(label_id, self._now(), from_states=("bought",), state="voiding")
            self.audit.record(actor.name, "label.void_requested", station=actor.station, target=row.amazon_order_id,
                              label=label_id, reason=reason.strip()[:200])  # fmt: skip
        elif row.state != "voiding":
            raise Conflict(f"Only a bought label can be voided (this one is {row.state})")
        return self.finish_void(label_id)

    def finish_void(self, label_id: int) -> LabelResult:
        """Send (or resend) the cancellation of a label in 'voiding'; any process may take it over."""
        if not self.ledger.claim(label_id, self.owner, *self._lease(), ("voiding",)):
            raise Conflict("Another hub process is voiding this label right now")
        row = self._row(label_id)
        partner = self.connections.partner_id(row.seller_id)
        try:
            shipping.cancel_shipment(self.client, partner, row.shipment_id, business_id=row.business_id)
        except UpstreamError as exc:
            self.checkpoint("void.sent")
            # Refused or lost: the order's packages say whether the label is still there.
            if row.tracking and self._package_on_order(row, fail_as_present=True) is None:
                return self._voided(row, "cancellation seen on the order")
            self.ledger.finish(label_id, self._now(), from_states=("voiding",), state="voiding",
                               last_error=_short(exc))  # fmt: skip
            raise
        self.checkpoint("void.sent")
        return self._voided(row, "cancelShipment")

    def _voided(self, row: LabelRow, how: str) -> LabelResult:
        self.ledger.finish(row.label_id, self._now(), from_states=("voiding",), state="voided", document_sealed=None)
        self.audit.record("hub", "label.voided", target=row.amazon_order_id, label=row.label_id, settled_by=how)
        return self._result(self._row(row.label_id))

    # -- leads settle what Amazon left unknown ---------------------------------------------------
    def settle(self, actor: Actor, label_id: int, *, bought: bool, tracking: str = "") -> LabelResult:
        """Lead: an unknown outcome was a purchase (with its tracking number) or no purchase at all."""
        self.people.authorize(actor, "label.settle", target=str(label_id))
        row = self._row(label_id)
        if row.state != "unknown":
            raise Conflict(f"Only a label with an unknown outcome can be settled (this one is {row.state})")
        if bought:
            checked = tracking.strip()
            if not ids.TRACKING.fullmatch(checked):
                raise UsageError("Give the label's tracking number (letters, digits or dashes)")
            done = self.ledger.finish(label_id, self._now(), from_states=("unknown",), state="bought",
                                      tracking=checked, settled_by=actor.name)  # fmt: skip
        else:
            done = self.ledger.finish(label_id, self._now(), from_states=("unknown",), state="not_bought",
                                      settled_by=actor.name)  # fmt: skip
        if not done:
            raise Conflict("Someone settled this label at the same moment")
        self.audit.record(actor.name, "label.settled", station=actor.station, target=row.amazon_order_id,
                          label=label_id, bought=bought)  # fmt: skip
        return self._result(self._row(label_id))

    def unknown(self, actor: Actor) -> list[LabelResult]:
        """Lead: the boxes waiting for a settlement (no buyer data)."""
        self.people.authorize(actor, "label.settle")
        return [self._result(r, with_document=False) for r in self.ledger.in_state("unknown")]

    # -- recovery -------------------------------------------------------------------------------
    def recover(self) -> list[int]:
        """Take over purchases and voids a killed process left behind (expired leases): resend as recorded."""
        taken = []
        for label_id in self.ledger.stale(self.owner, *self._lease(), ("buying", "voiding")):
            row = self._row(label_id)
            try:
                if row.state == "buying":
                    self._send_and_settle(label_id)
                else:
                    self.finish_void(label_id)
            except (Conflict, UpstreamError) as exc:
                log.info("recovery of label %s: %s", label_id, type(exc).__name__)
            taken.append(label_id)
        return taken

    # -- helpers --------------------------------------------------------------------------------
    def _row(self, label_id: int) -> LabelRow:
        row = self.ledger.get(label_id)
        if row is None:
            raise NotFound("No such label")
        return row

    def _result(self, row: LabelRow, *, with_document: bool = True) -> LabelResult:
        document = b""
        if with_document and row.document_sealed:
            document = base64.b64decode(self.sealer.open(row.document_sealed, DOCUMENT_CONTEXT))
            document = clean_label_document(document, row.label_format)  # again on the way out
        return LabelResult(row.label_id, row.state, row.shipment_id, row.tracking, row.carrier, row.service,
                           row.label_format, row.dpi, row.cost, row.currency, document, row.last_error)  # fmt: skip

    def _now(self) -> str:
        return iso(self.clock.now())

    def _lease(self) -> tuple[str, str]:
        now = self.clock.now()
        return iso(now), iso(now + timedelta(seconds=self.lease_s))


def _check_box(box: BoxLabel) -> None:
    if not 0 < box.weight_lb <= MAX_BOX_WEIGHT_LB:
        raise UsageError(f"Box weight must be between 0 and {MAX_BOX_WEIGHT_LB:g} lb")
    if min(box.length_in, box.width_in, box.height_in) <= 0:
        raise UsageError("Box dimensions must be positive")
    if not box.items or any(q <= 0 for _i, q in box.items):
        raise UsageError("A box holds at least one unit of each item it names")
    if not box.box_ref or len(box.box_ref) > 32 or not box.box_ref.isascii():
        raise UsageError("box_ref: 1 to 32 ASCII characters")


def _schema_fields(schema: Any) -> list[str]:
    props = schema.get("properties") if isinstance(schema, dict) else None
    return [str(k)[:40] for k in props] if isinstance(props, dict) else []


def _short(exc: UpstreamError) -> str:
    return f"{exc.code or 'error'} (HTTP {exc.status})"[:300]

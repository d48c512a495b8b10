"""/v1 labels and confirmations: a station buys a box's label through the hub's ledger (exactly once), a
lead voids or settles one, and shipments with labels bought elsewhere are queued for confirmation.

A label reply holds the label document (the buyer's address): it is never stored with the request id;
the ledger's box key makes a repeated purchase return the same label instead.
"""

from __future__ import annotations

import base64
from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from hub.api.deps import HubDep, OperatorDep, Outcome, RequestId, StationDep, idempotent
from hub.api.errors import OPERATOR_ERRORS, responses
from hub.engine.confirmations import Shipped
from hub.engine.ledger import BoxLabel, LabelResult
from sync.label_spec import Printer

router = APIRouter(prefix="/v1", tags=["labels"])
LABEL_ERRORS = {**OPERATOR_ERRORS, **responses(502)}
Id = Annotated[int, Path(ge=1, le=2**62)]
Text64 = Annotated[str, Field(min_length=1, max_length=64)]


class ItemIn(BaseModel):
    order_item_id: Text64
    quantity: int = Field(ge=1, le=10_000)


class PrinterIn(BaseModel):
    language: str = Field(default="zpl", max_length=16)  # zpl | tspl | escpos | raster ...
    dpi: int = Field(default=203, ge=100, le=600)


class BoxIn(BaseModel):
    """One box to label, as station.shipping builds it: contents, weight, size, rate choice, printer."""

    seller_id: int = Field(ge=1, le=2**62)
    amazon_order_id: Text64
    marketplace_id: Text64
    box_ref: str = Field(min_length=1, max_length=32)
    items: list[ItemIn] = Field(min_length=1, max_length=200)
    weight_lb: float = Field(gt=0, le=150)
    length_in: float = Field(gt=0, le=200)
    width_in: float = Field(gt=0, le=200)
    height_in: float = Field(gt=0, le=200)
    ship_from: dict[str, Annotated[str, Field(max_length=128)]] = Field(max_length=12)
    printer: PrinterIn = PrinterIn()
    rate_rule: str = Field(default="best", pattern="^(best|service)$")
    service_id: str = Field(default="", max_length=64)
    deliver_by: str = Field(default="", max_length=40)
    additional_inputs: dict[str, Any] | None = None


class LabelOut(BaseModel):
    label_id: int
    state: str  # buying | bought | unknown | refused | not_bought | voiding | voided
    shipment_id: str
    tracking: str
    carrier: str
    service: str
    label_format: str
    dpi: int
    cost: str
    currency: str
    document_b64: str = ""
    message: str = ""


class VoidIn(BaseModel):
    reason: str = Field(min_length=1, max_length=200)


class SettleIn(BaseModel):
    bought: bool
    tracking: str = Field(default="", max_length=64)


class ShippedIn(BaseModel):
    seller_id: int = Field(ge=1, le=2**62)
    amazon_order_id: Text64
    marketplace_id: Text64
    box_ref: str = Field(min_length=1, max_length=32)
    package_reference_id: str = Field(pattern="^[1-9][0-9]{0,8}$")
    carrier: Text64
    service: str = Field(default="", max_length=64)
    tracking: Text64
    ship_date: str = Field(max_length=40)
    items: list[ItemIn] = Field(min_length=1, max_length=200)


class ConfirmationVoidIn(BaseModel):
    seller_id: int = Field(ge=1, le=2**62)
    amazon_order_id: Text64
    box_ref: str = Field(min_length=1, max_length=32)


class QueuedOut(BaseModel):
    entry_id: int


class ConfirmationVoidOut(BaseModel):
    cancelled: int
    already_sent: list[str]


def _out(result: LabelResult) -> LabelOut:
    return LabelOut(label_id=result.label_id, state=result.state, shipment_id=result.shipment_id,
                    tracking=result.tracking, carrier=result.carrier, service=result.service,
                    label_format=result.label_format, dpi=result.dpi, cost=result.cost, currency=result.currency,
                    document_b64=base64.b64encode(result.document).decode(), message=result.message)  # fmt: skip


@router.post("/labels", response_model=LabelOut, responses=LABEL_ERRORS)
def buy_label(body: BoxIn, actor: OperatorDep, station: StationDep, hub: HubDep, request_id: RequestId) -> LabelOut:
    """Buy the box's label (or get the one bought before); the document is sanitised ZPL, PNG or PDF.
    409 "Claim lost" unless this station holds the order (a release at the hub is seen before any purchase)."""
    hub.claims.require_holder_of(body.seller_id, body.amazon_order_id, station)
    box = BoxLabel(body.seller_id, body.amazon_order_id, body.marketplace_id, body.box_ref,
                   tuple((i.order_item_id, i.quantity) for i in body.items), body.weight_lb, body.length_in,
                   body.width_in, body.height_in, dict(body.ship_from),
                   Printer(body.printer.language, body.printer.dpi), body.rate_rule, body.service_id, body.deliver_by,
                   body.additional_inputs, request_id)  # fmt: skip
    return _out(hub.labels.buy(actor, box))


@router.get("/labels/unknown", response_model=list[LabelOut], responses=OPERATOR_ERRORS)
def unknown_labels(actor: OperatorDep, hub: HubDep) -> list[LabelOut]:
    """Lead: labels whose purchase outcome Amazon left unknown, waiting to be settled."""
    return [_out(r) for r in hub.labels.unknown(actor)]


@router.post("/labels/{label_id}/void", response_model=LabelOut, responses=LABEL_ERRORS)
def void_label(label_id: Id, body: VoidIn, actor: OperatorDep, hub: HubDep, request_id: RequestId) -> LabelOut:
    """Lead: void a bought label (cancelShipment through the ledger)."""
    del request_id  # the ledger's state makes a repeat harmless
    out = _out(hub.labels.void(actor, label_id, body.reason))
    return out.model_copy(update={"document_b64": ""})


@router.post("/labels/{label_id}/settle", response_model=LabelOut, responses=OPERATOR_ERRORS)
def settle_label(label_id: Id, body: SettleIn, actor: OperatorDep, hub: HubDep, request_id: RequestId) -> LabelOut:
    """Lead: an unknown outcome was a purchase (with its tracking number) or none."""
    del request_id
    out = _out(hub.labels.settle(actor, label_id, bought=body.bought, tracking=body.tracking))
    return out.model_copy(update={"document_b64": ""})


@router.post("/confirmations", response_model=QueuedOut, responses=responses(400, 401, 403, 404, 409, 422, 426))
def confirm(body: ShippedIn, actor: OperatorDep, station: StationDep, hub: HubDep, request_id: RequestId):  # type: ignore[no-untyped-def]
    """Queue the shipment confirmation of a box whose label was bought elsewhere."""
    shipped = Shipped(body.seller_id, body.amazon_order_id, body.marketplace_id, body.box_ref,
                      body.package_reference_id, body.carrier, body.service, body.tracking, body.ship_date,
                      tuple((i.order_item_id, i.quantity) for i in body.items))  # fmt: skip

    def work() -> Outcome:
        return Outcome(200, {"entry_id": hub.confirmations.record(actor, shipped)})

    return idempotent(hub, station, request_id, work)


@router.post("/confirmations/void", response_model=ConfirmationVoidOut, responses=OPERATOR_ERRORS)
def void_confirmation(body: ConfirmationVoidIn, actor: OperatorDep, hub: HubDep,
                      request_id: RequestId) -> ConfirmationVoidOut:  # fmt: skip
    """Lead: a box's external label is void; its confirmation, if not yet sent, never leaves."""
    del request_id
    result = hub.confirmations.void(actor, body.seller_id, body.amazon_order_id, body.box_ref)
    return ConfirmationVoidOut(cancelled=result.cancelled, already_sent=result.already_sent)

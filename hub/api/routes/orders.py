"""/v1 orders: changes by cursor for every station, and one order's buyer data for the operator packing it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from hub.api.deps import HubDep, OperatorDep, StationDep
from hub.api.errors import OPERATOR_ERRORS, STATION_ERRORS
from hub.services.orders import MAX_PAGE
from station.errors import NotFound

router = APIRouter(prefix="/v1/orders", tags=["orders"])


class ClaimOut(BaseModel):
    order_id: int
    station: str
    operator: str
    kind: str  # open | hold
    expires_at: str


class BuyerOut(BaseModel):
    name: str | None = None
    address: str | None = None
    phone: str | None = None


class OrderChangeOut(BaseModel):
    seq: int
    order_id: int
    seller_id: int
    amazon_order_id: str
    status: str
    ship_by: str
    lines: list[dict[str, Any]]
    updated_at: str
    # new, updated, cancelled, cancel_requested, address_changed, shipped_elsewhere, partially_shipped
    kind: str = "updated"
    detail: dict[str, Any] = {}
    station_id: int | None = None  # the station holding the order, when one does
    marketplace_id: str = ""  # where the order was placed (labels and confirmations need it)
    claim: ClaimOut | None = None  # who packs it now (station, operator)
    buyer: BuyerOut | None = None  # only for an order the calling station holds


class ChangesOut(BaseModel):
    changes: list[OrderChangeOut]
    cursor: int


class AddressOut(BaseModel):
    name: str | None = None
    address: str | None = None
    phone: str | None = None


@router.get("/changes", response_model=ChangesOut, responses=STATION_ERRORS)
def changes(
    station: StationDep,
    hub: HubDep,
    cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = MAX_PAGE,
) -> ChangesOut:
    """Order changes after the cursor; buyer data only for orders this station holds. Pass the cursor back."""
    page = hub.orders.changes(cursor, limit, station)
    # The hot polling path: the service already shapes ChangesOut; skip re-validating it per request.
    return JSONResponse({"changes": page.changes, "cursor": page.cursor})  # type: ignore[return-value]


@router.get("/{order_id}/address", response_model=AddressOut, responses=OPERATOR_ERRORS)
def address(order_id: Annotated[int, Path(ge=1, le=2**62)], actor: OperatorDep, station: StationDep,
            hub: HubDep) -> AddressOut:  # fmt: skip
    """The buyer data of one order, for the operator packing it (audited); 409 unless this station holds it."""
    hub.people.authorize(actor, "order.address.view", target=str(order_id))
    hub.claims.require_holder(order_id, station)  # never buyer data for an order the station cannot pack
    found = hub.orders.address(actor, order_id)
    if found is None:
        raise NotFound("No such order")
    return AddressOut(**found)

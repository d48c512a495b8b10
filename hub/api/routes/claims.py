"""/v1 claims: open an order (claim), keep claims alive (heartbeat), claim a batch ahead (hold), release,
and who holds an order. 409 = taken by another station (claim) or no longer ours."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from hub.api.deps import HubDep, OperatorDep, Outcome, RequestId, StationDep, idempotent
from hub.api.errors import OPERATOR_ERRORS, STATION_ERRORS, responses
from hub.api.routes.orders import ClaimOut
from hub.services.claims import MAX_HOLD

router = APIRouter(prefix="/v1/claims", tags=["claims"])
OrderId = Annotated[int, Path(ge=1, le=2**62)]


class ClaimsOut(BaseModel):
    claims: list[ClaimOut]
    lease_seconds: int


class HolderOut(BaseModel):
    order_id: int
    claim: ClaimOut | None = None


class HoldRequest(BaseModel):
    orders: int | None = Field(default=None, ge=0, le=MAX_HOLD)  # at most this many; default: the setting


def _claims(hub: HubDep, views: list) -> dict:  # type: ignore[type-arg]
    return {"claims": [v.as_dict() for v in views], "lease_seconds": hub.settings.claim_lease_seconds}


@router.get("", response_model=ClaimsOut, responses=STATION_ERRORS)
def mine(station: StationDep, hub: HubDep) -> ClaimsOut:
    """The calling station's live claims (open and held), without renewing them."""
    return ClaimsOut(**_claims(hub, hub.claims.held(station)))


@router.post("/heartbeat", response_model=ClaimsOut, responses=STATION_ERRORS)
def heartbeat(station: StationDep, hub: HubDep) -> ClaimsOut:
    """Keep the station's open claims alive; the reply lists every claim it still has."""
    return ClaimsOut(**_claims(hub, hub.claims.heartbeat(station)))


@router.post("/hold", response_model=ClaimsOut, responses=STATION_ERRORS | responses(403, 409))
def hold(body: HoldRequest, station: StationDep, hub: HubDep, request_id: RequestId) -> JSONResponse:
    """Claim a batch of orders ahead (the settings' N orders or H hours); the reply lists the station's holds."""
    return idempotent(hub, station, request_id,
                      lambda: Outcome(200, _claims(hub, hub.claims.hold_batch(station, body.orders))))  # fmt: skip


@router.get("/{order_id}", response_model=HolderOut, responses=STATION_ERRORS)
def holder(order_id: OrderId, station: StationDep, hub: HubDep) -> HolderOut:
    """Who packs the order now: station and operator (no buyer data)."""
    del station  # any enrolled station may see that an order is taken
    found = hub.claims.holder(order_id)
    return HolderOut(order_id=order_id, claim=ClaimOut(**found.as_dict()) if found else None)


@router.post("/{order_id}", response_model=ClaimOut, responses=OPERATOR_ERRORS)
def claim(order_id: OrderId, actor: OperatorDep, station: StationDep, hub: HubDep,
          request_id: RequestId) -> JSONResponse:  # fmt: skip
    """Open the order at this station: claim it (409 names the station and operator holding it)."""
    return idempotent(hub, station, request_id,
                      lambda: Outcome(200, hub.claims.claim(actor, station, order_id).as_dict()))  # fmt: skip


@router.post("/{order_id}/release", response_model=ClaimOut, responses=OPERATOR_ERRORS)
def release(order_id: OrderId, actor: OperatorDep, station: StationDep, hub: HubDep,
            request_id: RequestId) -> JSONResponse:  # fmt: skip
    """End the claim: the holding station's operator, or a lead for another station's claim or hold."""
    return idempotent(hub, station, request_id,
                      lambda: Outcome(200, hub.claims.release(actor, station, order_id).as_dict()))  # fmt: skip

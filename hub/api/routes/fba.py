"""/v1/fba/{operation}: the station's FBA prep calls (inventory, prep details, inbound plans, box labels),
run by the hub's SP-API client for the acting operator."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from hub.api.deps import HubDep, OperatorDep, Outcome, RequestId, StationDep, idempotent
from hub.api.errors import OPERATOR_ERRORS, responses

router = APIRouter(prefix="/v1/fba", tags=["fba"])
Operation = Literal["inventory", "prep_details", "set_prep_details", "create_plan", "confirm_packing",
                    "set_packing", "confirm_placement", "confirm_transport", "shipment", "box_labels"]  # fmt: skip


class FbaCall(BaseModel):
    seller: str = Field(min_length=1, max_length=64)  # the selling partner id
    args: dict[str, Any] = Field(default_factory=dict)  # the FbaInbound method's other arguments, as JSON


class FbaResult(BaseModel):
    result: Any = None  # dataclasses as objects, tuples as lists, bytes as {"base64": ...}


@router.post("/{operation}", response_model=FbaResult, responses=OPERATOR_ERRORS | responses(502, 503))
def call(operation: Operation, body: FbaCall, actor: OperatorDep, station: StationDep, hub: HubDep,
         request_id: RequestId) -> JSONResponse:  # fmt: skip
    """Run one FbaInbound operation (station/ports.py) through the hub's SP-API client; a repeated request
    id gets the stored answer (a plan is never created twice)."""
    return idempotent(hub, station, request_id,
                      lambda: Outcome(200, {"result": hub.fba.call(actor, operation, body.seller, body.args)}))

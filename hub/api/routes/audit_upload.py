"""/v1/audit: a station uploads its own audit rows and anchors its chain head at the hub."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from hub.api.deps import HubDep, Outcome, RequestId, StationDep, idempotent
from hub.api.errors import STATION_ERRORS, responses
from hub.services.station_audit import MAX_BATCH
from station.audit_chain import ChainRow

router = APIRouter(prefix="/v1/audit", tags=["audit"])


class AuditRowIn(BaseModel):
    seq: int = Field(ge=1, le=2**62)
    at: str = Field(max_length=32)
    actor: str = Field(max_length=64)
    action: str = Field(max_length=64)
    severity: str = Field(max_length=16)
    target: str = Field(max_length=128)
    detail: str = Field(max_length=16_384)
    mac: str = Field(max_length=160)


class HeadIn(BaseModel):
    seq: int = Field(ge=0, le=2**62)
    mac: str = Field(max_length=160)


class UploadIn(BaseModel):
    rows: list[AuditRowIn] = Field(max_length=MAX_BATCH)
    head: HeadIn


class UploadOut(BaseModel):
    stored: int
    head_seq: int


class HeadOut(BaseModel):
    seq: int
    mac: str


@router.post("/rows", response_model=UploadOut, responses=STATION_ERRORS | responses(403, 409))
def upload(body: UploadIn, station: StationDep, hub: HubDep, request_id: RequestId) -> JSONResponse:
    """Upload a batch of this station's audit rows (idempotent by seq) and anchor its head (409 when the
    head goes backwards or a seq already held has another MAC: a fork; both alert)."""
    rows = [ChainRow(**r.model_dump()) for r in body.rows]
    return idempotent(hub, station, request_id, lambda: Outcome(
        200, hub.station_audit.upload(station, rows, (body.head.seq, body.head.mac))))  # fmt: skip


@router.get("/head", response_model=HeadOut, responses=STATION_ERRORS)
def head(station: StationDep, hub: HubDep) -> HeadOut:
    """The head the hub holds for this station (seq 0 when none): upload from the next seq."""
    found = hub.station_audit.head(station) or (0, "")
    return HeadOut(seq=found[0], mac=found[1])

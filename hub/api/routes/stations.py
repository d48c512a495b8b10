"""/v1 for stations themselves: enrolment with a one-time code, who-am-I, credential rotation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header
from pydantic import BaseModel, Field

from hub.api.deps import HubDep, Outcome, RequestId, StationDep, idempotent
from hub.api.errors import STATION_ERRORS
from hub.services.stations import Enrolled

router = APIRouter(prefix="/v1", tags=["stations"])


class EnrolRequest(BaseModel):
    code: str = Field(min_length=1, max_length=128)


class Credential(BaseModel):
    station: str
    secret: str  # the bearer credential; the station keeps it in its own secret store


class StationInfo(BaseModel):
    station: str
    state: str
    version: str
    locked: bool = False  # incident mode at the hub: the station locks


@router.post("/enrol", response_model=Credential, responses=STATION_ERRORS)
def enrol(body: EnrolRequest, hub: HubDep,
          x_pacific_station_version: Annotated[str, Header()] = "") -> Credential:  # fmt: skip
    """Exchange a one-time enrolment code for the station's credential (returned once)."""
    done: Enrolled = hub.stations.enrol(body.code, x_pacific_station_version)
    return Credential(station=done.name, secret=done.secret)


@router.get("/station", response_model=StationInfo, responses=STATION_ERRORS)
def whoami(station: StationDep, hub: HubDep) -> StationInfo:
    """The calling station as the hub knows it, and whether the hub is locked (incident mode)."""
    return StationInfo(station=station.name, state=station.state, version=station.version,
                       locked=hub.events.locked())  # fmt: skip


@router.post("/station/credential", response_model=Credential, responses=STATION_ERRORS | {409: {}})
def rotate(station: StationDep, hub: HubDep, request_id: RequestId):  # type: ignore[no-untyped-def]
    """Swap the station's credential for a fresh one; the old one stops working at once."""
    return idempotent(
        hub, station, request_id,
        lambda: Outcome(200, {"station": station.name, "secret": hub.stations.rotate_self(station)}),
    )  # fmt: skip

"""Dependencies: the hub, the calling station (bearer credential), the acting operator (session)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from fastapi.responses import JSONResponse

from hub.api.errors import status_for
from hub.bootstrap import Hub
from hub.services.people import Actor
from hub.store.stations import StationRow
from station.clock import iso
from station.errors import AuthenticationFailed, Conflict, StationError, UsageError

VERSION_HEADER = "X-Pacific-Station-Version"


async def get_hub(request: Request) -> Hub:  # async: no I/O, so no hop through the thread pool
    hub: Hub = request.app.state.hub
    return hub


HubDep = Annotated[Hub, Depends(get_hub)]


def _bearer(authorization: str) -> str:
    scheme, _, value = authorization.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def current_station(
    hub: HubDep,
    authorization: Annotated[str, Header()] = "",
    x_pacific_station_version: Annotated[str, Header()] = "",
) -> StationRow:
    """The station whose bearer credential signed the request (401 otherwise)."""
    secret = _bearer(authorization)
    if not secret:
        raise AuthenticationFailed("A station credential is required (Authorization: Bearer ...)")
    return hub.stations.authenticate(secret, x_pacific_station_version)


StationDep = Annotated[StationRow, Depends(current_station)]


def current_operator(
    hub: HubDep,
    station: StationDep,
    x_pacific_operator: Annotated[str, Header()] = "",
    x_pacific_session: Annotated[str, Header()] = "",
) -> Actor:
    """The operator acting at that station: named, with a live session opened at that station."""
    if not x_pacific_operator or not x_pacific_session:
        raise AuthenticationFailed("This call needs the operator and session (X-Pacific-Operator, X-Pacific-Session)")
    actor = hub.people.session(x_pacific_session, station=station.name, station_id=station.station_id)
    if actor.name != x_pacific_operator:
        raise AuthenticationFailed("The session does not belong to that operator")
    return actor


OperatorDep = Annotated[Actor, Depends(current_operator)]
RequestId = Annotated[str, Header(alias="X-Client-Request-Id", min_length=8, max_length=64)]


@dataclass(frozen=True)
class Outcome:
    status: int
    body: dict[str, Any]


def idempotent(hub: Hub, station: StationRow, request_id: str, work: Callable[[], Outcome]) -> JSONResponse:
    """Run a mutating call once per client request id; a repeat gets the stored response."""
    if not request_id.isascii() or not request_id.isprintable():
        raise UsageError("X-Client-Request-Id must be printable ASCII")
    if not hub.store.stations.reserve_request(station.station_id, request_id, iso(hub.clock.now())):
        stored = hub.store.stations.stored_response(station.station_id, request_id)
        if stored is None or stored[0] == 0:
            raise Conflict("A request with this id is still being handled")
        return JSONResponse(json.loads(stored[1]), status_code=stored[0], headers={"X-Idempotent-Replay": "true"})
    try:
        outcome = work()
    except StationError as exc:
        hub.store.stations.finish_request(station.station_id, request_id, status_for(exc), json.dumps(
            {"detail": str(exc)}))  # fmt: skip
        raise
    except Exception:
        hub.store.stations.finish_request(station.station_id, request_id, 0, "")
        raise
    hub.store.stations.finish_request(station.station_id, request_id, outcome.status, json.dumps(outcome.body))
    return JSONResponse(outcome.body, status_code=outcome.status)


def once(hub: Hub, station: StationRow, request_id: str, work: Callable[[], Outcome]) -> JSONResponse:
    """Run a call at most once per request id without keeping its reply (it holds a secret)."""
    if not hub.store.stations.reserve_request(station.station_id, request_id, iso(hub.clock.now())):
        raise Conflict("This request id was used already; send the request again with a new id")
    try:
        outcome = work()
    except StationError as exc:
        hub.store.stations.finish_request(station.station_id, request_id, status_for(exc), "{}")
        raise
    hub.store.stations.finish_request(station.station_id, request_id, outcome.status, "{}")
    return JSONResponse(outcome.body, status_code=outcome.status)

"""/v1 operator sessions at a station: log in (password + TOTP, or badge + PIN), who, log out."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from hub.api.deps import HubDep, OperatorDep, Outcome, RequestId, StationDep, idempotent, once
from hub.api.errors import OPERATOR_ERRORS, responses

router = APIRouter(prefix="/v1/sessions", tags=["sessions"])


class LoginRequest(BaseModel):
    name: str | None = Field(default=None, max_length=64)
    password: str | None = Field(default=None, max_length=256)
    totp: str | None = Field(default=None, max_length=16)
    badge: str | None = Field(default=None, max_length=128)
    pin: str | None = Field(default=None, max_length=32)


class SessionOut(BaseModel):
    operator: str
    role: str
    session: str | None = None  # the session token, returned once at login
    language: str = "en"  # the operator's language: the station's screens switch to it at login


@router.post("", response_model=SessionOut, responses=responses(400, 401, 409, 422, 426))
def login(body: LoginRequest, station: StationDep, hub: HubDep, request_id: RequestId):  # type: ignore[no-untyped-def]
    """Open an operator session at this station."""

    def work() -> Outcome:
        if body.badge and body.pin:
            done = hub.people.login_badge(body.badge, body.pin, station=station.name, station_id=station.station_id)
        else:
            done = hub.people.login_password(body.name or "", body.password or "", body.totp,
                                             station=station.name, station_id=station.station_id)  # fmt: skip
        return Outcome(200, {"operator": done.actor.name, "role": done.actor.role.value, "session": done.token,
                             "language": done.language})  # fmt: skip

    # A login reply holds a session token, which is never stored: a repeated id is refused, not replayed.
    return once(hub, station, request_id, work)


@router.get("/current", response_model=SessionOut, responses=OPERATOR_ERRORS)
def current(actor: OperatorDep) -> SessionOut:
    """The operator of the named session (refused once disabled, ended or expired)."""
    return SessionOut(operator=actor.name, role=actor.role.value)


@router.delete("/current", response_model=SessionOut, responses=OPERATOR_ERRORS)
def logout(actor: OperatorDep, station: StationDep, hub: HubDep, request_id: RequestId):  # type: ignore[no-untyped-def]
    """End the named session."""

    def work() -> Outcome:
        hub.people.logout(actor)
        return Outcome(200, {"operator": actor.name, "role": actor.role.value})

    return idempotent(hub, station, request_id, work)

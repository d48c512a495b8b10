"""/v1/admin: station, seller and operator administration by an operator at a station (thin; the
command line offers the same through the same services)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path
from pydantic import BaseModel

from hub.api.deps import HubDep, OperatorDep, Outcome, RequestId, StationDep, idempotent
from hub.api.errors import OPERATOR_ERRORS
from station.domain import Role

router = APIRouter(prefix="/v1/admin", tags=["admin"])
Name = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]


class StationOut(BaseModel):
    name: str
    state: str
    version: str
    last_seen: str


class SellerOut(BaseModel):
    name: str
    state: str
    selling_partner_id: str
    marketplaces: list[str]


class OperatorOut(BaseModel):
    name: str
    role: str
    disabled: bool
    locked: bool
    badge: bool
    language: str = "en"


class Done(BaseModel):
    done: str


class RoleIn(BaseModel):
    role: Role


class LanguageIn(BaseModel):
    language: Literal["en", "es"]  # station.services.auth.LANGUAGES


@router.get("/stations", response_model=list[StationOut], responses=OPERATOR_ERRORS)
def list_stations(actor: OperatorDep, hub: HubDep) -> list[StationOut]:
    """Every enrolled station."""
    return [StationOut(name=s.name, state=s.state, version=s.version, last_seen=s.last_seen)
            for s in hub.stations.list(actor)]  # fmt: skip


@router.post("/stations/{name}/revoke", response_model=Done, responses=OPERATOR_ERRORS)
def revoke_station(name: Name, actor: OperatorDep, station: StationDep, hub: HubDep, request_id: RequestId):  # type: ignore[no-untyped-def]
    """Revoke a station: its next request gets 401."""

    def work() -> Outcome:
        hub.stations.revoke(actor, name)
        return Outcome(200, {"done": f"station {name} revoked"})

    return idempotent(hub, station, request_id, work)


@router.get("/sellers", response_model=list[SellerOut], responses=OPERATOR_ERRORS)
def list_sellers(actor: OperatorDep, hub: HubDep) -> list[SellerOut]:
    """Every seller and whether its authorization is verified."""
    return [
        SellerOut(name=s.name, state=s.state, selling_partner_id=s.selling_partner_id,
                  marketplaces=[m for m in s.marketplaces.split(",") if m])  # fmt: skip
        for s in hub.sellers.list(actor)
    ]


@router.get("/operators", response_model=list[OperatorOut], responses=OPERATOR_ERRORS)
def list_operators(actor: OperatorDep, hub: HubDep) -> list[OperatorOut]:
    """Every operator (leads see who is locked out)."""
    return [OperatorOut(**o) for o in hub.people.list(actor)]  # type: ignore[arg-type]


@router.post("/operators/{name}/disable", response_model=Done, responses=OPERATOR_ERRORS)
def disable_operator(name: Name, actor: OperatorDep, station: StationDep, hub: HubDep, request_id: RequestId):  # type: ignore[no-untyped-def]
    """Disable an operator; their sessions end at once."""

    def work() -> Outcome:
        hub.people.disable(actor, name)
        return Outcome(200, {"done": f"operator {name} disabled"})

    return idempotent(hub, station, request_id, work)


@router.post("/operators/{name}/role", response_model=Done, responses=OPERATOR_ERRORS)
def change_role(  # type: ignore[no-untyped-def]
    name: Name, body: RoleIn, actor: OperatorDep, station: StationDep, hub: HubDep, request_id: RequestId
):
    """Change an operator's role; their sessions end at once."""

    def work() -> Outcome:
        hub.people.set_role(actor, name, body.role)
        return Outcome(200, {"done": f"operator {name} is now {body.role.value}"})

    return idempotent(hub, station, request_id, work)


@router.post("/operators/{name}/language", response_model=Done, responses=OPERATOR_ERRORS)
def change_language(  # type: ignore[no-untyped-def]
    name: Name, body: LanguageIn, actor: OperatorDep, station: StationDep, hub: HubDep, request_id: RequestId
):
    """The language an operator's station screens show, from their next login."""

    def work() -> Outcome:
        hub.people.set_language(actor, name, body.language)
        return Outcome(200, {"done": f"operator {name} reads {body.language}"})

    return idempotent(hub, station, request_id, work)

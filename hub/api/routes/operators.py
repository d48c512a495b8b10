"""/v1/operators/verifiers: packers' badge + PIN verifiers for offline login at this station."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from hub.api.deps import HubDep, StationDep
from hub.api.errors import STATION_ERRORS, responses

router = APIRouter(prefix="/v1/operators", tags=["operators"])


class VerifierOut(BaseModel):
    operator: str
    role: str
    badge_lookup: str  # HMAC-SHA256(badge_key, badge code), hex
    pin_hash: str  # Argon2id, as the hub holds it: re-wrap it under the station's pepper before caching
    language: str = "en"  # the packer's language: the station's screens switch to it at an offline login


class VerifiersOut(BaseModel):
    badge_key: str  # base64; this station's own key: keep it in the secret store, not the cache
    operators: list[VerifierOut]
    pending: list[str]  # packers the hub has no badge verifier for yet (they log in online once)
    disabled: list[str]  # drop these from the cache


@router.get("/verifiers", response_model=VerifiersOut, responses=STATION_ERRORS | responses(403))
def verifiers(station: StationDep, hub: HubDep) -> VerifiersOut:
    """Packers only (no lead, admin or auditor; never a TOTP seed), keyed to this station."""
    return VerifiersOut(**hub.verifiers.for_station(station))

"""/v1/sellers/{seller_id}/key: lease (or renew) a seller's data key for the station's cache, 24 h at most."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from hub.api.deps import HubDep, StationDep
from hub.api.errors import STATION_ERRORS, responses

router = APIRouter(prefix="/v1/sellers", tags=["sellers"])


class SellerKeyOut(BaseModel):
    seller_id: int
    key: str  # base64 of 32 bytes: encrypt this seller's buyer data with it; keep it in memory only
    expires_at: str  # drop the key then (renew before, while online)


@router.get("/{seller_id}/key", response_model=SellerKeyOut, responses=STATION_ERRORS | responses(403, 404))
def lease(seller_id: Annotated[int, Path(ge=1, le=2**62)], station: StationDep, hub: HubDep) -> JSONResponse:
    """Lease or renew the seller's data key (404 once the seller is forgotten: erase its cache)."""
    return JSONResponse(hub.seller_keys.lease(station, seller_id), headers={"Cache-Control": "no-store"})

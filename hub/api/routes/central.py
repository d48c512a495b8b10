"""/v1/settings: the central settings a station applies (box presets, ship-from, rate rules, label format)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from hub.api.deps import HubDep, StationDep
from hub.api.errors import STATION_ERRORS

router = APIRouter(prefix="/v1", tags=["settings"])


class SettingsOut(BaseModel):
    settings: dict[str, Any]  # key -> value, as checked by the station's rules
    set_at: dict[str, str]


@router.get("/settings", response_model=SettingsOut, responses=STATION_ERRORS)
def central(station: StationDep, hub: HubDep) -> SettingsOut:
    """Every central setting set at the hub; refetch on a settings.changed event."""
    del station
    return SettingsOut(**hub.central.all())

"""Typed core errors -> HTTP statuses, one table; every error body is {"detail": message}."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from hub.services.stations import UpgradeRequired
from station.errors import (
    AuditVerificationFailed,
    AuthenticationFailed,
    Conflict,
    NotFound,
    PermissionDenied,
    StationError,
    StoreError,
    UpstreamError,
    UsageError,
)

STATUS: tuple[tuple[type[StationError], int], ...] = (
    (UpgradeRequired, 426),
    (AuthenticationFailed, 401),
    (PermissionDenied, 403),
    (NotFound, 404),
    (Conflict, 409),
    (UsageError, 400),
    (UpstreamError, 502),
    (AuditVerificationFailed, 500),
    (StoreError, 503),
)


class ErrorBody(BaseModel):
    detail: str


def status_for(exc: StationError) -> int:
    return next((code for kind, code in STATUS if isinstance(exc, kind)), 500)


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error statuses a route may answer."""
    return {code: {"model": ErrorBody} for code in codes}


STATION_ERRORS = responses(400, 401, 422, 426)
OPERATOR_ERRORS = responses(400, 401, 403, 404, 409, 422, 426)

"""The FastAPI application of one hub: routers, the error table, metrics. Built by create_app(hub)."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from hub import __version__
from hub.api.errors import status_for
from hub.api.metrics import Metrics, MetricsMiddleware
from hub.api.routes import (
    admin,
    audit_upload,
    central,
    claims,
    events,
    fba,
    health,
    labels,
    operators,
    orders,
    seller_keys,
    sessions,
    stations,
)
from hub.bootstrap import Hub
from hub.web import pages
from station.errors import StationError
from station.logs import safe_message

log = logging.getLogger(__name__)
TITLE = "Pacific Prep WMS hub"


def create_app(hub: Hub | None = None) -> FastAPI:
    """The ASGI app; ``hub`` is None only to render the OpenAPI document."""
    app = FastAPI(title=TITLE, version=__version__, docs_url=None, redoc_url=None)
    app.state.hub = hub
    app.state.metrics = Metrics()
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    for module in (health, stations, sessions, orders, claims, events, operators, audit_upload,
                   central, seller_keys, fba, labels, admin, pages):
        app.include_router(module.router)

    @app.exception_handler(StationError)
    async def station_error(_request: Request, exc: StationError) -> JSONResponse:
        status = status_for(exc)
        if status >= 500:
            log.warning("request failed: %s", type(exc).__name__)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse({"detail": safe_message(exc)}, status_code=status, headers=headers)

    return app


def openapi_document() -> dict[str, object]:
    """The OpenAPI document as committed in hub/openapi.json."""
    return create_app(None).openapi()

"""GET /v1/events: the station's server-sent events, resumable from Last-Event-ID (or ?cursor=)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Header, Query
from fastapi.responses import StreamingResponse

from hub.api.deps import HubDep, StationDep
from hub.api.errors import STATION_ERRORS
from hub.bootstrap import Hub
from hub.services.events import Cursor, HubEvent
from hub.store.stations import StationRow

router = APIRouter(prefix="/v1", tags=["events"])
PING_S = 15.0  # a ping (with the cursor as its id) at least this often: proxies keep the stream open
POLL_S = 0.5  # SQLite: no LISTEN, so streams look again this often


def frame(event: HubEvent) -> str:
    return f"id: {event.id}\nevent: {event.type}\ndata: {json.dumps(event.data, separators=(',', ':'))}\n\n"


async def _stream(hub: Hub, station: StationRow, at: Cursor, once: bool) -> AsyncIterator[str]:
    waiter = hub.bus.subscribe()  # before the first read: nothing committed meanwhile is missed
    try:
        yield "retry: 2000\n\n"
        last_ping = time.monotonic()
        while True:
            waiter.event.clear()
            if not await asyncio.to_thread(hub.events.active, station):
                yield frame(HubEvent(str(at), "station.revoked", {"station": station.name}))
                return
            before = at
            events, at = await asyncio.to_thread(hub.events.page, station, at)
            for event in events:
                yield frame(event)
            if once:  # what is there now, then a ping carrying the cursor, and the end
                yield frame(HubEvent(str(at), "ping", {}))
                return
            if events or at != before:  # more may be waiting (a window without events for us): read on
                continue
            if time.monotonic() - last_ping >= PING_S:
                yield frame(HubEvent(str(at), "ping", {}))
                last_ping = time.monotonic()
            await waiter.wait(POLL_S if hub.bus.polls else PING_S)
    finally:
        hub.bus.unsubscribe(waiter)


@router.get("/events", responses=STATION_ERRORS | {200: {"content": {"text/event-stream": {}}}},
            response_class=StreamingResponse)  # fmt: skip
def events(
    station: StationDep,
    hub: HubDep,
    last_event_id: Annotated[str, Header(alias="Last-Event-ID", max_length=40)] = "",
    cursor: Annotated[str, Query(max_length=40)] = "",
    once: Annotated[bool, Query()] = False,
) -> StreamingResponse:
    """Server-sent events for this station: order.changed (orders it holds), claim.taken/released/held,
    operator.disabled/role_changed/added/enabled/language_changed, hub.locked/unlocked, seller.forgotten,
    settings.changed, ping.
    Each id is the cursor to resume from. ``once``: send what is there now and close (polling)."""
    at = hub.events.start(last_event_id or cursor)
    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    return StreamingResponse(_stream(hub, station, at, once), media_type="text/event-stream", headers=headers)

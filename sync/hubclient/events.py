"""The station's consumer of the hub's server-sent events: parses the stream, remembers the last id,
and on a dropped connection reconnects with Last-Event-ID after a growing, jittered pause.

Same transport rules as every call (URL rule, no redirects, TLS verified); instead of a whole-request
deadline a stream has a read timeout: the hub pings at least every 15 s, so a silent minute means the
link is dead and the stream reconnects. A line longer than MAX_LINE ends the connection."""

from __future__ import annotations

import contextlib
import json
import logging
import random
import socket
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import requests

from sync.hubclient.errors import HubError, HubUnreachable, error_for
from sync.hubclient.types import Event

if TYPE_CHECKING:
    from sync.hubclient.client import HubClient

log = logging.getLogger(__name__)
READ_TIMEOUT_S = 45.0  # three missed pings
MAX_LINE = 64 * 1024
BACKOFF = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)


def parse(lines: Iterator[str]) -> Iterator[Event]:
    """Server-sent events from text lines (the WHATWG rules we need: id, event, data, comments)."""
    event_id, kind = "", "message"
    data: list[str] = []
    for line in lines:
        if not line:
            if data:
                yield Event(event_id, kind, json.loads("\n".join(data)))
            kind, data = "message", []
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if field == "id":
            event_id = value
        elif field == "event":
            kind = value
        elif field == "data":
            data.append(value)


class EventStream:
    """Iterate over a station's events forever (reconnecting), until ``stop()`` or a fatal HubError
    (StationRevoked, UpgradeRequired). ``last_id`` is where a new stream would resume; persist it."""

    def __init__(self, client: HubClient, last_id: str = "", *, on_state: Callable[[bool], None] | None = None,
                 read_timeout_s: float = READ_TIMEOUT_S) -> None:  # fmt: skip
        self.client = client
        self.last_id = last_id
        self.on_state = on_state  # called with True when connected, False when the link drops
        self.read_timeout_s = read_timeout_s
        self._stop = threading.Event()
        self._response: requests.Response | None = None

    def stop(self) -> None:
        """End the iteration; a read blocked on the socket is woken by shutting the socket down."""
        self._stop.set()
        response = self._response
        if response is None:
            return
        connection = getattr(response.raw, "connection", None) or getattr(response.raw, "_connection", None)
        sock = getattr(connection, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def __iter__(self) -> Iterator[Event]:
        failures = 0
        while not self._stop.is_set():
            try:
                for event in self._connect():
                    failures = 0
                    self.last_id = event.id or self.last_id
                    if event.type == "ping":
                        continue
                    yield event
            except HubUnreachable as exc:
                log.info("event stream dropped: %s", exc)
            if self._stop.is_set():
                return
            if self.on_state:
                self.on_state(False)
            pause = BACKOFF[min(failures, len(BACKOFF) - 1)] * random.uniform(0.8, 1.2)
            failures += 1
            self._stop.wait(pause)

    def _connect(self) -> Iterator[Event]:
        headers = self.client.headers()
        headers["Accept"] = "text/event-stream"
        if self.last_id:
            headers["Last-Event-ID"] = self.last_id
        try:
            response = self.client.session.request(
                "GET", self.client.base_url + "/v1/events", headers=headers, stream=True,
                timeout=(self.client.timeout[0], self.read_timeout_s))  # fmt: skip
        except requests.RequestException as exc:
            raise HubUnreachable(f"The hub did not answer ({type(exc).__name__})") from None
        self._response = response
        try:
            if response.status_code != 200:
                body = response.raw.read(MAX_LINE, decode_content=True) or b"{}"
                try:
                    detail = str(json.loads(body).get("detail", ""))
                except (ValueError, AttributeError):
                    detail = ""
                error: HubError = error_for(response.status_code, detail)
                raise error
            if self.on_state:
                self.on_state(True)
            yield from parse(self._lines(response))
        except (requests.RequestException, OSError, ValueError, AttributeError) as exc:
            if self._stop.is_set():
                return
            raise HubUnreachable(f"The event stream broke ({type(exc).__name__})") from None
        finally:
            response.close()
            self._response = None

    @staticmethod
    def _lines(response: requests.Response) -> Iterator[str]:
        buffer = b""
        for chunk in response.iter_content(chunk_size=None):
            buffer += chunk
            if len(buffer) > MAX_LINE and b"\n" not in buffer:
                raise ValueError("event line too long")
            *complete, buffer = buffer.split(b"\n")
            for line in complete:
                yield line.rstrip(b"\r").decode("utf-8")
        if buffer:
            yield buffer.decode("utf-8")

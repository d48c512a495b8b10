"""The one way this station talks HTTP upstream: no redirects, the TLS/loopback rule on every URL,
a response size cap, a whole-request deadline and a depth-bounded JSON parser.

A secret (refresh token, client secret, access token) must never follow a redirect, so no call
follows one: a 3xx answer is just an answer. The per-read timeout of ``requests`` does not bound a
server that drips one byte at a time, so a watchdog shuts the socket when the request's deadline
passes, whichever phase (headers or body) it is in.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from station.errors import UpstreamError
from sync.spapi.endpoints import check_url

MAX_BODY_BYTES = 16 * 1024 * 1024  # SP-API pages and label documents are far smaller
MAX_JSON_DEPTH = 64  # SP-API models nest about ten levels
DEADLINE_S = 120.0
CHUNK = 64 * 1024

_local = threading.local()
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(rb"[^\[\]{}]")


class _Watch:
    """Shuts the request's socket once its deadline passes (the read timeout is per read only)."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds
        self.expired = False
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def arm(self, sock: socket.socket) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            remaining = max(0.0, self.deadline - time.monotonic())
            self._timer = threading.Timer(remaining, self._fire, (sock,))
            self._timer.daemon = True
            self._timer.start()

    def _fire(self, sock: socket.socket) -> None:
        self.expired = True
        with contextlib.suppress(OSError):  # already closed: nothing left to stop
            sock.shutdown(socket.SHUT_RDWR)

    def disarm(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None


def _arm(conn: HTTPConnection) -> None:
    watch = getattr(_local, "watch", None)
    if watch is not None and conn.sock is not None:
        watch.arm(conn.sock)


class _WatchedHTTPConnection(HTTPConnection):
    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        _arm(self)
        return super().getresponse(*args, **kwargs)


class _WatchedHTTPSConnection(HTTPSConnection):
    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        _arm(self)
        return super().getresponse(*args, **kwargs)


class _Pool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _TlsPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _Adapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _Pool, "https": _TlsPool}


class GuardedSession(requests.Session):
    """A session that checks every URL against the TLS/loopback rule and never follows a redirect."""

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        url = url.decode() if isinstance(url, bytes) else url
        check_url(url)
        kwargs["allow_redirects"] = False
        kwargs["verify"] = True
        return super().request(method, url, *args, **kwargs)  # type: ignore[arg-type]

    def get_redirect_target(self, resp: requests.Response) -> str | None:
        return None  # even resolve_redirects has nowhere to go


def make_session(user_agent: str) -> requests.Session:
    """A session that verifies TLS, ignores proxies/netrc from the environment and never retries by itself."""
    session = GuardedSession()
    session.verify = True
    session.trust_env = False
    session.max_redirects = 0
    adapter = _Adapter(pool_connections=4, pool_maxsize=16, max_retries=0)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = user_agent
    return session


@dataclass(frozen=True)
class Fetched:
    status: int
    headers: Mapping[str, str]
    content: bytes


def fetch(
    session: requests.Session,
    method: str,
    url: str,
    *,
    timeout: tuple[float, float],
    deadline_s: float = DEADLINE_S,
    max_bytes: int = MAX_BODY_BYTES,
    **kwargs: Any,
) -> Fetched:
    """One request under the rules; raises UpstreamError for a deadline or an oversized answer,
    ``requests.RequestException`` for a failed connection."""
    check_url(url)
    watch = _Watch(deadline_s)
    previous = getattr(_local, "watch", None)
    _local.watch = watch
    try:
        resp = session.request(
            method, url, timeout=timeout, stream=True, allow_redirects=False, verify=True, **kwargs
        )
        try:
            content = _read_capped(resp, max_bytes)
        finally:
            resp.close()
        if watch.expired:  # a shut socket can look like a clean end of headers or body
            raise _late(deadline_s)
        return Fetched(resp.status_code, resp.headers, content)
    except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
        if watch.expired:
            raise _late(deadline_s) from None
        if isinstance(exc, requests.RequestException):
            raise
        raise requests.ConnectionError(type(exc).__name__) from None
    finally:
        watch.disarm()
        _local.watch = previous


def _read_capped(resp: requests.Response, max_bytes: int) -> bytes:
    declared = resp.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)
    chunks: list[bytes] = []
    total = 0
    for chunk in resp.iter_content(CHUNK):
        total += len(chunk)
        if total > max_bytes:
            raise _too_large(max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def _late(deadline_s: float) -> UpstreamError:
    return UpstreamError(f"no complete answer within {deadline_s:g} s", code="DeadlineExceeded", retryable=True)


def _too_large(max_bytes: int) -> UpstreamError:
    return UpstreamError(
        f"the answer is larger than {max_bytes // (1024 * 1024)} MiB", code="ResponseTooLarge", retryable=False
    )


def json_depth(content: bytes) -> int:
    """The deepest nesting of arrays/objects in a JSON text, without recursion (strings ignored)."""
    brackets = _NOT_BRACKET.sub(b"", _STRING.sub(b'""', content))
    steps = (1 if c in (0x5B, 0x7B) else -1 for c in brackets)
    return max(accumulate(steps, initial=0))


def parse_json(content: bytes, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parse an answer's JSON body (None when empty); ValueError when malformed or nested deeper than ``max_depth``."""
    if not content or not content.strip():
        return None
    if json_depth(content) > max_depth:
        raise ValueError(f"JSON nested deeper than {max_depth} levels")
    return json.loads(content)

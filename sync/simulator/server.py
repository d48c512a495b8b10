"""The simulator's HTTP server: LWA, Orders, Shipping v2 and Sellers on loopback, with rate limits."""

from __future__ import annotations

import contextlib
import json
import logging
import re
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sync.simulator import consent, errors, handlers, inbound, notifications
from sync.simulator.models import FALLBACK_RATE
from sync.spapi.ratelimit import TokenBucket

log = logging.getLogger(__name__)

ROUTES: list[tuple[str, re.Pattern[str], str]] = [
    ("POST", re.compile(r"^/auth/o2/token$"), "lwa"),
    ("GET", re.compile(r"^/orders/2026-01-01/orders$"), "searchOrders"),
    ("GET", re.compile(r"^/orders/2026-01-01/orders/(?P<id>[^/]+)$"), "getOrder"),
    ("POST", re.compile(r"^/orders/v0/orders/(?P<id>[^/]+)/shipmentConfirmation$"), "confirmShipment"),
    ("POST", re.compile(r"^/shipping/v2/shipments/rates$"), "getRates"),
    ("POST", re.compile(r"^/shipping/v2/shipments$"), "purchaseShipment"),
    ("GET", re.compile(r"^/shipping/v2/shipments/(?P<id>[^/]+)/documents$"), "getShipmentDocuments"),
    ("PUT", re.compile(r"^/shipping/v2/shipments/(?P<id>[^/]+)/cancel$"), "cancelShipment"),
    ("GET", re.compile(r"^/sellers/v1/marketplaceParticipations$"), "getMarketplaceParticipations"),
]
ROUTES += inbound.ROUTES  # FBA prep: Fulfillment Inbound 2024-03-20, v0 getLabels, FBA Inventory
ROUTES += consent.ROUTES  # Seller Central's consent page (website authorization workflow)
ROUTES += notifications.ROUTES  # Notifications: createDestination, createSubscription


@dataclass(frozen=True)
class CallRecord:
    """One request the simulator received, for tests that assert exactly-once effects."""

    seq: int
    at: str  # simulator (virtual) time, ISO
    t: float  # simulator monotonic seconds
    operation: str
    seller_id: str
    method: str
    path: str
    params: dict[str, list[str]]
    body: Any = field(repr=False)
    headers: dict[str, str]
    status: int
    fault: str = ""
    # Everything the client sent, for tests that follow secrets (the simulator's secrets are fake).
    raw: bytes = field(default=b"", repr=False)
    request_headers: dict[str, str] = field(default_factory=dict, repr=False)
    # The JSON body the simulator answered (even when the answer was then lost), for model checks.
    answer: Any = field(default=None, repr=False)


class _Drop(Exception):
    """Close the connection without an answer (reset or timeout)."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out separately; no 40 ms delayed-ACK stalls
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def handle(self) -> None:
        try:
            super().handle()
        except (_Drop, OSError, ValueError):
            self.close_connection = True

    def finish(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            super().finish()

    def _serve(self) -> None:
        sim = self.server.sim
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        params = parse_qs(split.query, keep_blank_values=True)
        operation, match = "unknown", None
        for method, pattern, name in ROUTES:
            m = pattern.match(split.path)
            if m and method == self.command:
                operation, match = name, m
                break
        headers = {k.lower(): v for k, v in self.headers.items() if k.lower().startswith("x-amzn")}
        ctx = handlers.Request(
            operation,
            self.command,
            split.path,
            params,
            raw,
            dict(match.groupdict()) if match else {},
            self.headers,
            sim,
        )
        fault = "outage" if sim.faults.in_outage(sim.elapsed()) else sim.faults.pick(operation)
        if sim.faults.plan.latency_s > 0:
            sim.clock.sleep(sim.faults.plan.latency_s)
        if fault in ("outage", "reset", "timeout"):
            sim.record(ctx, 0, fault, headers)
            if fault == "timeout":
                time.sleep(sim.faults.plan.hang_s)
            self._reset()
            raise _Drop()
        if operation == "labelDownload":  # a pre-signed document URL: no token, no rate limit
            status, document = inbound.download(ctx)
            sim.record(ctx, status, "", headers)
            self._send_raw(status, document, {})
            return
        if operation == "lwa":
            status, body, extra = handlers.lwa_token(ctx)
            sim.record(ctx, status, "", headers)
            self._send(status, body, extra)
            return
        if operation in consent.OPERATIONS:  # Seller Central's pages: HTML, no token
            status, page, extra = consent.serve(ctx)
            sim.record(ctx, status, "", headers)
            self._send_raw(status, page, extra, content_type="text/html; charset=utf-8")
            return
        status, body, extra, fault = self._answer(ctx, operation, match, fault)
        if fault != "lost" and 200 <= status < 300 and sim.faults.answer_lost(operation):
            fault = "lost"
        sim.record(ctx, status, fault, headers, answer=body)
        if fault == "lost":  # it took effect; the answer never arrives
            self._reset()
            raise _Drop()
        if fault == "malformed" and status == 200:
            self._send_raw(200, b'{"orders": [{"orderId": "11', extra)
            return
        self._send(status, body, extra)

    def _answer(
        self, ctx: handlers.Request, operation: str, match: re.Match[str] | None, fault: str
    ) -> tuple[int, Any, dict[str, str], str]:
        """Status, body, extra headers and the fault played, for an SP-API operation."""
        sim = self.server.sim
        seller_id = sim.seller_for_token(self.headers.get("x-amz-access-token", ""))
        ctx.seller_id = seller_id or ""
        if match is None:
            return 404, errors.not_found(operation), {}, fault
        if not seller_id:
            return 403, errors.denied(operation), {}, fault
        if fault == "throttle" or not sim.take_token(seller_id, operation):
            # Amazon's 429 carries no x-amzn-RateLimit-Limit: the client cannot learn the rate from it.
            return 429, errors.throttled(operation), {}, fault or "quota"
        extra = {"x-amzn-RateLimit-Limit": _fmt_rate(sim.rate_for(operation))}
        if fault == "5xx":
            return 503, errors.unavailable(operation), extra, fault
        problems = sim.models.validate(operation, ctx.params, {k.lower(): v for k, v in self.headers.items()}, ctx.raw)
        if problems:
            return 400, _refusal(operation, problems), extra, "invalid"
        status, body = handlers.dispatch(ctx)
        return status, body, extra, fault

    def _send(self, status: int, body: Any, extra: dict[str, str]) -> None:
        payload = b"" if body is None else json.dumps(body, ensure_ascii=False).encode()
        self._send_raw(status, payload, extra)

    def _send_raw(
        self, status: int, payload: bytes, extra: dict[str, str], content_type: str = "application/json"
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("x-amzn-RequestId", f"sim-{self.server.sim.next_seq()}")
        for key, value in extra.items():
            self.send_header(key, value)
        self.end_headers()
        if payload:
            self.wfile.write(payload)

    def _reset(self) -> None:
        """Drop the connection with a TCP reset, as a dying proxy or a pulled cable would."""
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass
        self.close_connection = True


def _fmt_rate(rate: float) -> str:
    return f"{rate:.6g}"


def _refusal(operation: str, problems: list[tuple[str, str]]) -> dict[str, Any]:
    """The 400 body for a request the model refuses, in the family's published wording."""
    kind, text = problems[0]
    if kind == "missing":
        return errors.missing_parameter(operation, text)
    if kind == "enum" and operation not in errors.SHIPPING_V2 | errors.INBOUND_2024:
        return errors.invalid(operation, message=text)  # Orders v0's published wording for enums
    return errors.invalid(operation, "; ".join(t for _k, t in problems))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], sim: Any) -> None:
        super().__init__(address, _Handler)
        self.sim = sim


def serve(sim: Any, host: str = "127.0.0.1", port: int = 0) -> tuple[_Server, threading.Thread]:
    """Bind on loopback and serve in a daemon thread."""
    server = _Server((host, port), sim)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="spapi-simulator", daemon=True)
    thread.start()
    return server, thread


class Buckets:
    """The server's own view of the rate limits, per (seller, operation), from the models' usage plans."""

    def __init__(self, rate_scale: float, limits: dict[str, tuple[float, int]]) -> None:
        self.rate_scale = rate_scale
        self.limits = dict(limits)
        self._buckets: dict[tuple[str, str], TokenBucket] = {}
        self._lock = threading.Lock()

    def rate(self, operation: str) -> float:
        return self.limits.get(operation, FALLBACK_RATE)[0] * self.rate_scale

    def take(self, seller_id: str, operation: str, now: float) -> bool:
        with self._lock:
            bucket = self._buckets.get((seller_id, operation))
            if bucket is None:
                burst = self.limits.get(operation, FALLBACK_RATE)[1]
                bucket = self._buckets[(seller_id, operation)] = TokenBucket(self.rate(operation), burst)
            return bucket.try_take(now, slack=1e-6)

"""The SP-API HTTP client: one ``call`` that handles tokens, rate limits, retries, errors and audit."""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import requests

from station.errors import UpstreamError
from station.ports import Clock
from sync.spapi import transport
from sync.spapi.endpoints import Connection, check_document_url, check_url
from sync.spapi.lwa import AuditHook, LwaTokenProvider
from sync.spapi.ratelimit import Limiter, RateLimiter
from sync.spapi.transport import Fetched

log = logging.getLogger(__name__)

USER_AGENT = "PacificPrepStation/0.1 (Language=Python)"
RATE_HEADER = "x-amzn-RateLimit-Limit"


@dataclass(frozen=True)
class SpApiConfig:
    """Retry and timeout policy. Backoffs are virtual when the clock is."""

    connect_timeout_s: float = 10.0
    read_timeout_s: float = 30.0
    max_attempts: int = 6  # for 5xx, timeouts, dropped connections, malformed bodies
    max_throttled: int = 10  # 429s tolerated for one call
    backoff_base_s: float = 1.0
    backoff_cap_s: float = 60.0
    rate_margin_s: float = 0.0  # extra wait per refill; use a little in real time across processes
    request_deadline_s: float = transport.DEADLINE_S  # whole request, however slowly the server drips
    max_response_bytes: int = transport.MAX_BODY_BYTES
    # Operations sent once per call even when the failure could be retried (a write whose resend the
    # caller decides and counts itself, e.g. the hub's label ledger); 429s are never applied, so they still wait.
    send_once: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Response:
    status: int
    body: Any  # parsed JSON (dict) or None for an empty body
    headers: Mapping[str, str]


def make_session() -> requests.Session:
    """A session that always verifies TLS, never follows redirects and never retries by itself (we do that)."""
    return transport.make_session(USER_AGENT)


class SpApiClient:
    """Calls SP-API operations for any seller whose ``Connection`` the resolver knows."""

    def __init__(
        self,
        clock: Clock,
        connection_for: Callable[[str], Connection],
        *,
        config: SpApiConfig | None = None,
        limiter: Limiter | None = None,
        audit_hook: AuditHook | None = None,
        session: requests.Session | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.clock = clock
        self.config = config or SpApiConfig()
        self.limiter: Limiter = limiter or RateLimiter(clock, margin_s=self.config.rate_margin_s)
        self._connection_for = connection_for
        self._audit = audit_hook
        self._session = session or make_session()
        self._rng = rng or random.Random()
        self.lwa = LwaTokenProvider(clock, self._session, audit_hook=audit_hook, fetch=self._fetch)
        self.calls = 0
        self.throttled = 0

    def close(self) -> None:
        self._session.close()

    def call(
        self,
        seller_id: str,
        operation: str,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        count: Callable[[Any], int] | None = None,
    ) -> Response:
        """Make one SP-API call, waiting for a rate token and retrying what may be retried."""
        conn = self._connection_for(seller_id)
        url = check_url(conn.base_url) + path
        failures = 0
        throttles = 0
        refreshed = False
        while True:
            self.limiter.acquire(seller_id, operation)
            try:
                token = self.lwa.access_token(conn)
                resp = self._send(operation, seller_id, method, url, token, params, body, headers)
            except UpstreamError as exc:
                if not exc.retryable:
                    raise
                failures += 1
                self._give_up_or_wait(operation, failures, exc)
                continue
            except requests.RequestException as exc:
                self._note(operation, seller_id, 0, 0)
                failures += 1
                self._give_up_or_wait(
                    operation,
                    failures,
                    UpstreamError(
                        f"{operation}: connection failed ({type(exc).__name__})",
                        code="ConnectionError",
                        retryable=True,
                    ),
                )
                continue
            self.calls += 1
            self._apply_rate_header(seller_id, operation, resp)
            status = resp.status
            if 200 <= status < 300:
                try:
                    parsed = transport.parse_json(resp.content)
                except ValueError:
                    self._note(operation, seller_id, status, 0)
                    failures += 1
                    self._give_up_or_wait(
                        operation,
                        failures,
                        UpstreamError(
                            f"{operation}: malformed JSON in the answer",
                            code="MalformedBody",
                            status=status,
                            retryable=True,
                        ),
                    )
                    continue
                self._note(operation, seller_id, status, _safe_count(count, parsed))
                return Response(status, parsed, resp.headers)
            self._note(operation, seller_id, status, 0)
            code, message = _error_of(resp)
            if (status == 401 or code == "Unauthorized") and not refreshed:
                refreshed = True
                self.lwa.invalidate(seller_id)
                continue
            if status == 429:
                self.throttled += 1
                throttles += 1
                self.limiter.throttled(seller_id, operation)
                if throttles > self.config.max_throttled:
                    raise UpstreamError(
                        f"{operation}: still throttled after {throttles} tries",
                        code=code or "QuotaExceeded",
                        status=429,
                        retryable=True,
                    )
                self.clock.sleep(self._backoff(throttles))
                continue
            if status >= 500:
                failures += 1
                self._give_up_or_wait(
                    operation,
                    failures,
                    UpstreamError(
                        f"{operation} failed: HTTP {status} {code}: {message}".strip(),
                        code=code or "ServerError",
                        status=status,
                        retryable=True,
                    ),
                )
                continue
            raise UpstreamError(
                f"{operation} failed: {code or 'HTTP ' + str(status)}: {message}".rstrip(": "),
                code=code,
                status=status,
                retryable=False,
            )

    def _send(
        self,
        operation: str,
        seller_id: str,
        method: str,
        url: str,
        token: str,
        params: Mapping[str, str] | None,
        body: Any,
        headers: Mapping[str, str] | None,
    ) -> Fetched:
        all_headers = {"x-amz-access-token": token, "Accept": "application/json"}
        if headers:
            all_headers.update(headers)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
        try:
            return self._fetch(method, url, params=params, data=data, headers=all_headers)
        except UpstreamError:  # a deadline or an oversized answer: audited like any other failed call
            self._note(operation, seller_id, 0, 0)
            raise

    def _fetch(self, method: str, url: str, **kwargs: Any) -> Fetched:
        """One request under the transport rules and this client's timeouts, deadline and size cap."""
        return transport.fetch(
            self._session,
            method,
            url,
            timeout=(self.config.connect_timeout_s, self.config.read_timeout_s),
            deadline_s=self.config.request_deadline_s,
            max_bytes=self.config.max_response_bytes,
            **kwargs,
        )

    def download(self, seller_id: str, url: str, *, operation: str = "getLabelsDownload") -> bytes:
        """Fetch a document from a (pre-signed) URL in an upstream answer: no SP-API token sent, no
        proxy, no redirect, audited, capped; https only (loopback http only when the seller's endpoint
        is itself loopback: dev and the simulator)."""
        conn = self._connection_for(seller_id)
        target = check_document_url(url, conn.base_url)
        try:
            resp = self._fetch("GET", target, headers={"Accept": "*/*"})
        except UpstreamError:
            self._note(operation, seller_id, 0, 0)
            raise
        except requests.RequestException as exc:
            self._note(operation, seller_id, 0, 0)
            raise UpstreamError(
                f"document download failed ({type(exc).__name__})", code="ConnectionError", retryable=True
            ) from None
        ok = resp.status == 200 and bool(resp.content)
        self._note(operation, seller_id, resp.status, 1 if ok else 0)
        if not ok:
            raise UpstreamError(
                f"document download failed: HTTP {resp.status}", code="DownloadFailed", status=resp.status
            )
        return resp.content

    def _give_up_or_wait(self, operation: str, failures: int, exc: UpstreamError) -> None:
        if failures >= self.config.max_attempts or operation in self.config.send_once:
            log.warning("%s gave up after %d attempts: %s", operation, failures, exc.code)
            raise exc
        delay = self._backoff(failures)
        log.info("%s failed (%s); retrying in %.1fs", operation, exc.code, delay)
        self.clock.sleep(delay)

    def _backoff(self, n: int) -> float:
        """Capped exponential backoff with jitter (half to full of the step)."""
        step = min(self.config.backoff_cap_s, self.config.backoff_base_s * 2.0 ** (n - 1))
        return step * (0.5 + self._rng.random() / 2)

    def _apply_rate_header(self, seller_id: str, operation: str, resp: Fetched) -> None:
        raw = resp.headers.get(RATE_HEADER)
        if raw:
            try:
                self.limiter.update_rate(seller_id, operation, float(raw))
            except ValueError:
                log.debug("ignoring unparsable %s header", RATE_HEADER)

    def _note(self, operation: str, seller_id: str, status: int, records: int) -> None:
        if self._audit is not None:
            try:
                self._audit(operation, seller_id, status, records)
            except Exception:
                log.exception("audit hook failed for %s", operation)


def _error_of(resp: Fetched) -> tuple[str, str]:
    """The first SP-API error's code and message, tolerating odd bodies."""
    try:
        body = transport.parse_json(resp.content)
    except (ValueError, RecursionError):
        return "", ""
    errors = body.get("errors") if isinstance(body, dict) else None
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        first = errors[0]
        return str(first.get("code") or ""), str(first.get("message") or "")[:300]
    return "", ""


def _safe_count(count: Callable[[Any], int] | None, body: Any) -> int:
    if count is None:
        return 0
    try:
        return int(count(body))
    except Exception:
        return 0

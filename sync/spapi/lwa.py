"""Login with Amazon: the refresh-token grant, with access tokens cached until shortly before expiry."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests

from station.errors import NeedsReauthorisation, UpstreamError
from station.ports import Clock
from sync.spapi import transport
from sync.spapi.endpoints import Connection
from sync.spapi.transport import Fetched

log = logging.getLogger(__name__)

REFRESH_MARGIN_S = 120.0  # refresh this long before the token would expire
REAUTH_ERRORS = ("invalid_grant", "invalid_client", "unauthorized_client")

AuditHook = Callable[[str, str, int, int], None]
Fetch = Callable[..., Fetched]


@dataclass(frozen=True)
class LwaCredentials:
    client_id: str = field(repr=False)
    client_secret: str = field(repr=False)
    refresh_token: str = field(repr=False)


@dataclass
class _Cached:
    token: str = field(repr=False)
    expires_at: float  # on the clock's monotonic scale


class LwaTokenProvider:
    """Hands out access tokens per seller, refreshing through LWA when needed."""

    def __init__(
        self,
        clock: Clock,
        session: requests.Session,
        *,
        timeout_s: float = 15.0,
        audit_hook: AuditHook | None = None,
        fetch: Fetch | None = None,
    ) -> None:
        self._clock = clock
        self._session = session
        self._timeout_s = timeout_s
        self._audit = audit_hook
        self._fetch = fetch or self._default_fetch
        self._cache: dict[str, _Cached] = {}
        self._lock = threading.Lock()

    def access_token(self, conn: Connection) -> str:
        """A valid access token for the seller; fetched from LWA when missing or about to expire."""
        with self._lock:
            cached = self._cache.get(conn.seller_id)
            if cached and self._clock.monotonic() < cached.expires_at - REFRESH_MARGIN_S:
                return cached.token
        token, lifetime = self._refresh(conn)
        with self._lock:
            self._cache[conn.seller_id] = _Cached(token, self._clock.monotonic() + lifetime)
        return token

    def invalidate(self, seller_id: str) -> None:
        """Forget the cached token (after a 401), so the next call refreshes."""
        with self._lock:
            self._cache.pop(seller_id, None)

    def _refresh(self, conn: Connection) -> tuple[str, float]:
        form = {
            "grant_type": "refresh_token",
            "refresh_token": conn.refresh_token,
            "client_id": conn.client_id,
            "client_secret": conn.client_secret,
        }
        if conn.scope:  # a grantless token for the application (e.g. Notifications destinations)
            form = {
                "grant_type": "client_credentials",
                "scope": conn.scope,
                "client_id": conn.client_id,
                "client_secret": conn.client_secret,
            }
        try:
            # The form carries the refresh token and client secret: never redirected (transport rule).
            resp = self._fetch("POST", conn.lwa_url, data=form)
        except UpstreamError:
            self._note(conn.seller_id, 0)
            raise
        except requests.RequestException as exc:
            self._note(conn.seller_id, 0)
            raise UpstreamError(
                f"Login with Amazon unreachable ({type(exc).__name__})", code="LwaUnreachable", retryable=True
            ) from None
        self._note(conn.seller_id, resp.status)
        body = _json_or_empty(resp)
        if resp.status == 200 and isinstance(body.get("access_token"), str):
            lifetime = float(body.get("expires_in") or 3600)
            log.info("LWA access token refreshed for seller %s", conn.seller_id)
            return str(body["access_token"]), lifetime
        error = str(body.get("error") or "")
        if error in REAUTH_ERRORS:
            what = (
                "the client secret was rotated or is wrong"
                if error == "invalid_client"
                else ("the seller revoked the authorisation or the refresh token is no longer valid")
            )
            raise NeedsReauthorisation(
                f"Seller {conn.seller_id} needs re-authorisation: Login with Amazon said {error} ({what})",
                code=error,
                status=resp.status,
            )
        retryable = resp.status >= 500 or resp.status == 429
        raise UpstreamError(
            f"Login with Amazon failed with HTTP {resp.status} {error}".strip(),
            code=error or "LwaError",
            status=resp.status,
            retryable=retryable,
        )

    def _default_fetch(self, method: str, url: str, **kwargs: Any) -> Fetched:
        return transport.fetch(self._session, method, url, timeout=(self._timeout_s, self._timeout_s), **kwargs)

    def _note(self, seller_id: str, status: int) -> None:
        if self._audit is not None:
            self._audit("lwaRefreshToken", seller_id, status, 0)


def _json_or_empty(resp: Fetched) -> dict[str, Any]:
    try:
        body = transport.parse_json(resp.content)
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def exchange_authorization_code(
    session: requests.Session,
    lwa_url: str,
    *,
    client_id: str,
    client_secret: str,
    code: str,
    redirect_uri: str,
    timeout_s: float = 15.0,
) -> tuple[str, str, float]:
    """Exchange a website-authorization ``spapi_oauth_code`` (5-minute, single use) at LWA.

    Returns (refresh token, access token, access-token lifetime in seconds); keep the refresh token
    sealed, never log either.
    Same rules as the refresh call: TLS (or loopback) only, no redirects followed, secrets in the form
    body only. An ``invalid_grant`` (code used, expired, or redirect URI not the registered one) or
    ``invalid_client`` is final: the seller must start the authorization again.
    """
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "client_id": client_id,
        "client_secret": client_secret,
    }
    try:
        # The same guarded fetch as the refresh: URL rule, no redirects, size cap, whole-request deadline.
        resp = transport.fetch(session, "POST", lwa_url, timeout=(timeout_s, timeout_s), data=form)
    except requests.RequestException as exc:
        raise UpstreamError(
            f"Login with Amazon unreachable ({type(exc).__name__})", code="LwaUnreachable", retryable=True
        ) from None
    body = _json_or_empty(resp)
    refresh, access = body.get("refresh_token"), body.get("access_token")
    if resp.status == 200 and isinstance(refresh, str) and refresh and isinstance(access, str):
        log.info("LWA authorization code exchanged for a refresh token")
        return refresh, access, float(body.get("expires_in") or 3600)
    error = str(body.get("error") or "")
    if error in REAUTH_ERRORS or error == "invalid_request":
        raise NeedsReauthorisation(
            f"Login with Amazon refused the authorization code: {error}", code=error, status=resp.status
        )
    raise UpstreamError(
        f"Login with Amazon failed with HTTP {resp.status} {error}".strip(),
        code=error or "LwaError",
        status=resp.status,
        retryable=resp.status >= 500 or resp.status == 429,
    )

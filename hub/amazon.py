"""The hub's doors to Amazon: the LWA authorization_code grant and the seller check, over sync/spapi."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import requests

from station.ports import Clock
from sync.spapi import lwa
from sync.spapi.endpoints import Connection, check_url
from sync.spapi.http import SpApiClient
from sync.spapi.sellers import get_marketplace_participations

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AppCredentials:
    client_id: str
    client_secret: str = field(repr=False)


class SellerAuthorizer(Protocol):
    """What the onboarding callback needs from Amazon."""

    def exchange(self, code: str, redirect_uri: str, app: AppCredentials) -> str:
        """The refresh token for an spapi_oauth_code."""
        ...

    def participations(self, selling_partner_id: str, refresh_token: str, app: AppCredentials) -> list[str]:
        """The marketplace ids the seller takes part in (empty: not verified)."""
        ...


class AmazonAuthorizer:
    """LWA + SP-API through the shared sync/spapi client (the simulator stands in when configured)."""

    def __init__(self, clock: Clock, spapi_endpoint: str, lwa_url: str,
                 audit_hook: Callable[[str, str, int, int], None] | None = None) -> None:  # fmt: skip
        self.clock = clock
        self.spapi_endpoint = check_url(spapi_endpoint)
        self.lwa_url = check_url(lwa_url)
        self.audit_hook = audit_hook

    def exchange(self, code: str, redirect_uri: str, app: AppCredentials) -> str:
        exchange = getattr(lwa, "exchange_authorization_code", None)
        if exchange is None:  # until the shared client function (branch sim) is on main
            return _exchange(self.lwa_url, code, redirect_uri, app)
        with requests.Session() as session:
            refresh, _access, _lifetime = exchange(
                session, self.lwa_url, client_id=app.client_id, client_secret=app.client_secret,
                code=code, redirect_uri=redirect_uri,
            )  # fmt: skip
        return str(refresh)

    def participations(self, selling_partner_id: str, refresh_token: str, app: AppCredentials) -> list[str]:
        conn = Connection(selling_partner_id, self.spapi_endpoint, self.lwa_url, app.client_id, app.client_secret,
                          refresh_token)  # fmt: skip
        client = SpApiClient(self.clock, lambda _seller: conn, audit_hook=self.audit_hook)
        try:
            found = get_marketplace_participations(client, selling_partner_id)
        finally:
            client.close()
        ids = []
        for entry in found:
            market = entry.get("marketplace")
            if isinstance(market, dict) and isinstance(market.get("id"), str):
                ids.append(market["id"])
        return ids


def _exchange(lwa_url: str, code: str, redirect_uri: str, app: AppCredentials) -> str:
    """The authorization_code grant (used until sync/spapi/lwa.py has its own)."""
    from station.errors import UpstreamError

    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "client_id": app.client_id,
        "client_secret": app.client_secret,
    }
    try:
        resp = requests.post(lwa_url, data=form, timeout=15)
    except requests.RequestException as exc:
        raise UpstreamError(f"Login with Amazon unreachable ({type(exc).__name__})", code="LwaUnreachable") from None
    body = resp.json() if resp.headers.get("content-type", "").startswith("application/json") else {}
    if resp.status_code != 200 or not isinstance(body.get("refresh_token"), str):
        raise UpstreamError(f"Login with Amazon refused the authorization code (HTTP {resp.status_code})",
                            code=str(body.get("error") or "LwaError"), status=resp.status_code)  # fmt: skip
    return str(body["refresh_token"])

"""The hub's doors to Amazon: the LWA authorization_code grant and the seller check, over sync/spapi."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import requests

from station.ports import Clock
from sync.spapi.endpoints import Connection, check_url
from sync.spapi.http import SpApiClient
from sync.spapi.lwa import exchange_authorization_code
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
        with requests.Session() as session:
            refresh, _access, _lifetime = exchange_authorization_code(
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

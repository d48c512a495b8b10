"""The engine's one door to SP-API: the shared sync/ client, with a connection per hub seller.

Rate limits: ``make_limiter`` is the single place that decides which token buckets the engine takes from.
Until the shared store buckets (engine-pull) land it is the client's in-process limiter; switching is
that one line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from hub.sealing import Sealer
from hub.services.sellers import SECRET_CONTEXT, TOKEN_CONTEXT
from hub.store import HubStore
from station.errors import Conflict, NeedsReauthorisation, NotFound
from station.ports import Clock
from sync.spapi.endpoints import Connection
from sync.spapi.http import SpApiClient, SpApiConfig
from sync.spapi.ratelimit import RateLimiter

AuditHook = Callable[[str, str, int, int], None]
# One send per call: the ledger and the outbox decide about every resend themselves (a purchase's
# retry must be visible to the ledger, which counts sends durably before each one).
ENGINE_CONFIG = SpApiConfig(max_attempts=1, read_timeout_s=20.0)


def make_limiter(clock: Clock, config: SpApiConfig) -> RateLimiter:
    """The token buckets SP-API calls wait on."""
    return RateLimiter(clock, margin_s=config.rate_margin_s)


class SellerConnections:
    """``Connection`` per seller, keyed by the selling partner id (what the sync client names sellers by)."""

    def __init__(self, store: HubStore, sealer: Sealer, endpoint: str, lwa_url: str) -> None:
        self.store = store
        self.sealer = sealer
        self.endpoint = endpoint
        self.lwa_url = lwa_url

    def partner_id(self, seller_id: int) -> str:
        """The selling partner id of a hub seller (404 unknown, 409 not authorised)."""
        row = self.store.sellers.by_id(seller_id)
        if row is None:
            raise NotFound("No such seller")
        if row.state == "revoked" or not row.selling_partner_id or not row.refresh_token_sealed:
            raise Conflict("This seller has not authorised the hub (or was revoked)")
        return row.selling_partner_id

    def __call__(self, partner_id: str) -> Connection:
        row = next((s for s in self.store.sellers.list() if s.selling_partner_id == partner_id), None)
        app = self.store.sellers.app_credentials()
        if row is None or not row.refresh_token_sealed or row.state == "revoked" or app is None:
            raise NeedsReauthorisation("This seller is not authorised at the hub", code="seller_not_authorised")
        return Connection(partner_id, self.endpoint, self.lwa_url, app[0], self.sealer.open(app[1], SECRET_CONTEXT),
                          self.sealer.open(row.refresh_token_sealed, TOKEN_CONTEXT))  # fmt: skip


def make_client(clock: Clock, connections: SellerConnections, audit_hook: AuditHook | None,
                config: SpApiConfig | None = None) -> SpApiClient:  # fmt: skip
    """The engine's SP-API client (one per hub process)."""
    cfg = config or ENGINE_CONFIG
    cfg = replace(cfg, max_attempts=1)
    return SpApiClient(clock, connections, config=cfg, limiter=make_limiter(clock, cfg), audit_hook=audit_hook)

"""The hub's one door to SP-API: ONE client configuration, one connection source, the shared store buckets.

Every hub SP-API call (the order pull, notifications, the label ledger, the confirmation outbox) goes through
a client built by ``make_client``: connections from the hub's sealed seller tokens (grantless calls use the
application's own token), token buckets kept in the store and shared by every hub process (``StoreLimiter``),
and the ``spapi.call`` audit hook. Reads are retried by the client; purchaseShipment, cancelShipment and
confirmShipment are sent once per call, because their resends are the ledger's and the outbox's decision
(counted durably before each send).
"""

from __future__ import annotations

from collections.abc import Callable

from hub.engine.limits import APPLICATION, StoreLimiter
from hub.sealing import Sealer
from hub.services.sellers import SECRET_CONTEXT, TOKEN_CONTEXT
from hub.settings import HubSettings
from hub.store import HubStore
from station.errors import Conflict, NeedsReauthorisation, NotFound
from station.ports import Clock
from sync.spapi.endpoints import Connection
from sync.spapi.http import SpApiClient, SpApiConfig
from sync.spapi.notifications import GRANTLESS_SCOPE

AuditHook = Callable[[str, str, int, int], None]
SEND_ONCE = frozenset({"purchaseShipment", "cancelShipment", "confirmShipment"})


def hub_config(settings: HubSettings) -> SpApiConfig:
    """The hub's one SP-API client configuration (a small margin per refill on a scaled benchmark clock)."""
    margin = 0.01 if settings.pull_rate_scale != 1.0 else 0.0
    return SpApiConfig(read_timeout_s=20.0, rate_margin_s=margin, send_once=SEND_ONCE)


def make_limiter(store: HubStore, clock: Clock, settings: HubSettings, *, scale: float | None = None,
                 margin_s: float | None = None) -> StoreLimiter:  # fmt: skip
    """The token buckets every hub SP-API call waits on: kept in the store, shared by all hub processes."""
    cfg = hub_config(settings)
    return StoreLimiter(store.pull, clock, scale=settings.pull_rate_scale if scale is None else scale,
                        margin_s=cfg.rate_margin_s if margin_s is None else margin_s,
                        max_rate=settings.pull_max_rate)  # fmt: skip


class SellerConnections:
    """``Connection`` per seller, keyed by the selling partner id (what the sync client names sellers by)."""

    def __init__(self, store: HubStore, sealer: Sealer, settings: HubSettings) -> None:
        self.store = store
        self.sealer = sealer
        self.settings = settings  # read at each call: tests point the hub at a simulator after building it

    def partner_id(self, seller_id: int) -> str:
        """The selling partner id of a hub seller (404 unknown, 409 not authorised)."""
        row = self.store.sellers.by_id(seller_id)
        if row is None:
            raise NotFound("No such seller")
        if row.state == "revoked" or not row.selling_partner_id or not row.refresh_token_sealed:
            raise Conflict("This seller has not authorised the hub (or was revoked)")
        return row.selling_partner_id

    def __call__(self, partner_id: str) -> Connection:
        app = self.store.sellers.app_credentials()
        endpoint, lwa_url = self.settings.spapi_endpoint, self.settings.lwa_url
        if partner_id == APPLICATION and app is not None:  # grantless: the application's own token
            return Connection(APPLICATION, endpoint, lwa_url, app[0], self.sealer.open(app[1], SECRET_CONTEXT), "",
                              scope=GRANTLESS_SCOPE)  # fmt: skip
        row = next((s for s in self.store.sellers.list() if s.selling_partner_id == partner_id), None)
        if row is None or not row.refresh_token_sealed or row.state == "revoked" or app is None:
            raise NeedsReauthorisation("This seller is not authorised at the hub", code="seller_not_authorised")
        return Connection(partner_id, endpoint, lwa_url, app[0], self.sealer.open(app[1], SECRET_CONTEXT),
                          self.sealer.open(row.refresh_token_sealed, TOKEN_CONTEXT))  # fmt: skip


def make_client(clock: Clock, connections: SellerConnections, limiter: StoreLimiter, audit_hook: AuditHook | None,
                config: SpApiConfig | None = None) -> SpApiClient:  # fmt: skip
    """The hub's SP-API client: built once per hub process in ``hub.bootstrap``."""
    return SpApiClient(clock, connections, config=config or hub_config(connections.settings), limiter=limiter,
                       audit_hook=audit_hook)  # fmt: skip

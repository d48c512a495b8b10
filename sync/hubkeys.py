"""The hub as the station's SellerKeySource: GET /v1/sellers/{id}/key (issue 13, "Seller forget")."""

from __future__ import annotations

from station.errors import SellerKeyGone
from station.services.seller_keys import HUB_SELLER_PREFIX
from sync.hubclient import HubClient
from sync.hubclient.errors import HubNotFound, HubPermissionDenied


class HubKeySource:
    """Leases a hub seller's data key; a forgotten seller (404) or one this station may not read (403) is
    SellerKeyGone: the station drops the key and erases that seller's cache. No answer (HubUnreachable)
    passes through: the station keeps a lease that still runs."""

    def __init__(self, client: HubClient) -> None:
        self.client = client

    def lease(self, seller_id: str) -> tuple[bytes, str]:
        if not seller_id.startswith(HUB_SELLER_PREFIX):
            raise SellerKeyGone("Not a hub seller")
        try:
            leased = self.client.seller_key(int(seller_id.removeprefix(HUB_SELLER_PREFIX)))
        except (HubNotFound, HubPermissionDenied):
            raise SellerKeyGone("The hub has no key for this seller any more (forgotten)") from None
        return leased.key, leased.expires_at

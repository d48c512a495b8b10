"""Per-seller data keys for stations (issue 13). A station encrypts a seller's buyer data in its cache under
that seller's key, leased from the hub for at most 24 hours (renewed while online; dropped at expiry).
Seller forget destroys the key at the hub, so every station's copy becomes unreadable once its lease runs
out, even before the station hears seller.forgotten and erases; a station offline longer than the lease
cannot read the cache either. Keys are sealed at the hub like every secret (hub.sealing)."""

from __future__ import annotations

import base64
import os
from datetime import timedelta
from typing import Any

from hub.sealing import Sealer
from hub.services.audit import HubAudit
from hub.services.claims import station_actor
from hub.services.people import Actor, PeopleService
from hub.store.seller_keys import SellerKeys
from hub.store.stations import StationRow
from hub.store.tables import seal_context
from hub.store.tables_claims import seller_keys
from station.clock import iso
from station.errors import NotFound
from station.ports import Clock

LEASE = timedelta(hours=24)
CONTEXT = seal_context(seller_keys, "key_sealed")


class SellerKeyService:
    def __init__(self, store: SellerKeys, sealer: Sealer, people: PeopleService, audit: HubAudit,
                 clock: Clock) -> None:  # fmt: skip
        self.store = store
        self.sealer = sealer
        self.people = people
        self.audit = audit
        self.clock = clock

    def lease(self, station: StationRow, seller_id: int) -> dict[str, Any]:
        """The seller's data key and when the lease ends (24 h); NotFound once the seller is forgotten."""
        actor = station_actor(station)
        self.people.authorize(actor, "seller.key.lease", target=str(seller_id))
        fresh = self.sealer.seal(base64.b64encode(os.urandom(32)).decode(), CONTEXT)
        sealed = self.store.get_or_create(seller_id, fresh, iso(self.clock.now()))
        if sealed is None:
            raise NotFound("No such seller (forgotten?): erase its data from the cache")
        self.audit.record(actor.name, "seller.key_leased", station=station.name, target=str(seller_id))
        return {"seller_id": seller_id, "key": self.sealer.open(sealed, CONTEXT),
                "expires_at": iso(self.clock.now() + LEASE)}  # fmt: skip

    def destroy(self, by: Actor, seller_id: int) -> int:
        """Destroy the seller's key (seller forget calls it before erasing the rows)."""
        self.people.authorize(by, "seller.forget", target=str(seller_id))
        return self.store.destroy(seller_id)

"""Per-seller data keys (issue 13): one key per seller for every station, leased 24 h at most, sealed at the
hub; seller forget destroys it, after which no station can lease it again (404: erase the cache)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hub import __version__
from hub.bootstrap import Hub
from hub.services.people import Actor
from station.clock import VirtualClock, iso
from sync.hubclient import HubClient, HubNotFound
from tests.hub.live import serving


def test_lease_renew_and_forget_destroys_the_key(hub: Hub, admin: Actor, clock: VirtualClock) -> None:
    seller = hub.store.sellers.add("acme", "2026-01-01T00:00:00.000000Z")
    with serving(hub) as url:
        stations = []
        for name in ("pack-1", "pack-2"):
            client = HubClient(url, version=__version__)
            client.enrol(hub.stations.create_code(admin, name))
            stations.append(client)
        first = stations[0].seller_key(seller)
        assert len(first.key) == 32 and first.expires_at == iso(clock.now() + timedelta(hours=24))
        assert "key" not in repr(first).replace("SellerKey", "")  # never through a repr
        clock.advance(3600)
        again = stations[0].seller_key(seller)  # a renewal: same key, a new 24 h
        assert again.key == first.key and again.expires_at > first.expires_at
        assert stations[1].seller_key(seller).key == first.key
        with hub.store.engine.connect() as conn:
            sealed = conn.exec_driver_sql("SELECT key_sealed FROM seller_keys").scalar()
        assert sealed and first.key.hex() not in sealed and sealed.startswith("s1.")
        counts = hub.sellers.forget(admin, "acme")
        assert counts["seller_keys"] == 1 and not hub.store.seller_keys.exists(seller)
        with pytest.raises(HubNotFound):
            stations[1].seller_key(seller)
    assert hub.audit.rows.count(action="seller.key_leased") == 3

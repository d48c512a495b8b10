"""What a joined station keeps across a restart (issue 13): the hub's order ids and the orders it holds, in the
station's encrypted store, so a station restarted while the hub is unreachable still packs the orders it
holds; and each order change carries the order's marketplace (labels and confirmations need it)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from hub.bootstrap import Hub
from hub.services.people import Actor
from station.app import Station
from station.clock import VirtualClock, iso
from station.errors import Conflict
from sync.hubclient import HubClient
from sync.hubsync import HubClaims, HubSync
from tests.hub.live import serving
from tests.hubstation.test_hub_sync import BUYER, LINES, Joined
from tests.station.support import PASSPHRASE, Crew
from ui.hub_wiring import hub_client_for

MARKETPLACE = "A2EUQ1WTGCTBG2"


def test_order_changes_carry_the_marketplace(hub: Hub, hub_admin: Actor, hub_url: str, hub_clock: VirtualClock,
                                             tmp_path: Path) -> None:  # fmt: skip
    seller = hub.store.sellers.add("acme", "2026-01-01T00:00:00.000000Z")
    hub.orders.store_order(seller, "111-0000001-0000001", status="Unshipped", lines=LINES, buyer=BUYER,
                           ship_by=iso(hub_clock.now() + timedelta(hours=5)), marketplace_id=MARKETPLACE)  # fmt: skip
    st = Joined(hub, hub_admin, hub_url, tmp_path / "m", "pack-m")
    try:
        page = st.sync.client.changes(0)
        assert [c.marketplace_id for c in page.changes] == [MARKETPLACE]
        st.sync.pull()
        order = st.crew.station.store.orders.get("111-0000001-0000001")
        assert order is not None and order.marketplace_id == MARKETPLACE
    finally:
        st.close()


def test_a_station_restarted_offline_still_packs_the_orders_it_holds(hub: Hub, hub_admin: Actor,
                                                                     hub_clock: VirtualClock,
                                                                     tmp_path: Path) -> None:  # fmt: skip
    seller = hub.store.sellers.add("acme", "2026-01-01T00:00:00.000000Z")
    orders = [f"111-000000{i}-0000001" for i in range(3)]
    for i, oid in enumerate(orders):
        hub.orders.store_order(seller, oid, status="Unshipped", buyer=BUYER, lines=LINES,
                               ship_by=iso(hub_clock.now() + timedelta(hours=10 + i)))  # fmt: skip
    home = tmp_path / "restart"
    with serving(hub) as url:
        st = Joined(hub, hub_admin, url, home, "pack-r")
        assert len(st.sync.client.hold_batch(1)) == 1
        st.sync.pull()
        held = set(st.sync.held)
        first = st.crew
        st.close()  # the station stops...
    assert len(held) == 1
    held_order, other_order = next(iter(held)), next(o for o in orders if o not in held)
    # ...and starts again while the hub is unreachable: the same home, a fresh sync.
    crew = Crew(Station.open(home, PASSPHRASE, clock=first.clock), first.clock, first.recovery_key, first.totp)
    client: HubClient = hub_client_for(crew.station)
    try:
        st2 = crew.station
        sync = HubSync(st2.store, client, crew.clock, st2.bus, "pack-r", st2.audit)
        st2.pack.claims = HubClaims(sync)
        assert sync.pull().online is False
        assert sync.held == held
        packer = crew.login("pat")
        with pytest.raises(Conflict, match="packs only the orders it holds"):
            st2.pack.open_order(packer, other_order)
        assert st2.pack.open_order(packer, held_order).order.order_id == held_order
    finally:
        client.close()
        crew.station.close()

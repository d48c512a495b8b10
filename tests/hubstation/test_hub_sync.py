"""The station's sync through the hub (issue 13): changes by cursor, claims on open, a second station sees
the order as taken (station and operator), buyer data only for the station that holds the order, and
offline packing only of held orders."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from hub.bootstrap import Hub
from hub.services.people import HUB_SYSTEM, Actor
from station.clock import VirtualClock, iso
from station.domain import OrderStatus, Role
from station.errors import Conflict
from sync.hubclient import HubClient
from sync.hubsync import HubClaims, HubSync
from tests.hub.live import serving
from tests.hubstation.support import join
from tests.station.support import ADMIN, Crew, make_crew
from ui.hub_wiring import join_hub

BUYER = {"name": "Jo Buyer", "address": "1 Main St", "phone": "555-0100"}
LINES = [{"order_item_id": "1", "sku": "SKU-1", "asin": "B000000001", "quantity": 1, "quantity_shipped": 0}]


def _hub_orders(hub: Hub, clock: VirtualClock, count: int) -> list[str]:
    seller = hub.store.sellers.add("acme", "2026-01-01T00:00:00.000000Z")
    ids = [f"111-000000{i}-0000001" for i in range(count)]
    for i, oid in enumerate(ids):
        hub.orders.store_order(seller, oid, status="Unshipped", buyer=BUYER, lines=LINES,
                               ship_by=iso(clock.now() + timedelta(hours=10 + i)))  # fmt: skip
    return ids


class Joined:
    """A station home joined to the hub, its packer logged in at the hub, its sync and claims wired."""

    def __init__(self, hub: Hub, admin: Actor, url: str, home: Path, name: str) -> None:
        self.crew: Crew = make_crew(home)
        self.name = name
        # The crew's operators come from the hub; pat logs in at the hub through the sync's own client.
        client: HubClient = join(self.crew, hub, url, hub.stations.create_code(admin, name)).client
        st = self.crew.station
        self.sync = HubSync(st.store, client, self.crew.clock, st.bus, name, st.audit)
        self.crew.station.pack.claims = HubClaims(self.sync)

    def close(self) -> None:
        self.sync.client.close()
        self.crew.station.close()


@pytest.fixture
def two(hub: Hub, hub_admin: Actor, hub_url: str, tmp_path: Path) -> Iterator[tuple[Joined, Joined]]:
    one = Joined(hub, hub_admin, hub_url, tmp_path / "one", "pack-1")
    other = Joined(hub, hub_admin, hub_url, tmp_path / "two", "pack-2")
    yield one, other
    one.close()
    other.close()


def test_a_second_station_sees_a_claimed_order_as_taken(hub: Hub, hub_clock: VirtualClock,
                                                        two: tuple[Joined, Joined]) -> None:  # fmt: skip
    one, other = two
    order = _hub_orders(hub, hub_clock, 2)[0]
    for st in two:
        assert st.sync.pull().changes >= 2
        assert st.crew.station.store.orders.status(order) == OrderStatus.UNSHIPPED
        assert st.crew.station.store.orders.recipient(order) is None  # nobody holds it yet
    one.crew.station.pack.open_order(one.crew.login("pat"), order)
    with pytest.raises(Conflict, match="taken: being packed at station pack-1 \\(operator pat\\)"):
        other.crew.station.pack.open_order(other.crew.login("pat"), order)
    assert other.crew.station.store.orders.holder(order) is None  # the refused open left no local hold
    for st in two:
        st.sync.pull()
    held = one.crew.station.store.orders.recipient(order)
    assert held is not None and held.name == BUYER["name"]
    # Security: a station never receives buyer data for an order it cannot pack.
    assert other.crew.station.store.orders.recipient(order) is None


def test_offline_a_station_packs_only_the_orders_it_holds(hub: Hub, hub_admin: Actor, hub_clock: VirtualClock,
                                                          tmp_path: Path) -> None:  # fmt: skip
    orders = _hub_orders(hub, hub_clock, 3)
    with serving(hub) as url:
        st = Joined(hub, hub_admin, url, tmp_path / "off", "pack-off")
        held = st.sync.client.hold_batch(1)
        assert len(held) == 1
        st.sync.pull()
    try:
        held_order = next(o for o in orders if o in st.sync.held)
        other_order = next(o for o in orders if o not in st.sync.held)
        assert st.sync.pull().online is False  # the hub is gone: the cache stays
        packer = st.crew.login("pat")
        with pytest.raises(Conflict, match="packs only the orders it holds"):
            st.crew.station.pack.open_order(packer, other_order)
        state = st.crew.station.pack.open_order(packer, held_order)
        assert state.order.order_id == held_order
        assert st.crew.station.store.orders.recipient(held_order) is not None  # held: buyer data came down
        assert st.crew.station.store.orders.recipient(other_order) is None
    finally:
        st.close()


def test_the_composition_root_uses_the_hub_once_joined(hub: Hub, hub_admin: Actor, hub_url: str,
                                                       hub_clock: VirtualClock, tmp_path: Path) -> None:  # fmt: skip
    from station.errors import AuthenticationFailed
    from sync.hubclient import StationRevoked
    from sync.hubsync import HubSyncEngine
    from tests.station.support import PACKER_BADGE, PACKER_PIN
    from ui.wiring import wire

    order = _hub_orders(hub, hub_clock, 1)[0]
    crew = make_crew(tmp_path / "wired")
    join_hub(crew.station, crew.login(ADMIN), hub_url, hub.stations.create_code(hub_admin, "pack-w"))
    hub.people.add(HUB_SYSTEM, "pat", Role.PACKER, PACKER_PIN, badge=PACKER_BADGE)
    wiring = wire(crew.station)
    try:
        assert isinstance(wiring.engine, HubSyncEngine) and type(wiring.marketplace).__name__ == "HubMarketplace"
        assert type(crew.station.prep.inbound.upstream).__name__ == "HubFbaInbound"
        assert wiring.engine.run_once().online
        crew.station.pack.open_order(crew.login("pat"), order)  # the packer logged in at the hub too
        holder = wiring.engine.sync.client.holder(wiring.engine.sync.hub_id(order))
        assert holder is not None and (holder.station, holder.operator) == ("pack-w", "pat")
        # Revoked at the hub: the cache can no longer be synced, and its operators no longer log in there.
        hub.stations.revoke(hub_admin, "pack-w")
        with pytest.raises(StationRevoked):
            wiring.engine.sync.pull()
        with pytest.raises(AuthenticationFailed):
            crew.station.auth.login_badge(PACKER_BADGE, PACKER_PIN)
    finally:
        wiring.close()
        crew.station.close()


def test_conflicts_reach_the_packer_cancelled_meanwhile_and_after_the_label(
    hub: Hub, hub_clock: VirtualClock, two: tuple[Joined, Joined]
) -> None:
    one, _other = two
    first, second = _hub_orders(hub, hub_clock, 2)
    heard: list[tuple[str, dict[str, object]]] = []
    for topic in ("order.cancelled", "order.cancelled_after_ship", "order.address_changed"):
        one.crew.station.bus.subscribe(topic, lambda event: heard.append((event.topic, dict(event.data))))
    one.sync.pull()
    one.crew.station.pack.open_order(one.crew.login("pat"), first)
    seller = int(one.crew.station.store.orders.get(first).seller_id.removeprefix("hub-"))
    hub.orders.store_order(seller, first, status="Unshipped", lines=LINES, buyer={**BUYER, "address": "2 Elm St"})
    one.sync.pull()
    assert ("order.address_changed", {"order_id": first, "seller_id": f"hub-{seller}", "in_progress": True}) in heard
    hub.orders.store_order(seller, first, status="Canceled", lines=LINES)
    one.sync.pull()
    assert one.crew.station.store.orders.status(first) == OrderStatus.CANCELLED
    assert any(t == "order.cancelled" and d["in_progress"] for t, d in heard)  # the pack screen stops the packer
    one.crew.station.store.orders.set_status(second, OrderStatus.SHIPPED, now="t")  # its label was bought here
    hub.orders.store_order(seller, second, status="Canceled", lines=LINES)
    one.sync.pull()
    assert ("order.cancelled_after_ship", {"order_id": second, "seller_id": f"hub-{seller}"}) in heard
    # The void flow starts: the order goes to the lead's exception queue with the box to pull, and an alert is raised.
    assert one.crew.station.store.orders.status(second) == OrderStatus.EXCEPTION
    assert "pull the box" in (one.crew.station.store.orders.exception_reason(second) or "")
    alerts = one.crew.station.store.audit_rows.search(action="order.cancelled_after_label", severity="alert")
    assert [a.target for a in alerts] == [second]

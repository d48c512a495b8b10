"""A station restarted (or SIGKILLed and started again) still opens the orders it had cached before (issue 13):
its cursor is past their changes, so the hub's order ids are learned again. Found by tests.bench.soak_warehouse:
after a restart every claim said "not known at the hub yet — sync first", and the orders the station held
ahead as a batch were never packed by anyone."""

from __future__ import annotations

from hub.bootstrap import Hub
from station.clock import VirtualClock
from station.domain import OrderStatus
from sync.hubsync import HubClaims, HubSync
from tests.hubstation.test_hub_sync import Joined, _hub_orders, two  # noqa: F401  (the fixture)


def test_a_restarted_station_opens_orders_it_cached_before(
    hub: Hub,
    hub_clock: VirtualClock,
    two: tuple[Joined, Joined],  # noqa: F811
) -> None:
    one, _other = two
    first, _second = _hub_orders(hub, hub_clock, 2)
    one.sync.pull()
    st = one.crew.station
    # The process starts again: a new sync on the same store, whose cursor is past both orders' changes.
    restarted = HubSync(st.store, one.sync.client, one.crew.clock, st.bus, one.name, st.audit)
    st.pack.claims = HubClaims(restarted)
    assert restarted.pull().changes == 0
    state = st.pack.open_order(one.crew.login("pat"), first)
    assert state.order.order_id == first and st.store.orders.status(first) == OrderStatus.IN_PROGRESS
    assert hub.claims.holder(restarted.hub_id(first)).station == one.name

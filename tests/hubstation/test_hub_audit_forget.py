"""The station's audit rows go up to the hub with its head anchored there (the station keeps its chain);
a seller forgotten at the hub is erased from the station's cache, at once online and at the next connect
otherwise (issue 13)."""

from __future__ import annotations

from pathlib import Path

from hub.bootstrap import Hub
from hub.services.people import Actor
from station.clock import VirtualClock
from station.domain import OrderStatus
from sync.hubsync import HubSignals, HubSync, HubSyncEngine
from tests.hub.live import serving
from tests.hubstation.test_hub_sync import _hub_orders
from tests.station.support import ADMIN, make_crew
from ui.hub_wiring import hub_client_for, join_hub


def _engine(hub: Hub, admin: Actor, url: str, home: Path, name: str) -> HubSyncEngine:
    crew = make_crew(home)
    join_hub(crew.station, crew.login(ADMIN), url, hub.stations.create_code(admin, name))
    st = crew.station
    sync = HubSync(st.store, hub_client_for(st), st.clock, st.bus, name)
    engine = HubSyncEngine(sync, HubSignals(sync, st.audit))
    engine.station = st  # type: ignore[attr-defined]  (closed by the test)
    return engine


def test_audit_rows_are_uploaded_and_the_head_anchored(hub: Hub, hub_admin: Actor, hub_url: str,
                                                       tmp_path: Path) -> None:  # fmt: skip
    engine = _engine(hub, hub_admin, hub_url, tmp_path / "a", "pack-a")
    station = engine.station  # type: ignore[attr-defined]
    try:
        assert engine.run_once().online
        last = station.store.audit_rows.last()
        assert engine.sync.client.audit_head() == (last.seq, last.mac)
        station.audit.record("system", "test.more")
        engine.run_once()
        again = station.store.audit_rows.last()
        assert again.seq > last.seq and engine.sync.client.audit_head() == (again.seq, again.mac)
        assert station.audit.verify().ok  # the station keeps its own chain
    finally:
        engine.sync.client.close()
        station.close()


def test_a_forgotten_seller_is_erased_online_and_at_the_next_connect(hub: Hub, hub_admin: Actor,
                                                                     hub_clock: VirtualClock,
                                                                     tmp_path: Path) -> None:  # fmt: skip
    order = _hub_orders(hub, hub_clock, 1)[0]
    with serving(hub) as url:
        online = _engine(hub, hub_admin, url, tmp_path / "on", "pack-on")
        offline = _engine(hub, hub_admin, url, tmp_path / "off", "pack-off")
        for engine in (online, offline):
            engine.run_once()
            assert engine.station.store.orders.status(order) == OrderStatus.UNSHIPPED  # type: ignore[attr-defined]
        hub.sellers.forget(hub_admin, "acme")
        assert online.signals.forget() == 1  # what the seller.forgotten event runs
        assert online.station.store.orders.status(order) is None  # type: ignore[attr-defined]
        assert online.station.store.audit_rows.search(action="hub.seller_forgotten")  # type: ignore[attr-defined]
        # The other station was away: its cache still holds the seller until it connects again.
        assert offline.station.store.orders.status(order) == OrderStatus.UNSHIPPED  # type: ignore[attr-defined]
    assert offline.run_once().online is False  # the station is away (the hub is down for it)
    assert offline.station.store.orders.status(order) == OrderStatus.UNSHIPPED  # type: ignore[attr-defined]
    with serving(hub) as url:
        offline.sync.client.base_url = url  # the hub is back (on another port here)
        assert offline.run_once().online
        assert offline.station.store.orders.status(order) is None  # type: ignore[attr-defined]
    for engine in (online, offline):
        engine.sync.client.close()
        engine.station.close()  # type: ignore[attr-defined]

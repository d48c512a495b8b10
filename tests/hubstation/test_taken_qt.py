"""pytest-qt (issue 13): a second station sees a claimed order as taken, with the station and the operator,
in its queue (UI.md: "an order open at another station shows as taken")."""

from __future__ import annotations

from typing import Any

from hub.bootstrap import Hub
from hub.services.people import HUB_SYSTEM, Actor
from station.clock import VirtualClock
from station.domain import Role
from sync.hubclient import HubClient
from sync.hubsync import HubSignals, HubSync, HubSyncEngine
from tests.hub.conftest import PIN
from tests.hubstation.support import demo_at_hub
from tests.hubstation.test_hub_sync import _hub_orders
from tests.ui.conftest import demo, login_packer  # noqa: F401
from ui.demo import ADMIN, Demo
from ui.hub_wiring import join_hub


def test_a_second_station_sees_a_claimed_order_as_taken(qtbot: Any, demo: Demo, hub: Hub,  # noqa: F811
                                                        hub_admin: Actor, hub_url: str,
                                                        hub_clock: VirtualClock) -> None:  # fmt: skip
    from ui.main_window import StationWindow
    from ui.sounds import SoundPlayer

    order = _hub_orders(hub, hub_clock, 2)[0]
    st = demo.station
    join_hub(st, st.auth.login_password(ADMIN[0], ADMIN[1], demo.totp(ADMIN[0])), hub_url,
             hub.stations.create_code(hub_admin, "pack-2"))  # fmt: skip
    st.store.settings.set("hub_hold_ahead", 0, now="t", by="test")  # nothing held ahead: the order stays free
    sync = HubSync(st.store, demo_at_hub(hub, st).client, st.clock, st.bus, "pack-2")
    demo.wiring.engine = HubSyncEngine(sync, HubSignals(sync, st.audit))
    win = StationWindow(demo.wiring, sounds=SoundPlayer(enabled=False), install_filters=False)
    qtbot.addWidget(win)
    win.show()
    login_packer(qtbot, win)
    other = HubClient(hub_url)
    try:
        other.enrol(hub.stations.create_code(hub_admin, "pack-1"))
        hub.people.add(HUB_SYSTEM, "kim", Role.PACKER, PIN, badge="B-KIM")
        other.login_badge("B-KIM", PIN)
        demo.wiring.engine.run_once()
        other.claim(sync.hub_id(order))  # the first station opens the order
        demo.wiring.engine.run_once()
        win.queue.refresh()
        model = win.queue.model

        def status_of(oid: str) -> str:
            row = next(i for i, r in enumerate(model.rows) if r.order_id == oid)
            return str(model.data(model.index(row, 5)))

        qtbot.waitUntil(lambda: any(r.order_id == order for r in model.rows), timeout=5000)
        assert status_of(order) == "TAKEN — kim at pack-1"
        other.release(sync.hub_id(order))
        demo.wiring.engine.run_once()
        win.queue.refresh()
        qtbot.waitUntil(lambda: "TAKEN" not in status_of(order), timeout=5000)
    finally:
        other.close()
        win.shutdown()

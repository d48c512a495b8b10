"""Signals from the hub reach an open station window (issue 13): an operator disabled at the hub is logged
out mid-order; the hub's lock locks the station. The hub's event feeds the station-side session end
(AuthService.session_end_reason and the window's session timer)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from hub.bootstrap import Hub
from hub.services.people import Actor
from sync.hubsync import HubSignals, HubSync, HubSyncEngine
from tests.hubstation.support import demo_at_hub
from tests.ui.conftest import demo, login_packer, plain_order, window  # noqa: F401  (the window's fixtures)
from ui.demo import ADMIN, Demo
from ui.hub_wiring import join_hub


@pytest.fixture
def engine(demo: Demo, hub: Hub, hub_admin: Actor, hub_url: str) -> Iterator[HubSyncEngine]:  # noqa: F811
    st = demo.station
    admin = st.auth.login_password(ADMIN[0], ADMIN[1], demo.totp(ADMIN[0]))
    join_hub(st, admin, hub_url, hub.stations.create_code(hub_admin, "pack-qt"))
    verifiers = demo_at_hub(hub, st)  # the demo's pat, at the hub: the joined station logs pat in from there
    sync = HubSync(st.store, verifiers.client, st.clock, st.bus, "pack-qt")
    built = HubSyncEngine(sync, HubSignals(sync, st.audit), interval_s=1.0, verifiers=verifiers)
    built.start()
    yield built
    built.stop()
    sync.client.close()


def _logged_out(win: Any) -> bool:
    return win.session is None and win.stack.currentWidget() is win.login


def test_an_operator_disabled_at_the_hub_is_logged_out_mid_order(qtbot: Any, demo: Demo, window: Any,  # noqa: F811
                                                                 hub: Hub, hub_admin: Actor,
                                                                 engine: HubSyncEngine) -> None:  # fmt: skip
    login_packer(qtbot, window)
    order = plain_order(demo)
    window.handle_scan(order["order_id"])
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pack, timeout=5000)
    time.sleep(0.5)  # the event stream is connected by now
    started = time.monotonic()
    hub.people.disable(hub_admin, "pat")
    qtbot.waitUntil(lambda: _logged_out(window), timeout=5000)
    assert time.monotonic() - started <= 5.0
    assert "disabled" in window.login.subtitle.text()
    assert [r.target for r in demo.station.store.audit_rows.search(action="hub.operator_disabled")] == ["pat"]


def test_lock_at_the_hub_locks_the_station(qtbot: Any, demo: Demo, window: Any, hub: Hub,  # noqa: F811
                                           hub_admin: Actor, engine: HubSyncEngine) -> None:  # fmt: skip
    login_packer(qtbot, window)
    time.sleep(0.5)
    hub.events.set_lock(hub_admin, True)
    qtbot.waitUntil(lambda: _logged_out(window), timeout=5000)
    assert demo.station.store.settings.get("station_locked") is True

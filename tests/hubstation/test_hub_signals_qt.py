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
from station.domain import Role
from sync.hubsync import HubSyncEngine
from tests.ui.conftest import demo, login_packer, plain_order, window  # noqa: F401  (the window's fixtures)
from ui.demo import ADMIN, Demo


@pytest.fixture
def hub(demo: Demo) -> Hub:  # noqa: F811
    """The demo's own hub: its station joined it as `hub join` does, and pat logs in there too."""
    return demo.hub.hub


@pytest.fixture
def hub_admin() -> Actor:
    return Actor(ADMIN[0], Role.ADMIN)


@pytest.fixture
def engine(demo: Demo) -> Iterator[HubSyncEngine]:  # noqa: F811
    built = demo.wiring.engine
    built.interval_s = 1.0
    built.start()
    yield built
    built.stop()


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

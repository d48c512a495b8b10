"""The packer's view of a locked seller (issue 13): when the station's key lease for a hub seller ran out
offline, the pack screen shows a plain message where the address goes; the window carries on."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from station.clock import VirtualClock
from tests.ui.conftest import demo, login_packer, plain_order, window  # noqa: F401  (the window's fixtures)
from ui.demo import Demo


def test_the_pack_screen_says_the_buyer_data_is_locked_when_the_lease_ran_out(qtbot: Any, demo: Demo,  # noqa: F811
                                                                              window: Any) -> None:  # noqa: F811
    station = demo.station
    order = plain_order(demo)["order_id"]
    seller = station.store.orders.get(order).seller_id  # type: ignore[union-attr]
    # The demo's stations are joined to its hub: its sellers' buyer data is sealed under leased keys.
    keys = station.seller_keys
    assert keys.seals(seller) and station.store.orders.seal_readable(seller) == 0
    name = station.store.orders.recipient(order).name  # type: ignore[union-attr]
    keys.clock = VirtualClock(station.clock.now() + timedelta(hours=25))  # offline past the lease
    login_packer(qtbot, window)
    window.handle_scan(order)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pack, timeout=5000)
    qtbot.waitUntil(lambda: window.pack.address.text() not in ("", "…"), timeout=5000)
    shown = window.pack.address.text()
    assert "locked" in shown and "ran out" in shown and "Reconnect the station to the hub" in shown
    assert name not in shown
    assert window.pack.state is not None and window.pack.state.order.order_id == order  # packing goes on

"""Offline packing then reconnect; an order cancelled upstream while it is being packed."""

from __future__ import annotations

from typing import Any

from tests.ui.conftest import login_packer, plain_order, scan_items
from ui.demo import Demo


def _pack_to_packaging(qtbot: Any, win: Any, order: dict[str, Any]) -> None:
    win.handle_scan(order["order_id"])
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=5000)
    scan_items(qtbot, win, order)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.packaging, timeout=5000)
    qtbot.waitUntil(lambda: win.packaging.boxes[0].weight_lb > 0, timeout=5000)


def test_offline_pack_parks_then_reconnect_prints(qtbot: Any, demo: Demo, window: Any, fake_printer: Any) -> None:
    win, station = window, demo.station
    marketplace = station.shipping.marketplace
    login_packer(qtbot, win)
    station.attach_marketplace(None)  # the connection drops
    station.bus.publish("sync.offline")
    qtbot.waitUntil(lambda: win.banner.isVisible(), timeout=3000)
    assert "OFFLINE" in win.banner.text.text()
    assert "OFFLINE" in win.status.online.text()
    order = plain_order(demo)
    _pack_to_packaging(qtbot, win, order)
    win.packaging.confirm()  # rates fail offline: the order is parked and the packer moves on
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.queue, timeout=10000)
    assert "parked" in win.queue.message.text()
    assert station.store.orders.status(order["order_id"]) == "awaiting_label"
    assert not fake_printer.jobs
    station.attach_marketplace(marketplace)  # back online: the batch buys and prints
    station.bus.publish("sync.online")
    qtbot.waitUntil(lambda: station.store.orders.status(order["order_id"]) == "shipped", timeout=15000)
    qtbot.waitUntil(lambda: bool(fake_printer.jobs), timeout=5000)
    assert not win.banner.isVisible()
    assert len(demo.simulator.calls_for("purchaseShipment", status=200)) == 1


def test_cancelled_upstream_while_packing_stops_the_packer(qtbot: Any, demo: Demo, window: Any) -> None:
    win = window
    login_packer(qtbot, win)
    order = plain_order(demo)
    win.handle_scan(order["order_id"])
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=5000)
    demo.simulator.cancel_order(order["order_id"])
    demo.sync()  # Amazon -> the hub -> the station
    qtbot.waitUntil(lambda: win.pack.mode == "stopped", timeout=5000)
    assert "STOP" in win.pack.message.text() and "cancelled" in win.pack.message.text()
    assert win.pack.feedback.property("outcome") == "error"
    win.handle_scan(order["items"][0]["upc"])  # any scan acknowledges and goes back to the queue
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.queue, timeout=5000)
    assert "cancelled" in win.queue.message.text()
    assert demo.station.store.orders.status(order["order_id"]) == "cancelled"

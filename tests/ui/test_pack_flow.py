"""Whole flows, offscreen: log in, open by scan, wrong item, right items, weight, rate, buy, print, shipped."""

from __future__ import annotations

from typing import Any

from tests.ui.conftest import login_packer, plain_order, scan_items
from ui.demo import Demo


def test_scan_to_shipped_label_reaches_printer(qtbot: Any, demo: Demo, window: Any, fake_printer: Any) -> None:
    win = window
    login_packer(qtbot, win)
    assert win.status.operator.text().startswith("◉ pat")
    order = plain_order(demo)
    win.handle_scan(order["order_id"])
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=5000)
    assert win.pack.state.order.order_id == order["order_id"]
    # wrong item: red band, nothing counted
    other = next(o for o in demo.codes.values() if o["upc"] not in {i["upc"] for i in order["items"]})
    win.handle_scan(other["upc"])
    qtbot.waitUntil(lambda: win.pack.feedback.property("outcome") == "wrong_item", timeout=5000)
    assert "WRONG ITEM" in win.pack.message.text()
    assert win.pack.state.units_scanned == 0
    scan_items(qtbot, win, order)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.packaging, timeout=5000)
    # the virtual scale reads the expected weight; Enter gets rates, Enter buys
    qtbot.waitUntil(lambda: win.packaging.boxes[0].weight_lb > 0, timeout=5000)
    win.packaging.confirm()
    qtbot.waitUntil(lambda: bool(win.packaging.choices), timeout=10000)
    assert win.packaging.rates.currentRow() == 0
    win.packaging.confirm()
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.preview, timeout=15000)
    assert not win.preview.bought.print_error, win.preview.bought.print_error
    assert fake_printer.jobs, "the label's ZPL reached the printer"
    tracking = win.preview.bought.labels[0][1].tracking_id
    assert tracking.encode() in fake_printer.jobs[-1]
    assert demo.station.store.orders.status(order["order_id"]) == "shipped"
    purchases = demo.simulator.calls_for("purchaseShipment", status=200)
    assert len(purchases) == 1
    assert len(demo.simulator.shipments) == 1
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.queue, timeout=5000)

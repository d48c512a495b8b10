"""Issue 15 item 4: digits typed on the packaging screen reach the weight field visibly; Enter uses them."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import QApplication

from tests.ui.conftest import login_packer, plain_order, scan_items, type_by_hand
from ui.demo import Demo


def _to_packaging(qtbot: Any, win: Any, demo: Demo) -> None:
    login_packer(qtbot, win)
    order = plain_order(demo)
    win.handle_scan(order["order_id"])
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=5000)
    scan_items(qtbot, win, order)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.packaging, timeout=5000)
    qtbot.waitUntil(lambda: win.packaging.boxes[0].weight_lb > 0, timeout=5000)  # the scale's reading


def test_typed_weight_is_visible_and_used(qtbot: Any, demo: Demo, wedge_window: Any) -> None:
    win, clock = wedge_window
    _to_packaging(qtbot, win, demo)
    scale_reading = win.packaging.boxes[0].weight_lb
    assert scale_reading != 7.5
    type_by_hand(win, clock, "7.5")
    assert win.packaging.weight.text() == "7.5"  # visible, replacing the scale's reading
    assert QApplication.focusWidget() is win.packaging.weight
    type_by_hand(win, clock, "\r")
    assert win.packaging.boxes[0].weight_lb == 7.5
    if "7.50 lb" in win.packaging.message.text():  # outside the expected range: Enter again ships anyway
        type_by_hand(win, clock, "\r")
    qtbot.waitUntil(lambda: bool(win.packaging.choices), timeout=10000)
    assert json.loads(win.packaging.choices[0].rate.request_token)["weight_lb"] == 7.5  # the box sent to the hub
    win.packaging.confirm()  # buy: the hub rates the box at Amazon, then buys
    qtbot.waitUntil(lambda: bool(demo.simulator.calls_for("getRates")), timeout=15000)
    rated = demo.simulator.calls_for("getRates")[-1].body
    assert '"value": 7.5' in json.dumps(rated) or "'value': 7.5" in str(rated), "rates for the typed weight"


def test_late_scale_reading_does_not_overwrite_typed_weight(qtbot: Any, demo: Demo, wedge_window: Any) -> None:
    win, clock = wedge_window
    _to_packaging(qtbot, win, demo)
    type_by_hand(win, clock, "2")
    win.packaging._weighed(1.11)  # a reading that lands after the packer typed
    assert win.packaging.weight.text() == "2"

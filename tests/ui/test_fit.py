"""Issue 15 item 3: every packer screen fits 1366x768 and 1920x1080: the feedback banner, the item counter,
the rate list and the reprint hint are inside the window, whole (offscreen geometry)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.conftest import login_packer, plain_order
from tests.ui.test_post_ship import ship_one
from ui.demo import Demo


def inside(win: Any, widget: QWidget) -> bool:
    """Visible, not squeezed below its own minimum, and wholly inside the window."""
    QApplication.processEvents()
    if not widget.isVisible() or widget.width() < widget.minimumSizeHint().width() - 1:
        return False
    rect = QRect(widget.mapTo(win, widget.rect().topLeft()), widget.size())
    return win.rect().contains(rect)


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_packer_screens_fit(qtbot: Any, demo: Demo, window: Any, fake_printer: Any, size: tuple[int, int]) -> None:
    win = window
    win.resize(*size)
    QApplication.processEvents()
    assert win.size().toTuple() == size, "the window's minimum size is larger than the screen"
    assert inside(win, win.login.title) and inside(win, win.login.pin)
    login_packer(qtbot, win)
    # The queue's counts arrive from the store a moment after login: judge the settled layout.
    qtbot.waitUntil(lambda: all(inside(win, w) for w in (win.queue.feedback, win.queue.counts, win.queue.search)),
                    timeout=5000)  # fmt: skip
    order = plain_order(demo, units_min=2)
    win.handle_scan(order["order_id"])
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=5000)
    other = next(o for o in demo.codes.values() if o["upc"] not in {i["upc"] for i in order["items"]})
    win.handle_scan(other["upc"])
    qtbot.waitUntil(lambda: win.pack.feedback.property("outcome") == "wrong_item", timeout=5000)
    assert "WRONG ITEM" in win.pack.message.text()
    for widget in (win.pack.feedback, win.pack.message, win.pack.counter, win.pack.progress, win.status):
        assert inside(win, widget), type(widget).__name__
    win.pack.put_back()
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.queue, timeout=5000)
    ship_one_keep = win.preview.hold_ms
    win.preview.hold_ms = 60_000  # look at the preview before it moves on
    try:
        ship_one(qtbot, win, demo)
    finally:
        win.preview.hold_ms = ship_one_keep
    for widget in (win.preview.keys, win.preview.feedback, win.preview.status, win.preview.image):
        assert inside(win, widget), type(widget).__name__


def test_packaging_rates_fit_1366(qtbot: Any, demo: Demo, window: Any) -> None:
    win = window
    win.resize(1366, 768)
    login_packer(qtbot, win)
    order = plain_order(demo)
    win.handle_scan(order["order_id"])
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=5000)
    from tests.ui.conftest import scan_items

    scan_items(qtbot, win, order)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.packaging, timeout=5000)
    qtbot.waitUntil(lambda: win.packaging.boxes[0].weight_lb > 0, timeout=5000)
    win.packaging.confirm()
    qtbot.waitUntil(lambda: bool(win.packaging.choices), timeout=10000)
    for widget in (win.packaging.rates, win.packaging.feedback, win.packaging.weight, win.packaging.message):
        assert inside(win, widget), type(widget).__name__
    assert win.packaging.rates.height() >= 120  # rows of rates visible, not a sliver

"""Issue 15 item 2: an order id keyed in by hand (human speed, through the wedge filter) opens exactly that
order, or says it is not found; never the highlighted row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import codes, login_packer, type_by_hand
from ui.demo import Demo


def test_typed_unknown_order_id_says_not_found_never_opens_top_row(qtbot: Any, wedge_window: Any) -> None:
    win, clock = wedge_window
    login_packer(qtbot, win)
    qtbot.waitUntil(lambda: win.queue.model.rowCount() > 0, timeout=5000)
    assert win.queue.selected_order()  # a row is highlighted: the trap
    type_by_hand(win, clock, "112-6390724-6412652")
    assert win.queue.search.text() == "112-6390724-6412652"  # visible where it was typed
    assert QApplication.focusWidget() is win.queue.search
    type_by_hand(win, clock, "\r")
    qtbot.waitUntil(lambda: "112-6390724-6412652" in win.queue.message.text()
                    and "No order" in win.queue.message.text(), timeout=5000)  # fmt: skip
    assert win.stack.currentWidget() is win.queue
    assert win.pack.state is None


def test_typed_order_id_opens_that_order(qtbot: Any, wedge_window: Any, demo: Demo) -> None:
    win, clock = wedge_window
    login_packer(qtbot, win)
    qtbot.waitUntil(lambda: win.queue.model.rowCount() > 1, timeout=5000)
    top = win.queue.selected_order()
    wanted = next(o["order_id"] for o in codes(demo)["orders"] if o["order_id"] != top)
    type_by_hand(win, clock, wanted + "\r")
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=5000)
    assert win.pack.state.order.order_id == wanted


def test_tab_reaches_the_search_box(qtbot: Any, wedge_window: Any) -> None:
    win, _clock = wedge_window
    login_packer(qtbot, win)
    win.queue.setFocus()
    QTest.keyClick(win.queue, Qt.Key.Key_Tab)
    assert win.queue.search.hasFocus()

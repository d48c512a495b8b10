"""Issue 15 item 2: an order id keyed in by hand (human speed, through the wedge filter) opens exactly that
order, or says it is not found; never the highlighted row."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import codes, login_packer
from ui.demo import Demo


class FakeTime:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def wedge_window(qtbot: Any, demo: Demo) -> Iterator[tuple[Any, FakeTime]]:
    from ui.main_window import StationWindow
    from ui.sounds import SoundPlayer
    from ui.theme import apply_theme

    apply_theme(QApplication.instance())
    clock = FakeTime()
    win = StationWindow(demo.wiring, sounds=SoundPlayer(enabled=False), time_source=clock)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    yield win, clock
    win.shutdown()


def type_by_hand(win: Any, clock: FakeTime, text: str, gap: float = 0.18) -> None:
    """Keys at human speed into whatever has focus, as a keyboard would deliver them."""
    for ch in text:
        target = QApplication.focusWidget() or win.stack.currentWidget()
        if ch == "\r":
            QTest.keyClick(target, Qt.Key.Key_Return)
        else:
            QTest.keyClicks(target, ch)
        clock.t += gap
        win.scan_filter.poll()


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

"""Keyboard-wedge scanning into the real window, idle lock, pick list, address audit."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.conftest import login_packer, plain_order
from ui.demo import PACKER, Demo, badge_code


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        self.t += 0.004  # 4 ms a key: a scanner burst
        return self.t


def _type_burst(qtbot: Any, widget: Any, text: str) -> None:
    for ch in text:
        qtbot.keyClick(widget, ch)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_wedge_badge_scan_then_pin_logs_in(qtbot: Any, demo: Demo) -> None:
    from ui.main_window import StationWindow
    from ui.sounds import SoundPlayer

    clock = Clock()
    win = StationWindow(demo.wiring, sounds=SoundPlayer(enabled=False), time_source=clock)
    qtbot.addWidget(win)
    win.show()
    try:
        win.login.setFocus()
        _type_burst(qtbot, win.login, badge_code())
        assert win.login.title.text() == "Type your PIN"
        assert win.login.pin.text() == ""  # the burst never reached a text field
        _type_burst(qtbot, win.login.pin, PACKER[2])  # a fast PIN counts as a scan: still a PIN
        qtbot.waitUntil(lambda: win.session is not None, timeout=5000)
        assert win.session.name == "pat"
        assert "pat (packer)" in win.status.operator.text()
    finally:
        win.shutdown()


def test_idle_lock_and_address_view_is_audited(qtbot: Any, demo: Demo, window: Any) -> None:
    win, station = window, demo.station
    login_packer(qtbot, win)
    order = plain_order(demo)
    win.handle_scan(order["order_id"])
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=5000)
    qtbot.waitUntil(lambda: win.pack.address.text() not in ("", "…"), timeout=5000)
    views = station.store.audit_rows.count(action="pii.address_viewed", actor="pat")
    assert views == 1
    win.session.last_activity -= 3600  # an hour without input
    win.check_idle()
    assert win.session is None and win.stack.currentWidget() is win.login
    assert "Locked" in win.login.subtitle.text()
    assert win.pack.address.text() == ""  # the address left the screen with the order


def test_queue_lists_no_pii_and_prints_a_pick_list(qtbot: Any, demo: Demo, window: Any) -> None:
    win = window
    login_packer(qtbot, win)
    qtbot.waitUntil(lambda: win.queue.model.rowCount() > 0, timeout=5000)
    cells = [
        str(win.queue.model.data(win.queue.model.index(r, c)))
        for r in range(win.queue.model.rowCount())
        for c in range(win.queue.model.columnCount())
    ]
    recipient = demo.station.store.orders.recipient(plain_order(demo)["order_id"])
    assert recipient is not None and all(recipient.name not in cell for cell in cells)
    qtbot.keyClick(win.queue, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: "Pick list" in win.queue.message.text(), timeout=10000)
    assert list((demo.home / "picklists").glob("*.pdf"))
    assert demo.station.store.audit_rows.count(action="picklist.printed", actor="pat") == 1


def test_shift_presses_inside_a_burst_do_not_break_the_scan(qtbot: Any, demo: Demo) -> None:
    """Real wedge scanners (and xdotool) press Shift for capitals and "$": the burst must survive it."""
    from ui.main_window import StationWindow
    from ui.sounds import SoundPlayer

    win = StationWindow(demo.wiring, sounds=SoundPlayer(enabled=False), time_source=Clock())
    qtbot.addWidget(win)
    win.show()
    try:
        for ch in badge_code():
            if ch.isupper() or ch == "$":
                qtbot.keyPress(win.login, Qt.Key.Key_Shift)
            qtbot.keyClick(win.login, ch)
        qtbot.keyClick(win.login, Qt.Key.Key_Return)
        assert win.login.title.text() == "Type your PIN"
    finally:
        win.shutdown()

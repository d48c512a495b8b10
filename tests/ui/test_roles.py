"""Roles in the shell: a packer raises an exception, a lead resolves it; packers cannot open admin screens."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.conftest import login_packer, login_password, plain_order
from ui.demo import LEAD, Demo


def test_packer_denied_admin_screens(qtbot: Any, demo: Demo, window: Any) -> None:
    win = window
    login_packer(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_F10)
    assert win.admin is None
    assert win.stack.currentWidget() is win.queue
    assert "Only leads and admins" in win.queue.message.text()
    denied = demo.station.store.audit_rows.count(action="permission.denied", actor="pat")
    assert denied >= 1


def test_lead_resolves_exception(qtbot: Any, demo: Demo, window: Any) -> None:
    win, station = window, demo.station
    login_packer(qtbot, win)
    order = plain_order(demo)
    win.handle_scan(order["order_id"])
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=5000)
    qtbot.keyClick(win.pack, Qt.Key.Key_F8)
    assert win.pack.mode == "problem"
    win.pack.entry.setText("1")  # short
    qtbot.keyClick(win.pack, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.queue, timeout=5000)
    assert station.store.orders.status(order["order_id"]) == "exception"
    qtbot.keyClick(win, Qt.Key.Key_F12)  # switch operator without restarting
    assert win.session is None and win.stack.currentWidget() is win.login
    login_password(qtbot, win, demo, LEAD)
    assert win.session.name == "lee"
    qtbot.keyClick(win, Qt.Key.Key_F10)
    assert win.admin is not None
    titles = [win.admin.tabs.tabText(i) for i in range(win.admin.tabs.count())]
    assert any("xception" in t for t in titles)
    screen = win.admin.tabs.widget(next(i for i, t in enumerate(titles) if "xception" in t))
    qtbot.waitUntil(lambda: _lists(screen, order["order_id"]), timeout=5000)
    screen.resolve(order["order_id"], "requeue")
    qtbot.waitUntil(lambda: station.store.orders.status(order["order_id"]) == "unshipped", timeout=5000)
    assert station.store.audit_rows.count(action="order.exception_resolved", actor="lee") == 1


def _lists(screen: Any, order_id: str) -> bool:
    if hasattr(screen, "select"):
        return bool(screen.select(order_id))
    return any(row[0] == order_id for row in getattr(screen, "rows", []))


def test_packer_opens_the_prep_screens_but_not_admin_ones(qtbot: Any, demo: Demo, window: Any) -> None:
    win = window
    login_packer(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_F9)
    assert win.admin is not None
    titles = [win.admin.tabs.tabText(i) for i in range(win.admin.tabs.count())]
    assert titles and "Operators" not in titles and "Audit trail" not in titles
    assert demo.station.store.audit_rows.count(action="prep.opened", actor="pat") == 1


def test_lead_sees_security_alerts_at_login_and_packer_does_not(qtbot: Any, demo: Demo, window: Any) -> None:
    win = window
    demo.station.audit.alert("alert.failed_logins", target="pat", failures=5, window_minutes=10)
    login_packer(qtbot, win)
    qtbot.wait(200)
    assert "security alert" not in win.queue.message.text()
    qtbot.keyClick(win, Qt.Key.Key_F12)
    login_password(qtbot, win, demo, LEAD)
    qtbot.waitUntil(lambda: "security alert" in win.queue.message.text(), timeout=5000)
    assert "alert.failed_logins" in win.queue.message.text()

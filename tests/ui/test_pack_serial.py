"""Issue 15 should-fix: a serial number gets a confirmation that names it."""

from __future__ import annotations

from typing import Any

from tests.ui.conftest import codes, login_packer
from ui.demo import Demo


def test_serial_is_confirmed_by_name(qtbot: Any, demo: Demo, window: Any) -> None:
    win = window
    login_packer(qtbot, win)
    order = next(o for o in codes(demo)["orders"] if any(i["serial"] for i in o["items"]))
    item = next(i for i in order["items"] if i["serial"])
    win.handle_scan(order["order_id"])
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=5000)
    win.handle_scan(item["upc"])
    qtbot.waitUntil(lambda: win.pack.mode == "serial", timeout=5000)
    win.handle_scan("SN-4711-A")
    qtbot.waitUntil(lambda: "SN-4711-A" in win.pack.message.text(), timeout=5000)
    assert "SERIAL SN-4711-A RECORDED" in win.pack.message.text()
    assert win.pack.feedback.property("outcome") in ("good", "complete")

"""Issue 15 item 5 (station side): the label preview goes back to SCAN NEXT ORDER by itself after about 2 s
(after a reprint too); a shipped order found in the queue can be reprinted, audited with where from."""

from __future__ import annotations

import json
import time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import login_packer, plain_order, scan_items
from ui.demo import Demo


def ship_one(qtbot: Any, win: Any, demo: Demo) -> str:
    """Pack and ship a plain demo order through the screens; returns its id (the preview is showing)."""
    order = plain_order(demo)
    win.handle_scan(order["order_id"])
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=5000)
    scan_items(qtbot, win, order)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.packaging, timeout=5000)
    qtbot.waitUntil(lambda: win.packaging.boxes[0].weight_lb > 0, timeout=5000)
    win.packaging.confirm()
    qtbot.waitUntil(lambda: bool(win.packaging.choices), timeout=10000)
    win.packaging.confirm()
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.preview, timeout=15000)
    return str(order["order_id"])


def _reprints(demo: Demo) -> list[Any]:
    return demo.station.store.audit_rows.search(action="label.reprinted", limit=100)


def test_preview_returns_by_itself_after_a_reprint(qtbot: Any, demo: Demo, window: Any, fake_printer: Any) -> None:
    win = window
    login_packer(qtbot, win)
    ship_one(qtbot, win, demo)
    QTest.keyClick(win.preview, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: win.preview.message.text() == "Label reprinted", timeout=5000)
    started = time.monotonic()
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.queue, timeout=4000)
    assert time.monotonic() - started < 3.0
    assert win.queue.message.text() == "SCAN NEXT ORDER"


def test_reprint_from_order_lookup_is_audited(qtbot: Any, demo: Demo, window: Any, fake_printer: Any) -> None:
    win = window
    login_packer(qtbot, win)
    order_id = ship_one(qtbot, win, demo)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.queue, timeout=5000)
    jobs = len(fake_printer.jobs)
    win.open_order(order_id)  # typed or scanned in the queue
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.preview, timeout=5000)
    assert win.preview.bought.lookup and "F5 reprint" in win.preview.message.text()
    assert not win.preview.image.pixmap() or win.preview.image.pixmap().isNull()  # no address on screen
    QTest.keyClick(win.preview, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: len(fake_printer.jobs) > jobs, timeout=5000)
    rows = _reprints(demo)
    assert len(rows) == 1 and rows[0].actor == "pat" and rows[0].target == order_id
    assert json.loads(rows[0].detail)["via"] == "lookup"
    qtbot.wait(2500)
    assert win.stack.currentWidget() is win.preview  # a lookup stays until Enter
    QTest.keyClick(win.preview, Qt.Key.Key_Return)
    assert win.stack.currentWidget() is win.queue

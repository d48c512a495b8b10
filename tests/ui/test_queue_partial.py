"""Issue 15 should-fix: a queue row that is partly scanned (put back with scans kept) says so."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.conftest import login_packer, plain_order
from ui.demo import Demo


def test_partly_scanned_row_shows_it(qtbot: Any, demo: Demo, window: Any) -> None:
    win = window
    login_packer(qtbot, win)
    order = plain_order(demo, units_min=2)
    win.handle_scan(order["order_id"])
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=5000)
    win.handle_scan(order["items"][0]["upc"])
    qtbot.waitUntil(lambda: win.pack.state.units_scanned == 1, timeout=5000)
    qtbot.keyClick(win.pack, Qt.Key.Key_Escape)  # put the order back, scans kept
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.queue, timeout=5000)

    def status_of(order_id: str) -> str:
        model = win.queue.model
        return next((str(model.data(model.index(r, 5))) for r in range(model.rowCount())
                     if model.rows[r].order_id == order_id), "")  # fmt: skip

    qtbot.waitUntil(lambda: status_of(order["order_id"]) == "PARTLY SCANNED", timeout=5000)
    untouched = [r.order_id for r in win.queue.model.rows if r.order_id != order["order_id"]]
    assert untouched and all(status_of(o) != "PARTLY SCANNED" for o in untouched)

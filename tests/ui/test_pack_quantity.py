"""Issue 15 item 8: F3 asks for the line's TOTAL (showing the current count), refuses more than ordered with
the number; a scan of another line's item highlights that line (and F3 then applies to it)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import codes, login_packer
from ui.demo import Demo


def _order_with_later_multi_line(demo: Demo) -> tuple[dict[str, Any], int]:
    for order in codes(demo)["orders"]:
        items = order["items"]
        if any(i["serial"] for i in items):
            continue
        for n, item in enumerate(items[1:], start=1):
            if item["qty"] >= 3:
                return order, n
    raise AssertionError("no order with a later line of 3+ units in the demo data")


def _scan(qtbot: Any, win: Any, code: str) -> None:
    before = win.pack.state.units_scanned
    win.handle_scan(code)
    qtbot.waitUntil(lambda: win.pack.state.units_scanned > before, timeout=5000)


def test_scan_of_another_line_highlights_it_and_f3_takes_the_total(qtbot: Any, demo: Demo, window: Any) -> None:
    win = window
    login_packer(qtbot, win)
    order, n = _order_with_later_multi_line(demo)
    win.handle_scan(order["order_id"])
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=5000)
    assert win.pack.lines[0].mark.text() == "▶"
    item = order["items"][n]
    _scan(qtbot, win, item["upc"])
    assert win.pack.lines[n].mark.text() == "▶", "the scanned line is highlighted"
    assert win.pack.lines[0].mark.text() == ""
    QTest.keyClick(win.pack, Qt.Key.Key_F3)
    prompt = win.pack.message.text()
    assert f"1 of {item['qty']} scanned" in prompt and "TOTAL" in prompt
    win.pack.entry.setText(str(item["qty"] + 5))
    QTest.keyClick(win.pack, Qt.Key.Key_Return)
    refused = win.pack.message.text()
    assert f"Only {item['qty']} ordered" in refused and str(item["qty"] + 5) in refused
    assert win.pack.state.lines[n].scanned == 1
    QTest.keyClick(win.pack, Qt.Key.Key_F3)
    win.pack.entry.setText(str(item["qty"]))  # the total, not "how many more"
    QTest.keyClick(win.pack, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.pack.state.lines[n].scanned == item["qty"], timeout=5000)
    assert win.pack.state.units_scanned == item["qty"]

"""Issue 15 should-fix: two lines with the same SKU read as two lines (each says which one it is)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tests.ui.conftest import login_packer, plain_order
from ui.demo import Demo


def test_two_lines_with_one_sku_are_told_apart(qtbot: Any, demo: Demo, window: Any) -> None:
    win = window
    login_packer(qtbot, win)
    order_id = plain_order(demo)["order_id"]
    state = demo.station.pack.open_order(win.session, order_id)
    first = state.lines[0]
    twin = replace(first, item=replace(first.item, order_item_id=first.item.order_item_id + "9", condition="Used"))
    state = replace(state, lines=(first, twin, *state.lines[1:]))
    win.pack.load(win.session, state)
    a, b = win.pack.lines[0], win.pack.lines[1]
    assert "LINE 1 OF 2 WITH THIS SKU" in a.code.text()
    assert "LINE 2 OF 2 WITH THIS SKU" in b.code.text()
    assert a.code.text() != b.code.text()
    assert all("WITH THIS SKU" not in w.code.text() for w in win.pack.lines[2:])

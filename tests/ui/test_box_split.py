"""Issue 15 should-fix: splitting into several boxes can't over-assign an item; what's left to place shows."""

from __future__ import annotations

from typing import Any

from tests.ui.conftest import login_packer, plain_order, scan_items
from ui.demo import Demo


def test_split_never_over_assigns_and_shows_what_is_left(qtbot: Any, demo: Demo, window: Any) -> None:
    win = window
    login_packer(qtbot, win)
    order = plain_order(demo, units_min=2)
    win.handle_scan(order["order_id"])
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=5000)
    scan_items(qtbot, win, order)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.packaging, timeout=5000)
    pk = win.packaging
    pk.add_box()
    item_id = pk.state.lines[0].item.order_item_id
    qty = pk.state.lines[0].item.quantity
    box1, box2 = pk.table.cellWidget(0, 2), pk.table.cellWidget(0, 3)
    box2.setValue(qty)  # box 1 still holds them all
    assert box2.value() == 0 and pk.boxes[1].items.get(item_id, 0) == 0
    assert "Only 0 of this item left" in pk.message.text()
    assert sum(b.items.get(item_id, 0) for b in pk.boxes) == qty
    box1.setValue(qty - 1)
    assert pk.table.item(0, 1).text() == "1" and "1 unit left to place" in pk.left_label.text()
    pk.weight.setText("2.0")
    pk.confirm()
    assert "1 unit not in a box yet" in pk.message.text() and not pk.choices
    box2.setValue(1)
    assert pk.table.item(0, 1).text() == "✔" and pk.left_label.text() == ""
    assert [b.items.get(item_id, 0) for b in pk.boxes] == [qty - 1, 1]

"""Sellers screen: the sellers the hub sent, their last sync, forget with a typed confirmation; no way to enter
an Amazon secret (sellers are authorised at the hub, issue 13)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from station.domain import Role
from ui.admin.base import select_row_where
from ui.admin.sellers import SellersWidget

from .conftest import add_order


def cells(widget: SellersWidget) -> list[list[str]]:
    t = widget.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_the_screen_lists_sellers_and_takes_no_amazon_secret(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    add_order(env, "113-0000000-0000001")
    widget = SellersWidget(env.station, env.admin())
    qtbot.addWidget(widget)
    assert [r[:4] for r in cells(widget)] == [["A1SELLER0000001", "Acme Outdoor", "NA", "ATVPDKIKX0DER"]]
    assert not [e for e in widget.findChildren(QLineEdit) if e.echoMode() == QLineEdit.EchoMode.Password]
    assert not hasattr(widget, "add_button") and not hasattr(widget, "revoke_button")
    assert any("pacific-hub seller invite" in label.text() for label in widget.findChildren(QLabel))


def test_forget_with_typed_confirmation(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    add_order(env, "113-0000000-0000001")
    widget = SellersWidget(env.station, env.admin())
    qtbot.addWidget(widget)
    assert select_row_where(widget.table, 0, "A1SELLER0000001")
    widget.forget_edit.setText("A1SELLER")
    assert not widget.forget_button.isEnabled()
    widget.forget("A1SELLER0000001", "A1SELLER")
    assert widget.message.kind == "error" and env.station.store.sellers.get("A1SELLER0000001") is not None
    widget.forget_edit.setText("A1SELLER0000001")
    assert widget.forget_button.isEnabled()
    qtbot.mouseClick(widget.forget_button, Qt.MouseButton.LeftButton)
    assert widget.message.kind == "ok", widget.message.text()
    assert env.station.store.sellers.get("A1SELLER0000001") is None
    assert env.station.store.orders.get("113-0000000-0000001") is None
    assert widget.table.rowCount() == 0


def test_a_lead_is_denied_sellers(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    widget = SellersWidget(env.station, env.add("lee", Role.LEAD))
    qtbot.addWidget(widget)
    assert widget.message.kind == "error" and "Not allowed" in widget.message.text()

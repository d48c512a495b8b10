"""Sellers screen: add with token (never shown again), status, revoke, forget with a typed confirmation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from station.domain import Role
from station.services.sellers import refresh_token_name
from ui.admin.base import select_row_where
from ui.admin.sellers import SellersWidget

from .conftest import add_order

TOKEN = "Atzr|IwEBIA-not-a-real-token-0123456789"
SELLER = "A2NEWSELLER0001"


def cells(widget: SellersWidget) -> list[list[str]]:
    t = widget.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_add_seller_keeps_the_token_only_in_the_secret_store(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    widget = SellersWidget(env.station, env.admin())
    qtbot.addWidget(widget)
    assert widget.token_edit.echoMode() == QLineEdit.EchoMode.Password
    widget.id_edit.setText(SELLER)
    widget.name_edit.setText("Bright Kitchen")
    widget.endpoint_edit.setText("https://127.0.0.1:8443")
    widget.lwa_edit.setText("https://127.0.0.1:8443/auth/o2/token")
    widget.token_edit.setText(TOKEN)
    qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
    assert widget.message.kind == "ok", widget.message.text()
    assert widget.token_edit.text() == ""
    assert env.station.secrets.get(refresh_token_name(SELLER)) == TOKEN.encode()
    seller = env.station.store.sellers.get(SELLER)
    assert seller.endpoint == "https://127.0.0.1:8443" and seller.lwa_endpoint.endswith("/auth/o2/token")
    rows = cells(widget)
    assert rows == [[SELLER, "Bright Kitchen", "NA", "ATVPDKIKX0DER", "Authorised", "never"]]
    shown = " ".join(" ".join(r) for r in rows) + widget.message.text()
    assert "Atzr" not in shown
    assert all("Atzr" not in r.detail for r in env.station.store.audit_rows.search(limit=5000))


def test_revoke_then_forget_with_typed_confirmation(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    add_order(env, "113-0000000-0000001")
    env.station.secrets.put(refresh_token_name("A1SELLER0000001"), TOKEN.encode())
    widget = SellersWidget(env.station, env.admin())
    qtbot.addWidget(widget)
    assert select_row_where(widget.table, 0, "A1SELLER0000001")
    qtbot.mouseClick(widget.revoke_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(widget.confirm.yes, Qt.MouseButton.LeftButton)
    assert cells(widget)[0][4] == "Revoked"
    assert env.station.secrets.get(refresh_token_name("A1SELLER0000001")) is None
    assert env.actions("seller.revoked", "boss")
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
    widget.revoke("A1SELLER0000001")
    assert "Not allowed" in widget.message.text()

"""Issue 15 item 9 (lead's note): the note a lead writes when resolving an exception shows, as plain text,
when a packer opens the order again."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.conftest import login_packer, plain_order
from ui.demo import LEAD, Demo

NOTE = "<b>Fragile</b>: wrap the mug twice\nand use box L"


def test_lead_note_shows_when_the_order_is_reopened(qtbot: Any, demo: Demo, window: Any) -> None:
    station, win = demo.station, window
    order_id = plain_order(demo)["order_id"]
    login_packer(qtbot, win)
    session = win.session
    station.pack.open_order(session, order_id)
    station.pack.raise_exception(session, order_id, "damaged")
    lead = station.auth.login_password(LEAD[0], LEAD[1], demo.totp(LEAD[0]))
    station.pack.resolve_exception(lead, order_id, "requeue", NOTE)
    win.handle_scan(order_id)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=5000)
    assert win.pack.notes.isVisible()
    text = win.pack.notes.text()
    assert "NOTE FROM THE LEAD" in text and "<b>Fragile</b>: wrap the mug twice and use box L" in text
    assert win.pack.notes.textFormat() == Qt.TextFormat.PlainText
    assert "lead's note" in win.pack.message.text()


def test_no_note_no_box(qtbot: Any, demo: Demo, window: Any) -> None:
    win = window
    login_packer(qtbot, win)
    win.handle_scan(plain_order(demo)["order_id"])
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=5000)
    assert not win.pack.notes.isVisible()

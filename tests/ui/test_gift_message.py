"""Issue 15 item 9 (gift messages): the buyer's gift message shows on the pack screen as plain text and is
printed on the packing slip; it never reaches a log."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

import pytest
from PySide6.QtCore import Qt

from station.domain import GiftMessage
from tests.ui.conftest import login_packer, plain_order
from ui.demo import Demo

GIFT = "<b>Happy</b> birthday, Oma Wilhelmina & family"


def _with_gift(demo: Demo) -> tuple[str, str]:
    station = demo.station
    order_id = plain_order(demo)["order_id"]
    order = station.store.orders.get(order_id, with_recipient=True)
    assert order is not None
    item = order.items[0]
    station.store.orders.upsert(dataclasses.replace(order, gifts=(GiftMessage(item.order_item_id, GIFT, "PREMIUM"),)),
                                now="2026-01-01T00:00:00Z")  # fmt: skip
    return order_id, item.title


def test_pack_screen_shows_the_gift_message_as_plain_text(qtbot: Any, demo: Demo, window: Any,
                                                          caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    caplog.set_level(logging.DEBUG)
    order_id, title = _with_gift(demo)
    win = window
    login_packer(qtbot, win)
    win.handle_scan(order_id)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=5000)
    qtbot.waitUntil(lambda: GIFT in win.pack.notes.text(), timeout=5000)
    text = win.pack.notes.text()
    assert f"GIFT MESSAGE — {title} · gift wrap: PREMIUM" in text
    assert win.pack.notes.isVisible() and win.pack.notes.textFormat() == Qt.TextFormat.PlainText
    win.show_screen(win.queue)  # leaving the order forgets it
    assert GIFT not in win.pack.notes.text()
    assert GIFT not in caplog.text


def test_packing_slip_prints_the_gift_message(qtbot: Any, demo: Demo, window: Any,
                                              caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    import pypdfium2 as pdfium

    from ui.label_ops import write_packing_slip

    caplog.set_level(logging.DEBUG)
    order_id, _title = _with_gift(demo)
    login_packer(qtbot, window)
    path = write_packing_slip(demo.station, window.session, order_id)
    assert path is not None
    pdf = pdfium.PdfDocument(path.read_bytes())
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "Gift message" in text
    assert " ".join(GIFT.split()) in " ".join(text.split())  # as written: markup printed literally
    assert GIFT not in caplog.text
    rows = demo.station.store.audit_rows.search(action="packing_slip.printed")
    assert rows and GIFT not in rows[0].detail

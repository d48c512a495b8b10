"""Issue 10 item 14: text from outside (buyers, sellers, titles, errors) never renders as HTML.

Hostile values with markup are planted upstream and in the store, then shown on the queue, the pack
screen, the label preview, the lead's exception screen and the prep screens. Every QLabel the window
holds at each step is plain text (Qt's automatic format would render ``<b>`` and load ``<img src=…>``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from station.domain import PurchasedLabel
from station.errors import DeviceError
from tests.ui.conftest import login_packer, login_password, plain_order
from ui.demo import LEAD, Demo
from ui.label_ops import Bought

BUYER = "<b>Bold</b> Buyer<img src='file:///etc/hostname'>"
STREET = "<i>12</i> <a href='http://evil.example'>Markup</a> Lane"
SELLER = "<h1>Seller</h1> & Co"
TITLE = "<b>Trail</b> Bottle <img src=x>"
NOTE = "<table><tr><td>note</td></tr></table>"



def _not_plain(root: QWidget) -> list[str]:
    """Labels whose text Qt may render as HTML: named by class and object name, never by their text."""
    return [
        f"{type(lab.parent()).__name__}/{type(lab).__name__}#{lab.objectName() or '?'}"
        for lab in root.findChildren(QLabel)
        if lab.textFormat() != Qt.TextFormat.PlainText
    ]


def _shown(root: QWidget, fragment: str) -> list[QLabel]:
    return [lab for lab in root.findChildren(QLabel) if fragment in lab.text()]


def _plant(demo: Demo) -> dict[str, Any]:
    """Markup in the buyer (upstream), the seller's name, the item titles and the catalogue."""
    order = plain_order(demo)
    demo.simulator.change_address(order["order_id"], {"name": BUYER, "addressLine1": STREET})
    demo.sync()  # Amazon -> the hub -> the station
    recipient = demo.station.store.orders.recipient(order["order_id"])
    assert recipient is not None and recipient.name == BUYER  # the plant reached the store
    db = demo.station.store.db
    db.execute("UPDATE sellers SET name = ?", (SELLER,))
    db.execute("UPDATE order_items SET title = ? WHERE order_id = ?", (TITLE, order["order_id"]))
    db.execute("UPDATE products SET title = ?", (TITLE,))
    return order


def test_markup_from_outside_shows_as_text_on_every_screen(qtbot: Any, demo: Demo, window: Any) -> None:
    win = window
    order = _plant(demo)
    login_packer(qtbot, win)
    assert _not_plain(win) == []  # the queue

    win.handle_scan(order["order_id"])
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=5000)
    qtbot.waitUntil(lambda: bool(_shown(win.pack, "<b>Bold</b>")), timeout=5000)  # the address block
    assert _shown(win.pack, SELLER) and _shown(win.pack, "<b>Trail</b>")
    assert _not_plain(win) == []

    # The label preview: carrier words and a printer error come from outside too.
    hostile = PurchasedLabel("s1", "<b>1Z999</b>", "<i>UPS</i>", "<img src=x> Ground", "ZPL", b"", 1.0)
    win.preview.show_result(Bought(order["order_id"], [(1, hostile)], [], str(DeviceError(f"{BUYER} jammed"))))
    assert _shown(win.preview, "<b>1Z999</b>") and _shown(win.preview, "<img src=x>")
    assert _not_plain(win) == []

    # The lead's exception screen: a packer's note with markup.
    win.back_to_queue("")
    demo.station.pack.release(win.session, order["order_id"])
    packer = win.session
    demo.station.pack.open_order(packer, order["order_id"])
    demo.station.pack.raise_exception(packer, order["order_id"], "short", note=NOTE)
    qtbot.keyClick(win, Qt.Key.Key_F12)
    login_password(qtbot, win, demo, LEAD)
    qtbot.keyClick(win, Qt.Key.Key_F10)
    assert win.admin is not None
    for i in range(win.admin.tabs.count()):
        win.admin.tabs.setCurrentIndex(i)
        qtbot.wait(20)
    assert _not_plain(win) == []

    # The prep screens: a scanned unit shows the catalogue title.
    win.back_to_queue("")
    qtbot.keyClick(win, Qt.Key.Key_F9)
    assert win.admin is not None
    unit = next(w for w in (win.admin.tabs.widget(i) for i in range(win.admin.tabs.count()))
                if type(w).__name__ == "PrepUnitWidget")  # fmt: skip
    unit.handle_scan(order["items"][0]["upc"])
    qtbot.waitUntil(lambda: bool(_shown(unit, "<b>Trail</b>")), timeout=5000)
    assert _not_plain(win) == []


def test_every_label_in_the_window_is_plain_text(qtbot: Any, demo: Demo, window: Any) -> None:
    """The walk: each screen the window builds, admin and prep areas included, has no rich-text label."""
    win = window
    assert _not_plain(win) == []
    login_password(qtbot, win, demo, LEAD)
    for area in ("admin", "prep"):
        win.open_admin(area)
        assert win.admin is not None and win.admin.tabs.count() > 0
        for i in range(win.admin.tabs.count()):
            win.admin.tabs.setCurrentIndex(i)
            qtbot.wait(20)
        assert _not_plain(win) == [], area
        win.back_to_queue("")

"""Issue 15: F1 on every packer screen lists every key that screen handles, read from the screen's one
key table (ui/keyhelp.py add_keys), plus the window's keys (F9/F10/F12) where they work."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from tests.ui.conftest import login_packer

# Every key each screen's keyPressEvent handled before it moved to the key table, plus F1 (the help).
HANDLED = {
    "login": ("F1", "F2", "Esc"),
    "queue": ("F1", "Return", "Up", "Down", "F2", "F5", "F7", "F9", "F10", "F12"),
    "pack": ("F1", "Return", "F3", "F8", "Esc", "F10", "F12"),
    "packaging": ("F1", "Return", "F2", "F3", "F4", "F6", "F7", "F9", "F11", "PgUp", "PgDown", "Up", "Down",
                  "Esc", "F10", "F12"),  # fmt: skip
    "preview": ("F1", "F5", "Return", "Esc", "F10", "F12"),
}


def _help_keys(win: Any) -> list[str]:
    lines = win.key_help.text().splitlines()[1:]
    return [line.split()[0] for line in lines if line.strip()]


@pytest.mark.parametrize("name", list(HANDLED))
def test_f1_lists_every_key_the_screen_handles(qtbot: Any, window: Any, name: str) -> None:
    if name != "login":
        login_packer(qtbot, window)
    screen = getattr(window, name)
    window.show_screen(screen)
    QTest.keyClick(screen, Qt.Key.Key_F1)
    qtbot.waitUntil(window.key_help.isVisible, timeout=3000)
    shown = _help_keys(window)
    expected = [QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in HANDLED[name]]
    assert sorted(shown) == sorted(expected), (name, window.key_help.text())
    assert window.key_help.textFormat() == Qt.TextFormat.PlainText
    QTest.keyClick(screen, Qt.Key.Key_F1)  # F1 again closes it
    assert not window.key_help.isVisible()


def test_help_closes_when_the_screen_changes(qtbot: Any, window: Any) -> None:
    login_packer(qtbot, window)
    QTest.keyClick(window.queue, Qt.Key.Key_F1)
    qtbot.waitUntil(window.key_help.isVisible, timeout=3000)
    window.show_screen(window.login)
    assert not window.key_help.isVisible()


def test_queue_next_order_moved_to_f2(qtbot: Any, window: Any) -> None:
    """F1 is the key help everywhere now; the queue's 'next order' key is F2 (the barcode is unchanged)."""
    login_packer(qtbot, window)
    asked: list[bool] = []
    window.queue.next_requested.connect(lambda: asked.append(True))
    QTest.keyClick(window.queue, Qt.Key.Key_F2)
    assert asked == [True]
    assert "NEXT ORDER or F2" in window.queue.keys.text()

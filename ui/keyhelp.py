"""Every screen's keys in ONE table per screen: the shortcuts are made from it and F1 lists it.

A screen calls ``add_keys(self, [Key("F5", tr("Print labels"), self.print_labels, button), ...])``
once. Keys with a modifier or F-keys become ``QShortcut`` (context: the screen and its children, so
the same F-key may mean different things on different screens); plain keys ("P", "Return") are
kept for ``dispatch(screen, event)`` from the screen's ``keyPressEvent``: a plain key must never
be a QShortcut, or a scanner burst containing that letter would fire it (the wedge filter only
sees key presses, and shortcuts are matched before them). A button given to a Key shows the key
in its text and tooltip. ``keys_of(screen)`` and ``help_text(...)`` read the same table, so the
F1 help cannot drift from what the keys really do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QKeyCombination, Qt
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

KEYS_PROPERTY = "_station_keys"


@dataclass
class Key:
    """One key of a screen: the key sequence ("F5", "Ctrl+P", "P"), what it does, the slot, its button."""

    seq: str
    text: str
    slot: Callable[[], object]
    button: QAbstractButton | None = None


def tr(text: str, n: int = -1) -> str:
    """Translate an operator-facing string of the key help (context "keyhelp")."""
    return QCoreApplication.translate("keyhelp", text, None, n)


def is_plain(seq: str) -> bool:
    """True for a key without Ctrl/Alt/Meta that is not an F-key or Esc: it could come from a scanner."""
    ks = QKeySequence(seq)
    if ks.isEmpty():
        return False
    combo = ks[0]
    mods = combo.keyboardModifiers() & ~Qt.KeyboardModifier.ShiftModifier
    key = combo.key()
    special = Qt.Key.Key_F1 <= key <= Qt.Key.Key_F35 or key == Qt.Key.Key_Escape
    return mods == Qt.KeyboardModifier.NoModifier and not special


def label_button(button: QAbstractButton, seq: str, text: str) -> None:
    """Show the key in the button's text and tooltip (native text so it reads as on the keyboard)."""
    shown = QKeySequence(seq).toString(QKeySequence.SequenceFormat.NativeText)
    base = button.text()
    if f"({shown})" not in base:
        button.setText(f"{base} ({shown})")
    button.setToolTip(f"{text} — {shown}")
    button.setProperty("shortcut_key", shown)


def add_keys(screen: QWidget, keys: Iterable[Key]) -> list[Key]:
    """Register a screen's keys (appending to its table); returns the whole table."""
    table: list[Key] = list(getattr(screen, KEYS_PROPERTY, []))
    for key in keys:
        if not is_plain(key.seq):
            shortcut = QShortcut(QKeySequence(key.seq), screen)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setWhatsThis(key.text)
            shortcut.activated.connect(key.slot)
        if key.button is not None:
            label_button(key.button, key.seq, key.text)
        table.append(key)
    setattr(screen, KEYS_PROPERTY, table)
    return table


def keys_of(screen: QWidget | None, *, deep: bool = True) -> list[Key]:
    """The screen's key table, with (``deep``) those of its parts that have one (a confirm bar)."""
    if screen is None:
        return []
    table = list(getattr(screen, KEYS_PROPERTY, []))
    if deep:
        for child in screen.findChildren(QWidget):
            table += getattr(child, KEYS_PROPERTY, [])
    return table


def dispatch(screen: QWidget, event: QKeyEvent) -> bool:
    """Run the screen's key matching ``event``; True when one ran (call from keyPressEvent).

    Plain keys only arrive here; the others normally fire as shortcuts first, and arrive here when
    no shortcut could (the window is not the active one), so a key works either way.
    """
    combo = event.keyCombination()
    if combo.key() == Qt.Key.Key_Backtab:  # Shift+Tab arrives as Backtab
        combo = QKeyCombination(combo.keyboardModifiers(), Qt.Key.Key_Tab)
    # The keypad's Enter is Return, and its keys are the keys (a packer types on either).
    mods = combo.keyboardModifiers() & ~Qt.KeyboardModifier.KeypadModifier
    combo = QKeyCombination(mods, Qt.Key.Key_Return if combo.key() == Qt.Key.Key_Enter else combo.key())
    return trigger(screen, QKeySequence(combo).toString())


def trigger(screen: QWidget, seq: str) -> bool:
    """Run the key ``seq`` of the screen's table as if pressed (for host forwarding); True when found."""
    wanted = QKeySequence(seq)
    for key in keys_of(screen, deep=False):
        if QKeySequence(key.seq).matches(wanted) == QKeySequence.SequenceMatch.ExactMatch:
            if key.button is None or key.button.isEnabled():
                key.slot()
            return True
    return False


def help_text(*tables: Iterable[Key]) -> str:
    """The lines of the F1 help: 'key — what it does', one per key, in table order, no duplicates."""
    lines: list[str] = []
    seen: set[str] = set()
    for table in tables:
        for key in table:
            shown = QKeySequence(key.seq).toString(QKeySequence.SequenceFormat.NativeText) or key.seq
            if shown in seen:
                continue
            seen.add(shown)
            lines.append(f"{shown:<14} {key.text}")
    return "\n".join(lines)


class KeyHelpPanel(QLabel):
    """The on-screen key help (F1): the current screen's key table as plain text; F1 or Esc hides it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyHelp")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(font)
        self.setVisible(False)

    def toggle(self, *tables: Iterable[Key]) -> None:
        """Show the keys of ``tables`` (or hide the help when shown)."""
        if self.isVisible():
            self.setVisible(False)
            return
        self.setText(tr("Keys on this screen (F1 or Esc closes):") + "\n" + help_text(*tables))
        self.setVisible(True)

"""The station's look: one Qt style sheet from resources/styles, and a helper to restyle on state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

STYLES_DIR = Path(__file__).resolve().parent.parent / "resources" / "styles"


def apply_theme(app: QApplication) -> None:
    app.setStyleSheet((STYLES_DIR / "station.qss").read_text(encoding="utf-8"))


def set_prop(widget: QWidget, name: str, value: str) -> None:
    """Change a style property and re-polish only when it changed (keeps the scan path cheap)."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def plain(lab: QLabel) -> QLabel:
    """Show the label's text as typed: never as HTML (buyer names, titles and errors come from outside)."""
    lab.setTextFormat(Qt.TextFormat.PlainText)
    return lab


def label(text: str = "", role: str = "", parent: QWidget | None = None) -> QLabel:
    """The station's label: plain text always (Qt's automatic format would render ``<b>`` or ``<img>``)."""
    lab = plain(QLabel(parent))
    lab.setText(text)
    if role:
        lab.setProperty("role", role)
    return lab

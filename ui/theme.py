"""The station's look: one Qt style sheet from resources/styles, and a helper to restyle on state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

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


def label(text: str = "", role: str = "", parent: QWidget | None = None):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    lab = QLabel(text, parent)
    if role:
        lab.setProperty("role", role)
    return lab

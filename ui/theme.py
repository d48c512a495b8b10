"""The station's look: one Qt style sheet from resources/styles, and a helper to restyle on state."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

STYLES_DIR = Path(__file__).resolve().parent.parent / "resources" / "styles"


_FONT_PX = re.compile(r"font-size:\s*(\d+)px")
# Type steps by window size: full size from 1800x1000, then 90 % and 80 % (1366x768: 80 %, so item
# lines stay >= 22 px and counters >= 48 px). Steps, not a continuous scale: a restyle costs a repolish.
TYPE_STEPS = ((1800, 1000, 1.0), (1500, 880, 0.9), (0, 0, 0.8))


def type_scale(width: int, height: int) -> float:
    """The type scale for a window of this size."""
    return next(scale for w, h, scale in TYPE_STEPS if width >= w and height >= h)


def scaled_sheet(sheet: str, scale: float) -> str:
    """The style sheet with every font size multiplied by ``scale``."""
    if scale == 1.0:
        return sheet
    return _FONT_PX.sub(lambda m: f"font-size: {max(10, round(int(m.group(1)) * scale))}px", sheet)


def apply_theme(app: QApplication, scale: float = 1.0) -> None:
    app.setStyleSheet(scaled_sheet((STYLES_DIR / "station.qss").read_text(encoding="utf-8"), scale))
    app.setProperty("type_scale", scale)  # a window built later starts at this step (no second restyle)


def applied_scale(app: QApplication | None) -> float:
    """The type scale of the style sheet last applied to ``app`` (1.0 when none was)."""
    value = app.property("type_scale") if app is not None else None
    return float(value) if isinstance(value, (int, float)) else 1.0


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

"""Issue 15 item 11 (screen): each address line keeps its own direction (isolated), and the fonts draw
Arabic and CJK names (no tofu: every glyph found, in the label's font or a fallback)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel

from ui.screens.pack import isolated_lines

ARABIC_NAME = "سارة أحمد"
CJK = "山田 太郎 東京都港区六本木"


def _layout(text: str, font: QFont) -> QTextLayout:
    """Lay ``text`` out as a word-wrapped plain-text QLabel does: one paragraph, direction from its text."""
    layout = QTextLayout(text.replace("\n", "\u2028"), font)
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
    layout.setTextOption(option)
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(4000)
    layout.endLayout()
    return layout


def _x(layout: QTextLayout, text: str, ch: str) -> float:
    index = text.replace("\n", "\u2028").index(ch)
    return float(layout.lineForTextPosition(index).cursorToX(index)[0])


def test_street_line_is_not_reordered_by_an_arabic_name(qapp: Any) -> None:
    text = isolated_lines([ARABIC_NAME, "3874 Maple Dr", "Austin, TX 73301"])
    layout = _layout(text, QFont("DejaVu Sans", 20))
    assert _x(layout, text, "3") < _x(layout, text, "M"), "3874 stays left of Maple on its line"
    assert text.count("\u2068") == 3 and text.count("\u2069") == 3


def test_arabic_and_cjk_have_glyphs_no_tofu(qapp: Any) -> None:
    from ui.theme import apply_theme

    apply_theme(qapp)
    lab = QLabel()
    lab.setProperty("role", "address")
    lab.ensurePolished()
    for text in (ARABIC_NAME, CJK, "Zoë Ångström", "Ελένη Παπαδοπούλου", "Иван Петров"):
        layout = _layout(text, lab.font())
        runs = layout.glyphRuns()
        assert runs, text
        missing = [run.rawFont().familyName() for run in runs if 0 in run.glyphIndexes()]
        assert not missing, f"tofu for {text!r} in {missing}"

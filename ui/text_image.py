"""Buyer text a printer or PDF font cannot draw (Arabic, Hebrew, CJK, emoji…) rendered as an image, by Qt.

A label or a printed document must never show "?" or a placeholder for a buyer's name or address: when its
font would lose or mangle letters, the field is drawn by Qt instead (HarfBuzz shaping, the Unicode bidi
algorithm, and font fallback across the system Noto fonts, so a line mixing scripts and emoji still draws)
and placed as an image: ``^GFA`` on ZPL, ``BITMAP`` on TSPL, an image XObject in a PDF. This is the one
renderer all three use; the label layouts in ``drivers`` (which import no GUI toolkit) get it through
``drivers.labels.script_text.use_renderer``, installed by ``install`` from the composition root. Each field
is laid out on its own, in its own direction: an Arabic name can never reorder the house number on the next
line.

Qt draws text only once a QGuiApplication exists. The station always has one; a program without one (a CLI
command, a test) gets an offscreen QApplication created here, on the main thread only. Elsewhere the
renderer returns None and the caller keeps its folded text (logged).
"""

from __future__ import annotations

import logging
import math
import sys
import threading
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageOps

from drivers.labels import script_text
from drivers.labels.script_text import clean, is_rtl

log = logging.getLogger(__name__)

# Tried in this order for each letter; Han goes to the Japanese forms (a Chinese name stays readable).
FAMILIES = ("Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans CJK JP", "Noto Sans Thai",
            "Noto Sans Devanagari", "Noto Color Emoji", "DejaVu Sans")  # fmt: skip
INK = 40  # a pixel this much darker than white is ink (antialiasing fringes below it are not)
LINE_PITCH = 1.5  # baseline to baseline, in ems
_app: Any = None  # the offscreen application made here, kept alive for the process


def install() -> None:
    """Give the label layouts this renderer (the composition roots call it once)."""
    script_text.use_renderer(text_image)


def _qt_ready() -> bool:
    """A QGuiApplication exists (or was just made here, offscreen, on the main thread)."""
    global _app
    from PySide6.QtGui import QGuiApplication

    if isinstance(QGuiApplication.instance(), QGuiApplication):
        return True
    if QGuiApplication.instance() is not None or threading.current_thread() is not threading.main_thread():
        return False
    # A QApplication (not just a QGuiApplication) so a later widget in the same process still works.
    from PySide6.QtWidgets import QApplication

    _app = QApplication([sys.argv[0] if sys.argv and sys.argv[0] else "pacific", "-platform", "offscreen"])
    return True


@dataclass(frozen=True)
class TextPicture:
    """A field drawn black on white ("L" image) cropped to its ink; ``baseline`` is the first line's baseline
    from the image's top (negative when nothing rises above it) and ``pitch`` the distance between lines, in
    pixels; ``complete`` is False when some letter had no glyph in any font (it would show as a box: tofu)."""

    image: Image.Image
    baseline: int
    lines: int
    pitch: int
    complete: bool


def _font(px: float, bold: bool) -> Any:
    from PySide6.QtGui import QFont

    font = QFont()
    font.setFamilies(list(FAMILIES))
    font.setPixelSize(max(1, round(px)))
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def _layout(text: str, font: Any, width: float, max_lines: int, rtl: bool) -> tuple[Any, list[Any]]:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QTextLayout, QTextOption

    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout = QTextLayout(text, font)
    layout.setTextOption(option)
    layout.beginLayout()
    lines: list[Any] = []
    pitch = LINE_PITCH * font.pixelSize()
    while len(lines) < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        # Baselines a fixed pitch apart: Arabic fonts ask for twice the em per line, which spreads a message.
        first = lines[0].ascent() if lines else line.ascent()
        line.setPosition(QPointF(0, first + len(lines) * pitch - line.ascent()))
        lines.append(line)
    layout.endLayout()
    return layout, lines


def _fitted(text: str, font: Any, width: float, max_lines: int, rtl: bool) -> tuple[Any, list[Any]]:
    """Wrapped into at most ``max_lines`` lines of ``width``; what does not fit is elided ("…") at the end."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontMetricsF

    layout, lines = _layout(text, font, width, max_lines, rtl)
    if not lines:
        return layout, lines
    last = lines[-1]
    if last.textStart() + last.textLength() >= len(text):
        return layout, lines
    metrics = QFontMetricsF(font)
    rest = metrics.elidedText(text[last.textStart() :], Qt.TextElideMode.ElideRight, width * 0.98)
    return _layout(text[: last.textStart()] + rest, font, width, max_lines, rtl)


def render(text: str, *, px: float, max_width: int, max_lines: int = 1, bold: bool = False) -> TextPicture | None:
    """``text`` drawn at ``px`` pixels to the em, wrapped into ``max_lines`` lines no wider than ``max_width``
    pixels and clipped (elided) beyond; None when it is blank or Qt cannot draw here."""
    text = clean(text)
    if not text or max_width < 4:
        return None
    if not _qt_ready():
        log.warning("no Qt application on this thread: a field is printed as folded text")
        return None
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QImage, QPainter

    layout, lines = _fitted(text, _font(px, bold), float(max_width), max(1, max_lines), is_rtl(text))
    if not lines:
        return None
    left = min(line.naturalTextRect().left() for line in lines)
    right = max(line.naturalTextRect().right() for line in lines)
    width = max(1, min(max_width, math.ceil(right - left)))
    height = max(1, math.ceil(max(line.position().y() + line.height() for line in lines)))
    canvas = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)  # colour: emoji glyphs
    canvas.fill(Qt.GlobalColor.white)
    painter = QPainter(canvas)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(Qt.GlobalColor.black)
    layout.draw(painter, QPointF(-left, 0))
    painter.end()
    gray = canvas.convertToFormat(QImage.Format.Format_Grayscale8)
    stride = gray.bytesPerLine()
    raw = bytes(gray.constBits())[: stride * height]
    image = Image.frombuffer("L", (width, height), raw, "raw", "L", stride, 1)
    ink = ImageOps.invert(image).point(lambda v: 255 if v >= INK else 0).getbbox()
    if ink is None:
        return None  # nothing visible (spaces, joiners): the caller's own text does as well
    _, top, _, bottom = ink
    baseline = round(lines[0].ascent()) - top
    complete = all(0 not in run.glyphIndexes() for run in layout.glyphRuns())
    if not complete:
        log.info("a field has letters no installed font draws (%d characters)", len(text))
    return TextPicture(image.crop((0, top, width, bottom)), baseline, len(lines), round(LINE_PITCH * px), complete)


def text_image(text: str, height: int, max_width: int) -> Image.Image | None:
    """A label field: ``text`` black on white in 1-bit, ``height`` dots to the em (as the printer font's
    height), one line no wider than ``max_width``; shrunk (to 60 %) then clipped when too long."""
    px = float(height)
    picture = render(text, px=px, max_width=10**5)
    while picture is not None and picture.image.width > max_width and px > height * 0.6:
        px = max(height * 0.6, px * max_width / picture.image.width)
        picture = render(text, px=px, max_width=10**5)
    if picture is None:
        return None
    if picture.image.width > max_width:
        picture = render(text, px=px, max_width=max_width)
        if picture is None:
            return None
    return picture.image.point(lambda v: 0 if v < 128 else 255).convert("1")

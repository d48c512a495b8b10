"""A buyer's text on a printed document: PDF text when the document font draws it as written, else an image.

reportlab neither shapes Arabic nor orders right-to-left text, and DejaVu has no CJK or emoji: such a field
(a name, an address line, a gift message) would print as isolated letters in the wrong order, or as empty
boxes. It is drawn by the one text renderer the labels use (ui.text_image: Qt, Noto fonts) and
placed where the text would have been, at its size and baseline. Each field is laid out alone, so its
direction can never reorder a neighbouring line.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph

from drivers.labels import script_text
from ui import text_image
from ui.reports.common import esc

DPI = 300  # image fields are drawn at a laser printer's resolution
# Right-to-left letters and explicit direction controls need the bidi algorithm reportlab lacks.
_NEEDS_LAYOUT = {"R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


@functools.cache
def _charset(font_name: str) -> frozenset[int] | None:
    """Code points the registered TrueType font has glyphs for; None for a built-in (Helvetica) font."""
    face = getattr(pdfmetrics.getFont(font_name), "face", None)
    char_to_glyph = getattr(face, "charToGlyph", None)
    return frozenset(char_to_glyph) if char_to_glyph else None


def drawable(text: str, font_name: str) -> bool:
    """True when ``font_name`` draws ``text`` correctly as plain PDF text: every letter is in the font, and none
    needs shaping, mark positioning or right-to-left ordering."""
    charset = _charset(font_name)
    for ch in text:
        if ch == " ":
            continue
        if unicodedata.bidirectional(ch) in _NEEDS_LAYOUT or unicodedata.category(ch) in ("Mn", "Mc", "Me", "Cf"):
            return False
        if charset is None:
            try:
                ch.encode("cp1252")
            except UnicodeEncodeError:
                return False
        elif ord(ch) not in charset:
            return False
    return True


class TextImage(Flowable):
    """A field drawn by Qt, wrapped to the width it is given (at most ``max_lines`` lines, the rest elided);
    its first baseline sits where a Paragraph of ``style`` puts its own, ``style.fontSize`` below the top."""

    def __init__(self, text: str, style: ParagraphStyle, *, max_lines: int = 1) -> None:
        super().__init__()
        self.text, self.style, self.max_lines = text, style, max_lines
        self.picture: text_image.TextPicture | None = None
        self.fallback: Paragraph | None = None
        self._top = 0.0  # from the flowable's top down to the image's top, in points

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        style = self.style
        self.picture = text_image.render(
            self.text, px=style.fontSize * DPI / 72, max_width=int(avail_width * DPI / 72),
            max_lines=self.max_lines, bold="bold" in style.fontName.lower(),
        )  # fmt: skip
        if self.picture is None:  # no Qt here, or nothing visible: the text as PDF text, as before
            self.fallback = Paragraph(esc(self.text), style)
            width, height = self.fallback.wrap(avail_width, avail_height)
            return float(width), float(height)
        scale = 72 / DPI
        baseline = self.picture.baseline * scale
        # Ink rising above the em (Arabic marks, tall CJK) pushes the field down rather than over the line above.
        first_baseline = max(style.fontSize, baseline)
        self._top = first_baseline - baseline
        self.width = self.picture.image.width * scale
        self.height = max(style.leading * self.picture.lines,
                          self._top + self.picture.image.height * scale + style.leading - style.fontSize)  # fmt: skip
        return self.width, self.height

    def draw(self) -> None:
        if self.fallback is not None:
            self.fallback.drawOn(self.canv, 0, 0)
            return
        if self.picture is None:
            return
        img_h = self.picture.image.height * 72 / DPI
        self.canv.drawImage(ImageReader(self.picture.image), 0, self.height - self._top - img_h,
                            width=self.width, height=img_h)  # fmt: skip


def field(text: str, style: ParagraphStyle, *, max_lines: int = 1) -> Any:
    """One buyer field as a flowable: a Paragraph when the style's font draws it, else a TextImage."""
    text = script_text.clean(text)
    if drawable(text, style.fontName):
        return Paragraph(esc(text), style)
    return TextImage(text, style, max_lines=max_lines)


def text_fields(text: str, style: ParagraphStyle, *, max_lines: int = 6, max_paragraphs: int = 12) -> list[Any]:
    """A multi-line field (a gift message, a note): one field per line the writer typed, each in its own
    direction, each wrapped to ``max_lines`` lines; blank lines dropped, the rest beyond ``max_paragraphs``
    elided into the last."""
    parts = [part for part in (text or "").splitlines() if part.strip()]
    if len(parts) > max_paragraphs:
        parts = [*parts[: max_paragraphs - 1], " ".join(parts[max_paragraphs - 1 :])]
    return [field(part, style, max_lines=max_lines) for part in parts]

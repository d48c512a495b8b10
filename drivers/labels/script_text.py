"""Buyer text a printer font cannot draw (Arabic, CJK, Hebrew…) rendered as a 1-bit image for ^GFA.

A label must never print "?" or a placeholder for a buyer's name or address: when folding to the printer's
charset would lose letters, the line is drawn with a Noto font (shaped and ordered by raqm when Pillow
has it) and placed as a graphic field. Without a covering font the caller keeps the folded text.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from drivers.labels.text import NON_LATIN_FALLBACK, fit_text

log = logging.getLogger(__name__)

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")
# Tried in this order; the first that has every letter of the line draws it.
FONT_NAMES = ("NotoSans-Regular.ttf", "NotoSansArabic-Regular.ttf", "NotoSansHebrew-Regular.ttf",
              "NotoSansCJK-Regular.ttc", "NotoSansThai-Regular.ttf", "NotoSansDevanagari-Regular.ttf",
              "DejaVuSans.ttf")  # fmt: skip
_NOT_A_CHARACTER = "\U0010fffe"  # draws as the font's .notdef box


def needs_image(text: str, charset: str = "ascii") -> bool:
    """True when folding ``text`` to the printer's charset would lose letters ("?" or the placeholder)."""
    folded = fit_text(text.replace("?", " "), charset)
    return "?" in folded or folded == NON_LATIN_FALLBACK


@functools.cache
def _font_files() -> tuple[Path, ...]:
    found: dict[str, Path] = {}
    for folder in FONT_DIRS:
        if folder.is_dir():
            for path in folder.rglob("*.tt[fc]"):
                found.setdefault(path.name, path)
    return tuple(found[name] for name in FONT_NAMES if name in found)


@functools.cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def _covers(font: ImageFont.FreeTypeFont, text: str) -> bool:
    notdef = font.getmask(_NOT_A_CHARACTER).getbbox(), bytes(font.getmask(_NOT_A_CHARACTER))
    for ch in set(text) - {" "}:
        mask = font.getmask(ch)
        if (mask.getbbox(), bytes(mask)) == notdef:
            return False
    return True


def font_for(text: str) -> Path | None:
    """The first bundled/system font that draws every letter of ``text``, or None."""
    return next((p for p in _font_files() if _covers(_font(p, 24), text)), None)


def text_image(text: str, height: int, max_width: int) -> Image.Image | None:
    """``text`` drawn black on white, ``height`` dots tall at most, no wider than ``max_width``; None without
    a font that covers it."""
    path = font_for(text)
    if path is None:
        log.info("no font draws a label line (%d characters)", len(text))
        return None
    size = height
    while True:
        font = _font(path, size)
        left, top, right, bottom = (int(v) for v in font.getbbox(text))
        if right - left <= max_width or size <= 12:
            break
        size -= 2
    img = Image.new("L", (max(1, min(max_width, right - left + 4)), max(1, bottom - top + 4)), 255)
    ImageDraw.Draw(img).text((2 - left, 2 - top), text, font=font, fill=0)
    return img.point(lambda v: 0 if v < 128 else 255).convert("1")

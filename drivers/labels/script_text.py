"""Buyer text a printer font cannot draw (Arabic, Hebrew, CJK, emoji…): when to draw it as an image.

The label layouts ask ``needs_image``; when it says yes they place ``text_image`` (``^GFA`` on ZPL,
``BITMAP`` on TSPL) instead of folded text, so a label never shows "?" or a placeholder for a buyer's
name or address. The renderer itself is Qt (``ui.text_image``): drivers import no GUI toolkit, so the
composition root installs it with ``use_renderer``. Without one, ``text_image`` is None and the caller
keeps its folded text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from PIL import Image

from drivers.labels.text import NON_LATIN_FALLBACK, fit_text

MAX_CHARS = 1000  # a field longer than this is clipped before layout (bounded work for hostile input)
_RTL = {"R", "AL"}

Renderer = Callable[[str, int, int], "Image.Image | None"]
_renderer: Renderer | None = None


def use_renderer(renderer: Renderer | None) -> None:
    """Install the renderer of ``text_image`` (None: none, labels keep folded text)."""
    global _renderer
    _renderer = renderer


def text_image(text: str, height: int, max_width: int) -> Image.Image | None:
    """A label field: ``text`` black on white in 1-bit, ``height`` dots to the em, no wider than
    ``max_width``; None when no renderer is installed or it could not draw here."""
    return _renderer(text, height, max_width) if _renderer is not None else None


def needs_image(text: str, charset: str = "ascii") -> bool:
    """True when folding ``text`` to the printer's charset would lose letters ("?" or the placeholder)."""
    folded = fit_text(text.replace("?", " "), charset)
    return "?" in folded or folded == NON_LATIN_FALLBACK


def is_rtl(text: str) -> bool:
    """The field's own direction: right-to-left when its first strong letter is Hebrew or Arabic."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in _RTL:
            return True
        if kind == "L":
            return False
    return False


def clean(text: str) -> str:
    """One field's text for layout: control characters as spaces, runs of space collapsed, length capped."""
    out = [" " if unicodedata.category(ch) == "Cc" else ch for ch in unicodedata.normalize("NFC", text or "")]
    return " ".join("".join(out).split())[:MAX_CHARS]

"""What a label may print: text folded to the printer's repertoire, never raw commands."""

from __future__ import annotations

import re
import unicodedata

NON_LATIN_FALLBACK = "[non-Latin text - see order]"

# letters NFKD does not decompose to ASCII
_FOLD = {
    "ß": "ss",
    "Æ": "AE",
    "æ": "ae",
    "Ø": "O",
    "ø": "o",
    "Œ": "OE",
    "œ": "oe",
    "Ł": "L",
    "ł": "l",
    "Đ": "D",
    "đ": "d",
    "Þ": "Th",
    "þ": "th",
    "ı": "i",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "–": "-",
    "—": "-",
    "…": "...",
}


def parse_size(size: str) -> tuple[float, float]:
    """'4x6' -> (4.0, 6.0) inches."""
    try:
        w, h = (float(p) for p in size.lower().split("x"))
    except ValueError as exc:
        raise ValueError(f"label size must look like 4x6, got {size!r}") from exc
    return w, h


def size_dots(size: str, dpi: int) -> tuple[int, int]:
    """Label size in printer dots."""
    w, h = parse_size(size)
    return round(w * dpi), round(h * dpi)


def _printable(ch: str, charset: str) -> bool:
    code = ord(ch)
    return 0x20 <= code < 0x7F or (charset == "latin1" and 0xA0 <= code <= 0xFF)


def fit_text(text: str, charset: str = "ascii", fallback: str = NON_LATIN_FALLBACK, max_len: int = 0) -> str:
    """Fold ``text`` to ``charset`` ("ascii" or "latin1").

    Control characters (CR, LF, TAB, ESC...) become spaces; accented letters outside the
    charset lose their accent (Zoë -> Zoe); letters with no Latin form become "?", and a field
    with no printable letters at all becomes ``fallback`` so it is never silently blank.
    """
    text = unicodedata.normalize("NFC", text or "")
    out: list[str] = []
    lost = kept = 0
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] in "CZ" and ch != " ":
            out.append(" ")
            continue
        if _printable(ch, charset):
            out.append(ch)
            kept += ch.isalnum()
            continue
        folded = _FOLD.get(ch) or "".join(
            c for c in unicodedata.normalize("NFKD", ch) if _printable(c, charset)
        )
        if folded:
            out.append(folded)
            kept += 1
        else:
            out.append("?")
            lost += 1
    result = re.sub(r"\?{2,}", "?", re.sub(r"\s+", " ", "".join(out))).strip()
    if lost and not kept:
        result = fallback
    if max_len and len(result) > max_len:
        result = result[: max_len - 2].rstrip() + ".." if max_len > 2 else result[:max_len]
    return result

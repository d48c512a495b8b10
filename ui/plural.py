"""Counted words through Qt's plural forms: ``ntr("prep", "%n label(s) printed", n)``.

The source text carries "(s)"; a catalogue (Spanish) gives every plural form with ``numerus="yes"``.
Without a catalogue (English) the "(s)" is resolved here, so no screen ever shows "1 labels".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def ntr(context: str, source: str, n: int) -> str:
    """Translate ``source`` for the count ``n`` (``%n`` becomes the number)."""
    text = QCoreApplication.translate(context, source, None, n)
    return text.replace("(s)", "" if n == 1 else "s").replace("(es)", "" if n == 1 else "es")

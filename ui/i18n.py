"""Translation helpers over Qt's own: plural forms with ``%n`` that read right even with no catalogue loaded."""

from __future__ import annotations

from PySide6.QtCore import QObject

from ui.plural import ntr


def tr_n(context: QObject | str, text: str, n: int) -> str:
    """``ntr`` in the context a QObject's ``self.tr`` uses (its class name), or a named context."""
    return ntr(context if isinstance(context, str) else type(context).__name__, text, n)

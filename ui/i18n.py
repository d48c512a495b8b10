"""Translation helpers over Qt's own: plural forms with ``%n`` that read right even with no catalogue loaded."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject


def tr_n(context: QObject | str, text: str, n: int) -> str:
    """``tr(text, "", n)`` in ``context`` (a QObject: its class name, as ``self.tr`` uses).

    A catalogue supplies the language's plural forms. Without one (English, the source language) Qt
    only fills in ``%n``, so "(s)" is resolved here: "1 label printed", "2 labels printed".
    """
    ctx = context if isinstance(context, str) else type(context).__name__
    out = QCoreApplication.translate(ctx, text, None, n)
    if "(s)" in out:
        out = out.replace("(s)", "" if n == 1 else "s")
    return out

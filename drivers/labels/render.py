"""ZPL -> PNG previews with zplkit (offline, optional dependency)."""

from __future__ import annotations

import re

_PW = re.compile(rb"\^PW(\d+)")
_LL = re.compile(rb"\^LL(\d+)")
_PQ = re.compile(rb"\^PQ[\d,YN]*")  # copies mean nothing to a preview (and zplkit lacks ^PQ)


def render_zpl_png(zpl: bytes, dpi: int = 203) -> bytes:
    """Render the first label of ``zpl`` to PNG bytes; raises RuntimeError if zplkit is missing."""
    try:
        import zplkit
    except ImportError as exc:  # pragma: no cover - depends on install
        raise RuntimeError("ZPL preview needs the zplkit package") from exc
    pw, ll = _PW.search(zpl), _LL.search(zpl)
    options = zplkit.Options(
        width=int(pw.group(1)) if pw else 4 * dpi, height=int(ll.group(1)) if ll else 6 * dpi, dpi=dpi
    )
    try:
        doc = zplkit.render(_PQ.sub(b"", zpl), options)
    except ValueError as exc:
        raise RuntimeError(f"ZPL preview failed: {exc}") from exc
    if not doc.labels:
        raise RuntimeError("ZPL preview: no label in data")
    return bytes(doc.labels[0].png())

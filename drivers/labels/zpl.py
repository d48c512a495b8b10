"""A small ZPL builder; every variable field goes through ``^FH`` hex escaping."""

from __future__ import annotations

import re

from drivers.labels.text import fit_text

# Characters sent as themselves inside ^FD; everything else becomes _XX (UTF-8 bytes).
_SAFE = re.compile(rb"[A-Za-z0-9 .,\-/#:()'&+*@!?%$=;]")
_BARCODE_DATA = re.compile(r"[\x20-\x7e]{1,120}")


def fh_escape(text: str) -> str:
    """Hex-escape a field for ``^FH`` (indicator ``_``): ``^``, ``~``, ``_`` can never act as commands."""
    out = []
    for b in text.encode("utf-8"):
        ch = bytes([b])
        out.append(ch.decode("ascii") if _SAFE.fullmatch(ch) else f"_{b:02X}")
    return "".join(out)


# Orientation, mirror, reverse print, field orientation and shift persist on a Zebra until changed: a carrier
# label that set ^POI must not flip the next label of ours, so every format of ours states them.
STATE_RESET = "^PON^PMN^LRN^FWN^LS0"


class ZplBuilder:
    """Builds one ``^XA … ^XZ`` format; coordinates in dots."""

    def __init__(self, width: int, height: int, *, charset: str = "ascii") -> None:
        self.charset = charset
        self._parts = [f"^XA^CI28^PW{width}^LL{height}^LH0,0{STATE_RESET}"]

    def text(
        self,
        x: int,
        y: int,
        value: str,
        height: int = 30,
        *,
        width: int | None = None,
        block: tuple[int, int] | None = None,
        max_len: int = 0,
    ) -> ZplBuilder:
        """Scalable font 0 text; ``block`` = (width dots, max lines) wraps it in ``^FB``."""
        value = fit_text(value, self.charset, max_len=max_len)
        fb = f"^FB{block[0]},{block[1]},0,L,0" if block else ""
        self._parts.append(f"^FO{x},{y}^A0N,{height},{width or height}{fb}^FH^FD{fh_escape(value)}^FS")
        return self

    def code128(
        self, x: int, y: int, data: str, height: int = 100, *, module: int = 2, interpretation: bool = True
    ) -> ZplBuilder:
        """Code 128, subset B start; ``>`` in data is sent as ZPL's literal ``><``."""
        if not _BARCODE_DATA.fullmatch(data):
            raise ValueError("barcode data must be 1-120 printable ASCII characters")
        body = "".join("><" if ch == ">" else fh_escape(ch) for ch in data)
        self._parts.append(
            f"^FO{x},{y}^BY{module},3,{height}^BCN,{height},{'Y' if interpretation else 'N'},N,N"
            f"^FH^FD{body}^FS"
        )
        return self

    def qr(self, x: int, y: int, data: str, magnification: int = 5) -> ZplBuilder:
        self._parts.append(f"^FO{x},{y}^BQN,2,{magnification}^FH^FDMA,{fh_escape(data)}^FS")
        return self

    def box(self, x: int, y: int, w: int, h: int, thickness: int = 3) -> ZplBuilder:
        self._parts.append(f"^FO{x},{y}^GB{w},{h},{thickness}^FS")
        return self

    def graphic(self, x: int, y: int, gfa: str) -> ZplBuilder:
        """Place a ``^GFA`` graphic field produced by drivers.printers.raster."""
        self._parts.append(f"^FO{x},{y}{gfa}^FS")
        return self

    def build(self, copies: int = 1) -> bytes:
        pq = f"^PQ{copies}" if copies > 1 else ""
        return ("".join(self._parts) + pq + "^XZ").encode("ascii")

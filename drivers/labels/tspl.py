"""A small TSPL builder (TSC, Xprinter, many 'ZPL-less' thermal printers)."""

from __future__ import annotations

import re

from drivers.labels.text import fit_text, parse_size

_BARCODE_DATA = re.compile(r"[\x20-\x7e]{1,120}")


def tspl_string(value: str, charset: str = "ascii") -> str:
    """A TSPL string literal: CR/LF/control chars gone, double quotes as ``\\["]``."""
    value = fit_text(value, charset)
    return '"' + value.replace('"', '\\["]') + '"'


class TsplBuilder:
    """Builds one TSPL job; coordinates in dots."""

    def __init__(self, size: str, *, gap_in: float = 0.12, charset: str = "ascii") -> None:
        w, h = parse_size(size)
        self.charset = charset
        self._lines = [f"SIZE {w:g},{h:g}", f"GAP {gap_in:g},0", "DIRECTION 1", "CODEPAGE 1252", "CLS"]

    def text(self, x: int, y: int, value: str, scale: int = 1, font: str = "3") -> TsplBuilder:
        self._lines.append(f'TEXT {x},{y},"{font}",0,{scale},{scale},{tspl_string(value, self.charset)}')
        return self

    def code128(
        self, x: int, y: int, data: str, height: int = 80, narrow: int = 2, interpretation: bool = True
    ) -> TsplBuilder:
        if not _BARCODE_DATA.fullmatch(data) or '"' in data:
            raise ValueError("barcode data must be printable ASCII without quotes")
        self._lines.append(
            f'BARCODE {x},{y},"128",{height},{int(interpretation)},0,{narrow},{narrow},"{data}"'
        )
        return self

    def box(self, x: int, y: int, x2: int, y2: int, thickness: int = 3) -> TsplBuilder:
        self._lines.append(f"BOX {x},{y},{x2},{y2},{thickness}")
        return self

    def build(self, copies: int = 1) -> bytes:
        return ("\r\n".join([*self._lines, f"PRINT 1,{max(1, copies)}"]) + "\r\n").encode("cp1252")

    def build_with_bitmap(
        self, x: int, y: int, width_bytes: int, height: int, data: bytes, copies: int = 1
    ) -> bytes:
        """Job whose body is one BITMAP (raw bits, 0 = black) placed at x, y."""
        head = ("\r\n".join(self._lines) + f"\r\nBITMAP {x},{y},{width_bytes},{height},0,").encode("cp1252")
        return head + data + f"\r\nPRINT 1,{max(1, copies)}\r\n".encode("ascii")

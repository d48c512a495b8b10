"""A small TSPL builder (TSC, Xprinter, many 'ZPL-less' thermal printers)."""

from __future__ import annotations

import re

from PIL import Image

from drivers.labels.text import fit_text, parse_size

_BARCODE_DATA = re.compile(r"[\x20-\x7e]{1,120}")


def tspl_string(value: str, charset: str = "ascii") -> str:
    """A TSPL string literal: CR/LF/control chars gone, double quotes as ``\\["]``."""
    value = fit_text(value, charset)
    return '"' + value.replace('"', '\\["]') + '"'


def tspl_bits(img: Image.Image) -> bytes:
    """``BITMAP`` data: PIL's mode-1 rows (1 = white) with each row's spare bits set to 1. TSPL prints 0 bits
    black, and PIL pads with 0, which printed a black stripe at the right edge of every raster label."""
    data = bytearray(img.convert("1").tobytes())
    spare = (-img.width) % 8
    if spare:
        row, pad = (img.width + 7) // 8, (1 << spare) - 1
        for end in range(row - 1, len(data), row):
            data[end] |= pad
    return bytes(data)


class TsplBuilder:
    """Builds one TSPL job; coordinates in dots."""

    def __init__(self, size: str, *, gap_in: float = 0.12, charset: str = "ascii") -> None:
        w, h = parse_size(size)
        self.charset = charset
        self._lines: list[str | bytes] = [f"SIZE {w:g},{h:g}", f"GAP {gap_in:g},0", "DIRECTION 1",
                                          "CODEPAGE 1252", "CLS"]  # fmt: skip

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

    def bitmap(self, x: int, y: int, img: Image.Image) -> TsplBuilder:
        """``img`` (1-bit) at x, y, overwriting what is under it: a field drawn as an image, or a whole label."""
        head = f"BITMAP {x},{y},{(img.width + 7) // 8},{img.height},0,".encode("ascii")
        self._lines.append(head + tspl_bits(img))
        return self

    def build(self, copies: int = 1) -> bytes:
        parts = [*self._lines, f"PRINT 1,{max(1, copies)}", ""]
        return b"\r\n".join(p if isinstance(p, bytes) else p.encode("cp1252") for p in parts)

"""HID boot-keyboard reports -> characters (US layout), and characters -> whole barcodes."""

from __future__ import annotations

from dataclasses import dataclass, field

from drivers.barcodes import strip_aim

_PLAIN = {0x04 + i: c for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")}
_PLAIN.update({0x1E + i: c for i, c in enumerate("1234567890")})
_PLAIN.update(
    dict(zip((0x2D, 0x2E, 0x2F, 0x30, 0x31, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38), "-=[]\\;'`,./", strict=True))
)
_PLAIN.update({0x2C: " ", 0x28: "\r", 0x58: "\r", 0x2B: "\t"})
_PLAIN.update({0x59 + i: c for i, c in enumerate("1234567890")})  # keypad 1..0
_SHIFTED = {0x04 + i: c for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
_SHIFTED.update({0x1E + i: c for i, c in enumerate("!@#$%^&*()")})
_SHIFTED.update(
    dict(zip((0x2D, 0x2E, 0x2F, 0x30, 0x31, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38), '_+{}|:"~<>?', strict=True))
)
_CTRL = {0x30: "\x1d"}  # Ctrl+] is how wedge scanners send GS (FNC1)

SHIFT = 0x22
CTRL = 0x11


@dataclass
class BootReportDecoder:
    """Turns 8-byte boot reports into typed characters (new key presses only)."""

    _down: set[int] = field(default_factory=set)

    def decode(self, report: bytes) -> str:
        if len(report) < 3:
            return ""
        mods, keys = report[0], [k for k in report[2:8] if k > 3]
        if 1 in report[2:8]:  # ErrorRollOver: too many keys, ignore this report
            return ""
        out = []
        for k in keys:
            if k in self._down:
                continue
            if mods & CTRL:
                ch = _CTRL.get(k, "")
            elif mods & SHIFT:
                ch = _SHIFTED.get(k, "")
            else:
                ch = _PLAIN.get(k, "")
            out.append(ch)
        self._down = set(keys)
        return "".join(out)


@dataclass
class LineAssembler:
    """Characters -> barcodes ending in CR/LF/Tab; overlong bursts are dropped, never buffered forever."""

    max_length: int = 128
    _buf: list[str] = field(default_factory=list)
    _overflow: bool = False
    rejected: int = 0

    def feed(self, text: str) -> list[str]:
        codes = []
        for ch in text:
            if ch in "\r\n\t":
                if self._overflow:
                    self._overflow = False
                    self.rejected += 1
                elif self._buf:
                    code, _ = strip_aim("".join(self._buf))
                    if code and all(ord(c) >= 0x20 or c == "\x1d" for c in code):
                        codes.append(code)
                    else:
                        self.rejected += 1
                self._buf.clear()
                continue
            if self._overflow:
                continue
            self._buf.append(ch)
            if len(self._buf) > self.max_length:
                self._buf.clear()
                self._overflow = True
        return codes

"""Keyboard-wedge decoding: tell scanner bursts from human typing. Pure logic, no clock, no Qt.

Every key fed is held until the decoder knows what it was; each key ends up in exactly one
event: ``Typed`` (a person typed it — deliver it to the focused field), ``Scan`` (part of a
barcode) or ``Rejected`` (a burst that was not a usable barcode — swallowed). Call ``poll(t)``
about ``max_gap_s`` after the last key so held keys are released when typing pauses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drivers.barcodes import _fedex_ok, strip_aim
from drivers.barcodes.gs1 import mod10_ok

GS = "\x1d"
TERMINATORS = {"\r": "enter", "\n": "enter", "\t": "tab"}


@dataclass(frozen=True)
class Scan:
    code: str
    symbology: str = ""
    keys: int = 0


@dataclass(frozen=True)
class Typed:
    text: str
    keys: int = 0


@dataclass(frozen=True)
class Rejected:
    reason: str  # too_long, no_terminator, garbage, check_digit, tail
    keys: int = 0


Event = Scan | Typed | Rejected


@dataclass
class WedgeConfig:
    max_gap_s: float = 0.030  # scanners: 1-15 ms per key; people: 60 ms and more
    min_length: int = 4
    max_length: int = 128
    terminators: str = "\r\n\t"  # Enter and/or Tab end a scan
    prefix: str = ""
    suffix: str = ""
    # After a burst is rejected, keys closer together than this are its tail: swallowed up to the
    # terminator, so the end of a barcode never becomes a scan of its own.
    tail_gap_s: float = 0.25
    check_digits: bool = True  # digits-only codes of UPC/EAN/GTIN-14 length must carry a valid check digit


@dataclass
class WedgeDecoder:
    """Feed ``(key, t)``; a key is one character ("\\r" Enter, "\\t" Tab, "\\x1d" GS / FNC1)."""

    config: WedgeConfig = field(default_factory=WedgeConfig)
    _buf: list[str] = field(default_factory=list)
    _last: float = 0.0
    _discarding: bool = False
    _discarded: int = 0
    _tail: bool = False  # discarding the tail of a rejected burst (not an overlong one)

    @property
    def busy(self) -> bool:
        """True while keys are held (the adapter must keep their events)."""
        return bool(self._buf) or self._discarding

    def gap(self) -> float:
        """The pause that ends what is held now (longer while a rejected burst's tail is swallowed)."""
        return self.config.tail_gap_s if self._tail else self.config.max_gap_s

    def feed(self, key: str, t: float) -> list[Event]:
        events: list[Event] = []
        if self.busy and t - self._last > self.gap():
            events += self._timeout()
        self._last = t
        if self._discarding:  # an endless burst: swallow until a pause or a terminator
            self._discarded += 1
            if key in self.config.terminators:
                events += self._end_discard()
            return events
        if not self._buf and key in self.config.terminators:
            return [*events, Typed(key, 1)]
        if key in self.config.terminators:
            events.append(self._finish(key))
            return events
        self._buf.append(key)
        if len(self._buf) > self.config.max_length:
            self._discarding, self._discarded = True, len(self._buf)
            self._buf.clear()
        return events

    def poll(self, t: float) -> list[Event]:
        """Release or reject held keys once the gap since the last key is over."""
        if self.busy and t - self._last > self.gap():
            return self._timeout()
        return []

    def flush(self) -> list[Event]:
        """A non-text key arrived (F-key, arrow…): held keys were typed by a person."""
        return self._timeout(force_typed=True)

    def _end_discard(self) -> list[Event]:
        n, reason = self._discarded, "tail" if self._tail else "too_long"
        self._discarding, self._discarded, self._tail = False, 0, False
        return [Rejected(reason, n)] if n else []

    def _timeout(self, force_typed: bool = False) -> list[Event]:
        if self._discarding:
            return self._end_discard()
        text, self._buf = "".join(self._buf), []
        if not text:
            return []
        if force_typed or (len(text) < self.config.min_length and not self._has_prefix(text)):
            return [Typed(text, len(text))]
        # Too fast for a person, yet unfinished: whatever follows closely is its tail.
        self._discarding, self._discarded, self._tail = True, 0, True
        return [Rejected("no_terminator", len(text))]

    def _has_prefix(self, text: str) -> bool:
        return bool(self.config.prefix) and text.startswith(self.config.prefix)

    def _finish(self, terminator: str) -> Event:
        text, self._buf = "".join(self._buf), []
        keys = len(text) + 1
        has_prefix = self._has_prefix(text)
        if len(text) < self.config.min_length and not has_prefix:
            return Typed(text + terminator, keys)  # someone typed a few keys and Enter
        if has_prefix:
            text = text[len(self.config.prefix) :]
        if self.config.suffix and text.endswith(self.config.suffix):
            text = text[: -len(self.config.suffix)]
        code, symbology = strip_aim(text)
        if not code or any((ord(c) < 0x20 and c != GS) or ord(c) == 0x7F for c in code):
            return Rejected("garbage", keys)
        if self.config.check_digits and not _check_digit_ok(code, symbology):
            return Rejected("check_digit", keys)
        return Scan(code, symbology, keys)


def _check_digit_ok(code: str, symbology: str) -> bool:
    """UPC-A/EAN-13/GTIN-14 (and EAN-8 when the scanner says EAN) must pass mod 10.

    Twelve digits may also be a FedEx tracking number (mod 11); 8 digits without an EAN symbology
    identifier are left alone (many shops print 8-digit internal codes without a check digit).
    """
    n = len(code)
    if not code.isdigit() or n not in (8, 12, 13, 14):
        return True
    if n == 8 and not symbology.startswith("]E"):
        return True
    return mod10_ok(code) or (n == 12 and not symbology.startswith("]E") and _fedex_ok(code))

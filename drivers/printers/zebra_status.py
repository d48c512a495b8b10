"""Zebra host status (``~HS``) and extended status (``~HQES``) parsed into typed states.

Zebra documents that ``~HS`` gets NO reply while media is out, the ribbon is out, the head is
open or too hot, or the rewinder is full; silence is therefore a question for ``~HQES``, which
answers in every state. Field layouts follow the ZPL II Programming Guide (``~HS``, ``~HQ``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from station.i18n import N_

HS = b"~HS"
HQES = b"~HQES"
HI = b"~HI"
CANCEL_ALL = b"~JA"  # discards every format in the buffer, including a half-received one

# ~HQES error flags, group 1 (the last 8 hex digits): nibble 1 and nibble 2
_HQES_ERRORS = [
    (0x1, "paper_out"),
    (0x2, "ribbon_out"),
    (0x4, "head_open"),
    (0x8, "cutter_fault"),
    (0x10, "head_too_hot"),
    (0x20, "head_too_hot"),  # motor over temperature: the same wait-and-retry for the packer
]


@dataclass(frozen=True)
class HostStatus:
    """What ``~HS`` says: a state plus the partial-format flag (a cut job waits in the buffer)."""

    state: str
    partial_format: bool = False


def read_hs(reply: bytes) -> HostStatus | None:
    """A ``~HS`` reply parsed, or None when there was no (readable) reply."""
    frames = re.findall(rb"\x02([^\x03]*)\x03", reply)
    if len(frames) < 2:
        return None
    one = frames[0].split(b",")
    two = frames[1].split(b",")
    if len(one) < 12 or len(two) < 4:
        return None
    partial = one[7] == b"1"
    if one[1] == b"1":
        state = "paper_out"
    elif two[2] == b"1":
        state = "head_open"
    elif two[3] == b"1":
        state = "ribbon_out"
    elif one[11] == b"1":
        state = "head_too_hot"
    elif one[2] == b"1":
        state = "paused"
    else:
        state = "ready"
    return HostStatus(state, partial)


def parse_hs(reply: bytes) -> str:
    """State from a ``~HS`` reply: ready, paper_out, head_open, ribbon_out, paused, or error."""
    status = read_hs(reply)
    return status.state if status is not None else "error"


def parse_hqes(reply: bytes) -> str:
    """State from a ``~HQES`` reply's ERRORS line ("unknown" when there is none to read)."""
    m = re.search(rb"ERRORS:\s+(\d)\s+([0-9A-Fa-f]{8})\s+([0-9A-Fa-f]{8})", reply)
    if not m:
        return "error" if reply.strip() else "unknown"
    if m.group(1) == b"0":
        return "ready"
    bits = int(m.group(3), 16)
    for mask, state in _HQES_ERRORS:
        if bits & mask:
            return state
    return "error"


def parse_hi(reply: bytes) -> int | None:
    """Print resolution from a ``~HI`` reply (``<STX>ZD421-203dpi,V84.20.18Z,8,8192KB<ETX>``)."""
    m = re.search(rb",(6|8|12|24),", reply)  # the dots/mm field: 8 = 203 dpi, 12 = 300, 24 = 600
    if m:
        return {6: 152, 8: 203, 12: 300, 24: 600}[int(m.group(1))]
    m = re.search(rb"(\d{3})\s*DPI", reply, re.IGNORECASE)
    return int(m.group(1)) if m else None


def dpi_from_model(product: str) -> int | None:
    """Resolution from a USB product string such as ``ZTC ZD421-300dpi ZPL``."""
    m = re.search(r"(\d{3})\s*dpi", product, re.IGNORECASE)
    return int(m.group(1)) if m else None


MESSAGES = {
    "paper_out": N_("Printer out of labels — load a roll, then reprint"),
    "head_open": N_("Printer head is open — close it, then reprint"),
    "paused": N_("Printer is paused — press its pause button, then reprint"),
    "ribbon_out": N_("Printer ribbon is out — load a ribbon, then reprint"),
    "head_too_hot": N_("Printer head is too hot — wait a minute, then reprint"),
    "cutter_fault": N_("Printer cutter is jammed — clear it, then reprint"),
    "paper_jam": N_("Labels are jammed in the printer — clear the path, then reprint"),
    "too_hot": N_("Printer is too hot — let it cool down, then reprint"),
    "error": N_("Printer reports an error — check its display"),
}

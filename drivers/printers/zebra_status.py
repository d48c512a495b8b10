"""Zebra host status (``~HS``) and extended status (``~HQES``) parsed into typed states."""

from __future__ import annotations

import re

HS = b"~HS"
HQES = b"~HQES"

# ~HQES error flag bits (lowest group)
_HQES_ERRORS = [(0x1, "paper_out"), (0x4, "head_open"), (0x2, "ribbon_out")]


def parse_hs(reply: bytes) -> str:
    """State from a ``~HS`` reply: ready, paper_out, head_open, paused, or error if unreadable."""
    frames = re.findall(rb"\x02([^\x03]*)\x03", reply)
    if len(frames) < 2:
        return "error"
    one = frames[0].split(b",")
    two = frames[1].split(b",")
    if len(one) < 3 or len(two) < 3:
        return "error"
    if one[1] == b"1":
        return "paper_out"
    if two[2] == b"1":
        return "head_open"
    if one[2] == b"1":
        return "paused"
    return "ready"


def parse_hqes(reply: bytes) -> str:
    """State from a ``~HQES`` reply's ERRORS line."""
    m = re.search(rb"ERRORS:\s+(\d)\s+([0-9A-Fa-f]{8})\s+([0-9A-Fa-f]{8})", reply)
    if not m:
        return "error"
    if m.group(1) == b"0":
        return "ready"
    bits = int(m.group(3), 16)
    for mask, state in _HQES_ERRORS:
        if bits & mask:
            return state
    return "error"


MESSAGES = {
    "paper_out": "Printer out of labels — load a roll, then reprint",
    "head_open": "Printer head is open — close it, then reprint",
    "paused": "Printer is paused — press its pause button, then reprint",
    "ribbon_out": "Printer ribbon is out — load a ribbon, then reprint",
    "error": "Printer reports an error — check its display",
}

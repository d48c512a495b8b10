"""GS1 element strings (GS1-128, GS1 DataMatrix): AIs with FNC1 (GS) separators."""

from __future__ import annotations

import calendar

GS = "\x1d"

# AI -> (name, fixed length of the data or 0 for variable up to max)
_AIS: dict[str, tuple[str, int, int]] = {
    "00": ("sscc", 18, 18),
    "01": ("gtin", 14, 14),
    "02": ("content_gtin", 14, 14),
    "10": ("lot", 0, 20),
    "11": ("production", 6, 6),
    "13": ("packaging", 6, 6),
    "15": ("best_before", 6, 6),
    "17": ("expiry", 6, 6),
    "21": ("serial", 0, 20),
    "30": ("count", 0, 8),
    "37": ("count", 0, 8),
    "400": ("order", 0, 30),
    "420": ("ship_to_postal", 0, 20),
}
_DATES = {"production", "packaging", "best_before", "expiry"}


def mod10_ok(digits: str) -> bool:
    """GS1 mod-10 check digit (GTIN, SSCC, USPS IMpb)."""
    if not digits.isdigit() or len(digits) < 2:
        return False
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def _date(yymmdd: str) -> str:
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    year = 2000 + yy if yy < 50 else 1900 + yy
    if not 1 <= mm <= 12:
        raise ValueError("bad month")
    if dd == 0:  # GS1: day 00 means the last day of the month
        dd = calendar.monthrange(year, mm)[1]
    return f"{year:04d}-{mm:02d}-{dd:02d}"


def parse_element_string(data: str) -> dict[str, str]:
    """Parse ``data`` (GS-separated or ``(01)…(17)…`` form) into named fields; ValueError if not GS1."""
    if data.startswith("("):
        data = data.replace(")", "").replace("(", GS)[1:]
    data = data.lstrip(GS)
    fields: dict[str, str] = {}
    i = 0
    while i < len(data):
        ai = next((a for a in (data[i : i + 3], data[i : i + 2]) if a in _AIS), None)
        if ai is None:
            raise ValueError(f"unknown AI at {i}")
        name, fixed, maxlen = _AIS[ai]
        i += len(ai)
        if fixed:
            value = data[i : i + fixed]
            if len(value) != fixed or not value.isdigit():
                raise ValueError(f"short AI {ai}")
            i += fixed
            if data[i : i + 1] == GS:
                i += 1
        else:
            end = data.find(GS, i)
            end = len(data) if end < 0 else end
            value = data[i:end]
            if not value or len(value) > maxlen:
                raise ValueError(f"bad length for AI {ai}")
            i = end + 1
        if name in _DATES:
            value = _date(value)
        if name in ("gtin", "sscc", "content_gtin") and not mod10_ok(value):
            raise ValueError(f"bad check digit in AI {ai}")
        fields[name] = value
    if not fields:
        raise ValueError("empty element string")
    return fields

"""Barcode classification in one place, and the station's own codes.

Station codes (badges, bins, totes, pick lists, commands) all start with ``STATION_PREFIX``
("$PS-"). No product symbology the station meets starts with "$": UPC/EAN/GTIN are digits,
FNSKU/ASIN are letters+digits, and SKU aliases starting with "$PS-" are refused by
``sku_alias_allowed``. Example: ``$PS-CMD-NEXT_ORDER``, ``$PS-BIN-A-03``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drivers.barcodes.gs1 import GS, mod10_ok, parse_element_string

STATION_PREFIX = "$PS-"
STATION_KINDS = {"badge": "BADGE", "bin": "BIN", "tote": "TOTE", "picklist": "PICK", "command": "CMD"}
_KIND_OF_TAG = {tag: kind for kind, tag in STATION_KINDS.items()}

COMMANDS: dict[str, str] = {
    "next_order": "Next order",
    "close_box": "Close box",
    "reprint_label": "Reprint label",
    "weigh": "Read the scale",
    "skip": "Skip / put back",
    "exception": "Report a problem",
    "undo_scan": "Undo last scan",
    "cancel": "Cancel",
    "confirm": "Confirm",
    "logout": "Log out",
}

# AIM symbology identifiers: "]" + code letter + modifier digit; GS1 variants carry element strings
_AIM = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
_AIM_GS1 = {"]C1", "]e0", "]d2", "]Q3", "]J1"}
MAX_LENGTH = 128

_ORDER_ID = re.compile(r"^\d{3}-\d{7}-\d{7}$")
_FNSKU = re.compile(r"^X0[0-9A-Z]{8}$")
_ASIN = re.compile(r"^B0[0-9A-Z]{8}$")
_UPS = re.compile(r"^1Z[0-9A-Z]{16}$")
_TBA = re.compile(r"^TB[ACM]\d{12}$")
_USPS = re.compile(r"^(9[1-5]\d{18,20}|82\d{8}|[A-Z]{2}\d{9}US)$")
_STATION_VALUE = re.compile(r"^[A-Z0-9][A-Z0-9_.-]{0,39}$")


@dataclass(frozen=True)
class Classified:
    """What a scanned code is. ``value`` is normalised (e.g. USPS routing prefix removed)."""

    kind: str
    value: str
    fields: dict[str, str] = field(default_factory=dict)
    carrier: str = ""
    command: str = ""
    symbology: str = ""


def strip_aim(code: str) -> tuple[str, str]:
    """Split a leading AIM identifier (``]C1``, ``]E0`` …) from the data."""
    if _AIM.match(code):
        return code[3:], code[:3]
    return code, ""


def station_code(kind: str, value: str) -> str:
    """The station's own barcode text, e.g. ``station_code("bin", "A-03") == "$PS-BIN-A-03"``."""
    tag = STATION_KINDS.get(kind)
    if tag is None:
        raise ValueError(f"unknown station code kind {kind!r}")
    value = value.upper()
    if kind == "command" and value.lower() not in COMMANDS:
        raise ValueError(f"unknown command {value!r}")
    if not _STATION_VALUE.match(value):
        raise ValueError("station code values are 1-40 of A-Z 0-9 _ . -")
    return f"{STATION_PREFIX}{tag}-{value}"


def command_code(name: str) -> str:
    return station_code("command", name)


def sku_alias_allowed(alias: str) -> bool:
    """SKU aliases may not use the station's reserved prefix (so they never collide)."""
    return not alias.upper().startswith(STATION_PREFIX)


def gtin_ok(digits: str) -> bool:
    return len(digits) in (8, 12, 13, 14) and mod10_ok(digits)


def _fedex_ok(digits: str) -> bool:
    if len(digits) == 12:
        weights = [3, 1, 7] * 4
        total = sum(int(d) * w for d, w in zip(reversed(digits[:-1]), weights, strict=False))
        return total % 11 % 10 == int(digits[-1])
    return len(digits) == 15 and mod10_ok(digits)


def _ups_ok(code: str) -> bool:
    total = 0
    for i, ch in enumerate(code[2:-1]):
        v = int(ch) if ch.isdigit() else (ord(ch) - 63) % 10
        total += v * (2 if i % 2 else 1)
    return (10 - total % 10) % 10 == int(code[-1]) if code[-1].isdigit() else False


def _usps_strip_routing(code: str) -> tuple[str, str]:
    """USPS IMpb: "420" + ZIP (5 or 9) [+ GS] + tracking -> (tracking, zip)."""
    if not code.startswith("420"):
        return code, ""
    rest = code[3:]
    if GS in rest:
        zip_code, _, tracking = rest.partition(GS)
        return tracking, zip_code
    for zip_len in (5, 9):
        tracking = rest[zip_len:]
        if _USPS.match(tracking):
            return tracking, rest[:zip_len]
    return code, ""


def _station(code: str) -> Classified | None:
    if not code.upper().startswith(STATION_PREFIX):
        return None
    tag, _, value = code[len(STATION_PREFIX) :].upper().partition("-")
    kind = _KIND_OF_TAG.get(tag)
    if kind is None or not value:
        return Classified("invalid", code, {"reason": "unknown station code"})
    if kind == "command":
        name = value.lower()
        if name not in COMMANDS:
            return Classified("invalid", code, {"reason": "unknown command"})
        return Classified("command", name, command=name)
    return Classified(kind, value)


def _tracking(code: str) -> Classified | None:
    up = code.upper()
    if _UPS.match(up):
        return Classified("tracking", up, {"check_ok": str(_ups_ok(up)).lower()}, carrier="UPS")
    if _TBA.match(up):
        return Classified("tracking", up, carrier="AMAZON")
    tracking, zip_code = _usps_strip_routing(code)
    if _USPS.match(tracking):
        fields = {"check_ok": str(not tracking.isdigit() or mod10_ok(tracking)).lower()}
        if zip_code:
            fields["zip"] = zip_code
        return Classified("tracking", tracking, fields, carrier="USPS")
    if code.isdigit() and _fedex_ok(code):
        return Classified("tracking", code, carrier="FEDEX")
    if code.isdigit() and len(code) in (20, 22) and code.startswith("96"):
        return Classified("tracking", code[-15:] if len(code) == 22 else code, carrier="FEDEX")
    return None


def classify(code: str, aliases: dict[str, str] | None = None) -> Classified:
    """Say what ``code`` is; ``aliases`` maps extra SKU barcodes to SKUs (kind "sku")."""
    code, aim = strip_aim(code.strip(" \r\n\t"))
    if not code or len(code) > MAX_LENGTH or any((ord(c) < 0x20 and c != GS) or ord(c) == 0x7F for c in code):
        return Classified("invalid", "", {"reason": "empty, too long or control characters"}, symbology=aim)
    if (found := _station(code)) is not None:
        return found
    if aliases and code in aliases:
        return Classified("sku", aliases[code], symbology=aim)
    if aim in _AIM_GS1 or GS in code or code.startswith("("):
        tracking = _tracking(code)
        if tracking is not None:
            return tracking
        try:
            fields = parse_element_string(code)
        except ValueError:
            return Classified("invalid", code, {"reason": "bad GS1 element string"}, symbology=aim)
        value = fields.get("gtin") or fields.get("sscc") or next(iter(fields.values()))
        return Classified("gs1", value, fields, symbology=aim)
    if code.isdigit():
        if len(code) == 12 and gtin_ok(code):
            return Classified("upc", code, {"gtin14": code.zfill(14)}, symbology=aim)
        if len(code) == 13 and gtin_ok(code):
            if code.startswith("0"):
                return Classified("upc", code[1:], {"gtin14": code.zfill(14)}, symbology=aim)
            return Classified("ean13", code, {"gtin14": code.zfill(14)}, symbology=aim)
        if len(code) == 8 and gtin_ok(code):
            return Classified("ean8", code, {"gtin14": code.zfill(14)}, symbology=aim)
    if code.startswith("01") and len(code) >= 16 and code[2:16].isdigit():
        try:
            fields = parse_element_string(code)
            return Classified("gs1", fields.get("gtin", ""), fields, symbology=aim)
        except ValueError:
            pass
    if _ORDER_ID.match(code):
        return Classified("order_id", code, symbology=aim)
    up = code.upper()
    if _FNSKU.match(up):
        return Classified("fnsku", up, symbology=aim)
    if _ASIN.match(up):
        return Classified("asin", up, symbology=aim)
    tracking = _tracking(code)
    if tracking is not None:
        return tracking
    return Classified("sku_or_unknown", code, symbology=aim)


__all__ = [
    "COMMANDS",
    "STATION_PREFIX",
    "Classified",
    "classify",
    "command_code",
    "gtin_ok",
    "sku_alias_allowed",
    "station_code",
    "strip_aim",
]

"""Label documents from upstream reach the printer only as labels: ZPL is rebuilt from an allowlist of
drawing commands, so nothing in it can reconfigure, reset, re-network or re-flash the printer.

Carrier ZPL is printed raw, and a Zebra obeys everything in it: ``^JUS`` saves settings, ``^ND``/``^NS``
and ``^W*`` change the network, ``^KP`` sets the front-panel password, ``~JR`` resets, ``~JA``
cancels the queue, ``^JB``/``^ID``/``~DY``/``^TO`` erase or write storage and firmware, ``^JI``/``~JI``
start ZBI programs, and ``~SD``/``^MN``/``^MT``/``~TA``/``^JM`` change media settings for every later
job. (Zebra "ZPL II Programming Guide", command reference.) Rather than chase that list, only the
commands a shipping label needs are kept; the rest are stripped and named in the log. A document that
changes the command prefix or delimiter (``^CC``/``~CC``, ``^CT``/``~CT``, ``^CD``/``~CD``) is
refused: no carrier label needs that, and it exists to hide commands from a reader like this one.
Text outside ``^XA``..``^XZ`` (where Set-Get-Do ``! U1`` lines and JSON commands live) is dropped.
"""

from __future__ import annotations

import logging
import re

from station.errors import UpstreamError

log = logging.getLogger(__name__)

RASTER_FORMATS = ("PDF", "PNG")  # rasterised by the driver: their bytes never reach the printer raw
# Drawing and layout commands a 4x6 carrier label uses; everything else is stripped.
ALLOWED = frozenset(
    {"XA", "XZ", "FO", "FT", "FD", "FS", "FH", "FB", "FR", "FX", "FV", "FW", "FP", "FM", "BY", "CF", "CI",
     "GB", "GC", "GD", "GE", "GF", "GS", "LH", "LL", "LR", "LS", "PW", "PO", "PM", "PR", "XG", "IM",
     "IL", "A@", "SZ"}
)  # fmt: skip
REFUSED = frozenset({"CC", "CT", "CD"})  # change caret / tilde / delimiter
FIELD_DATA = frozenset({"FD", "FV", "FX"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Font names, numbers, devices, base64 and ZPL compression (G-Z, g-z, "!", ",", ":"), ^FH indicators.
_PARAMS = re.compile(r"[A-Za-z0-9 ,.:_@/+=!\\\-]*")


class UnsafeLabelDocument(UpstreamError):
    """A label document from upstream that cannot be made safe to print."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="UnsafeLabel")


def _allowed(prefix: str, name: str, params: str) -> bool:
    if len(name) < 2:
        return False
    if prefix == "~":
        return name == "DG" and params.upper().startswith("R:")  # a graphic into RAM, for ^XG
    if name in ALLOWED:
        return True
    return name[0] in "AB" and name[1:].isalnum()  # ^Af fonts, ^Bx bar codes


def _clean_params(name: str, params: str) -> str | None:
    """The parameters as sent to the printer, or None when they cannot be (the command is then stripped)."""
    params = _CONTROL.sub("", params)  # the printer ignores CR/LF; without them no "! U1" line can start
    if name in FIELD_DATA:
        return params
    if name in ("XA", "XZ", "FS", "FR"):
        return ""
    return params if _PARAMS.fullmatch(params) else None


def sanitize_zpl(data: bytes) -> tuple[bytes, list[str]]:
    """(the label formats rebuilt from allowed commands, names of what was stripped); refuses prefix changes."""
    text = data.decode("latin-1")  # ZPL is bytes; latin-1 maps each one to one character and back
    starts = [m.start() for m in re.finditer(r"[\^~]", text)]
    kept: list[str] = []
    stripped: list[str] = []
    in_format = False
    for n, at in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(text)
        prefix, name, params = text[at], text[at + 1 : at + 3].upper(), text[at + 3 : end]
        if name in REFUSED:
            raise UnsafeLabelDocument(f"The label changes ZPL's command characters ({prefix}{name}); not printed")
        clean = _clean_params(name, params) if _allowed(prefix, name, params) else None
        inside = in_format or name == "XA" or (prefix == "~" and name == "DG")
        if clean is None or not inside or (name == "XA" and in_format):
            stripped.append(prefix + _CONTROL.sub("?", name))
            continue
        kept.append(f"{prefix}{text[at + 1 : at + 3]}{clean}")
        in_format = (in_format or name == "XA") and name != "XZ"
    if in_format:
        kept.append("^XZ")  # close a truncated last format rather than leave the printer waiting
    if not any(k[1:3].upper() == "XA" for k in kept):
        raise UnsafeLabelDocument("The label document holds no ZPL label format; not printed")
    return "".join(kept).encode("latin-1"), stripped


def clean_label_document(data: bytes, fmt: str) -> bytes:
    """A label document from upstream made safe for the printer: PDF/PNG as is (they are rasterised),
    ZPL rebuilt by ``sanitize_zpl``; any other format is refused (it would go to the printer raw)."""
    kind = fmt.upper()
    if kind in RASTER_FORMATS:
        return data
    if kind != "ZPL":
        raise UnsafeLabelDocument(f"Label format {fmt[:16]!r} from upstream is not PDF, PNG or ZPL; not printed")
    clean, stripped = sanitize_zpl(data)
    if stripped:
        log.warning("stripped %d printer command(s) from an upstream label: %s", len(stripped),
                    " ".join(sorted(set(stripped))[:20]))  # fmt: skip
    return clean

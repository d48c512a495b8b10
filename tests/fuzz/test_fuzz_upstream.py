"""Property tests for what comes from upstream: label ZPL, JSON bodies, identifiers (issue 10 items 8, 18, 19)."""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from station.errors import StationError
from station.zpl_sanitize import ALLOWED, UnsafeLabelDocument, sanitize_zpl
from sync import mapping
from sync.spapi.transport import MAX_JSON_DEPTH, parse_json
from tests.fuzz.conftest import hostile_text

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
PIECES = st.sampled_from(
    ["^XA", "^XZ", "^FO10,10", "^FD", "^FS", "^JUS", "~JR", "^CC", "~CT", "^CD", "%", "+", "! U1 do ", "\r\n",
     "^A0N,30,30", "~DGE:X.GRF,1,1,FF", "~DGR:X.GRF,1,1,FF", "^GFA,1,1,1,:Z64:eJw=:0", "^ND", "^KP1", "^PQ9",
     "_7E", "^FH\\", "{}{", "~", "^", "\x00", "^xa", "^ju"]
)  # fmt: skip
ZPLISH = st.lists(st.one_of(PIECES, hostile_text()), max_size=30).map(lambda parts: "".join(parts).encode("utf-8"))


def _names(zpl: bytes) -> list[tuple[str, str]]:
    text = zpl.decode("latin-1")
    return [(text[i], text[i + 1 : i + 3].upper()) for i in (m.start() for m in re.finditer(r"[\^~]", text))]


@FAST
@given(ZPLISH)
@example(b"^XA^CC%%JUS%XZ")
@example(b"^XA^FO1,1^FDa\r\n! U1 do \"device.reset\" \"\"\r\n^FS^XZ")
def test_sanitized_zpl_holds_only_allowed_commands_and_is_stable(data: bytes) -> None:
    try:
        clean, _stripped = sanitize_zpl(data)
    except UnsafeLabelDocument:
        return
    for prefix, name in _names(clean):
        if prefix == "~":
            assert name == "DG"
        else:
            assert name in ALLOWED or (name[0] in "AB" and name[1:].isalnum())
    assert not re.search(rb"[\x00-\x1f]", clean)
    assert sanitize_zpl(clean)[0] == clean  # a second pass finds nothing more to strip


def _nested(depth: int, kind: str) -> str:
    return ("[" * depth + "]" * depth) if kind == "[" else ('{"a":' * depth + "1" + "}" * depth)


@FAST
@given(st.integers(0, 300_000), st.sampled_from(["[", "{"]), st.booleans())
def test_json_of_any_depth_is_parsed_or_refused_never_a_recursion_error(depth: int, kind: str, close: bool) -> None:
    text = _nested(depth, kind) if close else kind * depth
    try:
        parse_json(text.encode())
    except ValueError:
        assert depth > MAX_JSON_DEPTH or not close
    else:
        assert depth <= MAX_JSON_DEPTH


@FAST
@given(hostile_text(), hostile_text(), hostile_text())
def test_hostile_identifiers_are_mapped_or_refused_with_a_typed_error(order_id: str, sku: str, asin: str) -> None:
    body: dict[str, Any] = {
        "orderId": order_id,
        "orderItems": [{"orderItemId": "1", "product": {"sellerSku": sku, "asin": asin}}],
    }
    try:
        order = mapping.order_from_payload("A1SELLER", body)
    except StationError:
        return
    assert re.fullmatch(r"[0-9]{3}-[0-9]{7}-[0-9]{7}", order.order_id)
    item = order.items[0]
    assert item.sku == "" or (item.sku.isprintable() and len(item.sku) <= 255)
    assert json.dumps(item.asin).isascii()

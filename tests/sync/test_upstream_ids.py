"""Issue 10 item 19: upstream identifiers are checked against the models' rules at the boundary; a bad
record is refused with an upstream error for that record and never stored."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from station.domain import Rate
from station.errors import UpstreamError as InvalidUpstreamRecord  # its base: importable before the fix
from sync import mapping

GOOD_ID = "113-4827711-0093312"
BLNS = Path("/work/shared/fixtures/blns.json")


def _order(order_id: str = GOOD_ID, **item: Any) -> dict[str, Any]:
    product = {"asin": "B08N5WRWNW", "sellerSku": "ECHO-DOT-4", "title": "Echo Dot"}
    product.update(item)
    return {
        "orderId": order_id,
        "createdTime": "2026-11-30T10:00:00Z",
        "lastUpdatedTime": "2026-11-30T10:00:00Z",
        "salesChannel": {"marketplaceId": "ATVPDKIKX0DER"},
        "fulfillment": {"fulfilledBy": "MERCHANT", "fulfillmentStatus": "UNSHIPPED"},
        "orderItems": [{"orderItemId": "25012345678902", "quantityOrdered": 1, "product": product}],
    }


@pytest.mark.parametrize(
    "order_id",
    ["113-4827711-009331\x00", "113-4827711-0093312\n", "113-4827711-0093312 ", "1", "113-4827711-00933\u0662\u0662",
     "../../etc/passwd", "113-4827711-0093312\u202e"],
)  # fmt: skip
def test_order_id_must_be_3_7_7_digits(order_id: str) -> None:
    with pytest.raises(InvalidUpstreamRecord) as caught:
        mapping.order_from_payload("A1SELLER", _order(order_id))
    assert caught.value.code == "InvalidRecord" and "order id" in str(caught.value)
    assert order_id not in str(caught.value)


@pytest.mark.parametrize(
    ("field", "value"),
    [("asin", "B08N5WRWN\x00"), ("asin", "B08N5WRWNW1"), ("asin", "b08n5wrwnw"), ("sellerSku", "SKU\x00-1"),
     ("sellerSku", "SKU\n^XA"), ("sellerSku", "SKU\u202eevil"), ("sellerSku", "S" * 256), ("sellerSku", "   ")],
)  # fmt: skip
def test_item_ids_are_checked(field: str, value: str) -> None:
    with pytest.raises(InvalidUpstreamRecord) as caught:
        mapping.order_from_payload("A1SELLER", _order(**{field: value}))
    assert GOOD_ID in str(caught.value)  # which record, so the lead can look it up in Seller Central


@pytest.mark.parametrize("marketplace", ["ATVPDKIKX0DE\x00", "atvpdkikx0der", "A"])
def test_marketplace_id_is_checked(marketplace: str) -> None:
    body = _order()
    body["salesChannel"]["marketplaceId"] = marketplace
    with pytest.raises(InvalidUpstreamRecord):
        mapping.order_from_payload("A1SELLER", body)


def test_valid_identifiers_still_map() -> None:
    order = mapping.order_from_payload("A1SELLER", _order(sellerSku="ÉCHO-DOT 4 (charcoal)/JP"))
    assert order.order_id == GOOD_ID and order.items[0].sku == "ÉCHO-DOT 4 (charcoal)/JP"


def test_blns_strings_are_never_order_ids_or_asins() -> None:
    if not BLNS.exists():
        pytest.skip("no BLNS fixture")
    strings = [s for s in json.loads(BLNS.read_text()) if isinstance(s, str) and s]
    for text in strings:
        with pytest.raises(InvalidUpstreamRecord):
            mapping.order_from_payload("A1SELLER", _order(text))
        if not (len(text) == 10 and text.isalnum() and text.isascii() and text.upper() == text):
            with pytest.raises(InvalidUpstreamRecord):
                mapping.order_from_payload("A1SELLER", _order(asin=text))


def test_search_page_keeps_good_records_and_reports_the_bad_one() -> None:
    body = {"orders": [_order(), _order("113-4827711-009331\x00"), _order("114-0000000-0000001", sellerSku="\x00")]}
    orders, _token, rejected = mapping.checked_orders_from_search("A1SELLER", body)
    assert [o.order_id for o in orders] == [GOOD_ID]
    assert len(rejected) == 2 and "114-0000000-0000001" in rejected[1]
    assert mapping.orders_from_search("A1SELLER", body)[0] == orders


def _rate() -> Rate:
    return Rate("tok", "rate-1", "AMZN_US", "Amazon Shipping", "std", "Ground", 5.0, "USD", "", ("ZPL",))


@pytest.mark.parametrize(
    ("shipment_id", "tracking"),
    [("shp\x00-1", "TBA123456789012"), ("shp-1", "TBA12345\x00"), ("shp-1", "TBA 1\n2"), ("s" * 129, "TBA1")],
)
def test_purchased_label_ids_are_checked(shipment_id: str, tracking: str) -> None:
    payload = {
        "shipmentId": shipment_id,
        "packageDocumentDetails": [{"trackingId": tracking, "packageDocuments": [
            {"type": "LABEL", "format": "ZPL", "contents": base64.b64encode(b"^XA^XZ").decode()}]}],
    }  # fmt: skip
    with pytest.raises(InvalidUpstreamRecord) as caught:
        mapping.purchased_label_from_payload(payload, _rate(), "ZPL")
    assert caught.value.retryable  # the label may be bought: the box keeps its idempotency key


def test_inventory_summary_with_a_bad_identifier_is_left_out() -> None:
    from sync.spapi.inventory import _stocks

    good = {"sellerSku": "BOTTLE-750", "fnSku": "X00BOTTLE1", "asin": "B0BOTTLE01"}
    bad = [dict(good, sellerSku="BOTTLE\x00"), dict(good, fnSku="X00BOTT\nE1"), dict(good, asin="B0\u202eBOTTLE")]
    assert [s.sku for s in _stocks([good, *bad])] == ["BOTTLE-750"]

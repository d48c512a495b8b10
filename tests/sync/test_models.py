"""Official models: sandbox examples parse; simulator answers and client requests validate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from station.domain import OrderStatus, Parcel
from sync import mapping
from tests.sync.conftest import Env

MODELS = Path("/work/shared/spapi-models")
if not MODELS.exists():  # pragma: no cover - CI keeps a copy beside the repo
    MODELS = Path(__file__).resolve().parents[3] / "shared" / "spapi-models"
pytestmark = pytest.mark.skipif(not MODELS.exists(), reason="official SP-API models not available")


def _model(name: str) -> dict[str, Any]:
    return json.loads((MODELS / name).read_text())


def _validate(model: str, definition: str, instance: Any) -> None:
    root = _model(model)
    schema = {"$ref": f"#/definitions/{definition}", "definitions": root["definitions"]}
    jsonschema.Draft4Validator(schema).validate(instance)


def _sandbox_examples(model: str, operation: str) -> list[dict[str, Any]]:
    found = []
    for item in _model(model)["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and op.get("operationId") == operation:
                for response in op["responses"].values():
                    for case in response.get("x-amzn-api-sandbox", {}).get("static", []):
                        found.append(case["response"])
    return found


def test_search_orders_sandbox_examples_parse() -> None:
    examples = _sandbox_examples("orders_2026-01-01.json", "searchOrders")
    assert examples
    for body in examples:
        orders, _token = mapping.orders_from_search("A1", body)
        for order in orders:
            assert order.order_id and isinstance(order.status, OrderStatus)


def test_get_order_sandbox_examples_parse() -> None:
    examples = _sandbox_examples("orders_2026-01-01.json", "getOrder")
    assert examples
    for body in examples:
        if "order" in body:
            assert mapping.order_from_payload("A1", body["order"]).order_id


def test_mapping_tolerates_unknown_enums_and_missing_fields() -> None:
    order = mapping.order_from_payload(
        "A1",
        {
            "orderId": "113-0000000-0000001",  # the 3-7-7 form (ordersV0)
            "fulfillment": {"fulfillmentStatus": "TELEPORTED"},
            "orderItems": [{"quantityOrdered": "x"}, None],
            "programs": None,
        },
    )
    assert order.status == OrderStatus.PENDING and order.upstream_status == "TELEPORTED"
    assert order.items[0].quantity == 0 and order.recipient is None
    assert mapping.orders_from_search("A1", {"orders": [{"noId": 1}, "junk"]}) == ([], "")
    assert (
        mapping.rates_from_payload({"rates": [{"rateId": "r", "totalCharge": {"value": "abc"}}]})[0].amount
        == 0
    )


def test_simulator_answers_and_client_requests_match_the_models(env: Env) -> None:
    sid = env.seller_ids[0]
    client = env.client
    search = client.call(
        sid,
        "searchOrders",
        "GET",
        "/orders/2026-01-01/orders",
        params={
            "lastUpdatedAfter": "2020-01-01T00:00:00Z",
            "includedData": "RECIPIENT,FULFILLMENT,PACKAGES",
            "fulfilledBy": "MERCHANT",
        },
    ).body
    _validate("orders_2026-01-01.json", "SearchOrdersResponse", search)
    order = mapping.order_from_payload(sid, search["orders"][0])
    got = client.call(
        sid,
        "getOrder",
        "GET",
        f"/orders/2026-01-01/orders/{order.order_id}",
        params={"includedData": "RECIPIENT,FULFILLMENT,PACKAGES"},
    ).body
    _validate("orders_2026-01-01.json", "GetOrderResponse", got)
    confirm = mapping.confirm_shipment_body(
        marketplace_id=order.marketplace_id,
        carrier="UPS",
        tracking="1Z9",
        ship_date="2026-11-02T10:00:00Z",
        package_ref="1",
        items=[(i.order_item_id, i.quantity) for i in order.items],
    )
    _validate("ordersV0.json", "ConfirmShipmentRequest", confirm)
    ship_from = {
        "name": "Pacific Prep",
        "address_line1": "1 Dock Rd",
        "city": "Kent",
        "state_or_region": "WA",
        "postal_code": "98032",
        "country_code": "US",
    }
    assert order.recipient is not None
    rates_req = mapping.rates_request(order, order.recipient, Parcel(10, 8, 4, 2.0), ship_from)
    _validate("shippingV2.json", "GetRatesRequest", rates_req)
    us = {"x-amzn-shipping-business-id": "AmazonShipping_US"}  # absent, Amazon assumes AmazonShipping_UK
    rates = client.call(sid, "getRates", "POST", "/shipping/v2/shipments/rates", body=rates_req, headers=us).body
    _validate("shippingV2.json", "GetRatesResponse", rates)
    rate = mapping.rates_from_payload(rates["payload"])[0]
    purchase_req = mapping.purchase_request(rate, "ZPL")
    _validate("shippingV2.json", "PurchaseShipmentRequest", purchase_req)
    bought = client.call(
        sid,
        "purchaseShipment",
        "POST",
        "/shipping/v2/shipments",
        body=purchase_req,
        headers={"x-amzn-IdempotencyKey": "k", **us},
    ).body
    _validate("shippingV2.json", "PurchaseShipmentResponse", bought)
    shipment = bought["payload"]["shipmentId"]
    docs = client.call(
        sid,
        "getShipmentDocuments",
        "GET",
        f"/shipping/v2/shipments/{shipment}/documents",
        params={"packageClientReferenceId": order.order_id, "format": "ZPL"},
        headers=us,
    ).body
    _validate("shippingV2.json", "GetShipmentDocumentsResponse", docs)
    cancel = client.call(sid, "cancelShipment", "PUT", f"/shipping/v2/shipments/{shipment}/cancel", headers=us).body
    _validate("shippingV2.json", "CancelShipmentResponse", cancel)
    parts = client.call(
        sid, "getMarketplaceParticipations", "GET", "/sellers/v1/marketplaceParticipations"
    ).body
    _validate("sellers.json", "GetMarketplaceParticipationsResponse", parts)
    for call in env.sim.calls:
        if call.status >= 400 and call.operation != "lwa":
            _validate("orders_2026-01-01.json", "ErrorList", {"errors": [{"code": "x", "message": "y"}]})


def test_error_bodies_match_the_model(env: Env) -> None:
    from sync.simulator.handlers import error

    _validate("orders_2026-01-01.json", "ErrorList", error("QuotaExceeded", "You exceeded your quota"))

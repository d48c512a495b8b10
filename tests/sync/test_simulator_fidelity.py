"""The simulator plays Amazon's documented behaviour (issue 12, "Simulator fidelity"), not our client's.

Raw HTTP on purpose: these tests pin what the simulator answers, whatever the client would send.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import requests

from station.clock import VirtualClock
from sync.simulator import FaultPlan, Simulator, errors, start_simulator
from sync.simulator.models import ENV_VAR, ModelBook, models_dir, parse_rate
from sync.spapi.ratelimit import DEFAULT_LIMITS
from tests.sync.conftest import Env

MODELS = models_dir()
pytestmark = pytest.mark.skipif(MODELS is None, reason="official SP-API models not available")

SHIP_FROM = {
    "name": "Pacific Prep",
    "addressLine1": "1 Dock Rd",
    "city": "Kent",
    "stateOrRegion": "WA",
    "postalCode": "98032",
    "countryCode": "US",
}
DOC_SPEC = {
    "format": "ZPL",
    "size": {"width": 4, "length": 6, "unit": "INCH"},
    "dpi": 203,
    "pageLayout": "DEFAULT",
    "needFileJoining": False,
    "requestedDocumentTypes": ["LABEL"],
}


class Raw:
    """One seller's raw HTTP view of a simulator (token fetched once)."""

    def __init__(self, sim: Simulator, seller: int = 0) -> None:
        self.sim = sim
        info = sim.sellers()[seller]
        self.seller_id = info.seller_id
        form = {
            "grant_type": "refresh_token",
            "refresh_token": info.refresh_token,
            "client_id": sim.client_id,
            "client_secret": sim.client_secret,
        }
        self.token = requests.post(sim.lwa_url, data=form, timeout=5).json()["access_token"]

    def call(self, method: str, path: str, **kw: Any) -> requests.Response:
        headers = {"x-amz-access-token": self.token}
        if path.startswith("/shipping/"):  # the US business; absent, Amazon assumes AmazonShipping_UK
            headers["x-amzn-shipping-business-id"] = "AmazonShipping_US"
        headers.update(kw.pop("headers", {}))
        return requests.request(method, self.sim.base_url + path, headers=headers, timeout=5, **kw)

    def order_id(self, *, min_units: int = 1) -> str:
        for oid in self.sim.order_ids(self.seller_id):
            if sum(i.quantity for i in self.sim.world.orders[oid].items) >= min_units:
                return oid
        raise AssertionError("no such order")

    def rates(self, order_id: str) -> dict[str, Any]:
        body = {
            "shipTo": {**SHIP_FROM, "name": "Buyer"},
            "shipFrom": SHIP_FROM,
            "packages": [
                {
                    "dimensions": {"length": 10, "width": 8, "height": 4, "unit": "INCH"},
                    "weight": {"unit": "POUND", "value": 2},
                    "insuredValue": {"value": 10, "unit": "USD"},
                    "packageClientReferenceId": order_id,
                    "items": [{"quantity": 1, "weight": {"unit": "POUND", "value": 2}}],
                }
            ],
            "channelDetails": {"channelType": "AMAZON", "amazonOrderDetails": {"orderId": order_id}},
        }
        resp = self.call("POST", "/shipping/v2/shipments/rates", json=body)
        assert resp.status_code == 200, resp.text
        payload: dict[str, Any] = resp.json()["payload"]
        return payload

    def purchase(self, rates: dict[str, Any], key: str, *, rate: int = 0) -> requests.Response:
        body = {
            "requestToken": rates["requestToken"],
            "rateId": rates["rates"][rate]["rateId"],
            "requestedDocumentSpecification": DOC_SPEC,
        }
        return self.call("POST", "/shipping/v2/shipments", json=body, headers={"x-amzn-IdempotencyKey": key})

    def confirm(self, order_id: str, ref: str = "1", units: dict[str, int] | None = None) -> requests.Response:
        order = self.sim.world.orders[order_id]
        chosen = units or {i.order_item_id: i.quantity for i in order.items}
        body = {
            "marketplaceId": "ATVPDKIKX0DER",
            "packageDetail": {
                "packageReferenceId": ref,
                "carrierCode": "UPS",
                "trackingNumber": "1Z999" + ref,
                "shipDate": "2026-11-02T10:00:00Z",
                "orderItems": [{"orderItemId": k, "quantity": v} for k, v in chosen.items()],
            },
        }
        return self.call("POST", f"/orders/v0/orders/{order_id}/shipmentConfirmation", json=body)


@pytest.fixture
def raw(sim: Simulator) -> Raw:
    return Raw(sim)


def _first_error(resp: requests.Response) -> dict[str, Any]:
    body = resp.json()
    assert set(body) == {"errors"} and len(body["errors"]) == 1
    entry: dict[str, Any] = body["errors"][0]
    assert {"code", "message"} <= set(entry) <= {"code", "message", "details"}
    return entry


# --- rates from the models ---------------------------------------------------------------------------
def test_rate_table_comes_from_the_models_usage_plans(tmp_path: Path, vclock: VirtualClock) -> None:
    """Edit a copy of the models' usage plan: the simulator follows the copy, not the client's table."""
    copy = tmp_path / "models"
    shutil.copytree(MODELS, copy)  # type: ignore[arg-type]
    model = json.loads((copy / "orders_2026-01-01.json").read_text())
    op = model["paths"]["/orders/2026-01-01/orders"]["get"]
    assert "| 0.0056 | 20 |" in op["description"]
    op["description"] = op["description"].replace("| 0.0056 | 20 |", "| 0.25 | 3 |")
    (copy / "orders_2026-01-01.json").write_text(json.dumps(model))
    book = ModelBook(copy)
    assert book.rate_table()["searchOrders"] == (0.25, 3) != DEFAULT_LIMITS["searchOrders"]
    with start_simulator(seed=2, clock=vclock, orders=5, models=book) as sim:
        raw = Raw(sim)
        answers = [
            raw.call("GET", "/orders/2026-01-01/orders", params={"lastUpdatedAfter": "2020-01-01T00:00:00Z"})
            for _ in range(4)
        ]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]  # burst 3, from the edited model
    assert float(answers[0].headers["x-amzn-RateLimit-Limit"]) == 0.25


def test_every_simulated_operation_has_the_models_published_plan() -> None:
    book = ModelBook(MODELS)
    table = book.rate_table()
    for name, spec in book.specs.items():
        root = json.loads((MODELS / spec.model).read_text())  # type: ignore[operator]
        published = parse_rate(root["paths"][spec.path][spec.method]["description"])
        assert table[name] == (published or table[name]), name
    assert table["purchaseShipment"] == (80.0, 100) and table["confirmShipment"] == (2.0, 10)
    assert table["listPrepDetails"] == (2.0, 30)  # "n | n" in the model: the same path's POST plan


def test_models_found_by_env_var_and_missing_models_turn_validation_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, vclock: VirtualClock
) -> None:
    shutil.copytree(MODELS, tmp_path / "m")  # type: ignore[arg-type]
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "m"))
    assert models_dir() == tmp_path / "m"
    empty = ModelBook(tmp_path / "nothing-here")
    assert not empty.available and empty.validate("getRates", {}, {}, b'{"junk": 1}') == []
    with start_simulator(seed=2, clock=vclock, orders=5, models=empty) as sim:
        resp = Raw(sim).call("POST", "/shipping/v2/shipments/rates", json={"junk": 1})
    assert resp.status_code == 400  # the handler's own check still answers, in Amazon's shape
    assert _first_error(resp)["code"] == "InvalidRequest"


# --- request validation --------------------------------------------------------------------------------
def test_missing_required_body_field_gets_amazons_error_shape(raw: Raw) -> None:
    oid = raw.order_id()
    resp = raw.call(
        "POST",
        f"/orders/v0/orders/{oid}/shipmentConfirmation",
        json={"marketplaceId": "ATVPDKIKX0DER", "packageDetail": {"packageReferenceId": "1", "carrierCode": "UPS"}},
    )
    assert resp.status_code == 400
    error = _first_error(resp)
    assert error["code"] == "InvalidInput" and error["message"] == "Invalid Input"
    assert "trackingNumber" in error["details"]
    assert raw.sim.confirmations == {}


def test_unknown_body_field_is_refused(raw: Raw) -> None:
    rates = raw.rates(raw.order_id())
    body = {
        "requestToken": rates["requestToken"],
        "rateId": rates["rates"][0]["rateId"],
        "requestedDocumentSpecification": {**DOC_SPEC, "labelDpi": 203},
    }
    resp = raw.call("POST", "/shipping/v2/shipments", json=body, headers={"x-amzn-IdempotencyKey": "k1"})
    assert resp.status_code == 400
    error = _first_error(resp)
    assert error["code"] == "InvalidRequest"
    assert error["message"] == "Request is missing or has invalid parameters"
    assert "labelDpi" in error["details"]
    assert raw.sim.shipments == {}


def test_wrong_enum_in_body_and_header_is_refused(raw: Raw) -> None:
    rates = raw.rates(raw.order_id())
    body = {
        "requestToken": rates["requestToken"],
        "rateId": rates["rates"][0]["rateId"],
        "requestedDocumentSpecification": {**DOC_SPEC, "format": "GIF"},
    }
    assert raw.call("POST", "/shipping/v2/shipments", json=body).status_code == 400
    body["requestedDocumentSpecification"] = DOC_SPEC
    resp = raw.call("POST", "/shipping/v2/shipments", json=body, headers={"x-amzn-shipping-business-id": "Mars"})
    assert resp.status_code == 400 and _first_error(resp)["code"] == "InvalidRequest"
    assert raw.sim.shipments == {}


def test_query_parameters_are_checked_against_the_model(raw: Raw) -> None:
    search = "/orders/2026-01-01/orders"
    bad_enum = raw.call("GET", search, params={"lastUpdatedAfter": "2020-01-01T00:00:00Z", "includedData": "GOSSIP"})
    assert bad_enum.status_code == 400
    assert _first_error(bad_enum)["message"].startswith("Invalid request parameter `includedData`. Must be one of [")
    too_many = raw.call(
        "GET", search, params={"lastUpdatedAfter": "2020-01-01T00:00:00Z", "marketplaceIds": ",".join(["M"] * 51)}
    )
    assert too_many.status_code == 400  # maxItems 50
    bad_time = raw.call("GET", search, params={"lastUpdatedAfter": "yesterday"})
    assert bad_time.status_code == 400  # format date-time
    neither = raw.call("GET", search, params={"fulfilledBy": "MERCHANT"})
    assert neither.status_code == 400 and _first_error(neither)["message"].startswith("Missing request parameter")
    docs = raw.call("GET", "/shipping/v2/shipments/x/documents", params={"format": "ZPL"})
    assert docs.status_code == 400  # packageClientReferenceId is required
    assert "packageClientReferenceId" in _first_error(docs)["details"]
    ok = raw.call("GET", search, params={"lastUpdatedAfter": "2020-01-01T00:00:00Z", "includedData": "CANCELLATION"})
    assert ok.status_code == 200
    # Unknown query parameters are ignored, as Amazon does (python-amazon-sp-api sends MarketplaceId too).
    extra = raw.call("GET", search, params={"lastUpdatedAfter": "2020-01-01T00:00:00Z", "MarketplaceId": "X"})
    assert extra.status_code == 200
    assert [c.fault for c in raw.sim.calls if c.operation == "searchOrders"].count("invalid") == 3


def test_search_window_rules_follow_the_model(raw: Raw, vclock: VirtualClock) -> None:
    search, since = "/orders/2026-01-01/orders", "2020-01-01T00:00:00Z"
    mixed = raw.call("GET", search, params={"createdAfter": since, "lastUpdatedBefore": "2021-01-01T00:00:00Z"})
    assert mixed.status_code == 400
    too_recent = raw.call("GET", search, params={"lastUpdatedAfter": since, "lastUpdatedBefore": _iso(vclock.now())})
    assert too_recent.status_code == 400  # "at least two minutes before the time of the request"
    assert raw.call("GET", search, params={"lastUpdatedAfter": since, "maxResultsPerPage": "101"}).status_code == 400
    created = raw.call("GET", search, params={"createdAfter": since, "maxResultsPerPage": "5"}).json()
    assert "createdBefore" in created and "lastUpdatedBefore" not in created
    times = [o["createdTime"] for o in created["orders"]]
    assert times == sorted(times) and len(times) == 5
    oid = raw.order_id()
    raw.sim.request_cancellation(oid)  # (not a status change)
    raw.sim.ship_elsewhere(oid)
    shipped = raw.call(
        "GET",
        search,
        params={"lastUpdatedAfter": since, "fulfillmentStatuses": "SHIPPED", "includedData": "FULFILLMENT"},
    ).json()["orders"]
    assert [o["orderId"] for o in shipped] == [oid]
    # Pages: includedData may change between pages; a token lives 24 hours.
    first = raw.call("GET", search, params={"lastUpdatedAfter": since, "maxResultsPerPage": "2"}).json()
    token = first["pagination"]["nextToken"]
    second = raw.call("GET", search, params={"paginationToken": token, "includedData": "RECIPIENT"}).json()
    assert all("recipient" in o for o in second["orders"]) and "recipient" not in first["orders"][0]
    vclock.advance(86_401)
    raw = Raw(raw.sim)  # (a fresh access token: the old one lived an hour)
    later = raw.call("GET", search, params={"paginationToken": second["pagination"]["nextToken"]})
    assert later.status_code == 400


def _iso(moment: Any) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_carrier_other_needs_a_carrier_name(raw: Raw) -> None:
    oid = raw.order_id()
    order = raw.sim.world.orders[oid]
    detail = {
        "packageReferenceId": "3",
        "carrierCode": "Other",
        "trackingNumber": "RM123",
        "shipDate": "2026-11-02T10:00:00Z",
        "orderItems": [{"orderItemId": i.order_item_id, "quantity": i.quantity} for i in order.items],
    }
    path = f"/orders/v0/orders/{oid}/shipmentConfirmation"
    refused = raw.call("POST", path, json={"marketplaceId": "ATVPDKIKX0DER", "packageDetail": detail})
    assert refused.status_code == 400 and _first_error(refused)["code"] == "InvalidInput"
    named = {**detail, "carrierName": "Royal Mail", "shippingMethod": "Tracked 48"}
    assert raw.call("POST", path, json={"marketplaceId": "ATVPDKIKX0DER", "packageDetail": named}).status_code == 204


def test_shipping_business_must_match_the_sellers_marketplace(raw: Raw) -> None:
    oid = raw.order_id()
    rates = raw.rates(oid)
    for business in ("AmazonShipping_UK", None):  # None: the header absent means UK (model)
        body = {"requestToken": rates["requestToken"], "rateId": rates["rates"][0]["rateId"],
                "requestedDocumentSpecification": DOC_SPEC}  # fmt: skip
        headers = {"x-amz-access-token": raw.token, **({"x-amzn-shipping-business-id": business} if business else {})}
        resp = requests.post(raw.sim.base_url + "/shipping/v2/shipments", json=body, headers=headers, timeout=5)
        assert resp.status_code == 400 and _first_error(resp)["code"] == "InvalidRequest"
    assert raw.sim.shipments == {}


def test_rate_requiring_additional_inputs_is_not_bought_without_them(raw: Raw) -> None:
    raw.sim.additional_inputs_carriers = {"FEDEX"}
    rates = raw.rates(raw.order_id())
    needy = next(n for n, r in enumerate(rates["rates"]) if r["requiresAdditionalInputs"])
    assert rates["rates"][needy]["carrierId"] == "FEDEX"
    refused = raw.purchase(rates, "k-needy", rate=needy)
    assert refused.status_code == 400 and raw.sim.shipments == {}


# --- idempotency, request tokens, 429 --------------------------------------------------------------------
def test_same_key_same_body_returns_the_first_label(raw: Raw) -> None:
    rates = raw.rates(raw.order_id())
    first = raw.purchase(rates, "key-1")
    again = raw.purchase(rates, "key-1")
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json() and len(raw.sim.shipments) == 1


def test_same_key_different_body_is_refused(raw: Raw) -> None:
    rates = raw.rates(raw.order_id())
    assert raw.purchase(rates, "key-1", rate=0).status_code == 200
    resp = raw.purchase(rates, "key-1", rate=1)
    assert resp.status_code == 400 and _first_error(resp)["code"] == "InvalidRequest"
    assert len(raw.sim.shipments) == 1


def test_same_key_different_body_can_be_configured_to_replay(vclock: VirtualClock) -> None:
    with start_simulator(seed=2, clock=vclock, orders=5, idempotency_conflict="replay") as sim:
        raw = Raw(sim)
        rates = raw.rates(raw.order_id())
        first = raw.purchase(rates, "key-1", rate=0)
        other = raw.purchase(rates, "key-1", rate=1)
        assert other.status_code == 200 and other.json() == first.json() and len(sim.shipments) == 1


def test_stale_request_token_gets_token_expired(raw: Raw, vclock: VirtualClock) -> None:
    rates = raw.rates(raw.order_id())
    vclock.advance(601)  # rates are valid 10 minutes
    resp = raw.purchase(rates, "key-late")
    assert resp.status_code == 400 and _first_error(resp)["code"] == "TOKEN_EXPIRED"
    assert raw.sim.shipments == {}


def test_429_carries_no_rate_limit_header(raw: Raw) -> None:
    search = {"lastUpdatedAfter": "2020-01-01T00:00:00Z"}
    answers = [raw.call("GET", "/orders/2026-01-01/orders", params=search) for _ in range(21)]  # burst 20
    assert [a.status_code for a in answers].count(429) == 1 and answers[-1].status_code == 429
    assert "x-amzn-RateLimit-Limit" not in answers[-1].headers
    assert "x-amzn-RateLimit-Limit" in answers[0].headers
    assert _first_error(answers[-1]) == {
        "code": "QuotaExceeded",
        "message": "You exceeded your quota for the requested resource.",
    }
    raw.sim.faults.inject("throttle", operation="getRates")
    resp = raw.call("POST", "/shipping/v2/shipments/rates", json={})
    assert resp.status_code == 429 and "x-amzn-RateLimit-Limit" not in resp.headers
    assert _first_error(resp)["code"] == "TooManyRequests"


# --- applied, answer lost ---------------------------------------------------------------------------------
def test_purchase_applied_answer_lost_then_same_key_returns_it(raw: Raw) -> None:
    rates = raw.rates(raw.order_id())
    raw.sim.faults.inject("lost", operation="purchaseShipment")
    with pytest.raises(requests.ConnectionError):
        raw.purchase(rates, "key-lost")
    assert len(raw.sim.shipments) == 1  # it took effect
    assert raw.sim.calls_for("purchaseShipment")[0].fault == "lost"
    again = raw.purchase(rates, "key-lost")
    assert again.status_code == 200 and again.json()["payload"]["shipmentId"] in raw.sim.shipments
    assert len(raw.sim.shipments) == 1


def test_confirm_and_cancel_applied_answer_lost(raw: Raw) -> None:
    oid = raw.order_id()
    raw.sim.faults.inject("lost", operation="confirmShipment")
    with pytest.raises(requests.ConnectionError):
        raw.confirm(oid)
    assert len(raw.sim.confirmations) == 1
    again = raw.confirm(oid)  # the retry: Amazon has it already, and says so in its own words
    assert again.status_code == 400 and _first_error(again)["message"] == errors.CONFIRM_REFUSED
    bought = raw.purchase(raw.rates(raw.order_id()), "k").json()["payload"]["shipmentId"]
    raw.sim.faults.inject("lost", operation="cancelShipment")
    with pytest.raises(requests.ConnectionError):
        raw.call("PUT", f"/shipping/v2/shipments/{bought}/cancel")
    assert raw.sim.shipments[bought]["cancelled"] is True
    retry = raw.call("PUT", f"/shipping/v2/shipments/{bought}/cancel")
    assert retry.status_code == 400 and "already" not in json.dumps(retry.json()).lower()


def test_lost_answers_are_seeded_by_the_fault_spec(vclock: VirtualClock) -> None:
    def lost_calls(seed: int) -> list[int]:
        with start_simulator(seed=seed, clock=vclock, orders=3, faults="lost.purchaseShipment=0.5") as sim:
            raw = Raw(sim)
            rates = raw.rates(raw.order_id())
            for n in range(12):
                with contextlib.suppress(requests.ConnectionError):
                    raw.purchase(rates, f"k{n}")
            return [n for n, c in enumerate(sim.calls_for("purchaseShipment")) if c.fault == "lost"]

    first = lost_calls(5)
    assert first == lost_calls(5) and 0 < len(first) < 12
    assert lost_calls(6) != first
    assert FaultPlan.parse("lost=0.1").lost == dict.fromkeys(
        ("purchaseShipment", "confirmShipment", "cancelShipment"), 0.1
    )


# --- what the world does by itself ------------------------------------------------------------------------
def test_buyer_cancellation_request_appears_at_its_time(raw: Raw, vclock: VirtualClock) -> None:
    oid = raw.order_id()
    raw.sim.request_cancellation(oid, reason="Found a better price", after_s=120)
    path, params = f"/orders/2026-01-01/orders/{oid}", {"includedData": "CANCELLATION,FULFILLMENT"}
    before = raw.call("GET", path, params=params).json()["order"]
    assert all("cancellation" not in item for item in before["orderItems"])
    vclock.advance(121)
    after = raw.call("GET", path, params=params).json()
    request = after["order"]["orderItems"][0]["cancellation"]["cancellationRequest"]
    assert request == {"requester": "BUYER", "cancelReason": "Found a better price"}
    assert after["order"]["lastUpdatedTime"] > before["lastUpdatedTime"]
    assert after["order"]["fulfillment"]["fulfillmentStatus"] == "UNSHIPPED"  # a request, not a cancellation
    assert ModelBook(MODELS).validate_response("getOrder", 200, after) == []


def test_partial_shipment_reports_partially_shipped_with_quantities(raw: Raw) -> None:
    oid = raw.order_id(min_units=2)
    order = raw.sim.world.orders[oid]
    first = order.items[0]
    raw.sim.ship_elsewhere(oid, {first.order_item_id: 1})
    body = raw.call("GET", f"/orders/2026-01-01/orders/{oid}", params={"includedData": "FULFILLMENT,PACKAGES"}).json()
    assert body["order"]["fulfillment"]["fulfillmentStatus"] == "PARTIALLY_SHIPPED"
    item = next(i for i in body["order"]["orderItems"] if i["orderItemId"] == first.order_item_id)
    assert item["fulfillment"] == {"quantityFulfilled": 1, "quantityUnfulfilled": first.quantity - 1}
    assert body["order"]["packages"][0]["packageItems"] == [{"orderItemId": first.order_item_id, "quantity": 1}]
    assert ModelBook(MODELS).validate_response("getOrder", 200, body) == []
    # Confirming the rest completes it; confirming more than is left is refused in Amazon's words.
    rest = {i.order_item_id: i.quantity - (1 if i is first else 0) for i in order.items}
    over = raw.confirm(oid, "7", {first.order_item_id: first.quantity})
    assert over.status_code == 400 and _first_error(over)["message"] == errors.CONFIRM_REFUSED
    assert raw.confirm(oid, "8", {k: v for k, v in rest.items() if v}).status_code == 204
    done = raw.call("GET", f"/orders/2026-01-01/orders/{oid}", params={"includedData": "FULFILLMENT"}).json()
    assert done["order"]["fulfillment"]["fulfillmentStatus"] == "SHIPPED"


def test_seeded_world_raises_requests_and_partial_shipments_at_the_same_times() -> None:
    start = VirtualClock().now()

    def world(seed: int, rate: float) -> tuple[list[str], list[tuple[str, str, str]]]:
        with start_simulator(
            seed=seed, clock=VirtualClock(start), orders=40, cancel_request_rate=rate, partial_ship_rate=rate
        ) as sim:
            later = sorted(
                (o.order_id, kind, when.isoformat())
                for o in sim.world.orders.values()
                for when, kind, _data in o.events
                if kind in ("cancel_request", "ship")
            )
            return sorted(sim.world.orders), later

    ids, first = world(9, 0.5)
    assert (ids, first) == world(9, 0.5)
    assert {k for _o, k, _w in first} == {"cancel_request", "ship"}
    # The new events draw from their own generator: the seeded orders themselves do not move.
    assert world(9, 0.0) == (ids, [])


# --- published wording, and the answers validate ------------------------------------------------------
def test_error_bodies_validate_against_the_models(raw: Raw) -> None:
    book = ModelBook(MODELS)
    oid = raw.order_id()
    assert raw.confirm(oid).status_code == 204
    dup = raw.confirm(oid)
    assert book.validate_response("confirmShipment", 400, dup.json()) == []
    rates_400 = raw.call("POST", "/shipping/v2/shipments/rates", json={"shipFrom": SHIP_FROM})
    assert book.validate_response("getRates", 400, rates_400.json()) == []
    missing = raw.call("GET", "/shipping/v2/shipments/nope/documents", params={"packageClientReferenceId": "x"})
    assert missing.status_code == 404 and book.validate_response("getShipmentDocuments", 404, missing.json()) == []


def test_every_answer_of_a_busy_session_validates_against_the_models(env: Env, tmp_path: Path) -> None:
    """A pull, labels, documents, voids, confirmations, refusals, 429s and 503s: every JSON answer the
    simulator gave matches the model's schema for that status."""
    sim, raw = env.sim, Raw(env.sim)
    for seller_id in env.seller_ids:  # searchOrders pages and their answers, as the hub's pull reads them
        token = ""
        while True:
            token = env.search_orders(seller_id, "2020-01-01T00:00:00Z", token).next_token
            if not token:
                break
    oid, partial = raw.order_id(), raw.order_id(min_units=3)
    sim.request_cancellation(oid)
    sim.ship_elsewhere(partial, {sim.world.orders[partial].items[0].order_item_id: 1})
    for order_id in (oid, partial):
        raw.call(
            "GET",
            f"/orders/2026-01-01/orders/{order_id}",
            params={"includedData": "CANCELLATION,FULFILLMENT,PACKAGES,RECIPIENT"},
        )
    rates = raw.rates(oid)
    shipment = raw.purchase(rates, "k1").json()["payload"]["shipmentId"]
    raw.purchase(rates, "k1", rate=1)  # key conflict
    raw.call("GET", f"/shipping/v2/shipments/{shipment}/documents", params={"packageClientReferenceId": oid})
    raw.call("PUT", f"/shipping/v2/shipments/{shipment}/cancel")
    raw.call("PUT", f"/shipping/v2/shipments/{shipment}/cancel")  # already void
    raw.confirm(oid)
    raw.confirm(oid)  # refused
    raw.call("GET", "/sellers/v1/marketplaceParticipations")
    sim.faults.inject("5xx", operation="getRates")
    raw.call("POST", "/shipping/v2/shipments/rates", json={})
    for _ in range(21):  # burst 20, then 429s
        raw.call("GET", "/orders/2026-01-01/orders", params={"lastUpdatedAfter": "2020-01-01T00:00:00Z"})
    book = ModelBook(MODELS)
    checked = set()
    for call in sim.calls:
        if call.operation in book.specs and call.answer is not None:
            assert book.validate_response(call.operation, call.status, call.answer) == [], (call.operation, call.status)
            checked.add((call.operation, call.status))
    assert {("searchOrders", 200), ("getOrder", 200), ("getRates", 200), ("purchaseShipment", 200),
            ("purchaseShipment", 400), ("getShipmentDocuments", 200), ("cancelShipment", 200),
            ("cancelShipment", 400), ("confirmShipment", 400), ("getMarketplaceParticipations", 200),
            ("getRates", 503), ("searchOrders", 429)} <= checked  # fmt: skip


def test_simulator_wording_is_published_wording() -> None:
    """Every fixed message the simulator uses appears in the models' examples or Amazon's quoted answers."""
    published = set()
    for name in ("ordersV0.json", "shippingV2.json", "orders_2026-01-01.json", "sellers.json"):
        text = (MODELS / name).read_text()  # type: ignore[operator]
        published |= {m.replace("\\'", "'") for m in re.findall(r'"message"\s*:\s*"([^"]+)"', text)}
    quoted = {  # Amazon answers quoted verbatim in SP-API issue threads and docs (see errors.py)
        errors.CONFIRM_REFUSED,
        errors.BAD_PACKAGE_REF,
        errors.BAD_ORDER_ITEM,
        "You exceeded your quota for the requested resource.",
        "Access to requested resource is denied.",
    }
    used = {
        errors.invalid("getRates")["errors"][0]["message"],
        errors.invalid("confirmShipment")["errors"][0]["message"],
        errors.throttled("getRates")["errors"][0]["message"],
        errors.denied("getRates")["errors"][0]["message"],
        errors.not_found("cancelShipment")["errors"][0]["message"],
        errors.unavailable("purchaseShipment")["errors"][0]["message"],
        errors.throttled("searchOrders")["errors"][0]["message"],
        errors.denied("searchOrders")["errors"][0]["message"],
        errors.CONFIRM_REFUSED,
    }
    assert used <= published | quoted, used - published - quoted


# --- client bugs these expose (for the hub engine, issue 12) --------------------------------------------
def test_documents_need_the_package_reference_given_to_get_rates(raw: Raw) -> None:
    oid = raw.order_id()
    shipment = raw.purchase(raw.rates(oid), "k").json()["payload"]["shipmentId"]
    path = f"/shipping/v2/shipments/{shipment}/documents"
    assert raw.call("GET", path, params={"packageClientReferenceId": oid}).status_code == 200
    wrong = raw.call("GET", path, params={"packageClientReferenceId": shipment})
    assert wrong.status_code == 400 and _first_error(wrong)["code"] == "InvalidRequest"

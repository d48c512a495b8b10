"""Change detection for the two kinds the simulator on main cannot raise yet: a buyer cancellation request
(includedData CANCELLATION, requester=BUYER) and PARTIALLY_SHIPPED with quantityShipped honoured.

Model-shaped payloads (orders_2026-01-01.json) through the hub's store on both backends, and the same
against the simulator once it has the knobs (branch sim: request_cancellation, ship_elsewhere)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from hub.bootstrap import Hub
from hub.engine.pull import OrderChanges, store_order
from station.clock import VirtualClock, iso
from sync.simulator import Simulator, start_simulator
from tests.hub.simhub import attach, worker

MODELS = Path("/work/shared/spapi-models")
if not MODELS.exists():
    MODELS = Path(__file__).resolve().parents[3] / "shared" / "spapi-models"

ORDER: dict[str, Any] = {
    "orderId": "113-1234567-7654321",
    "createdTime": "2026-11-01T10:00:00Z",
    "lastUpdatedTime": "2026-11-01T10:00:00Z",
    "salesChannel": {"channelName": "AMAZON", "marketplaceId": "ATVPDKIKX0DER"},
    "orderItems": [
        {"orderItemId": "11111", "quantityOrdered": 3, "product": {"asin": "B0AAAAAAAA", "sellerSku": "SKU-A"},
         "fulfillment": {"quantityFulfilled": 0, "quantityUnfulfilled": 3}},
        {"orderItemId": "22222", "quantityOrdered": 1, "product": {"asin": "B0BBBBBBBB", "sellerSku": "SKU-B"},
         "fulfillment": {"quantityFulfilled": 0, "quantityUnfulfilled": 1}},
    ],
    "recipient": {"deliveryAddress": {"name": "Zed Buyer", "addressLine1": "1 Long Road", "city": "Reno",
                                      "stateOrRegion": "NV", "postalCode": "89501", "countryCode": "US"}},
    "fulfillment": {"fulfillmentStatus": "UNSHIPPED", "fulfilledBy": "MERCHANT"},
}  # fmt: skip


def _check_model(order: dict[str, Any]) -> None:
    """The payload is a valid Order of the model (so the test feeds what Amazon can send)."""
    model = json.loads((MODELS / "orders_2026-01-01.json").read_text())
    schema = {"$ref": "#/definitions/Order", "definitions": model["definitions"]}
    jsonschema.validate(order, schema)


def _later(order: dict[str, Any], minutes: int) -> dict[str, Any]:
    changed = copy.deepcopy(order)
    changed["lastUpdatedTime"] = f"2026-11-01T10:{minutes:02d}:00Z"
    return changed


def _kinds(hub: Hub) -> list[tuple[str, dict[str, Any]]]:
    return [(c["kind"], c["detail"]) for c in hub.orders.changes(0, 500).changes]


@pytest.fixture
def seller(hub: Hub) -> int:
    return hub.store.sellers.add("acme", iso(hub.clock.now()))


def _store(hub: Hub, seller: int, payload: dict[str, Any]) -> list[str] | None:
    _check_model(payload)
    return store_order(hub.store.pull, OrderChanges(hub.sealer), seller, "A1SELLER", payload, iso(hub.clock.now()))


def test_a_buyer_cancellation_request_is_one_event(hub: Hub, seller: int) -> None:
    _store(hub, seller, ORDER)
    asked = _later(ORDER, 5)
    for item in asked["orderItems"]:
        item["cancellation"] = {"cancellationRequest": {"requester": "BUYER", "cancelReason": "BUYER_CANCELED"}}
    assert _store(hub, seller, asked) == ["cancel_requested"]
    assert _store(hub, seller, _later(asked, 6)) == []  # still pending: not a second event
    assert _kinds(hub)[-1] == ("cancel_requested", {"reason": "BUYER_CANCELED", "requester": "BUYER"})


def test_a_seller_side_cancellation_request_is_not_the_buyers(hub: Hub, seller: int) -> None:
    _store(hub, seller, ORDER)
    other = _later(ORDER, 5)
    other["orderItems"][0]["cancellation"] = {"cancellationRequest": {"requester": "SYSTEM", "cancelReason": "X"}}
    assert _store(hub, seller, other) == []  # stored (newer view), but no buyer request to act on


def test_partial_shipment_records_shipped_units_per_item(hub: Hub, seller: int) -> None:
    _store(hub, seller, ORDER)
    partial = _later(ORDER, 5)
    partial["fulfillment"]["fulfillmentStatus"] = "PARTIALLY_SHIPPED"
    partial["orderItems"][0]["fulfillment"] = {"quantityFulfilled": 2, "quantityUnfulfilled": 1}
    assert _store(hub, seller, partial) == ["partially_shipped"]
    _kind, detail = _kinds(hub)[-1]
    assert detail["items"] == [
        {"order_item_id": "11111", "quantity": 3, "quantity_shipped": 2},
        {"order_item_id": "22222", "quantity": 1, "quantity_shipped": 0},
    ]
    # A later view that forgets the shipped units never brings them back to be boxed again.
    forgetful = _later(partial, 7)
    forgetful["orderItems"][0]["fulfillment"] = {"quantityFulfilled": 0, "quantityUnfulfilled": 3}
    _store(hub, seller, forgetful)
    (change,) = [c for c in hub.orders.changes(0, 500).changes if c["kind"] == "partially_shipped"]
    latest = hub.orders.changes(0, 500).changes[-1]
    assert latest["lines"][0]["quantity_shipped"] == 2 and change["lines"][0]["quantity_shipped"] == 2


def test_shipped_by_us_is_not_shipped_elsewhere(hub: Hub, seller: int) -> None:
    _store(hub, seller, ORDER)
    (change,) = hub.orders.changes(0, 500).changes
    hub.store.pull.mark_shipped_here(change["order_id"], iso(hub.clock.now()))
    shipped = _later(ORDER, 9)
    shipped["fulfillment"]["fulfillmentStatus"] = "SHIPPED"
    assert _store(hub, seller, shipped) == ["updated"]


def test_an_older_view_never_overwrites_a_newer_one(hub: Hub, seller: int) -> None:
    cancelled = _later(ORDER, 30)
    cancelled["fulfillment"]["fulfillmentStatus"] = "CANCELLED"
    _store(hub, seller, cancelled)
    assert _store(hub, seller, ORDER) == []  # a late getOrder with the older lastUpdatedTime
    assert hub.orders.changes(0, 500).changes[-1]["status"] == "CANCELLED"


# -- against the simulator, once it raises these (branch sim) ------------------------------------------
@pytest.fixture
def sim(clock: VirtualClock) -> Iterator[Simulator]:
    if not hasattr(Simulator, "request_cancellation"):
        pytest.skip("the simulator on this branch cannot raise cancellation requests or partial shipments yet")
    found = start_simulator(seed=12, clock=clock, sellers=1, orders=6, cancel_rate=0, address_change_rate=0,
                            afn_rate=0)  # fmt: skip
    yield found
    found.stop()


def test_the_simulators_cancellation_request_and_partial_shipment(hub: Hub, sim: Simulator) -> None:
    attach(hub, sim)
    pulls = worker(hub, holder="A", interval_s=0)
    pulls.run_once()
    ids = sorted(sim.order_ids())
    multi = [o for o in ids if sum(i.quantity for i in sim.world.orders[o].items) >= 2]
    assert multi, "the seed has an order of two or more units"
    split = multi[0]
    asked = next(o for o in ids if o != split)
    sim.request_cancellation(asked)  # type: ignore[attr-defined]
    item = sim.world.orders[split].items[0]
    sim.ship_elsewhere(split, {item.order_item_id: 1})  # type: ignore[attr-defined]
    hub.clock.sleep(1)
    pulls.run_once()
    changes = hub.orders.changes(0, 500).changes
    assert [c["kind"] for c in changes if c["amazon_order_id"] == asked] == ["new", "cancel_requested"]
    (partial,) = [c for c in changes if c["amazon_order_id"] == split and c["kind"] == "partially_shipped"]
    (line,) = [ln for ln in partial["lines"] if ln["order_item_id"] == item.order_item_id]
    assert line["quantity_shipped"] == 1

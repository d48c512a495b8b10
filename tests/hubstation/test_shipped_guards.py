"""An order shipped by a label whose answer was lost (issue 13). Found by tests.bench.soak_warehouse: a station's
purchase went through at the hub but the answer never came back; the station parked the box; the hub's pull
saw the order shipped; the station took that for "shipped elsewhere" and dropped the box (never printed); its
claim lapsed; another station claimed the shipped order and the hub sold it a second label.

- the station: "shipped" for an order whose box of ours is being labelled is our own label (the parked box
  is bought again with the same key, which returns the same label to print), not shipped elsewhere;
- the hub: a shipped or cancelled order cannot be claimed, and no new label is bought for a shipped order."""

from __future__ import annotations

import pytest

from hub.bootstrap import Hub
from hub.services.people import Actor
from station.clock import VirtualClock
from station.domain import OrderStatus, Role
from station.errors import Conflict
from tests.hubstation.test_hub_sync import BUYER, LINES, Joined, _hub_orders, two  # noqa: F401  (the fixture)


def _seller(joined: Joined, order_id: str) -> int:
    return int(joined.crew.station.store.orders.get(order_id).seller_id.removeprefix("hub-"))


def test_shipped_while_our_box_is_being_labelled_is_our_own_label(
    hub: Hub,
    hub_clock: VirtualClock,
    two: tuple[Joined, Joined],  # noqa: F811
) -> None:
    one, _other = two
    (order_id,) = _hub_orders(hub, hub_clock, 1)
    one.sync.pull()
    store = one.crew.station.store
    store.packages.create(order_id, 1, [("1", 1)], weight_lb=1.0, dims_in=(10, 8, 4), idempotency_key="k-1",
                          status="purchasing", now="t", by="pat")  # fmt: skip
    store.orders.set_status(order_id, OrderStatus.AWAITING_LABEL, now="t")  # parked: the answer was lost
    heard: list[str] = []
    one.crew.station.bus.subscribe("order.shipped_elsewhere", lambda event: heard.append(event.topic))
    hub.orders.store_order(_seller(one, order_id), order_id, status="Shipped", lines=LINES)
    one.sync.pull()
    assert store.orders.status(order_id) == OrderStatus.AWAITING_LABEL  # still to buy (again) and print
    assert one.crew.station.shipping.parked_orders() == [order_id] and not heard


def test_a_shipped_or_cancelled_order_cannot_be_claimed(
    hub: Hub,
    hub_clock: VirtualClock,
    two: tuple[Joined, Joined],  # noqa: F811
) -> None:
    one, other = two
    shipped, cancelled = _hub_orders(hub, hub_clock, 2)
    one.sync.pull()
    other.sync.pull()
    hub.orders.store_order(_seller(one, shipped), shipped, status="Shipped", lines=LINES)
    hub.orders.store_order(_seller(one, cancelled), cancelled, status="Canceled", lines=LINES)
    station = hub.store.stations.by_name(other.name)
    for order_id in (shipped, cancelled):  # the other station has not heard yet: its cache says unshipped
        with pytest.raises(Conflict, match="shipped or was cancelled"):
            hub.claims.claim(Actor(f"pat-{other.name}", Role.PACKER, station=other.name), station,
                             other.sync.hub_id(order_id))  # fmt: skip
        assert hub.claims.holder(other.sync.hub_id(order_id)) is None


def test_no_new_label_for_a_shipped_order(hub: Hub, hub_clock: VirtualClock) -> None:
    (order_id,) = _hub_orders(hub, hub_clock, 1)
    seller = hub.store.sellers.list()[0].seller_id
    assert hub.orders.recipient(seller, order_id) is not None  # the label ledger rates a new box with it
    hub.orders.store_order(seller, order_id, status="Shipped", lines=LINES, buyer=BUYER)
    with pytest.raises(Conflict, match="shipped"):
        hub.orders.recipient(seller, order_id)

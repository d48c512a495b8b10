"""The void flow stays until a lead ends it (issue 13): an order cancelled after its label was bought is in
the lead's exception queue ('pull the box and void its label'); a later change that still says cancelled
(the hub records the cancellation, then the order's next update) must not turn it into a plain cancelled
order, which would drop the box to pull from the lead's queue. Found by tests.bench.soak_warehouse: a label
bought for an order cancelled upstream, the void flow started, and the next change erased it."""

from __future__ import annotations

from hub.bootstrap import Hub
from station.clock import VirtualClock
from station.domain import OrderStatus
from tests.hubstation.test_hub_sync import LINES, Joined, _hub_orders, two  # noqa: F401  (the fixture)


def test_a_repeated_cancellation_keeps_the_box_to_pull_in_the_leads_queue(
    hub: Hub,
    hub_clock: VirtualClock,
    two: tuple[Joined, Joined],  # noqa: F811
) -> None:
    one, _other = two
    (order_id,) = _hub_orders(hub, hub_clock, 1)
    one.sync.pull()
    store = one.crew.station.store
    package = store.packages.create(order_id, 1, [("1", 1)], weight_lb=1.0, dims_in=(10, 8, 4),
                                    idempotency_key="k-1", status="labelled", now="t", by="pat")  # fmt: skip
    assert package
    store.orders.set_status(order_id, OrderStatus.SHIPPED, now="t")  # its label was bought here
    seller = int(store.orders.get(order_id).seller_id.removeprefix("hub-"))
    hub.orders.store_order(seller, order_id, status="Canceled", lines=LINES)
    one.sync.pull()
    assert store.orders.status(order_id) == OrderStatus.EXCEPTION
    # The hub's next update of the cancelled order (its lines, a later upstream stamp) reaches the station.
    hub.orders.store_order(seller, order_id, status="Canceled",
                           lines=[{**LINES[0], "quantity_shipped": 1}])  # fmt: skip
    one.sync.pull()
    assert store.orders.status(order_id) == OrderStatus.EXCEPTION
    assert "pull the box" in (store.orders.exception_reason(order_id) or "")
    alerts = store.audit_rows.search(action="order.cancelled_after_label", severity="alert")
    assert [a.target for a in alerts] == [order_id]  # one alert, not one per change

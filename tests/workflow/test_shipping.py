"""Boxes, rates, labels bought exactly once through the hub, the outbox for external labels and voids, offline
parking (the hub out of reach)."""

from __future__ import annotations

import pytest

from station.domain import OrderStatus
from station.errors import Conflict, PermissionDenied, UpstreamError, UsageError
from station.services.shipping import BoxInput
from tests.workflow.conftest import Bench
from tests.workflow.test_pack import first_order, scan_all


class RecordingPrinter:
    """A LabelPrinter double that keeps every job."""

    name = "recording"
    dpi = 203

    def __init__(self) -> None:
        self.jobs: list[tuple[bytes, str]] = []

    def print_label(self, data: bytes, *, fmt: str, size: str = "4x6") -> None:
        self.jobs.append((data, fmt))

    def status(self) -> str:
        return "ready"


def packed_order(bench: Bench, boxes: int = 1) -> tuple[str, list[int]]:
    order_id = first_order(bench, min_units=boxes)
    bench.station.pack.open_order(bench.packer, order_id)
    scan_all(bench, order_id)
    order = bench.station.store.orders.get(order_id)
    assert order is not None
    units = [(i.order_item_id, 1) for i in order.items for _ in range(i.quantity)]
    split: list[dict[str, int]] = [{} for _ in range(boxes)]
    for n, (item_id, qty) in enumerate(units):
        split[n % boxes][item_id] = split[n % boxes].get(item_id, 0) + qty
    inputs = [BoxInput(tuple(b.items()), 1.2, 12, 10, 6) for b in split]
    return order_id, bench.station.shipping.create_boxes(bench.packer, order_id, inputs)


def test_rates_keep_the_promise_cheapest_first(bench: Bench) -> None:
    order_id, (package_id,) = packed_order(bench)
    choices = bench.station.shipping.rates(bench.packer, order_id, package_id)
    assert choices
    keeping = [c for c in choices if c.keeps_promise]
    assert choices[: len(keeping)] == keeping
    amounts = [c.rate.amount for c in keeping]
    assert amounts == sorted(amounts)


def test_purchase_prints_ships_and_is_recorded_once(bench: Bench) -> None:
    order_id, (package_id,) = packed_order(bench)
    printer = RecordingPrinter()
    rate = bench.station.shipping.rates(bench.packer, order_id, package_id)[0].rate
    label = bench.station.shipping.buy_label(bench.packer, order_id, package_id, rate)
    bench.station.shipping.print_label(bench.packer, package_id, printer)
    assert printer.jobs == [(label.label_bytes, label.label_format)]
    assert bench.station.store.orders.status(order_id) == OrderStatus.SHIPPED
    assert bench.station.store.orders.holder(order_id) is None
    purchases = bench.sim.calls_for("purchaseShipment", status=200)
    assert len(purchases) == 1
    with pytest.raises(Conflict):
        bench.station.shipping.buy_label(bench.packer, order_id, package_id, rate)
    assert len(bench.sim.calls_for("purchaseShipment")) == 1
    # A label purchased through Buy Shipping confirms itself: nothing goes to the outbox.
    assert bench.station.store.outbox.depth() == 0


def test_a_retry_after_a_lost_answer_buys_nothing_twice(bench: Bench) -> None:
    """The answer to a purchase is lost (crash or dropped connection): the retry reuses the box's key."""
    order_id, (package_id,) = packed_order(bench)
    package = bench.station.store.packages.get(package_id)
    assert package is not None and package.idempotency_key
    rate = bench.station.shipping.rates(bench.packer, order_id, package_id)[0].rate
    first = bench.station.shipping.marketplace.purchase_shipment(  # type: ignore[union-attr]
        package.order_id and bench.station.store.orders.get(order_id).seller_id,  # type: ignore[union-attr]
        rate, idempotency_key=package.idempotency_key, label_format="ZPL",
    )  # fmt: skip
    label = bench.station.shipping.buy_label(bench.packer, order_id, package_id, rate)
    assert label.shipment_id == first.shipment_id
    assert len(bench.sim.shipments) == 1


def test_several_boxes_get_one_label_each(bench: Bench) -> None:
    order_id, package_ids = packed_order(bench, boxes=2)
    assert len(package_ids) == 2
    for package_id in package_ids:
        rate = bench.station.shipping.rates(bench.packer, order_id, package_id)[0].rate
        bench.station.shipping.buy_label(bench.packer, order_id, package_id, rate)
    assert bench.station.store.orders.status(order_id) == OrderStatus.SHIPPED
    assert len({p.tracking for p in bench.station.store.packages.for_order(order_id)}) == 2


def test_every_unit_must_be_boxed(bench: Bench) -> None:
    order_id = first_order(bench)
    bench.station.pack.open_order(bench.packer, order_id)
    with pytest.raises(UsageError, match="exactly one box"):
        bench.station.shipping.create_boxes(bench.packer, order_id, [BoxInput((), 1.0, 10, 10, 10)])
    with pytest.raises(UsageError):
        bench.station.shipping.create_boxes(bench.packer, order_id, [BoxInput((), -1.0, 10, 10, 10)])


def test_weight_check_against_the_catalogue(bench: Bench) -> None:
    order_id = first_order(bench)
    order = bench.station.store.orders.get(order_id)
    assert order is not None
    items = [(i.order_item_id, i.quantity) for i in order.items]
    expected = 0.5 * sum(q for _, q in items) + 0.6
    assert bench.station.shipping.check_weight(order, items, expected, tare_lb=0.6).ok
    assert not bench.station.shipping.check_weight(order, items, expected * 2 + 1, tare_lb=0.6).ok


def test_external_label_confirms_through_the_hub_exactly_once(bench: Bench) -> None:
    """A label bought elsewhere is confirmed through the hub's outbox (POST /v1/confirmations), never by the
    station itself: one confirmShipment at Amazon, however often the station syncs."""
    order_id, (package_id,) = packed_order(bench)
    bench.station.shipping.ship_external(
        bench.packer, order_id, package_id, carrier="UPS", service="Ground", tracking="1Z999AA10123456784"
    )
    assert bench.station.store.orders.status(order_id) == OrderStatus.SHIPPED
    for _ in range(2):
        bench.sync()
        bench.hub.hub.confirmations.run_once()
    assert bench.station.store.outbox.depth() == 0
    assert len(bench.sim.calls_for("confirmShipment", status=204)) == 1


def test_void_is_for_leads_and_cancels_the_label_at_amazon_through_the_hub(bench: Bench) -> None:
    order_id, (package_id,) = packed_order(bench)
    rate = bench.station.shipping.rates(bench.packer, order_id, package_id)[0].rate
    bench.station.shipping.buy_label(bench.packer, order_id, package_id, rate)
    with pytest.raises(PermissionDenied):
        bench.station.shipping.void_label(bench.packer, package_id, "wrong box")
    lead = bench.login("lead1")  # the lead at the keyboard: the void is sent under their hub session
    bench.station.shipping.void_label(lead, package_id, "wrong box size")
    assert bench.station.store.orders.status(order_id) == OrderStatus.UNSHIPPED
    bench.sync()
    assert bench.station.store.outbox.depth() == 0
    assert len(bench.sim.calls_for("cancelShipment", status=200)) == 1


def test_offline_orders_are_parked_then_labelled_as_a_batch(bench: Bench) -> None:
    order_id, (package_id,) = packed_order(bench)
    bench.hub.cut()  # the station loses the hub; it still rates by rule (no network on the way)
    rate = bench.station.shipping.rates(bench.packer, order_id, package_id)[0].rate
    with pytest.raises(UpstreamError) as caught:
        bench.station.shipping.buy_label(bench.packer, order_id, package_id, rate)
    assert caught.value.retryable
    bench.station.shipping.park(bench.packer, order_id)
    assert bench.station.store.orders.status(order_id) == OrderStatus.AWAITING_LABEL
    assert bench.station.shipping.parked_orders() == [order_id]
    offline = bench.station.shipping.buy_parked(bench.packer)
    assert offline.bought == [] and offline.failed
    bench.hub.restore()
    bench.clock.advance(60)
    result = bench.station.shipping.buy_parked(bench.packer)
    assert result.bought == [(order_id, package_id)]
    assert bench.station.store.orders.status(order_id) == OrderStatus.SHIPPED
    assert len(bench.sim.calls_for("purchaseShipment", status=200)) == 1


def test_manifest_groups_boxes_by_carrier_without_pii(bench: Bench) -> None:
    order_id, (package_id,) = packed_order(bench)
    rate = bench.station.shipping.rates(bench.packer, order_id, package_id)[0].rate
    bench.station.shipping.buy_label(bench.packer, order_id, package_id, rate)
    with pytest.raises(PermissionDenied):
        bench.station.shipping.manifest(bench.packer, "", "9999")
    manifest = bench.station.shipping.manifest(bench.lead, "", "9999")
    rows = [p for packages in manifest.values() for p in packages]
    assert [p.order_id for p in rows] == [order_id]
    assert rows[0].tracking


def test_rates_need_the_warehouse_address(bench: Bench) -> None:
    order_id, (package_id,) = packed_order(bench)
    bench.station.store.settings.set("ship_from", {}, now="", by="system")
    with pytest.raises(UsageError, match="ship-from"):
        bench.station.shipping.rates(bench.packer, order_id, package_id)
    assert bench.sim.calls_for("getRates") == []


def test_a_box_labelled_before_a_restart_is_reused_not_bought_again(bench: Bench) -> None:
    from ui.label_ops import buy_all

    order_id, (package_id,) = packed_order(bench)
    choice = bench.station.shipping.rates(bench.packer, order_id, package_id)[0]
    first = bench.station.shipping.buy_label(bench.packer, order_id, package_id, choice.rate)
    again = buy_all(bench.station, bench.packer, order_id, [package_id], choice)
    assert again.labels[0][1].tracking_id == first.tracking_id
    assert again.labels[0][1].label_bytes == first.label_bytes
    assert len(bench.sim.calls_for("purchaseShipment")) == 1


def test_an_unknown_setting_is_a_usage_error(bench: Bench) -> None:
    with pytest.raises(UsageError, match="Unknown setting"):
        bench.station.change_setting(bench.admin, "colour_scheme", "pink")


@pytest.mark.parametrize(
    ("key", "value"),
    [("retention_days", 31), ("idle_lock_minutes", 0), ("shift_start", "25:00"), ("timezone", "Mars/Olympus"),
     ("weight_tolerance_pct", "ten"), ("label_format", "GIF"), ("printer", "usb")],
)  # fmt: skip
def test_settings_are_checked_before_they_are_stored(bench: Bench, key: str, value: object) -> None:
    before = bench.station.store.settings.get(key)
    with pytest.raises(UsageError):
        bench.station.change_setting(bench.admin, key, value)
    assert bench.station.store.settings.get(key) == before

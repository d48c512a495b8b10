"""Pack workflow: every scan verified and recorded; holds, exceptions and cancellations."""

from __future__ import annotations

import pytest

from station.domain import OrderStatus
from station.errors import Conflict, NotFound, PermissionDenied, UsageError
from station.services.pack import OrderCancelled, ScanOutcome
from tests.workflow.conftest import Bench


def first_order(bench: Bench, *, min_units: int = 1) -> str:
    for order_id in bench.open_orders():
        order = bench.station.store.orders.get(order_id)
        assert order is not None
        if sum(i.quantity for i in order.items) >= min_units and not any(i.serial_required for i in order.items):
            return order_id
    pytest.skip("no suitable order in the seeded data")


def scan_all(bench: Bench, order_id: str) -> list[ScanOutcome]:
    order = bench.station.store.orders.get(order_id)
    assert order is not None
    outcomes = []
    for item in order.items:
        for _ in range(item.quantity):
            outcomes.append(
                bench.station.pack.scan(bench.packer, order_id, bench.upc_of(order.seller_id, item.sku)).outcome
            )
    return outcomes


def test_right_items_complete_the_order_and_every_scan_is_recorded(bench: Bench) -> None:
    order_id = first_order(bench, min_units=2)
    state = bench.station.pack.open_order(bench.packer, order_id)
    assert state.units_scanned == 0 and state.units_expected >= 2
    outcomes = scan_all(bench, order_id)
    assert outcomes[-1] == ScanOutcome.COMPLETE
    assert set(outcomes[:-1]) <= {ScanOutcome.GOOD}
    assert bench.station.pack.state(order_id).complete
    events = bench.station.store.pack_events.for_order(order_id)
    assert len(events) == len(outcomes)
    assert all(e[1] == "bob" for e in events)


def test_wrong_item_and_garbage_are_refused_and_recorded(bench: Bench) -> None:
    order_id = first_order(bench)
    bench.station.pack.open_order(bench.packer, order_id)
    wrong = bench.station.pack.scan(bench.packer, order_id, "036000291452")
    assert wrong.outcome == ScanOutcome.WRONG_ITEM
    assert "expected" in wrong.message
    garbage = bench.station.pack.scan(bench.packer, order_id, "\x00\x1b[31m" + "9" * 500)
    assert garbage.outcome == ScanOutcome.UNKNOWN
    assert garbage.state.units_scanned == 0
    assert [e[3] for e in bench.station.store.pack_events.for_order(order_id)] == ["wrong_item", "unknown"]


def test_over_scan_does_not_count(bench: Bench) -> None:
    order_id = first_order(bench)
    order = bench.station.store.orders.get(order_id)
    assert order is not None
    bench.station.pack.open_order(bench.packer, order_id)
    item = order.items[0]
    code = bench.upc_of(order.seller_id, item.sku)
    for _ in range(item.quantity):
        bench.station.pack.scan(bench.packer, order_id, code)
    extra = bench.station.pack.scan(bench.packer, order_id, code)
    assert extra.outcome == ScanOutcome.OVER_SCAN
    assert extra.state.lines[0].scanned == item.quantity


def test_case_pack_counts_its_multiplier_and_quantity_entry_counts_many(bench: Bench) -> None:
    order_id = next(
        (o for o in bench.open_orders() if (bench.station.store.orders.get(o).items[0].quantity >= 3)),  # type: ignore[union-attr]
        None,
    )
    if order_id is None:
        pytest.skip("no order with a line of 3+ units")
    order = bench.station.store.orders.get(order_id)
    assert order is not None
    item = order.items[0]
    bench.station.pack.open_order(bench.packer, order_id)
    case_code = "1" + bench.upc_of(order.seller_id, item.sku)[:-1] + "9"  # seeded with multiplier 2
    assert [m.multiplier for m in bench.station.store.products.resolve(case_code, order.seller_id)] == [2]
    result = bench.station.pack.scan(bench.packer, order_id, case_code)
    assert result.outcome in (ScanOutcome.GOOD, ScanOutcome.COMPLETE)
    assert result.state.lines[0].scanned == 2
    if item.quantity > 2:
        more = bench.station.pack.add_units(bench.packer, order_id, item.order_item_id, item.quantity - 2)
        assert more.state.lines[0].scanned == item.quantity
    with pytest.raises(UsageError):
        bench.station.pack.add_units(bench.packer, order_id, item.order_item_id, 0)


def test_serial_numbers_are_captured_once_per_unit(bench: Bench) -> None:
    order_id = first_order(bench)
    order = bench.station.store.orders.get(order_id)
    assert order is not None
    bench.station.pack.open_order(bench.packer, order_id)  # the claim's pull refreshes the lines from the hub
    bench.station.store.db.execute(
        "UPDATE order_items SET serial_required = 1, quantity = 2 WHERE order_id = ? AND order_item_id = ?",
        (order_id, order.items[0].order_item_id),
    )
    code = bench.upc_of(order.seller_id, order.items[0].sku)
    ask = bench.station.pack.scan(bench.packer, order_id, code)
    assert ask.outcome == ScanOutcome.NEEDS_SERIAL and ask.state.lines[0].scanned == 0
    item_id = order.items[0].order_item_id
    assert bench.station.pack.capture_serial(bench.packer, order_id, item_id, "SN-001").state.lines[0].scanned == 1
    again = bench.station.pack.capture_serial(bench.packer, order_id, item_id, "SN-001")
    assert again.outcome == ScanOutcome.OVER_SCAN and again.state.lines[0].scanned == 1
    assert bench.station.pack.capture_serial(bench.packer, order_id, item_id, "SN-002").state.lines[0].serials == (
        "SN-001",
        "SN-002",
    )


def test_an_opened_order_is_held_by_its_packer(bench: Bench) -> None:
    order_id = first_order(bench)
    bench.station.pack.open_order(bench.packer, order_id)
    with pytest.raises(Conflict, match="bob"):
        bench.station.pack.open_order(bench.other_packer, order_id)
    with pytest.raises(Conflict):
        bench.station.pack.scan(bench.other_packer, order_id, "012345678905")
    bench.station.pack.release(bench.packer, order_id)
    assert bench.station.pack.open_order(bench.other_packer, order_id).held_by == "amy"


def test_next_order_takes_the_most_urgent_free_order(bench: Bench) -> None:
    queue = bench.station.store.orders.queue(statuses=("unshipped",))
    state = bench.station.pack.next_order(bench.packer)
    assert state.order.order_id == queue[0].order_id
    second = bench.station.pack.next_order(bench.other_packer)
    assert second.order.order_id != state.order.order_id
    with pytest.raises(NotFound):
        bench.station.pack.open_order(bench.packer, "999-0000000-0000000")


def test_cancellation_upstream_stops_the_packer(bench: Bench) -> None:
    order_id = first_order(bench)
    order = bench.station.store.orders.get(order_id)
    assert order is not None
    bench.station.pack.open_order(bench.packer, order_id)
    seen = []
    bench.station.bus.subscribe("order.cancelled", lambda e: seen.append(e.data))
    bench.sim.cancel_order(order_id)
    bench.clock.advance(120)
    bench.sync()  # the hub pulls the cancellation, the station hears it from the hub
    assert seen and seen[0]["order_id"] == order_id and seen[0]["in_progress"] is True
    with pytest.raises(OrderCancelled, match="cancelled"):
        bench.station.pack.scan(bench.packer, order_id, bench.upc_of(order.seller_id, order.items[0].sku))


def test_exception_goes_to_the_lead_who_resolves_it(bench: Bench) -> None:
    order_id = first_order(bench)
    bench.station.pack.open_order(bench.packer, order_id)
    with pytest.raises(UsageError):
        bench.station.pack.raise_exception(bench.packer, order_id, "bored")
    bench.station.pack.raise_exception(bench.packer, order_id, "short", "bin A-03 empty")
    assert bench.station.store.orders.status(order_id) == OrderStatus.EXCEPTION
    with pytest.raises(PermissionDenied):
        bench.station.pack.resolve_exception(bench.packer, order_id, "requeue")
    with pytest.raises(PermissionDenied):
        bench.station.pack.exceptions(bench.packer)
    queue = bench.station.pack.exceptions(bench.lead)
    assert [(o, r.split(":")[0]) for o, _s, r in queue] == [(order_id, "Item short")]
    bench.station.pack.resolve_exception(bench.lead, order_id, "repick")
    assert bench.station.store.orders.status(order_id) == OrderStatus.UNSHIPPED
    assert bench.station.pack.open_order(bench.other_packer, order_id).units_scanned == 0
    actions = [r.action for r in bench.station.store.audit_rows.search(limit=50)]
    assert "order.exception_raised" in actions and "order.exception_resolved" in actions
    assert "permission.denied" in actions


def test_auditor_cannot_pack(bench: Bench) -> None:
    from station.domain import Role

    bench.add_operator("audrey", Role.AUDITOR, "Correct-Horse-9x")
    auditor = bench.login("audrey")
    with pytest.raises(PermissionDenied):
        bench.station.pack.open_order(auditor, first_order(bench))

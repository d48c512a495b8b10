"""The confirmation outbox against the SP-API simulator (both store backends)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from station.clock import VirtualClock
from sync.simulator import Simulator, start_simulator
from tests.hub.engine_env import LEAD, PACKER, authorise_sellers, hub_settings, load_order, shipped_for, start_hub

pytestmark = pytest.mark.usefixtures("fast_hashes")


@pytest.fixture
def sim(vclock: VirtualClock) -> Iterator[Simulator]:
    simulator = start_simulator(seed=12, clock=vclock, orders=40, sellers=1, cancel_rate=0.0,
                                address_change_rate=0.0)  # fmt: skip
    yield simulator
    simulator.stop()


@pytest.fixture
def vclock() -> VirtualClock:
    return VirtualClock()


class World:
    def __init__(self, tmp_path: Path, db_url: str, sim: Simulator, clock: VirtualClock) -> None:
        self.sim, self.clock = sim, clock
        self.settings = hub_settings(tmp_path, db_url, sim)
        self.hub = start_hub(self.settings, clock, create=True)
        self.partner, self.seller_id = next(iter(authorise_sellers(self.hub, sim).items()))
        self.hubs = [self.hub]

    def order(self, n: int = 0) -> Any:
        return load_order(self.hub, self.sim, self.seller_id, self.sim.order_ids(self.partner)[n])

    def another_process(self) -> Any:
        other = start_hub(self.settings, self.clock, create=False)
        self.hubs.append(other)
        return other

    def confirms(self) -> list[Any]:
        return self.sim.calls_for("confirmShipment")

    def states(self) -> list[str]:
        return [r.state for r in self.hub.store.outbox.all_rows()]


@pytest.fixture
def world(tmp_path: Path, db_url: str, sim: Simulator, vclock: VirtualClock) -> Iterator[World]:
    w = World(tmp_path, db_url, sim, vclock)
    yield w
    for hub in w.hubs:
        hub.close()


def test_a_confirmation_is_sent_once_and_recorded_once(world: World) -> None:
    order = world.order()
    entry = world.hub.confirmations.record(PACKER, shipped_for(order, world.seller_id))
    assert world.hub.confirmations.record(PACKER, shipped_for(order, world.seller_id)) == entry
    assert world.hub.confirmations.run_once() == {"delivered": 1}
    assert world.hub.confirmations.run_once() == {}
    assert len(world.confirms()) == 1 and world.states() == ["delivered"]


def test_two_processes_never_send_one_entry(world: World) -> None:
    orders = [world.order(n) for n in range(8)]
    for order in orders:
        world.hub.confirmations.record(PACKER, shipped_for(order, world.seller_id))
    other = world.another_process()
    barrier = threading.Barrier(2)

    def drain(hub: Any) -> None:
        barrier.wait()
        for _ in range(6):
            hub.confirmations.run_once(limit=2)

    threads = [threading.Thread(target=drain, args=(h,)) for h in (world.hub, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    sent = [c.path for c in world.confirms()]
    assert len(sent) == len(set(sent)) == 8
    assert world.states() == ["delivered"] * 8


def test_a_refusal_because_someone_else_shipped_the_order_is_a_failure_not_a_delivery(world: World) -> None:
    """Amazon's "... or order already fulfilled" wording: sync/outbox.py counted it as delivered."""
    order = world.order()
    world.sim.ship_elsewhere(order.order_id)
    world.hub.confirmations.record(PACKER, shipped_for(order, world.seller_id))
    assert world.hub.confirmations.run_once() == {"failed": 1}
    assert world.confirms()[0].status == 400 and world.states() == ["failed"]
    assert world.sim.calls_for("getOrder")[-1].params["includedData"] == ["PACKAGES"]


def test_a_lost_answer_is_settled_by_reading_the_orders_packages(world: World) -> None:
    order = world.order()
    world.sim.faults.inject("lost", operation="confirmShipment")
    world.hub.confirmations.record(PACKER, shipped_for(order, world.seller_id))
    assert world.hub.confirmations.run_once() == {"delivered": 1}
    assert len(world.confirms()) == 1  # the package on the order says it arrived: no resend


def test_a_duplicate_refusal_after_a_lost_answer_and_a_crash_is_a_delivery(world: World) -> None:
    from hub.engine.ledger import Died

    order = world.order()
    world.sim.faults.inject("lost", operation="confirmShipment")
    def die_after_send(point: str) -> None:
        if point == "confirm.sent":
            raise Died(point)

    world.hub.confirmations.checkpoint = die_after_send
    world.hub.confirmations.record(PACKER, shipped_for(order, world.seller_id))
    with pytest.raises(Died):
        world.hub.confirmations.run_once()
    world.clock.advance(180)  # the dead process's lease runs out
    other = world.another_process()
    assert other.confirmations.run_once() == {"delivered": 1}
    assert [c.status for c in world.confirms()] == [204, 400]


def test_voiding_the_label_cancels_its_pending_confirmation(world: World) -> None:
    """Today the voided tracking number still reached Amazon."""
    order = world.order()
    world.hub.confirmations.record(PACKER, shipped_for(order, world.seller_id))
    result = world.hub.confirmations.void(LEAD, world.seller_id, order.order_id, "1")
    assert (result.cancelled, result.already_sent) == (1, [])
    assert world.hub.confirmations.run_once() == {}
    assert world.confirms() == [] and world.states() == ["cancelled"]


def test_a_void_after_the_send_says_so(world: World) -> None:
    order = world.order()
    world.hub.confirmations.record(PACKER, shipped_for(order, world.seller_id))
    world.hub.confirmations.run_once()
    result = world.hub.confirmations.void(LEAD, world.seller_id, order.order_id, "1")
    assert (result.cancelled, result.already_sent) == (0, ["delivered"])


@pytest.mark.parametrize(
    ("carrier", "expected"),
    [("ups", {"carrierCode": "UPS", "shippingMethod": "Ground"}),
     ("Acme Freight", {"carrierCode": "Other", "carrierName": "Acme Freight", "shippingMethod": "Ground"})],
)  # fmt: skip
def test_carrier_other_sends_carrier_name_and_shipping_method(world: World, carrier: str,
                                                              expected: dict[str, str]) -> None:  # fmt: skip
    order = world.order()
    world.hub.confirmations.record(PACKER, shipped_for(order, world.seller_id, carrier=carrier))
    assert world.hub.confirmations.run_once() == {"delivered": 1}
    detail = world.confirms()[0].body["packageDetail"]
    assert {k: detail[k] for k in ("carrierCode", "carrierName", "shippingMethod") if k in detail} == expected


def test_the_serving_hubs_engine_round_sends_due_confirmations(world: World) -> None:
    from hub.engine import label_worker as worker

    world.hub.confirmations.record(PACKER, shipped_for(world.order(), world.seller_id))
    assert worker.run_once(world.hub) == {"labels_taken_over": 0, "confirmations_delivered": 1}

"""The two halves of the hub's SP-API engine joined (both store backends): one audited client with the
shared store buckets for every hub call, and the pull knows what the hub itself shipped."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hub.bootstrap import Hub
from hub.engine.limits import StoreLimiter
from hub.engine.pull import store_order
from hub.engine.worker import pull_worker
from station.clock import VirtualClock, iso
from sync import mapping
from sync.simulator import Simulator, start_simulator
from tests.hub.engine_env import PACKER, box_for, shipped_for
from tests.hub.simhub import attach


@pytest.fixture
def sim(clock: VirtualClock) -> Iterator[Simulator]:
    found = start_simulator(seed=8, clock=clock, sellers=1, orders=6, cancel_rate=0, address_change_rate=0,
                            afn_rate=0)  # fmt: skip
    yield found
    found.stop()


def kinds_of(hub: Hub, amazon_order_id: str) -> list[str]:
    return [c["kind"] for c in hub.orders.changes(0, 500).changes if c["amazon_order_id"] == amazon_order_id]


def test_every_hub_sp_api_call_goes_through_one_client_with_the_shared_buckets(hub: Hub) -> None:
    pulls = pull_worker(hub)
    assert pulls.client is hub.spapi and hub.labels.client is hub.spapi and hub.confirmations.client is hub.spapi
    assert isinstance(hub.spapi.limiter, StoreLimiter) and pulls.limiter is hub.spapi.limiter is hub.limiter
    assert {"purchaseShipment", "cancelShipment", "confirmShipment"} <= hub.spapi.config.send_once


def test_a_label_bought_through_the_hub_is_not_shipped_elsewhere_at_the_next_pull(hub: Hub, sim: Simulator) -> None:
    ids = attach(hub, sim)
    pulls = pull_worker(hub)
    pulls.pull = type(pulls.pull)(interval_s=0)
    pulls.run_once()
    bought, confirmed, elsewhere = sorted(sim.order_ids())[:3]
    seller_id = next(iter(ids.values()))
    (partner,) = ids
    hub.labels.buy(PACKER, box_for(mapping.order_from_payload(partner, sim.order_payload(bought)), seller_id))
    order = mapping.order_from_payload(partner, sim.order_payload(confirmed))
    hub.confirmations.record(PACKER, shipped_for(order, seller_id))
    assert hub.confirmations.run_once() == {"delivered": 1}
    sim.world.add_event(elsewhere, sim.clock.now(), "ship", {})  # a control: shipped by someone else
    hub.clock.sleep(1)
    pulls.run_once()
    for order_id in (bought, confirmed, elsewhere):
        assert mapping.order_from_payload(partner, sim.order_payload(order_id)).status == "shipped"
    assert "shipped_elsewhere" not in kinds_of(hub, bought)
    assert "shipped_elsewhere" not in kinds_of(hub, confirmed)
    assert kinds_of(hub, elsewhere) == ["new", "shipped_elsewhere"]


def test_a_confirmation_sent_before_the_pull_stored_the_order_is_not_shipped_elsewhere(
    hub: Hub, sim: Simulator
) -> None:
    """The race the bench found: the pull read the order (unshipped) on a page, our confirmation went out
    before that page was stored (no order row to mark yet), then the next pull sees it shipped."""
    ids = attach(hub, sim)
    (partner,) = ids
    seller_id = ids[partner]
    order_id = sorted(sim.order_ids())[0]
    seen_on_the_page = sim.order_payload(order_id)  # read by the pull, not yet stored
    order = mapping.order_from_payload(partner, seen_on_the_page)
    hub.confirmations.record(PACKER, shipped_for(order, seller_id))
    assert hub.confirmations.run_once() == {"delivered": 1}
    pulls = pull_worker(hub)
    assert store_order(hub.store.pull, pulls.changes, seller_id, partner, seen_on_the_page,
                       iso(hub.clock.now())) == ["new"]  # fmt: skip
    hub.clock.sleep(1)
    pulls.run_once()
    assert mapping.order_from_payload(partner, sim.order_payload(order_id)).status == "shipped"
    assert kinds_of(hub, order_id) == ["new", "updated"]

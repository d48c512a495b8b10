"""A hostile record in a searchOrders page at the hub's pull (SECURITY.md findings 8 and 19, which the station's
own sync engine proved until issue 13 removed it): the bad record is refused alone, the rest of the page and
the other sellers are pulled, and the record is never stored."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from hub.bootstrap import Hub
from station.clock import VirtualClock
from sync.simulator import Simulator, start_simulator
from tests.hub.simhub import attach, worker

BAD_ID = "113-4827711-009331\x00"


@pytest.fixture
def two_sellers(clock: VirtualClock) -> Iterator[Simulator]:
    found = start_simulator(seed=6, clock=clock, sellers=2, orders=20, cancel_rate=0, address_change_rate=0,
                            afn_rate=0)  # fmt: skip
    yield found
    found.stop()


def _stored(hub: Hub) -> set[str]:
    return {c["amazon_order_id"] for c in hub.orders.changes(0, 500).changes}


@pytest.mark.xfail(strict=True, reason="the hub's pull lets an InvalidUpstreamRecord stop the seller's pull "
                   "(hub/engine/pull.py::_apply_page): a NUL in one order id stops every order of that seller")
def test_a_nul_in_an_order_id_is_refused_alone_and_never_stored(hub: Hub, two_sellers: Simulator,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    import hub.engine.pull as pull

    real = pull.orders_api.search_orders

    def with_a_bad_record(*args: Any, **kw: Any) -> dict[str, Any]:
        body = real(*args, **kw)
        if body.get("orders"):
            body["orders"] = [*body["orders"], dict(body["orders"][0], orderId=BAD_ID)]
        return body

    monkeypatch.setattr(pull.orders_api, "search_orders", with_a_bad_record)
    attach(hub, two_sellers)
    results = worker(hub, holder="A").run_once()
    assert len(results) == 2 and all(r.finished and not r.error for r in results)
    assert _stored(hub) == set(two_sellers.order_ids())
    assert BAD_ID not in _stored(hub)

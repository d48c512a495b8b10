"""Issue 15 item 9 at the hub: the buyer's gift message (items[].fulfillment.packing.giftOption) is sealed like
the address, never in the change feed, and erased with the rest of the buyer data."""

from __future__ import annotations

import copy
import json
from typing import Any

from sqlalchemy import select

from hub.bootstrap import Hub
from hub.engine.pull import OrderChanges, store_order
from hub.services.orders import CONTEXTS
from hub.store.tables import orders
from station.clock import iso
from tests.hub.test_order_changes import ORDER, _check_model, seller  # noqa: F401 - the seller fixture

GIFT = "Alles Gute, Tante Hildegard! Bis bald"


def _gift_order() -> dict[str, Any]:
    order = copy.deepcopy(ORDER)
    order["orderItems"][0]["fulfillment"]["packing"] = {"giftOption": {"giftMessage": GIFT, "giftWrapLevel": "PREMIUM"}}
    _check_model(order)
    return order


def _sealed(hub: Hub) -> str | None:
    with hub.store.pull.engine.connect() as conn:
        return conn.execute(select(orders.c.gifts_sealed)).scalar_one()


def test_gift_message_is_sealed_kept_out_of_changes_and_purged(hub: Hub, seller: int) -> None:  # noqa: F811
    store_order(hub.store.pull, OrderChanges(hub.sealer), seller, "A1SELLER", _gift_order(), iso(hub.clock.now()))
    sealed = _sealed(hub)
    assert sealed is not None and GIFT not in sealed
    (gift,) = json.loads(hub.sealer.open(sealed, CONTEXTS["gifts_sealed"]))
    assert gift == {"order_item_id": "11111", "message": GIFT, "wrap_level": "PREMIUM"}
    assert GIFT not in json.dumps(hub.orders.changes(0, 500).changes)
    with hub.store.pull.engine.begin() as conn:
        conn.execute(orders.update().values(closed_at="2026-01-01T00:00:00Z"))
    assert hub.store.orders.purge_closed_before("2026-06-01T00:00:00Z", "2026-06-01T00:00:00Z") == 1
    assert _sealed(hub) is None

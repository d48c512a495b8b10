"""Sync engine and outbox on the encrypted store, against the simulator on a virtual clock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from station.domain import OrderStatus
from station.events import Event, EventBus
from station.services.outbox_entries import enqueue_confirmation, enqueue_label_cancellation
from station.store import Database, Store
from sync.engine import CURSOR, SyncEngine
from sync.timefmt import iso_now
from tests.sync.conftest import Env


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(Database(tmp_path / "station.db", os.urandom(32), create=True))
    yield s
    s.close()


class Rig:
    def __init__(self, env: Env, store: Store) -> None:
        self.env, self.store = env, store
        for seller in env.sellers.values():
            store.sellers.add(seller, now=iso_now(env.clock))
        self.bus = EventBus()
        self.events: list[Event] = []
        self.bus.subscribe("*", self.events.append)
        self.engine = SyncEngine(
            store, env.marketplace, env.clock, self.bus, ready_in=env.client.limiter.wait_time
        )

    def topics(self, prefix: str) -> list[Event]:
        return [e for e in self.events if e.topic.startswith(prefix)]

    def ship(self, order_id: str) -> None:
        """The pack workflow for a label bought elsewhere: local change + outbox, one transaction."""
        order = self.store.orders.get(order_id)
        assert order is not None
        now = iso_now(self.env.clock)
        with self.store.db.transaction():
            self.store.orders.set_status(order_id, OrderStatus.SHIPPED, now=now)
            enqueue_confirmation(
                self.store,
                seller_id=order.seller_id,
                order_id=order_id,
                marketplace_id=order.marketplace_id,
                carrier="UPS",
                tracking="1Z" + order_id[-7:],
                ship_date=now,
                items=[(i.order_item_id, i.quantity) for i in order.items],
                package_ref="1",
                now=now,
            )


@pytest.fixture
def rig(env: Env, store: Store) -> Rig:
    return Rig(env, store)


def test_first_pull_ingests_fbm_orders_and_second_pull_deduplicates(rig: Rig) -> None:
    report = rig.engine.run_once()
    expected = set(rig.env.sim.order_ids())
    stored = {
        oid
        for sid in rig.env.seller_ids
        for oid in (
            r.order_id
            for r in rig.store.orders.queue(
                statuses=[s.value for s in OrderStatus], seller_id=sid, limit=10_000
            )
        )
    }
    assert stored == expected
    assert sum(s.new for s in report.sellers) == len(expected)
    assert all(rig.store.cursors.get(sid, CURSOR) for sid in rig.env.seller_ids)
    again = rig.engine.run_once()
    assert sum(s.new + s.updated for s in again.sellers) == 0
    assert sum(s.unchanged for s in again.sellers) > 0  # the overlap window re-reads, de-duplicated
    status = rig.engine.status()
    assert status["online"] is True and status["outbox_depth"] == 0
    assert sum(status["orders_by_status"].values()) == len(expected)
    assert all(v["last_sync"] for v in status["sellers"].values())


def test_cancellation_of_order_in_progress_stops_the_packer(rig: Rig) -> None:
    rig.engine.run_once()
    sid = rig.env.seller_ids[0]
    order_id = next(o for o in rig.env.sim.order_ids(sid) if rig.store.orders.status(o) == "unshipped")
    rig.store.orders.set_status(order_id, OrderStatus.IN_PROGRESS, now=iso_now(rig.env.clock))
    rig.env.clock.advance(60)
    rig.env.sim.cancel_order(order_id)
    rig.env.clock.advance(300)  # searchOrders bucket refills a little; the engine waits if it must
    rig.engine.run_once()
    cancelled = rig.topics("order.cancelled")
    assert [(e.data["order_id"], e.data["in_progress"]) for e in cancelled] == [(order_id, True)]
    assert rig.store.orders.status(order_id) == "cancelled"
    assert "name" not in repr(cancelled[0].data)


def test_address_change_is_applied_and_announced(rig: Rig) -> None:
    rig.engine.run_once()
    sid = rig.env.seller_ids[1]
    order_id = next(o for o in rig.env.sim.order_ids(sid) if rig.store.orders.status(o) == "unshipped")
    rig.env.clock.advance(30)
    rig.env.sim.change_address(order_id, {"addressLine1": "42 New Street"})
    rig.engine.run_once()
    assert [e.data["order_id"] for e in rig.topics("order.address_changed")] == [order_id]
    recipient = rig.store.orders.recipient(order_id)
    assert recipient is not None and recipient.address_line1 == "42 New Street"


def test_outbox_delivers_once_and_treats_already_confirmed_as_delivered(rig: Rig) -> None:
    rig.engine.run_once()
    ids = [o for o in rig.env.sim.order_ids() if rig.store.orders.status(o) == "unshipped"][:12]
    for oid in ids:
        rig.ship(oid)
    rig.ship(ids[0])  # same package twice is one entry
    assert rig.store.outbox.depth() == 12
    # A crash after Amazon got the confirmation but before it was marked delivered:
    first = rig.store.outbox.due(iso_now(rig.env.clock), 1)[0]
    rig.engine.outbox.marketplace.confirm_shipment(
        first.seller_id,
        first.order_id,
        marketplace_id=first.payload["marketplace_id"],
        carrier=first.payload["carrier"],
        tracking=first.payload["tracking"],
        ship_date=first.payload["ship_date"],
        items=[tuple(x) for x in first.payload["items"]],
        package_ref=first.payload["package_ref"],
    )
    report = rig.engine.run_once()
    assert report.delivered == 12 and rig.store.outbox.depth() == 0
    assert len(rig.env.sim.confirmations) == 12
    assert len(rig.env.sim.calls_for("confirmShipment", status=204)) == 12
    assert [e.data["already"] for e in rig.topics("outbox.delivered")].count(True) == 1


def test_label_cancellation_goes_through_the_outbox(rig: Rig) -> None:
    rig.engine.run_once()
    sid = rig.env.seller_ids[0]
    order = rig.store.orders.get(rig.env.sim.order_ids(sid)[0], with_recipient=True)
    assert order is not None and order.recipient is not None
    from station.domain import Parcel

    rate = rig.env.marketplace.get_rates(
        sid,
        order,
        order.recipient,
        Parcel(6, 6, 6, 1),
        {
            "name": "PP",
            "address_line1": "1 Dock",
            "city": "Kent",
            "state_or_region": "WA",
            "postal_code": "98032",
            "country_code": "US",
        },
    )[0]
    label = rig.env.marketplace.purchase_shipment(sid, rate, idempotency_key="pk-1", label_format="ZPL")
    with rig.store.db.transaction():
        enqueue_label_cancellation(
            rig.store,
            seller_id=sid,
            order_id=order.order_id,
            shipment_id=label.shipment_id,
            now=iso_now(rig.env.clock),
        )
    rig.engine.push()
    assert rig.env.sim.shipments[label.shipment_id]["cancelled"] is True
    assert rig.store.outbox.depth() == 0


def test_offline_for_hours_then_catch_up(rig: Rig) -> None:
    rig.engine.run_once()
    ids = [o for o in rig.env.sim.order_ids() if rig.store.orders.status(o) == "unshipped"][:5]
    rig.env.sim.outage(4 * 3600)
    for oid in ids:
        rig.ship(oid)
    new_ids = [oid for sid in rig.env.seller_ids for oid in rig.env.sim.add_orders(sid, 3, after_s=600)]
    for _hour in range(4):
        report = rig.engine.run_once()
        assert report.delivered == 0
        rig.env.clock.advance(3600)
    assert rig.engine.online is False and rig.store.outbox.depth() == 5
    assert rig.topics("sync.offline")
    rig.env.clock.advance(3600)  # outage over; retries are due again
    report = rig.engine.run_once()
    assert rig.engine.online is True and rig.topics("sync.online")
    assert rig.store.outbox.depth() == 0 and len(rig.env.sim.confirmations) == 5
    fbm = set(rig.env.sim.order_ids())
    assert [rig.store.orders.status(oid) for oid in new_ids if oid in fbm] == ["unshipped"] * len(
        fbm & set(new_ids)
    )


def test_revoked_seller_is_marked_and_others_continue(rig: Rig) -> None:
    bad = rig.env.seller_ids[2]
    rig.env.sim.revoke(bad)
    report = rig.engine.run_once()
    assert {s.seller_id: s.error for s in report.sellers}[bad] == "invalid_grant"
    seller = rig.store.sellers.get(bad)
    assert seller is not None and seller.status == "needs_reauthorisation"
    assert [e.data["seller_id"] for e in rig.topics("seller.needs_reauthorisation")] == [bad]
    assert rig.engine.active_sellers() == rig.env.seller_ids[:2]


def test_background_sync_runs_and_stops(rig: Rig) -> None:
    import threading

    synced = threading.Event()
    rig.bus.subscribe("sync.seller_synced", lambda _e: synced.set())
    rig.engine.start(push_interval_s=5)
    try:
        assert synced.wait(10)
    finally:
        rig.engine.stop()

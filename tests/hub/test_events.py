"""Server-sent events (issue 13): a station hears of its orders' changes, claims, operators, the hub lock and
seller forget; it resumes from Last-Event-ID after a reconnect; on PostgreSQL a change committed through
one hub reaches a stream served by another (LISTEN/NOTIFY), on SQLite in-process."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest

from hub import __version__
from hub.bootstrap import Hub, build_hub
from hub.services.people import HUB_SYSTEM, Actor
from hub.settings import HubSettings
from station.clock import VirtualClock, iso
from station.domain import Role
from sync.hubclient import Event, EventStream, HubClient
from tests.hub.conftest import PIN
from tests.hub.live import serving

BUYER = {"name": "Jo Buyer", "address": "1 Main St"}


class Listener:
    """Consumes a station's event stream on a thread; events land in a queue."""

    def __init__(self, stream: EventStream) -> None:
        self.stream = stream
        self.events: queue.Queue[Event] = queue.Queue()
        self.connected = threading.Event()
        stream.on_state = lambda up: self.connected.set() if up else self.connected.clear()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        assert self.connected.wait(10)

    def _run(self) -> None:
        for event in self.stream:
            self.events.put(event)

    def next(self, kind: str, timeout: float = 5.0) -> Event:
        deadline = time.monotonic() + timeout
        while True:
            event = self.events.get(timeout=max(0.01, deadline - time.monotonic()))
            if event.type == kind:
                return event

    def stop(self) -> None:
        self.stream.stop()
        self.thread.join(timeout=5)


@pytest.fixture
def url(hub: Hub) -> Iterator[str]:
    with serving(hub) as base:
        yield base


def _station(hub: Hub, admin: Actor, url: str, name: str) -> HubClient:
    client = HubClient(url, version=__version__)
    client.enrol(hub.stations.create_code(admin, name))
    hub.people.add(HUB_SYSTEM, f"op-{name}", Role.PACKER, PIN, badge=f"B-{name}")
    client.login_badge(f"B-{name}", PIN)
    return client


def _order(hub: Hub, clock: VirtualClock, status: str = "Unshipped", number: str = "111-0001") -> int:
    seller = hub.store.sellers.by_name("acme")
    seller_id = seller.seller_id if seller else hub.store.sellers.add("acme", "2026-01-01T00:00:00.000000Z")
    return hub.orders.store_order(seller_id, number, status=status, buyer=BUYER,
                                  ship_by=iso(clock.now() + timedelta(hours=10)))  # fmt: skip


def test_a_station_hears_its_orders_claims_operators_lock_and_forget(hub: Hub, admin: Actor, clock: VirtualClock,
                                                                     url: str) -> None:  # fmt: skip
    order = _order(hub, clock)
    other = _order(hub, clock, number="111-0002")
    one = _station(hub, admin, url, "pack-1")
    two = _station(hub, admin, url, "pack-2")
    listener = Listener(one.events())
    try:
        one.claim(order)
        assert listener.next("claim.taken").data == {"order_id": order, "station": "pack-1", "operator": "op-pack-1"}
        two.claim(other)  # another station's claim: heard as taken (the queue shows it)
        assert listener.next("claim.taken").data["station"] == "pack-2"
        hub.orders.store_order(hub.store.sellers.by_name("acme").seller_id, "111-0001",  # type: ignore[union-attr]
                               status="Canceled")  # fmt: skip
        changed = listener.next("order.changed")
        assert changed.data["order_id"] == order and changed.data["status"] == "Canceled"
        assert "Jo Buyer" not in str(changed.data)
        hub.orders.store_order(hub.store.sellers.by_name("acme").seller_id, "111-0002",  # type: ignore[union-attr]
                               status="Canceled")  # fmt: skip  (not ours: no order.changed for it)
        hub.people.disable(admin, "op-pack-2")
        assert listener.next("operator.disabled").data == {"operator": "op-pack-2"}
        hub.events.set_lock(admin, True)
        listener.next("hub.locked")
        assert one.station().locked
        hub.events.set_lock(admin, False)
        listener.next("hub.unlocked")
        hub.sellers.forget(admin, "acme")
        assert listener.next("seller.forgotten").data == {"seller": "acme"}
        seen = []
        while not listener.events.empty():
            seen.append(listener.events.get())
        assert not [e for e in seen if e.type == "order.changed" and e.data["order_id"] == other]
    finally:
        listener.stop()


def test_a_reconnect_resumes_after_the_last_event_id(hub: Hub, admin: Actor, clock: VirtualClock, url: str) -> None:
    order = _order(hub, clock)
    one = _station(hub, admin, url, "pack-1")
    listener = Listener(one.events())
    one.claim(order)
    listener.next("claim.taken")
    listener.stop()
    resume_from = listener.stream.last_id
    hub.orders.store_order(hub.store.sellers.by_name("acme").seller_id, "111-0001",  # type: ignore[union-attr]
                           status="Canceled")  # while the station was away  # fmt: skip
    hub.people.set_role(admin, "op-pack-1", Role.LEAD)
    again = Listener(one.events(resume_from))
    try:
        assert again.next("order.changed").data["status"] == "Canceled"
        assert again.next("operator.role_changed").data == {"operator": "op-pack-1", "role": "lead"}
    finally:
        again.stop()
    fresh = Listener(one.events())  # no id: starts at the newest, nothing old replayed
    try:
        with pytest.raises(queue.Empty):
            fresh.next("order.changed", timeout=1.0)
    finally:
        fresh.stop()


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_change_committed_through_one_hub_reaches_a_stream_served_by_another(
        hub: Hub, admin: Actor, clock: VirtualClock, settings: HubSettings, url: str) -> None:  # fmt: skip
    other = build_hub(settings, clock=clock)  # its own pool, its own bus: only NOTIFY can wake it
    try:
        with serving(other) as other_url:
            order = _order(hub, clock)
            one = _station(hub, admin, other_url, "pack-1")
            listener = Listener(one.events())
            try:
                assert other.bus.listening.wait(5)
                one.claim(order)
                listener.next("claim.taken")
                started = time.monotonic()
                hub.orders.store_order(hub.store.sellers.by_name("acme").seller_id,  # type: ignore[union-attr]
                                       "111-0001", status="Canceled")  # fmt: skip
                assert listener.next("order.changed", timeout=3).data["status"] == "Canceled"
                assert time.monotonic() - started < 2.0  # woken by NOTIFY, not the 15 s ping
            finally:
                listener.stop()
    finally:
        other.close()


def test_only_an_admin_locks_the_hub_and_it_is_audited(hub: Hub, admin: Actor) -> None:
    from station.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        hub.events.set_lock(Actor("lee", Role.LEAD), True)
    assert not hub.events.locked()
    hub.events.set_lock(admin, True)
    assert hub.events.locked() and hub.audit.rows.count(action="hub.locked") == 1


def test_a_stream_reads_past_windows_without_events_for_it_at_once(
        hub: Hub, admin: Actor, url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    import hub.services.events as events

    monkeypatch.setattr(events, "PAGE", 3)
    one = _station(hub, admin, url, "pack-1")
    start = one.station() and hub.events.start("")
    for n in range(12):  # audit rows no station hears of: four windows of nothing
        hub.audit.record("hub", "spapi.call", target=str(n))
    hub.events.set_lock(admin, True)
    listener = Listener(one.events(str(start)))
    try:
        started = time.monotonic()
        listener.next("hub.locked", timeout=4)
        assert time.monotonic() - started < 3  # not a poll/ping wait per empty window
    finally:
        listener.stop()

"""Claims (issue 13): open = lease kept by heartbeat, hold = batch ahead ended by ship-by or a lead; one
winner among parallel claimers; a release is recorded first and the ledger's check refuses after it;
order changes carry buyer data only for the orders the station holds. Both backends."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from hub.api.app import create_app
from hub.bootstrap import Hub
from hub.services.claims import ClaimLost, ClaimTaken
from hub.services.people import HUB_SYSTEM, Actor
from hub.store.stations import StationRow
from station.clock import VirtualClock, iso
from station.domain import Role
from station.errors import PermissionDenied
from tests.hub.client import VERSION, StationClient
from tests.hub.conftest import PIN

BUYER = {"name": "Jo Buyer", "address": "1 Main St", "phone": "555-0100"}


def _station(hub: Hub, admin: Actor, name: str) -> tuple[StationRow, str]:
    done = hub.stations.enrol(hub.stations.create_code(admin, name), VERSION)
    return hub.stations.authenticate(done.secret, VERSION), done.secret


def _orders(hub: Hub, count: int, clock: VirtualClock) -> list[int]:
    seller = hub.store.sellers.add("acme", "2026-01-01T00:00:00.000000Z")
    return [hub.orders.store_order(seller, f"111-{i:04d}", status="Unshipped", buyer=BUYER,
                                   ship_by=iso(clock.now() + timedelta(hours=10 + i)))
            for i in range(count)]  # fmt: skip


def packer(name: str, station: str) -> Actor:
    return Actor(name, Role.PACKER, station)


def test_a_second_station_sees_the_order_taken_by_station_and_operator(hub: Hub, admin: Actor,
                                                                      clock: VirtualClock) -> None:  # fmt: skip
    one, _ = _station(hub, admin, "pack-1")
    two, _ = _station(hub, admin, "pack-2")
    order = _orders(hub, 1, clock)[0]
    got = hub.claims.claim(packer("pat", "pack-1"), one, order)
    assert (got.station, got.operator, got.kind) == ("pack-1", "pat", "open")
    with pytest.raises(ClaimTaken, match=r"pack-1 \(operator pat\)"):
        hub.claims.claim(packer("sam", "pack-2"), two, order)
    holder = hub.claims.holder(order)
    assert holder is not None and (holder.station, holder.operator) == ("pack-1", "pat")
    assert hub.claims.claim(packer("pat", "pack-1"), one, order).station == "pack-1"  # re-opening renews


def test_an_open_claim_lives_by_heartbeat_and_expires_when_its_station_goes_silent(
        hub: Hub, admin: Actor, clock: VirtualClock) -> None:  # fmt: skip
    one, _ = _station(hub, admin, "pack-1")
    two, _ = _station(hub, admin, "pack-2")
    order = _orders(hub, 1, clock)[0]
    hub.claims.claim(packer("pat", "pack-1"), one, order)
    for _ in range(5):  # 5 x 60 s > the 90 s lease, alive while it beats
        clock.advance(60)
        assert [c.order_id for c in hub.claims.heartbeat(one)] == [order]
    clock.advance(hub.settings.claim_lease_seconds + 1)  # silence
    assert hub.claims.holder(order) is None
    assert hub.claims.heartbeat(one) == []  # a beat after expiry revives nothing
    assert hub.claims.claim(packer("sam", "pack-2"), two, order).station == "pack-2"
    with pytest.raises(ClaimLost):
        hub.claims.require_holder(order, one)


def test_a_batch_hold_survives_silence_and_ends_at_ship_by(hub: Hub, admin: Actor, clock: VirtualClock) -> None:
    hub.settings.hold_batch_orders = 3
    one, _ = _station(hub, admin, "pack-1")
    two, _ = _station(hub, admin, "pack-2")
    orders = _orders(hub, 5, clock)
    held = hub.claims.hold_batch(one)
    assert [c.order_id for c in held] == orders[:3]  # soonest ship-by first
    assert [c.order_id for c in hub.claims.hold_batch(two)] == orders[3:]  # the rest; never the same order
    clock.advance(3600 * 5)  # hours of silence: holds stay
    assert [c.order_id for c in hub.claims.held(one)] == orders[:3]
    hub.claims.require_holder(orders[0], one)
    clock.advance(3600 * 5 + 1)  # past the first order's ship-by (10 h)
    assert orders[0] not in [c.order_id for c in hub.claims.held(one)]
    with pytest.raises(ClaimLost):
        hub.claims.require_holder(orders[0], one)


def test_the_batch_is_n_orders_or_h_hours_of_work(hub: Hub) -> None:
    hub.settings.hold_batch_orders, hub.settings.hold_batch_hours, hub.settings.minutes_per_order = 30, 1.0, 6.0
    assert hub.claims.batch_size(None) == 10
    hub.settings.hold_batch_hours = 10.0
    assert hub.claims.batch_size(None) == 30
    assert hub.claims.batch_size(4) == 4


def test_a_release_is_recorded_first_and_the_ledger_check_refuses_after_it(hub: Hub, admin: Actor,
                                                                         clock: VirtualClock) -> None:  # fmt: skip
    one, _ = _station(hub, admin, "pack-1")
    two, _ = _station(hub, admin, "pack-2")
    hub.settings.hold_batch_orders = 2
    orders = _orders(hub, 2, clock)
    hub.claims.hold_batch(one)
    assert hub.claims.require_holder(orders[0], one).kind == "hold"
    with pytest.raises(ClaimLost):
        hub.claims.require_holder(orders[0], two)
    with pytest.raises(PermissionDenied):  # a packer at another station may not end pack-1's hold
        hub.claims.release(packer("sam", "pack-2"), two, orders[0])
    cursor = hub.orders.changes(0, station=one).cursor
    released = hub.claims.release(Actor("lee", Role.LEAD, "pack-2"), two, orders[0])
    assert released.station == "pack-1"
    with pytest.raises(ClaimLost, match="Claim lost"):
        hub.claims.require_holder(orders[0], one)
    after = hub.orders.changes(cursor, station=one).changes  # the station learns of it by cursor
    assert [(c["order_id"], c["claim"], "buyer" in c) for c in after] == [(orders[0], None, False)]
    rows = hub.audit.rows.count(action="order.claim_released")
    assert rows == 1
    hub.claims.release(packer("pat", "pack-1"), one, orders[1])  # its own station's packer may
    assert hub.claims.held(one) == []


def test_changes_carry_buyer_data_only_for_orders_the_station_holds(hub: Hub, admin: Actor,
                                                                   clock: VirtualClock) -> None:  # fmt: skip
    one, secret_one = _station(hub, admin, "pack-1")
    _two, secret_two = _station(hub, admin, "pack-2")
    orders = _orders(hub, 3, clock)
    hub.claims.claim(packer("pat", "pack-1"), one, orders[1])
    client = TestClient(create_app(hub))
    for secret, expected in ((secret_one, {orders[1]}), (secret_two, set())):
        body = StationClient(client, secret).get("/v1/orders/changes").json()
        with_buyer = {c["order_id"] for c in body["changes"] if c.get("buyer")}
        assert with_buyer == expected
        assert all(c["buyer"] == BUYER for c in body["changes"] if c.get("buyer"))
        text = str([c for c in body["changes"] if c["order_id"] != orders[1] or secret == secret_two])
        assert BUYER["name"] not in text and BUYER["address"] not in text
        taken = [c["claim"] for c in body["changes"] if c["order_id"] == orders[1] and c["claim"]]
        assert taken and taken[-1]["station"] == "pack-1" and taken[-1]["operator"] == "pat"
    assert hub.audit.rows.count(action="order.buyer_synced") == 1


def test_parallel_claimers_get_exactly_one_winner(hub: Hub, admin: Actor, clock: VirtualClock) -> None:
    stations = [_station(hub, admin, f"pack-{i}")[0] for i in range(8)]
    orders = _orders(hub, 6, clock)
    results: dict[int, list[str]] = {o: [] for o in orders}
    barrier = threading.Barrier(len(stations))

    def work(station: StationRow) -> None:
        barrier.wait()
        for order in orders:
            try:
                hub.claims.claim(packer(f"op-{station.name}", station.name), station, order)
                results[order].append(station.name)
            except ClaimTaken:
                pass

    threads = [threading.Thread(target=work, args=(s,)) for s in stations]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(len(w) == 1 for w in results.values()), results
    for order, winners in results.items():
        holder = hub.claims.holder(order)
        assert holder is not None and holder.station == winners[0]


def test_claims_over_http_409_names_the_holder(
        hub: Hub, admin: Actor, clock: VirtualClock) -> None:  # fmt: skip
    client = TestClient(create_app(hub))
    order = _orders(hub, 1, clock)[0]
    stations = []
    for name in ("pack-1", "pack-2"):
        station = StationClient(client)
        station.enrol(hub.stations.create_code(admin, name))
        hub.people.add(HUB_SYSTEM, f"op-{name}", Role.PACKER, PIN, badge=f"B-{name}")
        assert station.login(badge=f"B-{name}", pin=PIN).status_code == 200
        stations.append(station)
    one, two = stations
    assert one.post(f"/v1/claims/{order}").json()["station"] == "pack-1"
    taken = two.post(f"/v1/claims/{order}")
    assert taken.status_code == 409 and "pack-1" in taken.json()["detail"] and "op-pack-1" in taken.json()["detail"]
    assert two.get(f"/v1/claims/{order}").json()["claim"]["station"] == "pack-1"
    assert one.post("/v1/claims/heartbeat").json()["claims"][0]["order_id"] == order
    assert one.post(f"/v1/claims/{order}/release").status_code == 200
    assert two.post(f"/v1/claims/{order}").status_code == 200


def test_the_ledger_names_orders_by_seller_and_amazon_id(hub: Hub, admin: Actor, clock: VirtualClock) -> None:
    one, _ = _station(hub, admin, "pack-1")
    two, _ = _station(hub, admin, "pack-2")
    order = _orders(hub, 1, clock)[0]
    hub.claims.claim(packer("pat", "pack-1"), one, order)
    seller = hub.store.sellers.by_name("acme")
    assert seller is not None
    assert hub.claims.require_holder_of(seller.seller_id, "111-0000", one).order_id == order
    with pytest.raises(ClaimLost):
        hub.claims.require_holder_of(seller.seller_id, "111-0000", two)
    with pytest.raises(ClaimLost):
        hub.claims.require_holder_of(seller.seller_id, "999-9999", one)

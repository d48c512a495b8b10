"""The station's hub client against a real hub (uvicorn on a random loopback port): the contract the
station builds on. Typed answers, typed errors, request ids, the URL rule."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from hub import __version__
from hub.bootstrap import Hub
from hub.services.people import HUB_SYSTEM, Actor
from station.clock import VirtualClock, iso
from station.domain import Role
from station.errors import UsageError
from sync.hubclient import (
    ClaimLost,
    ClaimTaken,
    HubClient,
    HubNotFound,
    HubPermissionDenied,
    HubUnreachable,
    OperatorSessionEnded,
    StationRevoked,
    UpgradeRequired,
    new_request_id,
)
from tests.hub.conftest import ADMIN_PASSWORD, PIN
from tests.hub.live import serving

BUYER = {"name": "Jo Buyer", "address": "1 Main St", "phone": "555-0100"}


@pytest.fixture
def url(hub: Hub) -> Iterator[str]:
    with serving(hub) as base:
        yield base


def _orders(hub: Hub, count: int, clock: VirtualClock) -> list[int]:
    seller = hub.store.sellers.add("acme", "2026-01-01T00:00:00.000000Z")
    return [hub.orders.store_order(seller, f"111-{i:04d}", status="Unshipped", buyer=BUYER,
                                   ship_by=iso(clock.now() + timedelta(hours=10 + i)))
            for i in range(count)]  # fmt: skip


def _joined(hub: Hub, admin: Actor, url: str, name: str, role: Role = Role.PACKER) -> HubClient:
    client = HubClient(url, version=__version__)
    credential = client.enrol(hub.stations.create_code(admin, name))
    assert credential.station == name and credential.secret
    op = f"op-{name}-{role.value}"
    if role == Role.PACKER:
        hub.people.add(HUB_SYSTEM, op, role, PIN, badge=f"B-{op}")
        assert client.login_badge(f"B-{op}", PIN).operator == op
    else:
        import pyotp

        uri = hub.people.add(HUB_SYSTEM, op, role, ADMIN_PASSWORD)
        totp = pyotp.parse_uri(uri).at(hub.clock.now().timestamp())
        assert client.login_password(op, ADMIN_PASSWORD, totp).role == role.value
    return client


def test_join_claim_heartbeat_changes_release(hub: Hub, admin: Actor, clock: VirtualClock, url: str) -> None:
    orders = _orders(hub, 3, clock)
    one = _joined(hub, admin, url, "pack-1")
    two = _joined(hub, admin, url, "pack-2")
    assert one.station().station == "pack-1"
    assert one.current_operator().operator == "op-pack-1-packer"
    claim = one.claim(orders[0])
    assert (claim.station, claim.operator, claim.kind) == ("pack-1", "op-pack-1-packer", "open")
    with pytest.raises(ClaimTaken, match="pack-1"):
        two.claim(orders[0])
    taken = two.holder(orders[0])
    assert taken is not None and taken.operator == "op-pack-1-packer"
    assert [c.order_id for c in one.heartbeat()] == [orders[0]]
    page = one.changes(0)
    assert page.cursor > 0 and {c.order_id for c in page.changes} == set(orders)
    assert {c.order_id for c in page.changes if c.buyer} == {orders[0]}
    assert "Jo Buyer" not in repr(page)  # buyer data never through a repr (logs)
    assert not any(c.buyer for c in two.changes(0).changes)
    assert one.address(orders[0])["name"] == "Jo Buyer"
    with pytest.raises(ClaimLost):  # buyer data only for an order this station holds
        two.address(orders[0])
    assert one.changes(page.cursor).changes == []
    assert one.release(orders[0]).station == "pack-1"
    assert two.claim(orders[0]).station == "pack-2"
    assert one.changes(page.cursor).changes[-1].claim.station == "pack-2"  # type: ignore[union-attr]


def test_batch_holds_and_a_lead_release_loses_the_claim(hub: Hub, admin: Actor, clock: VirtualClock,
                                                        url: str) -> None:  # fmt: skip
    hub.settings.hold_batch_orders = 2
    orders = _orders(hub, 3, clock)
    one = _joined(hub, admin, url, "pack-1")
    lead = _joined(hub, admin, url, "pack-2", Role.LEAD)
    assert [c.order_id for c in one.hold_batch()] == orders[:2]
    assert [c.kind for c in one.my_claims()] == ["hold", "hold"]
    assert lead.release(orders[0]).station == "pack-1"
    with pytest.raises(ClaimLost):
        one.address(orders[0])
    packer = _joined(hub, admin, url, "pack-3")
    with pytest.raises(HubPermissionDenied):
        packer.release(orders[1])


def test_a_request_id_is_answered_once(hub: Hub, admin: Actor, clock: VirtualClock, url: str) -> None:
    order = _orders(hub, 1, clock)[0]
    one = _joined(hub, admin, url, "pack-1")
    rid = new_request_id()
    first = one.claim(order, request_id=rid)
    clock.advance(30)
    assert one.claim(order, request_id=rid) == first  # the stored reply, not a second claim
    assert hub.audit.rows.count(action="order.claimed") == 1


def test_typed_errors(hub: Hub, admin: Actor, clock: VirtualClock, url: str) -> None:
    _orders(hub, 1, clock)
    one = _joined(hub, admin, url, "pack-1")
    with pytest.raises(HubNotFound):
        one.claim(999)
    hub.people.disable(admin, "op-pack-1-packer")
    with pytest.raises(OperatorSessionEnded):
        one.claim(1)
    old = HubClient(url, one.secret, version="0.0.1")
    with pytest.raises(UpgradeRequired, match="upgrade"):
        old.station()
    hub.stations.revoke(admin, "pack-1")
    with pytest.raises(StationRevoked):
        one.changes(0)
    with pytest.raises(StationRevoked):
        HubClient(url, "not-a-credential").station()


def test_unreachable_and_the_url_rule() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed once we leave: nobody listens
    with pytest.raises(HubUnreachable):
        HubClient(f"http://127.0.0.1:{port}", "x").station()
    with pytest.raises(UsageError):
        HubClient("http://hub.example.com", "x")  # plain http off loopback: refused before any call

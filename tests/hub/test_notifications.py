"""ORDER_CHANGE notifications through SQS (moto, no network), on both backends: the destination is made
with a grantless token, each subscription with the seller's own; a notified change is pulled at once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from hub.bootstrap import Hub
from hub.engine.notifications import NotificationService
from hub.services.people import Actor
from hub.store.tables_pull import notification_config
from station.clock import VirtualClock
from station.domain import Role
from station.errors import PermissionDenied
from sync.simulator import Simulator, notifications, start_simulator
from tests.hub.simhub import attach, worker

moto = pytest.importorskip("moto")
boto3 = pytest.importorskip("boto3")
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


@pytest.fixture
def sim(clock: VirtualClock) -> Iterator[Simulator]:
    found = start_simulator(seed=9, clock=clock, sellers=2, orders=8, cancel_rate=0, address_change_rate=0,
                            afn_rate=0)  # fmt: skip
    yield found
    found.stop()


@pytest.fixture
def queue() -> Iterator[tuple[Any, str, str]]:
    with moto.mock_aws():
        sqs = boto3.client("sqs", region_name="us-east-1", aws_access_key_id="AKIAEXAMPLE",
                           aws_secret_access_key=SECRET)  # fmt: skip
        url = sqs.create_queue(QueueName="pacific-order-change")["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        yield sqs, url, arn


def _service(hub: Hub, sim: Simulator, admin: Actor, queue: tuple[Any, str, str]) -> NotificationService:
    sqs, url, arn = queue
    sim.notification_sink = lambda _arn, text: sqs.send_message(QueueUrl=url, MessageBody=text)  # type: ignore[attr-defined]
    attach(hub, sim)
    notes = NotificationService(hub.store, hub.sealer, hub.people, hub.audit, hub.clock, worker(hub, interval_s=0))
    notes.configure(admin, queue_url=url, queue_arn=arn, region="us-east-1", access_key_id="AKIAEXAMPLE",
                    secret_access_key=SECRET)  # fmt: skip
    return notes


def test_destination_is_grantless_and_subscriptions_are_each_sellers(hub: Hub, sim: Simulator, admin: Actor,
                                                                      queue: tuple[Any, str, str]) -> None:  # fmt: skip
    notes = _service(hub, sim, admin, queue)
    assert notes.subscribe() == {"subscribed": 2, "failed": 0}
    assert notes.subscribe() == {"subscribed": 0, "failed": 0}  # once per seller
    grants = [c.raw.decode() for c in sim.calls if c.operation == "lwa"]
    assert any("grant_type=client_credentials" in g and "sellingpartnerapi%3A%3Anotifications" in g for g in grants)
    (destination,) = sim.calls_for("createDestination", status=200)
    assert destination.seller_id == notifications.GRANTLESS
    made = sim.calls_for("createSubscription", status=200)
    assert sorted(c.seller_id for c in made) == sorted(s.seller_id for s in sim.sellers())
    with hub.store.engine.connect() as conn:
        row = conn.execute(select(notification_config)).first()
    assert row is not None and SECRET not in repr(tuple(row))  # sealed like the hub's other secrets


def test_a_notified_change_is_pulled_at_once(hub: Hub, sim: Simulator, admin: Actor,
                                             queue: tuple[Any, str, str]) -> None:  # fmt: skip
    notes = _service(hub, sim, admin, queue)
    notes.subscribe()
    notes.worker.run_once()  # the first pull
    order_id = sorted(sim.order_ids())[0]
    sim.cancel_order(order_id)
    assert notifications.order_changed(sim, order_id, reason="Buyer Requested Cancel")
    searches = len(sim.calls_for("searchOrders"))
    assert notes.poll_once() == 1
    kinds = [c["kind"] for c in hub.orders.changes(0, 500).changes if c["amazon_order_id"] == order_id]
    assert kinds == ["new", "cancelled"]
    assert len(sim.calls_for("searchOrders")) == searches  # no pull needed: one getOrder
    assert len(sim.calls_for("getOrder", status=200)) == 1
    sqs, url, _arn = queue
    assert sqs.receive_message(QueueUrl=url).get("Messages") is None  # handled and deleted


def test_only_an_admin_configures_the_queue(hub: Hub, sim: Simulator, admin: Actor) -> None:
    notes = NotificationService(hub.store, hub.sealer, hub.people, hub.audit, hub.clock, worker(hub))
    with pytest.raises(PermissionDenied):
        notes.configure(Actor("lee", Role.LEAD), queue_url="https://sqs", queue_arn="arn:aws:sqs:us-east-1:1:q",
                        region="us-east-1", access_key_id="AKIA", secret_access_key="x")  # fmt: skip

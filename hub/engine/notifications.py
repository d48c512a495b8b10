"""ORDER_CHANGE notifications through SQS: the destination (grantless), each seller's subscription (the
seller's authorisation), and the poller that reads the queue with boto3 and pulls each changed order at
once with getOrder. The periodic pull stays as the fallback for anything a notification misses.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from hub.engine.limits import APPLICATION
from hub.engine.pull import INCLUDED_DATA, store_order
from hub.engine.worker import PullWorker
from hub.sealing import Sealer
from hub.services.audit import HUB_ACTOR, HubAudit
from hub.services.people import Actor, PeopleService
from hub.store import HubStore
from hub.store.notifications import QueueConfig
from hub.store.tables import seal_context
from hub.store.tables_pull import notification_config
from station.clock import iso
from station.errors import StationError, UsageError
from station.ports import Clock
from sync.spapi import notifications as api
from sync.spapi.orders import get_order

log = logging.getLogger(__name__)
SECRET_CONTEXT = seal_context(notification_config, "secret_access_key_sealed")
DESTINATION_NAME = "pacific-hub-order-change"
SqsFactory = Callable[[QueueConfig, str], Any]  # (config, opened secret) -> a boto3 SQS client


def boto3_sqs(config: QueueConfig, secret: str) -> Any:
    """An SQS client with the hub's sealed AWS key (boto3 from the hub-s3 extra)."""
    import boto3

    return boto3.client("sqs", region_name=config.region, aws_access_key_id=config.access_key_id,
                        aws_secret_access_key=secret)  # fmt: skip


class NotificationService:
    def __init__(self, store: HubStore, sealer: Sealer, people: PeopleService, audit: HubAudit, clock: Clock,
                 worker: PullWorker, sqs: SqsFactory = boto3_sqs) -> None:  # fmt: skip
        self.store, self.sealer, self.people, self.audit, self.clock = store, sealer, people, audit, clock
        self.worker = worker
        self._sqs_factory = sqs
        self._sqs: Any = None

    def configure(self, by: Actor, *, queue_url: str, queue_arn: str, region: str, access_key_id: str,
                  secret_access_key: str) -> None:  # fmt: skip
        """Store the queue and the AWS key (the secret sealed like the hub's other secrets)."""
        self.people.authorize(by, "notifications.configure")
        if not (queue_url and queue_arn.startswith("arn:aws:sqs:") and region and access_key_id and secret_access_key):
            raise UsageError("Give the queue URL, its arn:aws:sqs ARN, the region, the access key id and its secret")
        self.store.notifications.set_config(queue_url, queue_arn, region, access_key_id,
                                            self.sealer.seal(secret_access_key, SECRET_CONTEXT),
                                            iso(self.clock.now()))  # fmt: skip
        self._sqs = None
        self.audit.record(by.name, "notifications.configured", station=by.station, region=region)

    def subscribe(self) -> dict[str, int]:
        """Create the destination once (grantless), then subscribe every verified seller not subscribed yet."""
        config = self.store.notifications.config()
        if config is None:
            return {"subscribed": 0, "failed": 0}
        if not config.destination_id:
            destination = api.create_destination(self.worker.client, APPLICATION, DESTINATION_NAME, config.queue_arn)
            self.store.notifications.set_destination(destination)
            self.audit.record(HUB_ACTOR, "notifications.destination_created", target=destination)
            config = self.store.notifications.config()
            assert config is not None
        done, failed, have = 0, 0, self.store.notifications.subscribed()
        for row in self.store.sellers.list():
            if row.state != "verified" or row.seller_id in have or not row.refresh_token_sealed:
                continue
            self.worker.remember(row)
            try:
                subscription = api.create_subscription(self.worker.client, row.selling_partner_id,
                                                       config.destination_id)  # fmt: skip
            except StationError as exc:
                failed += 1
                self.audit.record(HUB_ACTOR, "notifications.subscribe_failed", target=row.name, severity="warning",
                                  error=type(exc).__name__)  # fmt: skip
                continue
            self.store.notifications.add_subscription(row.seller_id, subscription, iso(self.clock.now()))
            self.audit.record(HUB_ACTOR, "notifications.subscribed", target=row.name)
            done += 1
        return {"subscribed": done, "failed": failed}

    def _client(self) -> tuple[Any, QueueConfig] | None:
        config = self.store.notifications.config()
        if config is None:
            return None
        if self._sqs is None:
            self._sqs = self._sqs_factory(config, self.sealer.open(config.secret_sealed, SECRET_CONTEXT))
        return self._sqs, config

    def poll_once(self, *, wait_s: int = 0) -> int:
        """Read up to 10 messages; pull each changed order now (getOrder); delete what was handled."""
        found = self._client()
        if found is None:
            return 0
        sqs, config = found
        answer = sqs.receive_message(QueueUrl=config.queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=wait_s)
        handled = 0
        sellers = {r.selling_partner_id: r for r in self.store.sellers.list() if r.state == "verified"}
        for message in answer.get("Messages") or []:
            if self._handle(message.get("Body") or "", sellers):
                handled += 1
            # Handled or not ours: a message we cannot use would only come back; the poll covers it.
            sqs.delete_message(QueueUrl=config.queue_url, ReceiptHandle=message["ReceiptHandle"])
        return handled

    def _handle(self, body: str, sellers: dict[str, Any]) -> bool:
        try:
            note = json.loads(body)
            change = note["Payload"]["OrderChangeNotification"]
            partner, order_id = str(change["SellerId"]), str(change["AmazonOrderId"])
        except (ValueError, KeyError, TypeError):
            log.warning("ignoring an SQS message that is not an ORDER_CHANGE notification")
            return False
        if note.get("NotificationType") != "ORDER_CHANGE" or partner not in sellers:
            return False
        row = sellers[partner]
        self.worker.remember(row)
        try:
            payload = get_order(self.worker.client, partner, order_id, INCLUDED_DATA)
        except StationError as exc:
            log.warning("notified order of seller %s not read: %s", row.seller_id, type(exc).__name__)
            self.store.pull.want_pull(row.seller_id)  # the pull will see it
            return False
        kinds = store_order(self.store.pull, self.worker.changes, row.seller_id, partner, payload,
                            iso(self.clock.now()))  # fmt: skip
        self.audit.record(HUB_ACTOR, "orders.notified", target=partner, changes=len(kinds or []))
        return True


def notification_service(hub: Any, worker: PullWorker) -> NotificationService:
    """The notifications of a built hub, sharing the pull worker's client and buckets."""
    return NotificationService(hub.store, hub.sealer, hub.people, hub.audit, hub.clock, worker)


def between_rounds(notes: NotificationService) -> Callable[[], None]:
    """What the pull loop runs each tick: subscribe new sellers, then read the queue (when configured)."""

    def tick() -> None:
        if notes.store.notifications.config() is None:
            return
        try:
            notes.subscribe()
            notes.poll_once()
        except StationError as exc:  # polling stays the fallback
            log.warning("notifications skipped this round: %s", type(exc).__name__)

    return tick

"""Where ORDER_CHANGE notifications go: the one SQS configuration row and each seller's subscription."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, delete, insert, select, update

from hub.store.tables_pull import notification_config, notification_subscriptions


@dataclass(frozen=True)
class QueueConfig:
    queue_url: str
    queue_arn: str
    region: str
    access_key_id: str
    secret_sealed: str = field(repr=False)
    destination_id: str


class NotificationStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def set_config(self, queue_url: str, queue_arn: str, region: str, access_key_id: str, secret_sealed: str,
                   now: str) -> None:  # fmt: skip
        """Replace the configuration (a new queue needs a new destination, so the old one is forgotten)."""
        with self.engine.begin() as conn:
            conn.execute(delete(notification_subscriptions))
            conn.execute(delete(notification_config))
            conn.execute(insert(notification_config).values(
                config_id=1, queue_url=queue_url, queue_arn=queue_arn, region=region, access_key_id=access_key_id,
                secret_access_key_sealed=secret_sealed, set_at=now))  # fmt: skip

    def config(self) -> QueueConfig | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(notification_config)).first()
        if r is None:
            return None
        return QueueConfig(r.queue_url, r.queue_arn, r.region, r.access_key_id, r.secret_access_key_sealed,
                           r.destination_id)  # fmt: skip

    def set_destination(self, destination_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(notification_config).values(destination_id=destination_id))

    def subscribed(self) -> set[int]:
        with self.engine.connect() as conn:
            return {int(r[0]) for r in conn.execute(select(notification_subscriptions.c.seller_id))}

    def add_subscription(self, seller_id: int, subscription_id: str, now: str) -> None:
        with self.engine.begin() as conn:
            row = {"seller_id": seller_id, "subscription_id": subscription_id, "set_at": now}
            conn.execute(insert(notification_subscriptions).values(**row))

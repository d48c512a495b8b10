"""Notifications API v1: an SQS destination (grantless: the application's token) and a seller's
ORDER_CHANGE subscription (that seller's authorisation), as notifications.json says."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:  # the client imports this module's limits
    from sync.spapi.http import SpApiClient

GRANTLESS_SCOPE = "sellingpartnerapi::notifications"
# Published usage plans (rate per second, burst).
NOTIFICATION_LIMITS: dict[str, tuple[float, int]] = {
    "createDestination": (1.0, 5),
    "getDestinations": (1.0, 5),
    "createSubscription": (1.0, 5),
    "getSubscription": (1.0, 5),
}


def _payload(body: Any) -> dict[str, Any]:
    payload = body.get("payload") if isinstance(body, dict) else None
    return payload if isinstance(payload, dict) else {}


def create_destination(client: SpApiClient, grantless_id: str, name: str, queue_arn: str) -> str:
    """Make the SQS queue a destination; ``grantless_id`` names a grantless connection. Returns its id."""
    body = {"name": name, "resourceSpecification": {"sqs": {"arn": queue_arn}}}
    resp = client.call(grantless_id, "createDestination", "POST", "/notifications/v1/destinations", body=body,
                       count=lambda _b: 1)  # fmt: skip
    return str(_payload(resp.body).get("destinationId") or "")


def create_subscription(client: SpApiClient, seller_id: str, destination_id: str,
                        notification_type: str = "ORDER_CHANGE") -> str:  # fmt: skip
    """Subscribe the seller (its own authorisation) to ``notification_type``; returns the subscription id."""
    body = {"payloadVersion": "1.0", "destinationId": destination_id}
    resp = client.call(seller_id, "createSubscription", "POST",
                       f"/notifications/v1/subscriptions/{quote(notification_type, safe='')}", body=body,
                       count=lambda _b: 1)  # fmt: skip
    return str(_payload(resp.body).get("subscriptionId") or "")

"""The Notifications API (notifications.json): createDestination with a grantless token, createSubscription
with the seller's, and ORDER_CHANGE notifications (OrderChangeNotification.json) handed to a sink.

A test sets ``sim.notification_sink`` (arn, message text) -> None, e.g. moto's SQS; without one the
messages stay in ``sim.notifications``.
"""

from __future__ import annotations

import json
import re
import secrets
import uuid
from typing import Any
from urllib.parse import unquote

from sync.simulator.data import MARKETPLACE_US, iso

GRANTLESS = "amzn1.grantless"  # whom a grantless access token stands for in the token table
SCOPES = ("sellingpartnerapi::notifications", "sellingpartnerapi::client_credential:rotation")
ARN = re.compile(r"^arn:aws:sqs:\S+:\S+:\S+")
NOTIFICATION_TYPES = ("ORDER_CHANGE", "ANY_OFFER_CHANGED", "FEED_PROCESSING_FINISHED", "REPORT_PROCESSING_FINISHED")

ROUTES = [
    ("POST", re.compile(r"^/notifications/v1/destinations$"), "createDestination"),
    ("POST", re.compile(r"^/notifications/v1/subscriptions/(?P<type>[^/]+)$"), "createSubscription"),
]


def _error(code: str, message: str) -> dict[str, Any]:
    return {"errors": [{"code": code, "message": message}]}


def _denied() -> tuple[int, Any]:
    return 403, _error("Unauthorized", "Access to requested resource is denied.")


def grantless_token(req: Any, form: dict[str, str]) -> tuple[int, dict[str, Any], dict[str, str]]:
    """LWA's client_credentials grant: an access token for the application, not a seller."""
    world = req.sim.world
    if form.get("client_id") != world.client_id or form.get("client_secret") != world.client_secret:
        return 401, {"error": "invalid_client", "error_description": "Client authentication failed"}, {}
    if form.get("scope") not in SCOPES:
        return 400, {"error": "invalid_scope", "error_description": "The requested scope is invalid"}, {}
    token = "Atza|sim-grantless-" + secrets.token_hex(24)
    req.sim.issue_token(token, GRANTLESS, req.sim.token_lifetime_s)
    return 200, {"access_token": token, "token_type": "bearer", "expires_in": int(req.sim.token_lifetime_s)}, {}


def create_destination(req: Any) -> tuple[int, Any]:
    if req.seller_id != GRANTLESS:  # the model: a grantless operation
        return _denied()
    body = req.json()
    arn = (
        ((body or {}).get("resourceSpecification") or {}).get("sqs", {}).get("arn") if isinstance(body, dict) else None
    )
    if not isinstance(body, dict) or not isinstance(body.get("name"), str) or not isinstance(arn, str):
        return 400, _error("InvalidInput", "Request has missing or invalid parameters and cannot be parsed.")
    if not ARN.match(arn) or len(arn) > 1000:
        return 400, _error("InvalidInput", "Invalid SQS ARN.")
    destinations = _state(req.sim)["destinations"]
    if any(d["resource"]["sqs"]["arn"] == arn for d in destinations.values()):
        return 409, _error("Conflict", "A destination with this resource already exists.")
    destination = {"destinationId": str(uuid.uuid4()), "name": body["name"][:256], "resource": {"sqs": {"arn": arn}}}
    destinations[destination["destinationId"]] = destination
    return 200, {"payload": destination}


def create_subscription(req: Any) -> tuple[int, Any]:
    if req.seller_id in ("", GRANTLESS):  # the model: the seller's authorisation
        return _denied()
    kind = unquote(req.path_args.get("type", ""))
    body = req.json()
    if kind not in NOTIFICATION_TYPES or not isinstance(body, dict):
        return 400, _error("InvalidInput", "Request has missing or invalid parameters and cannot be parsed.")
    state = _state(req.sim)
    if body.get("destinationId") not in state["destinations"] or not body.get("payloadVersion"):
        return 400, _error("InvalidInput", "Request has missing or invalid parameters and cannot be parsed.")
    key = (req.seller_id, kind)
    if key in state["subscriptions"]:
        return 409, _error("Conflict", "Subscription for the notification type already exists.")
    subscription = {"subscriptionId": str(uuid.uuid4()), "payloadVersion": str(body["payloadVersion"]),
                    "destinationId": body["destinationId"]}  # fmt: skip
    state["subscriptions"][key] = subscription
    return 200, {"payload": subscription}


HANDLERS = {"createDestination": create_destination, "createSubscription": create_subscription}


def _state(sim: Any) -> dict[str, Any]:
    if not hasattr(sim, "notification_state"):
        sim.notification_state = {"destinations": {}, "subscriptions": {}}
        sim.notifications = []
    return sim.notification_state  # type: ignore[no-any-return]


def order_changed(sim: Any, order_id: str, change_type: str = "OrderStatusChange", reason: str = "") -> bool:
    """Send ORDER_CHANGE for the order to its seller's subscription's destination; False when none."""
    state = _state(sim)
    order = sim.world.orders[order_id]
    subscription = state["subscriptions"].get((order.seller_id, "ORDER_CHANGE"))
    if subscription is None:
        return False
    arn = state["destinations"][subscription["destinationId"]]["resource"]["sqs"]["arn"]
    now = iso(sim.clock.now())
    status, _updated, _address = order.state(sim.clock.now())
    message = {
        "NotificationVersion": "1.0", "NotificationType": "ORDER_CHANGE", "PayloadVersion": "1.0", "EventTime": now,
        "Payload": {"OrderChangeNotification": {
            "NotificationLevel": "OrderLevel", "SellerId": order.seller_id, "AmazonOrderId": order_id,
            "OrderChangeType": change_type,
            "OrderChangeTrigger": {"TimeOfOrderChange": now, "ChangeReason": reason or change_type},
            "Summary": {"MarketplaceId": MARKETPLACE_US, "OrderStatus": status.title(), "FulfillmentType": "MFN"},
        }},
        "NotificationMetadata": {"ApplicationId": "amzn1.sp.solution.sim",
                                 "SubscriptionId": subscription["subscriptionId"], "PublishTime": now,
                                 "NotificationId": str(uuid.uuid4())},
    }  # fmt: skip
    text = json.dumps(message)
    sink = getattr(sim, "notification_sink", None)
    if sink is not None:
        sink(arn, text)
    else:
        sim.notifications.append((arn, text))
    return True

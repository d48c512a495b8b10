"""Fulfillment Inbound 2024-03-20 delivery windows, own-carrier tracking and transport preconditions.

Added for issue 12's FBA fixes (one install call at the end of inbound.py): generate/list/confirm
DeliveryWindowOptions, updateShipmentTrackingDetails, and two knobs that play what Amazon may do:
``require_delivery_window(sim)`` puts the model's ``CONFIRMED_DELIVERY_WINDOW`` precondition on every
transportation option (confirming one before its window fails the operation), and
``withhold_partnered_quote(sim)`` offers the partnered carrier without a quote.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sync.simulator import inbound

_SHIP = r"/inbound/fba/2024-03-20/inboundPlans/(?P<plan>[^/]+)/shipments/(?P<id>[^/]+)"
ROUTES = [
    ("POST", re.compile(rf"^{_SHIP}/deliveryWindowOptions$"), "generateDeliveryWindowOptions"),
    ("GET", re.compile(rf"^{_SHIP}/deliveryWindowOptions$"), "listDeliveryWindowOptions"),
    ("POST", re.compile(rf"^{_SHIP}/deliveryWindowOptions/(?P<window>[^/]+)/confirmation$"),
     "confirmDeliveryWindowOptions"),
    ("PUT", re.compile(rf"^{_SHIP}/trackingDetails$"), "updateShipmentTrackingDetails"),
]  # fmt: skip
PRECONDITION = "CONFIRMED_DELIVERY_WINDOW"
Handler = Callable[[Any], tuple[int, Any]]


def _knobs(sim: Any) -> dict[str, bool]:
    world = inbound.state(sim)
    knobs: dict[str, bool] = world.__dict__.setdefault("window_knobs", {})
    return knobs


def require_delivery_window(sim: Any, on: bool = True) -> None:
    _knobs(sim)["window"] = on


def withhold_partnered_quote(sim: Any, on: bool = True) -> None:
    _knobs(sim)["no_partnered_quote"] = on


def _generate_windows(req: Any) -> tuple[int, Any]:
    _, ship = inbound._shipment(req)
    if ship is None:
        return inbound._missing("Shipment")
    now = req.sim.clock.now()
    ship["windows"] = [
        {"deliveryWindowOptionId": inbound._id("dw"), "availabilityType": kind,
         "startDate": (now + timedelta(days=d)).strftime("%Y-%m-%dT%H:%MZ"),
         "endDate": (now + timedelta(days=d + 2)).strftime("%Y-%m-%dT%H:%MZ"),
         "validUntil": (now + timedelta(days=1)).strftime("%Y-%m-%dT%H:%MZ")}
        for d, kind in ((2, "CONGESTED"), (4, "AVAILABLE"), (6, "BLOCKED"))
    ]  # fmt: skip
    return inbound._accepted(inbound.state(req.sim).start(req.seller_id, "generateDeliveryWindowOptions"))


def _list_windows(req: Any) -> tuple[int, Any]:
    _, ship = inbound._shipment(req)
    if ship is None:
        return inbound._missing("Shipment")
    return inbound._paged(req, "deliveryWindowOptions", list(ship.get("windows") or []))


def _confirm_window(req: Any) -> tuple[int, Any]:
    _, ship = inbound._shipment(req)
    if ship is None:
        return inbound._missing("Shipment")
    wanted = req.path_args.get("window", "")
    found = [w for w in ship.get("windows") or [] if w["deliveryWindowOptionId"] == wanted]
    problems = [] if found and found[0]["availabilityType"] != "BLOCKED" else [
        {"code": "FBA_INB_0360", "severity": "ERROR", "message": "The delivery window option is not available"}]
    op = inbound.state(req.sim).start(req.seller_id, "confirmDeliveryWindowOptions", problems)
    if not problems:
        ship["delivery_window"] = wanted
    return inbound._accepted(op)


def _update_tracking(req: Any) -> tuple[int, Any]:
    _, ship = inbound._shipment(req)
    if ship is None:
        return inbound._missing("Shipment")
    items = (((req.json() or {}).get("trackingDetails") or {}).get("spdTrackingDetail") or {}).get("spdTrackingItems")
    problems = []
    if ship.get("solution") != "USE_YOUR_OWN_CARRIER":
        problems.append({"code": "FBA_INB_0370", "severity": "ERROR",
                         "message": "Tracking details can only be updated for non-partnered shipments"})  # fmt: skip
    op = inbound.state(req.sim).start(req.seller_id, "updateShipmentTrackingDetails", problems)
    if not problems:
        ship["tracking"] = [dict(i) for i in items or [] if isinstance(i, dict)]
    return inbound._accepted(op)


def _wrap_generate(original: Handler) -> Handler:
    def generate(req: Any) -> tuple[int, Any]:
        status, body = original(req)
        plan = inbound._plan(req)
        knobs = _knobs(req.sim)
        for option in plan.transport if plan else []:
            if knobs.get("window"):
                option["preconditions"] = [PRECONDITION]
            if knobs.get("no_partnered_quote") and option["shippingSolution"] == "AMAZON_PARTNERED_CARRIER":
                option.pop("quote", None)
        return status, body

    return generate


def _wrap_confirm(original: Handler) -> Handler:
    def confirm(req: Any) -> tuple[int, Any]:
        plan = inbound._plan(req)
        if plan is None:
            return original(req)
        known = {o["transportationOptionId"]: o for o in plan.transport}
        for selection in (req.json() or {}).get("transportationSelections") or []:
            option = known.get(selection.get("transportationOptionId"))
            ship = plan.shipments.get(str(selection.get("shipmentId")))
            if option is None or ship is None:
                continue
            if PRECONDITION in option.get("preconditions", []) and not ship.get("delivery_window"):
                op = inbound.state(req.sim).start(req.seller_id, "confirmTransportationOptions", [
                    {"code": "FBA_INB_0361", "severity": "ERROR",
                     "message": "Confirm a delivery window before confirming this transportation option"}])  # fmt: skip
                return inbound._accepted(op)
            ship["solution"] = option["shippingSolution"]
        return original(req)

    return confirm


def install(routes: list[Any], handlers: dict[str, Any]) -> None:
    """Add the routes and handlers, and wrap transport generation and confirmation."""
    routes.extend(ROUTES)
    handlers.update({
        "generateDeliveryWindowOptions": _generate_windows, "listDeliveryWindowOptions": _list_windows,
        "confirmDeliveryWindowOptions": _confirm_window, "updateShipmentTrackingDetails": _update_tracking,
        "generateTransportationOptions": _wrap_generate(handlers["generateTransportationOptions"]),
        "confirmTransportationOptions": _wrap_confirm(handlers["confirmTransportationOptions"]),
    })  # fmt: skip
    try:  # the model book (branch sim) validates requests and reads rates for the operations it knows
        models = importlib.import_module("sync.simulator.models")

        path = "/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}/shipments/{shipmentId}"
        models.OPERATIONS.update({
            "generateDeliveryWindowOptions": (models._INBOUND, "post", path + "/deliveryWindowOptions"),
            "listDeliveryWindowOptions": (models._INBOUND, "get", path + "/deliveryWindowOptions"),
            "confirmDeliveryWindowOptions": (models._INBOUND, "post",
                                             path + "/deliveryWindowOptions/{deliveryWindowOptionId}/confirmation"),
            "updateShipmentTrackingDetails": (models._INBOUND, "put", path + "/trackingDetails"),
        })  # fmt: skip
    except (ImportError, AttributeError):
        pass

"""Buy Shipping labels show on the Amazon order, as Seller Central shows them.

A Shipping v2 label bought for an Amazon order (channelType AMAZON) confirms the shipment: the order gains
a package (packageReferenceId = the packageClientReferenceId given to getRates, carrier, tracking number,
items) in getOrder's PACKAGES, and cancelling the label removes it. The hub's label ledger reads these
packages to settle a purchase or a void whose answer was lost. (Added for issue 12's ledger: three hook
calls in handlers.py; the rest of the simulator is unchanged.)
"""

from __future__ import annotations

from typing import Any

from station.clock import iso


def note_rates(sim: Any, token: str, body: Any) -> None:
    """Remember which order and items a rate request was for."""
    channel = body.get("channelDetails") if isinstance(body, dict) else None
    order_id = ((channel or {}).get("amazonOrderDetails") or {}).get("orderId") if isinstance(channel, dict) else None
    package = (body.get("packages") or [{}])[0] if isinstance(body, dict) else {}
    items = [
        {"orderItemId": str(i.get("itemIdentifier") or ""), "quantity": int(i.get("quantity") or 0)}
        for i in (package.get("items") or [])
        if isinstance(i, dict)
    ]
    if isinstance(order_id, str):
        sim.__dict__.setdefault("rate_orders", {})[token] = (order_id, items)


def on_purchase(sim: Any, request_token: str, shipment_id: str) -> None:
    """The bought label appears as a package of its order."""
    found = sim.__dict__.get("rate_orders", {}).get(request_token)
    shipment = sim.shipments.get(shipment_id)
    order = sim.world.orders.get(found[0]) if found else None
    if order is None or shipment is None:
        return
    now = sim.clock.now()
    detail = shipment["detail"]
    order.packages.append(
        {
            "packageReferenceId": str(detail.get("packageClientReferenceId") or shipment_id),
            "createdTime": iso(now),
            "packageStatus": {"status": "SHIPPED"},
            "carrier": "Amazon Shipping",
            "trackingNumber": shipment["tracking"],
            "shipTime": iso(now),
            "packageItems": found[1],
        }
    )
    shipment["order_id"] = order.order_id
    # The label confirms the shipment, as confirmShipment does: the order moves to (partially) shipped.
    shipped = order.shipped_units(now)
    complete = all(shipped.get(i.order_item_id, 0) >= i.quantity for i in order.items)
    event = (now, "ship", {"complete": complete})
    order.events.append(event)
    shipment["ship_event"] = event


def on_cancel(sim: Any, shipment: dict[str, Any]) -> None:
    """A voided label's package leaves its order."""
    order = sim.world.orders.get(shipment.get("order_id", ""))
    if order is not None:
        order.packages[:] = [p for p in order.packages if p.get("trackingNumber") != shipment["tracking"]]
        if shipment.get("ship_event") in order.events:
            order.events.remove(shipment["ship_event"])

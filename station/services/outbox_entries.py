"""What the core puts in the outbox for sync to deliver: kinds, keys and payloads in one place."""

from __future__ import annotations

from collections.abc import Sequence

from station.store import Store

CONFIRM_SHIPMENT = "confirm_shipment"
CANCEL_SHIPMENT = "cancel_shipment"


def enqueue_confirmation(
    store: Store,
    *,
    seller_id: str,
    order_id: str,
    marketplace_id: str,
    carrier: str,
    tracking: str,
    ship_date: str,
    items: Sequence[tuple[str, int]],
    package_ref: str,
    now: str,
) -> int:
    """Queue a confirmShipment (labels bought outside Amazon); call inside the local change's transaction."""
    payload = {
        "marketplace_id": marketplace_id,
        "carrier": carrier,
        "tracking": tracking,
        "ship_date": ship_date,
        "items": [[oid, int(q)] for oid, q in items],
        "package_ref": package_ref,
    }
    key = confirmation_key(seller_id, order_id, package_ref)
    return store.outbox.enqueue(CONFIRM_SHIPMENT, seller_id, order_id, key, payload, now=now)


def confirmation_key(seller_id: str, order_id: str, package_ref: str) -> str:
    """The idempotency key of a box's shipment confirmation (to find it again, e.g. to withdraw it)."""
    return f"confirm:{seller_id}:{order_id}:{package_ref}"


def enqueue_label_cancellation(store: Store, *, seller_id: str, order_id: str, shipment_id: str, now: str) -> int:
    """Queue a Shipping v2 cancelShipment (a voided label); call inside the local change's transaction."""
    key = f"cancel:{seller_id}:{shipment_id}"
    return store.outbox.enqueue(CANCEL_SHIPMENT, seller_id, order_id, key, {"shipment_id": shipment_id}, now=now)

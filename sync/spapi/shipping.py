"""Amazon Shipping API v2: rates, purchase (idempotent), documents, cancellation."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from sync.spapi.http import SpApiClient

BUSINESS_ID = {"x-amzn-shipping-business-id": "AmazonShipping_US"}


def _payload(body: Any) -> dict[str, Any]:
    payload = body.get("payload") if isinstance(body, dict) else None
    return dict(payload) if isinstance(payload, dict) else {}


def get_rates(client: SpApiClient, seller_id: str, request: dict[str, Any]) -> dict[str, Any]:
    """Rates for one package; the answer's ``requestToken`` is needed to buy within 10 minutes."""
    resp = client.call(
        seller_id,
        "getRates",
        "POST",
        "/shipping/v2/shipments/rates",
        body=request,
        headers=BUSINESS_ID,
        count=lambda b: len(_payload(b).get("rates") or []),
    )
    return _payload(resp.body)


def purchase_shipment(
    client: SpApiClient, seller_id: str, request: dict[str, Any], *, idempotency_key: str
) -> dict[str, Any]:
    """Buy a label; the idempotency key makes a retried purchase return the first one."""
    headers = dict(BUSINESS_ID)
    headers["x-amzn-IdempotencyKey"] = idempotency_key
    resp = client.call(
        seller_id,
        "purchaseShipment",
        "POST",
        "/shipping/v2/shipments",
        body=request,
        headers=headers,
        count=lambda _b: 1,
    )
    return _payload(resp.body)


def get_shipment_documents(
    client: SpApiClient, seller_id: str, shipment_id: str, package_ref: str, fmt: str
) -> dict[str, Any]:
    resp = client.call(
        seller_id,
        "getShipmentDocuments",
        "GET",
        f"/shipping/v2/shipments/{quote(shipment_id, safe='')}/documents",
        params={"packageClientReferenceId": package_ref, "format": fmt},
        headers=BUSINESS_ID,
        count=lambda _b: 1,
    )
    return _payload(resp.body)


def cancel_shipment(client: SpApiClient, seller_id: str, shipment_id: str) -> None:
    client.call(
        seller_id,
        "cancelShipment",
        "PUT",
        f"/shipping/v2/shipments/{quote(shipment_id, safe='')}/cancel",
        headers=BUSINESS_ID,
        count=lambda _b: 1,
    )

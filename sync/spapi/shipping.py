"""Amazon Shipping API v2: rates, purchase (idempotent), documents, cancellation."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from sync.spapi.http import SpApiClient

BUSINESS_ID = {"x-amzn-shipping-business-id": "AmazonShipping_US"}  # the station's own path (US only)


def _business(business_id: str) -> dict[str, str]:
    return {"x-amzn-shipping-business-id": business_id} if business_id else dict(BUSINESS_ID)


def _payload(body: Any) -> dict[str, Any]:
    payload = body.get("payload") if isinstance(body, dict) else None
    return dict(payload) if isinstance(payload, dict) else {}


def get_rates(
    client: SpApiClient, seller_id: str, request: dict[str, Any], *, business_id: str = ""
) -> dict[str, Any]:
    """Rates for one package; the answer's ``requestToken`` is needed to buy within 10 minutes."""
    resp = client.call(
        seller_id,
        "getRates",
        "POST",
        "/shipping/v2/shipments/rates",
        body=request,
        headers=_business(business_id),
        count=lambda b: len(_payload(b).get("rates") or []),
    )
    return _payload(resp.body)


def purchase_shipment(
    client: SpApiClient, seller_id: str, request: dict[str, Any], *, idempotency_key: str, business_id: str = ""
) -> dict[str, Any]:
    """Buy a label; the idempotency key makes a retried purchase return the first one."""
    headers = _business(business_id)
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
    client: SpApiClient, seller_id: str, shipment_id: str, package_ref: str, fmt: str, *,
    dpi: int = 0, business_id: str = "",
) -> dict[str, Any]:
    """A purchased label's documents; ``package_ref`` is the packageClientReferenceId given to getRates."""
    params = {"packageClientReferenceId": package_ref, "format": fmt}
    if dpi:
        params["dpi"] = str(dpi)
    resp = client.call(
        seller_id,
        "getShipmentDocuments",
        "GET",
        f"/shipping/v2/shipments/{quote(shipment_id, safe='')}/documents",
        params=params,
        headers=_business(business_id),
        count=lambda _b: 1,
    )
    return _payload(resp.body)


def cancel_shipment(client: SpApiClient, seller_id: str, shipment_id: str, *, business_id: str = "") -> None:
    """Void a purchased label."""
    client.call(
        seller_id,
        "cancelShipment",
        "PUT",
        f"/shipping/v2/shipments/{quote(shipment_id, safe='')}/cancel",
        headers=_business(business_id),
        count=lambda _b: 1,
    )


def get_additional_inputs(
    client: SpApiClient, seller_id: str, request_token: str, rate_id: str, *, business_id: str = ""
) -> dict[str, Any]:
    """The JSON schema of the additional inputs a rate needs before it can be bought."""
    resp = client.call(
        seller_id,
        "getAdditionalInputs",
        "GET",
        "/shipping/v2/shipments/additionalInputs/schema",
        params={"requestToken": request_token, "rateId": rate_id},
        headers=_business(business_id),
        count=lambda _b: 1,
    )
    return _payload(resp.body)

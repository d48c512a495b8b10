"""Orders API: 2026-01-01 ``searchOrders`` and ``getOrder``, v0 ``confirmShipment``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from station.errors import UpstreamError
from sync.spapi.http import SpApiClient

# Only what shipping needs (minimum PII): no BUYER, PROCEEDS, TAX, PAYMENT.
INCLUDED_DATA = ("RECIPIENT", "FULFILLMENT", "PACKAGES")
PAGE_SIZE = 100


def _count_orders(body: Any) -> int:
    return len(body.get("orders") or []) if isinstance(body, dict) else 0


def search_orders(
    client: SpApiClient,
    seller_id: str,
    *,
    last_updated_after: str,
    marketplace_ids: Sequence[str] = (),
    pagination_token: str = "",
    page_size: int = PAGE_SIZE,
    included_data: Sequence[str] = INCLUDED_DATA,
) -> dict[str, Any]:
    """One page of FBM orders updated after ``last_updated_after`` (ISO-8601)."""
    params: dict[str, str] = {
        "lastUpdatedAfter": last_updated_after,
        "fulfilledBy": "MERCHANT",
        "includedData": ",".join(included_data),
        "maxResultsPerPage": str(page_size),
    }
    if marketplace_ids:
        params["marketplaceIds"] = ",".join(marketplace_ids)
    if pagination_token:
        params["paginationToken"] = pagination_token
    resp = client.call(
        seller_id, "searchOrders", "GET", "/orders/2026-01-01/orders", params=params, count=_count_orders
    )
    return resp.body if isinstance(resp.body, dict) else {}


def get_order(
    client: SpApiClient, seller_id: str, order_id: str, included_data: Sequence[str] = INCLUDED_DATA
) -> dict[str, Any]:
    """One order with recipient, fulfillment and packages (or the given ``included_data``)."""
    resp = client.call(
        seller_id,
        "getOrder",
        "GET",
        f"/orders/2026-01-01/orders/{quote(order_id, safe='')}",
        params={"includedData": ",".join(included_data)},
        count=lambda body: 1 if isinstance(body, dict) and body.get("order") else 0,
    )
    body = resp.body if isinstance(resp.body, dict) else {}
    order = body.get("order")
    if not isinstance(order, dict):
        raise UpstreamError("getOrder answered without an order", code="MalformedBody", retryable=True)
    return order


def confirm_shipment(client: SpApiClient, seller_id: str, order_id: str, payload: dict[str, Any]) -> None:
    """Tell Amazon a package shipped (for labels bought outside Amazon's Shipping API)."""
    client.call(
        seller_id,
        "confirmShipment",
        "POST",
        f"/orders/v0/orders/{quote(order_id, safe='')}/shipmentConfirmation",
        body=payload,
        count=lambda _body: 1,
    )


def is_already_confirmed(exc: UpstreamError) -> bool:
    """Amazon refuses a confirmation it already has; for an outbox that means delivered."""
    text = str(exc).lower()
    return exc.status == 400 and ("already" in text and ("confirm" in text or "shipped" in text))

"""FBA Inventory v1: ``getInventorySummaries`` (2 rps, burst 2), paged, mapped to FbaStock."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from station.services.inbound_types import FbaStock
from sync import identifiers as ids
from sync.identifiers import InvalidUpstreamRecord

if TYPE_CHECKING:  # no runtime import: ratelimit imports this module for its limits
    from sync.spapi.http import SpApiClient

log = logging.getLogger(__name__)

INVENTORY_LIMITS: dict[str, tuple[float, int]] = {"getInventorySummaries": (2.0, 2)}
MAX_SKUS = 50  # sellerSkus per request


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def stock_from_summary(summary: dict[str, Any]) -> FbaStock:
    """One InventorySummary (with details) as the station's FbaStock; missing numbers count as 0;
    InvalidUpstreamRecord when its SKU, ASIN or FNSKU breaks the model's rules."""
    sku = ids.check_text_id(str(summary.get("sellerSku") or ""), "SKU", "an inventory summary")
    record = "the inventory summary of a SKU"
    asin = ids.check(ids.ASIN, str(summary.get("asin") or ""), "ASIN", record, optional=True)
    fnsku = ids.check(ids.ASIN, str(summary.get("fnSku") or ""), "FNSKU", record, optional=True)  # same shape
    details = summary.get("inventoryDetails") or {}
    reserved = details.get("reservedQuantity") or {}
    unfulfillable = details.get("unfulfillableQuantity") or {}
    return FbaStock(
        sku=sku,
        fnsku=fnsku,
        fulfillable=_int(details.get("fulfillableQuantity")),
        inbound_working=_int(details.get("inboundWorkingQuantity")),
        inbound_shipped=_int(details.get("inboundShippedQuantity")),
        inbound_receiving=_int(details.get("inboundReceivingQuantity")),
        reserved=_int(reserved.get("totalReservedQuantity")),
        unfulfillable=_int(unfulfillable.get("totalUnfulfillableQuantity")),
        asin=asin,
    )


def _stocks(summaries: list[Any]) -> list[FbaStock]:
    """The usable summaries; one with invalid identifiers is left out and logged, never stored."""
    found = []
    for summary in summaries:
        if not isinstance(summary, dict) or not summary.get("sellerSku"):
            continue
        try:
            found.append(stock_from_summary(summary))
        except InvalidUpstreamRecord as exc:
            log.warning("%s", exc)
    return found


def inventory_summaries(client: SpApiClient, seller_id: str, marketplace_id: str,
                        skus: Sequence[str] = ()) -> list[FbaStock]:  # fmt: skip
    """Every summary for the marketplace (or for ``skus``, 50 a request), following nextToken."""
    found: list[FbaStock] = []
    batches: list[Sequence[str]] = [skus[i : i + MAX_SKUS] for i in range(0, len(skus), MAX_SKUS)] or [()]
    for batch in batches:
        token = ""
        while True:
            params = {
                "details": "true", "granularityType": "Marketplace", "granularityId": marketplace_id,
                "marketplaceIds": marketplace_id,
            }  # fmt: skip
            if batch:
                params["sellerSkus"] = ",".join(batch)
            if token:
                params["nextToken"] = token
            resp = client.call(
                seller_id, "getInventorySummaries", "GET", "/fba/inventory/v1/summaries", params=params,
                count=lambda b: len(((b or {}).get("payload") or {}).get("inventorySummaries") or []),
            )  # fmt: skip
            body = resp.body or {}
            payload = body.get("payload") or {}
            found += _stocks(payload.get("inventorySummaries") or [])
            token = str((body.get("pagination") or {}).get("nextToken") or "")
            if not token:
                break
    return found

"""Sellers API: marketplace participations, used to verify an authorisation when a seller is added."""

from __future__ import annotations

from typing import Any

from sync.spapi.http import SpApiClient


def get_marketplace_participations(client: SpApiClient, seller_id: str) -> list[dict[str, Any]]:
    resp = client.call(
        seller_id,
        "getMarketplaceParticipations",
        "GET",
        "/sellers/v1/marketplaceParticipations",
        count=lambda b: len(b.get("payload") or []) if isinstance(b, dict) else 0,
    )
    body = resp.body if isinstance(resp.body, dict) else {}
    payload = body.get("payload")
    return [p for p in payload if isinstance(p, dict)] if isinstance(payload, list) else []

"""What Amazon shows on an order: its packages (getOrder, includedData PACKAGES), to settle outcomes by
state rather than by the wording of an error."""

from __future__ import annotations

from typing import Any

from sync.spapi import orders
from sync.spapi.http import SpApiClient


def on_order(client: SpApiClient, partner_id: str, order_id: str) -> list[dict[str, Any]]:
    """The order's packages as Amazon shows them (no buyer data is asked for)."""
    order = orders.get_order(client, partner_id, order_id, included_data=("PACKAGES",))
    found = order.get("packages")
    return [p for p in found if isinstance(p, dict)] if isinstance(found, list) else []


def find(client: SpApiClient, partner_id: str, order_id: str, *, reference: str = "",
         tracking: str = "") -> dict[str, Any] | None:  # fmt: skip
    """The package with this reference id or tracking number, or None."""
    for package in on_order(client, partner_id, order_id):
        if reference and str(package.get("packageReferenceId") or "") == reference:
            return package
        if tracking and str(package.get("trackingNumber") or "") == tracking:
            return package
    return None

"""``SpApiMarketplace``: the core's ``Marketplace`` port over the SP-API client."""

from __future__ import annotations

from collections.abc import Sequence

from station.domain import Order, OrderPage, Parcel, PurchasedLabel, Rate, Recipient
from station.errors import UpstreamError
from sync import mapping
from sync.spapi import orders, sellers, shipping
from sync.spapi.http import SpApiClient


class SpApiMarketplace:
    """Amazon, its sandbox, the simulator or the hub: which one is only the seller's base URL."""

    def __init__(self, client: SpApiClient) -> None:
        self.client = client

    def search_orders(self, seller_id: str, updated_after: str, next_token: str = "") -> OrderPage:
        body = orders.search_orders(
            self.client, seller_id, last_updated_after=updated_after, pagination_token=next_token
        )
        found, token, rejected = mapping.checked_orders_from_search(seller_id, body)
        return OrderPage(tuple(found), token, tuple(rejected))

    def get_order(self, seller_id: str, order_id: str) -> Order:
        return mapping.order_from_payload(seller_id, orders.get_order(self.client, seller_id, order_id))

    def confirm_shipment(
        self,
        seller_id: str,
        order_id: str,
        *,
        marketplace_id: str,
        carrier: str,
        tracking: str,
        ship_date: str,
        items: Sequence[tuple[str, int]],
        package_ref: str,
    ) -> None:
        body = mapping.confirm_shipment_body(
            marketplace_id=marketplace_id,
            carrier=carrier,
            tracking=tracking,
            ship_date=ship_date,
            items=items,
            package_ref=package_ref,
        )
        orders.confirm_shipment(self.client, seller_id, order_id, body)

    def get_rates(
        self, seller_id: str, order: Order, recipient: Recipient, parcel: Parcel, ship_from: dict[str, str]
    ) -> list[Rate]:
        payload = shipping.get_rates(
            self.client, seller_id, mapping.rates_request(order, recipient, parcel, ship_from)
        )
        return mapping.rates_from_payload(payload)

    def purchase_shipment(
        self, seller_id: str, rate: Rate, *, idempotency_key: str, label_format: str
    ) -> PurchasedLabel:
        payload = shipping.purchase_shipment(
            self.client,
            seller_id,
            mapping.purchase_request(rate, label_format),
            idempotency_key=idempotency_key,
        )
        if not payload.get("shipmentId"):
            raise UpstreamError("purchaseShipment answered without a shipment id", code="MalformedBody")
        return mapping.purchased_label_from_payload(payload, rate, label_format)

    def get_shipment_documents(self, seller_id: str, shipment_id: str, label_format: str) -> bytes:
        payload = shipping.get_shipment_documents(
            self.client, seller_id, shipment_id, shipment_id, label_format
        )
        contents, _fmt, _tracking = mapping.label_bytes(payload.get("packageDocumentDetail"), label_format)
        return contents

    def cancel_shipment(self, seller_id: str, shipment_id: str) -> None:
        shipping.cancel_shipment(self.client, seller_id, shipment_id)

    def marketplace_participations(self, seller_id: str) -> list[str]:
        return mapping.marketplace_ids_from_participations(
            sellers.get_marketplace_participations(self.client, seller_id)
        )

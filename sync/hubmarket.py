"""Labels through the hub (issue 13): the station's Marketplace port for shipping, backed by the hub's label
ledger (POST /v1/labels). The station never rates itself: the hub rates the box when it buys, so what the
packer's screen shows (and what a parked purchase keeps) is the box, its weight and a rate RULE, never a
rate (rates expire after 10 minutes). The box's idempotency key is the X-Client-Request-Id: the hub buys
once per key, however often the station sends it again (after a crash, or on reconnect)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from typing import Any

from station.domain import Order, OrderPage, Parcel, PurchasedLabel, Rate, Recipient
from station.errors import Conflict, UpstreamError, UsageError
from station.i18n import N_, T_
from station.services.shipping import LabelRequest
from sync.hubclient import HubClient
from sync.hubclient.errors import ClaimLost, HubConflict, HubUnreachable

log = logging.getLogger(__name__)
RULE_BEST = "rule:best"
DEFAULT_MARKETPLACE = "ATVPDKIKX0DER"  # for an order from a hub too old to send its marketplace
CLAIM_LOST = N_("Claim lost: a lead released this order or another station has it — stop and hand the box to "
                "the lead")  # fmt: skip
PRINTER_LANGUAGES = {"ZPL": "zpl", "PNG": "raster", "PDF": "raster"}


def hub_seller(seller_id: str) -> int:
    if not seller_id.startswith("hub-"):
        raise UsageError(N_("This order did not come from the hub"))
    return int(seller_id.removeprefix("hub-"))


class HubMarketplace:
    """Rates as a rule, labels bought by the hub's ledger; the rest of SP-API is the hub's business."""

    def __init__(self, client: HubClient, label_request: Callable[[], LabelRequest],
                 printer_language: Callable[[], str]) -> None:  # fmt: skip
        self.client = client
        self.label_request = label_request
        self.printer_language = printer_language

    def get_rates(self, seller_id: str, order: Order, recipient: Recipient, parcel: Parcel,
                  ship_from: dict[str, str]) -> list[Rate]:  # fmt: skip
        """One choice: the hub buys the cheapest service keeping the promise when the label is bought."""
        box = {"seller_id": hub_seller(seller_id), "amazon_order_id": order.order_id,
               "marketplace_id": order.marketplace_id or DEFAULT_MARKETPLACE,
               "items": [{"order_item_id": i, "quantity": q} for i, q in parcel.items],
               "weight_lb": parcel.weight_lb, "length_in": parcel.length_in, "width_in": parcel.width_in,
               "height_in": parcel.height_in, "ship_from": ship_from, "rate_rule": "best",
               "deliver_by": order.deliver_by_latest}  # fmt: skip
        rule = Rate(
            json.dumps(box, sort_keys=True),
            RULE_BEST,
            "hub",
            "Best rate, bought by the hub",
            "",
            "Cheapest service that keeps the delivery promise",
            0.0,
            "USD",
            promise_delivery_latest=order.deliver_by_latest,
            document_formats=("ZPL", "PNG", "PDF"),
        )
        return [rule]

    def purchase_shipment(self, seller_id: str, rate: Rate, *, idempotency_key: str,
                          label_format: str) -> PurchasedLabel:  # fmt: skip
        """Buy through the hub's ledger; offline is a retryable UpstreamError (the box is parked)."""
        if rate.rate_id != RULE_BEST:
            raise UsageError(N_("Through the hub a label is bought by rule; rate the box again"))
        box: dict[str, Any] = json.loads(rate.request_token)
        box["box_ref"] = idempotency_key[-32:]
        box["printer"] = {"language": self.printer_language(), "dpi": self.label_request().dpi}
        try:
            label = self.client.buy_label(box, request_id=idempotency_key)
        except HubUnreachable as exc:
            log.info("hub out of reach at purchase: %s", exc)
            raise UpstreamError(N_("The hub is out of reach: the label is parked and bought when it is back"),
                                retryable=True, status=0) from None  # fmt: skip
        except ClaimLost:
            raise Conflict(CLAIM_LOST) from None
        except HubConflict as exc:
            raise Conflict(str(exc)) from None
        if label.state != "bought" or not label.document:
            raise UpstreamError(T_("The hub could not finish this label ({0}): {1}", label.state, label.message),
                                # "bought" without its document: the label exists, never box it again
                                retryable=label.state in ("buying", "unknown", "bought"), status=409)  # fmt: skip
        return PurchasedLabel(label.shipment_id, label.tracking, label.carrier, label.service, label.label_format,
                              label.document, float(label.cost or 0), label.currency or "USD",
                              hub_label_id=label.label_id)  # fmt: skip

    # The hub pulls, confirms and voids through its own engine; the station's direct calls are not used.
    def search_orders(self, seller_id: str, updated_after: str, next_token: str = "") -> OrderPage:
        return OrderPage(())

    def get_order(self, seller_id: str, order_id: str) -> Order:
        raise UsageError(N_("Orders come from the hub's changes"))

    def confirm_shipment(self, seller_id: str, order_id: str, *, marketplace_id: str, carrier: str, tracking: str,
                         ship_date: str, items: Sequence[tuple[str, int]], package_ref: str) -> None:  # fmt: skip
        raise UsageError(N_("Labels bought through the hub are confirmed by the hub"))

    def get_shipment_documents(self, seller_id: str, shipment_id: str, label_format: str) -> bytes:
        raise UsageError(N_("The label document comes back with the purchase; reprint from the station"))

    def cancel_shipment(self, seller_id: str, shipment_id: str) -> None:
        raise UsageError(N_("A label bought through the hub is voided by a lead (F10 › Void a label)"))

    def marketplace_participations(self, seller_id: str) -> list[str]:
        return []

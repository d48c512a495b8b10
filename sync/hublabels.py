"""The hub's label desk (station.ports.HubLabels) over the hub client (issue 13): a lead's void of a label the
hub bought (POST /v1/labels/{id}/void), and the confirmation of a label bought elsewhere (POST
/v1/confirmations, withdrawn with /v1/confirmations/void). The core keeps each call and its request id
(station/services/hub_shipping.py) and sends it again until the hub has answered."""

from __future__ import annotations

from typing import Any

from station.errors import UpstreamError, UsageError
from station.i18n import N_
from sync.hubclient import HubClient
from sync.hubclient.errors import HubConflict, HubUnreachable, UpgradeRequired
from sync.hubmarket import DEFAULT_MARKETPLACE, hub_seller

ALREADY_VOID = "(this one is voided)"  # the ledger's answer to a void sent again after a lost answer


class HubLabelDesk:
    """Sends the core's hub calls; offline (or a hub that wants a newer station) is a retryable UpstreamError."""

    def __init__(self, client: HubClient) -> None:
        self.client = client

    def acting_role(self) -> str | None:
        """The role of the operator logged in at the hub through this station, or None."""
        return self.client.operator.role if self.client.operator is not None else None

    def send(self, kind: str, payload: dict[str, Any], request_id: str) -> None:
        try:
            self._send(kind, payload, request_id)
        except (HubUnreachable, UpgradeRequired):
            raise UpstreamError(N_("The hub is out of reach: this waits and is sent when it is back"),
                                retryable=True, status=0) from None  # fmt: skip
        except HubConflict as exc:
            if kind == "label.void" and str(exc).endswith(ALREADY_VOID):
                return  # the first void went through; its answer was lost
            raise

    def _send(self, kind: str, payload: dict[str, Any], request_id: str) -> None:
        if kind == "label.void":
            self.client.void_label(int(payload["label_id"]), str(payload["reason"]), request_id)
        elif kind == "confirmation":
            items = [{"order_item_id": str(i), "quantity": int(q)} for i, q in payload["items"]]
            shipped = {**payload, "seller_id": hub_seller(str(payload["seller_id"])), "items": items,
                       "marketplace_id": payload.get("marketplace_id") or DEFAULT_MARKETPLACE}  # fmt: skip
            self.client.confirm_shipment(shipped, request_id)
        elif kind == "confirmation.void":
            self.client.void_confirmation(hub_seller(str(payload["seller_id"])), str(payload["amazon_order_id"]),
                                          str(payload["box_ref"]), request_id)  # fmt: skip
        else:
            raise UsageError(f"Unknown hub call {kind}")

"""HubFbaInbound: the station's FbaInbound port (station/ports.py) through the hub, so
station/services/inbound.py runs unchanged while the seller's SP-API tokens stay at the hub."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from station.services.inbound_types import FbaStock, InboundBox, InboundItem, InboundShipmentInfo, PrepDetail

if TYPE_CHECKING:
    from sync.hubclient.client import HubClient


class HubFbaInbound:
    """Every call acts as the client's logged-in operator (the hub checks the same permissions)."""

    def __init__(self, client: HubClient) -> None:
        self.client = client

    def _call(self, operation: str, seller_id: str, **args: Any) -> Any:
        body = {"seller": seller_id, "args": args}
        return self.client.call("POST", f"/v1/fba/{operation}", json=body, operator=True)["result"]

    def inventory(self, seller_id: str, marketplace_id: str, skus: Sequence[str] = ()) -> list[FbaStock]:
        got = self._call("inventory", seller_id, marketplace_id=marketplace_id, skus=list(skus))
        return [FbaStock(**s) for s in got]

    def prep_details(self, seller_id: str, marketplace_id: str, skus: Sequence[str]) -> list[PrepDetail]:
        got = self._call("prep_details", seller_id, marketplace_id=marketplace_id, skus=list(skus))
        return [PrepDetail(d["sku"], d["category"], tuple(d["prep_types"])) for d in got]

    def set_prep_details(self, seller_id: str, marketplace_id: str, details: Sequence[PrepDetail]) -> None:
        self._call("set_prep_details", seller_id, marketplace_id=marketplace_id, details=[asdict(d) for d in details])

    def create_plan(self, seller_id: str, marketplace_id: str, name: str, source: dict[str, str],
                    items: Sequence[InboundItem]) -> str:  # fmt: skip
        return str(self._call("create_plan", seller_id, marketplace_id=marketplace_id, name=name, source=source,
                              items=[asdict(i) for i in items]))  # fmt: skip

    def confirm_packing(self, seller_id: str, plan_id: str) -> tuple[str, list[str]]:
        option, groups = self._call("confirm_packing", seller_id, plan_id=plan_id)
        return str(option), [str(g) for g in groups]

    def set_packing(self, seller_id: str, plan_id: str, group_id: str, boxes: Sequence[InboundBox]) -> None:
        self._call("set_packing", seller_id, plan_id=plan_id, group_id=group_id, boxes=[asdict(b) for b in boxes])

    def confirm_placement(self, seller_id: str, plan_id: str) -> tuple[str, list[str]]:
        option, shipments = self._call("confirm_placement", seller_id, plan_id=plan_id)
        return str(option), [str(s) for s in shipments]

    def confirm_transport(self, seller_id: str, plan_id: str, placement_id: str, shipment_ids: Sequence[str],
                          ready_from: str) -> None:  # fmt: skip
        self._call("confirm_transport", seller_id, plan_id=plan_id, placement_id=placement_id,
                   shipment_ids=list(shipment_ids), ready_from=ready_from)  # fmt: skip

    def shipment(self, seller_id: str, plan_id: str, shipment_id: str) -> InboundShipmentInfo:
        got = self._call("shipment", seller_id, plan_id=plan_id, shipment_id=shipment_id)
        return InboundShipmentInfo(got["shipment_id"], got["confirmation_id"], got["status"], got["destination"],
                                   tuple(got.get("box_ids") or ()))  # fmt: skip

    def box_labels(self, seller_id: str, shipment_id: str, box_ids: Sequence[str]) -> bytes:
        got = self._call("box_labels", seller_id, shipment_id=shipment_id, box_ids=list(box_ids))
        return base64.b64decode(got["base64"])

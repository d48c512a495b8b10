"""Builders for the prep tests: a seller catalogue CSV, a fake FbaInbound, a warehouse address."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from station.app import Station
from station.services.inbound_types import FbaStock, InboundBox, InboundItem, InboundShipmentInfo, PrepDetail
from tests.station.support import SYSTEM_ADMIN

# The one ship-from setting, in the station's field names (shipping and inbound both read it).
WAREHOUSE = {
    "name": "Pacific Prep Receiving", "company": "Pacific Prep", "address_line1": "100 Dock Rd",
    "city": "Tacoma", "state_or_region": "WA", "postal_code": "98421", "country_code": "US",
    "phone": "2535550100",
}  # fmt: skip

CATALOGUE = """SKU,ASIN,FNSKU,UPC/EAN,Title,Condition,Expiry required,Prep types
BOTTLE-750,B0BOTTLE01,X00BOTTLE1,012345678905,Trail Bottle 750 ml blue,New,no,polybagging;suffocation warning
MUG-SET,B0MUGSET01,X00MUGSET1,4006381333931,Ceramic Mug Set (4),New,no,bubble wrap;sold as set
TEA-12,B0TEASAMP1,,0725272730706,Tea Sampler 12 flavours,New,yes,
LAMP-LED,B0LAMPLED1,X00LAMPLED,,LED Desk Lamp,Used - Like New,no,boxing
,B0NOSKU001,X00NOSKU01,,No SKU row,New,no,
BAD-UPC,B0BADUPC01,X00BADUPC1,012345678900,Bad check digit,New,no,
BAD-PREP,B0BADPRP01,X00BADPRP1,,Unknown prep,New,no,gift wrap
BOTTLE-750,B0BOTTLE01,X00BOTTLE1,,Duplicate bottle,New,no,
BAD-COND,B0BADCND01,X00BADCND1,,Wrong condition,Mint,maybe,
"""


def set_warehouse(station: Station) -> None:
    station.store.settings.set("ship_from", WAREHOUSE, now="2026-03-10T17:00:00Z", by=SYSTEM_ADMIN.name)


@dataclass
class FakeFbaInbound:
    """FbaInbound that records calls and answers from dictionaries."""

    stock: dict[str, FbaStock] = field(default_factory=dict)
    prep: dict[str, PrepDetail] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)
    fail_at: str = ""
    packed: list[InboundBox] = field(default_factory=list)
    planned: list[InboundItem] = field(default_factory=list)
    pushed: list[PrepDetail] = field(default_factory=list)

    def _call(self, name: str) -> None:
        self.calls.append(name)
        if name == self.fail_at:
            from station.errors import UpstreamError

            self.fail_at = ""
            raise UpstreamError(f"{name} failed: FBA_INB_0099", code="FBA_INB_0099")

    def inventory(self, seller_id: str, marketplace_id: str, skus: Sequence[str] = ()) -> list[FbaStock]:
        self._call("inventory")
        return [s for k, s in self.stock.items() if not skus or k in skus]

    def prep_details(self, seller_id: str, marketplace_id: str, skus: Sequence[str]) -> list[PrepDetail]:
        self._call("prep_details")
        return [self.prep[s] for s in skus if s in self.prep]

    def set_prep_details(self, seller_id: str, marketplace_id: str, details: Sequence[PrepDetail]) -> None:
        self._call("set_prep_details")
        self.pushed.extend(details)

    def create_plan(self, seller_id: str, marketplace_id: str, name: str, source: dict[str, str],
                    items: Sequence[InboundItem]) -> str:  # fmt: skip
        self._call("create_plan")
        self.planned = list(items)
        return "wf-fake-plan"

    def confirm_packing(self, seller_id: str, plan_id: str) -> tuple[str, list[str]]:
        self._call("confirm_packing")
        return "po-1", ["pg-1"]

    def set_packing(self, seller_id: str, plan_id: str, group_id: str, boxes: Sequence[InboundBox]) -> None:
        self._call("set_packing")
        self.packed = list(boxes)

    def confirm_placement(self, seller_id: str, plan_id: str) -> tuple[str, list[str]]:
        self._call("confirm_placement")
        return "pl-1", ["sh-1"]

    def confirm_transport(self, seller_id: str, plan_id: str, placement_id: str, shipment_ids: Sequence[str],
                          ready_from: str) -> dict[str, str]:  # fmt: skip
        self._call("confirm_transport")
        return dict.fromkeys(shipment_ids, "AMAZON_PARTNERED_CARRIER")

    def update_tracking(self, seller_id: str, plan_id: str, shipment_id: str,
                        box_tracking: Sequence[tuple[str, str]]) -> None:  # fmt: skip
        self._call("update_tracking")

    def shipment(self, seller_id: str, plan_id: str, shipment_id: str) -> InboundShipmentInfo:
        self._call("shipment")
        n = len(self.packed)
        return InboundShipmentInfo(shipment_id, "FBA15FAKE01", "READY_TO_SHIP", "SEA8",
                                   tuple(f"FBA15FAKE01U{i:06d}" for i in range(1, n + 1)))  # fmt: skip

    def box_labels(self, seller_id: str, shipment_id: str, box_ids: Sequence[str]) -> bytes:
        self._call("box_labels")
        return b"%PDF-1.4 fake " + ",".join(box_ids).encode()

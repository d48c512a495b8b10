"""Fulfillment Inbound 2024-03-20 (plans, packing, placement, transport, prep details, operation polling)
and v0 ``getLabels``; ``SpApiFbaInbound`` is the core's FbaInbound port over them.

Every asynchronous step returns an operationId; ``wait_operation`` polls getInboundOperationStatus
on the client's clock (virtual in tests), so a FAILED operation surfaces as UpstreamError.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from station.errors import UpstreamError
from station.services.inbound_types import (
    PREP_TYPES,
    FbaStock,
    InboundBox,
    InboundItem,
    InboundShipmentInfo,
    PrepDetail,
)
from sync import identifiers as ids
from sync.spapi.inventory import inventory_summaries

if TYPE_CHECKING:  # no runtime import: ratelimit imports this module for its limits
    from sync.spapi.http import SpApiClient

log = logging.getLogger(__name__)

BASE = "/inbound/fba/2024-03-20"
# Published defaults (rate per second, burst) from the models' usage-plan tables.
# listPrepDetails publishes none ("n"); it is given setPrepDetails' plan.
INBOUND_LIMITS: dict[str, tuple[float, int]] = {
    "createInboundPlan": (2.0, 2),
    "getInboundPlan": (2.0, 6),
    "getInboundOperationStatus": (2.0, 6),
    "generatePackingOptions": (2.0, 2),
    "listPackingOptions": (2.0, 6),
    "confirmPackingOption": (2.0, 2),
    "setPackingInformation": (2.0, 2),
    "generatePlacementOptions": (2.0, 2),
    "listPlacementOptions": (2.0, 6),
    "confirmPlacementOption": (2.0, 2),
    "getShipment": (2.0, 6),
    "listShipmentBoxes": (2.0, 30),
    "generateTransportationOptions": (2.0, 2),
    "listTransportationOptions": (2.0, 6),
    "confirmTransportationOptions": (2.0, 2),
    "listPrepDetails": (2.0, 30),
    "setPrepDetails": (2.0, 30),
    "getLabels": (2.0, 30),
    "generateDeliveryWindowOptions": (2.0, 30),
    "listDeliveryWindowOptions": (2.0, 30),
    "confirmDeliveryWindowOptions": (2.0, 30),
    "updateShipmentTrackingDetails": (2.0, 2),
}
SHIPPING_MODES = ("GROUND_SMALL_PARCEL", "FREIGHT_LTL")  # what a prep warehouse sends; in order of preference
POLL_FIRST_S = 1.0
POLL_MAX_S = 8.0
POLL_TIMEOUT_S = 600.0


def _plan_path(plan_id: str, rest: str = "") -> str:
    return f"{BASE}/inboundPlans/{quote(plan_id, safe='')}{rest}"


def _body(resp: Any) -> dict[str, Any]:
    return dict(resp.body) if isinstance(resp.body, dict) else {}


def wait_operation(
    client: SpApiClient, seller_id: str, operation_id: str, *, timeout_s: float = POLL_TIMEOUT_S
) -> None:
    """Poll an inbound operation until SUCCESS; FAILED (or a timeout) raises UpstreamError with its problems."""
    if not operation_id:
        raise UpstreamError("Amazon answered without an operationId", code="MalformedBody")
    started = client.clock.monotonic()
    delay = POLL_FIRST_S
    while True:
        resp = client.call(seller_id, "getInboundOperationStatus", "GET",
                           f"{BASE}/operations/{quote(operation_id, safe='')}")  # fmt: skip
        body = _body(resp)
        status = body.get("operationStatus")
        if status == "SUCCESS":
            return
        if status == "FAILED":
            problems = body.get("operationProblems") or []
            first = problems[0] if problems and isinstance(problems[0], dict) else {}
            text = "; ".join(f"{p.get('code', '')}: {p.get('message', '')}" for p in problems if isinstance(p, dict))
            raise UpstreamError(f"{body.get('operation', 'operation')} failed at Amazon: {text or 'no details'}",
                                code=str(first.get("code") or "OperationFailed"))  # fmt: skip
        if client.clock.monotonic() - started > timeout_s:
            raise UpstreamError(f"{body.get('operation', 'operation')} still in progress after {timeout_s:.0f} s",
                                code="OperationTimeout", retryable=True)  # fmt: skip
        client.clock.sleep(delay)
        delay = min(POLL_MAX_S, delay * 1.5)


def _run(
    client: SpApiClient, seller_id: str, operation: str, method: str, path: str, body: Any = None
) -> dict[str, Any]:
    """An asynchronous call: send, then wait for its operation to succeed."""
    answer = _body(client.call(seller_id, operation, method, path, body=body, count=lambda _b: 1))
    wait_operation(client, seller_id, str(answer.get("operationId") or ""))
    return answer


def _list(client: SpApiClient, seller_id: str, operation: str, path: str, key: str,
          params: dict[str, str] | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """A paged list operation, all pages."""
    found: list[dict[str, Any]] = []
    token = ""
    while True:
        query = dict(params or {})
        if token:
            query["paginationToken"] = token
        body = _body(client.call(seller_id, operation, "GET", path, params=query,
                                 count=lambda b: len((b or {}).get(key) or [])))  # fmt: skip
        found += [x for x in body.get(key) or [] if isinstance(x, dict)]
        token = str((body.get("pagination") or {}).get("nextToken") or "")
        if not token:
            return found


def _item(item: InboundItem) -> dict[str, Any]:
    entry: dict[str, Any] = {"msku": item.sku, "quantity": item.quantity, "labelOwner": "SELLER", "prepOwner": "SELLER"}
    if item.expiration:
        entry["expiration"] = item.expiration
    return entry


def _cheapest(options: list[dict[str, Any]], id_key: str) -> dict[str, Any]:
    def cost(option: dict[str, Any]) -> float:
        fees = sum(float((f.get("value") or {}).get("amount") or 0) for f in option.get("fees") or [])
        return fees - sum(float((d.get("value") or {}).get("amount") or 0) for d in option.get("discounts") or [])

    offered = [o for o in options if o.get("status") in ("OFFERED", "ACCEPTED")]
    if not offered:
        raise UpstreamError(f"Amazon offered no {id_key.replace('Id', '')} for this plan", code="NoOptions")
    return min(offered, key=cost)


# The warehouse's ship-from (station field names, as Shipping uses them) -> Inbound 2024-03-20 AddressInput.
SOURCE_FIELDS = {
    "name": "name", "company": "companyName", "address_line1": "addressLine1", "address_line2": "addressLine2",
    "city": "city", "district": "districtOrCounty", "state_or_region": "stateOrProvinceCode",
    "postal_code": "postalCode", "country_code": "countryCode", "phone": "phoneNumber", "email": "email",
}  # fmt: skip
SOURCE_LIMITS = {"name": 50, "companyName": 50, "addressLine1": 180, "addressLine2": 60, "city": 30,
                 "districtOrCounty": 50, "stateOrProvinceCode": 64, "postalCode": 32, "phoneNumber": 20}  # fmt: skip


def source_address(ship_from: dict[str, str]) -> dict[str, str]:
    """An inbound plan's ``sourceAddress`` from the ship-from setting: mapped field by field, never passed raw."""
    address = {}
    for ours, theirs in SOURCE_FIELDS.items():
        value = str(ship_from.get(ours) or "").strip()
        if value:
            address[theirs] = value[: SOURCE_LIMITS.get(theirs, 1024)]
    if "countryCode" in address:
        address["countryCode"] = address["countryCode"].upper()
    return address


def _quoted(option: dict[str, Any]) -> float | None:
    """The option's quoted cost, or None when Amazon gave no quote (never "free")."""
    cost = (option.get("quote") or {}).get("cost") if isinstance(option.get("quote"), dict) else None
    try:
        return float(cost["amount"]) if isinstance(cost, dict) and cost.get("amount") is not None else None
    except (TypeError, ValueError):
        return None


def choose_transport(options: Sequence[dict[str, Any]], shipment_id: str) -> dict[str, Any]:
    """Amazon's partnered carrier, cheapest quote first, when offered with a quote; else the own-carrier option."""
    mine = [o for o in options if o.get("shipmentId") == shipment_id and o.get("shippingMode") in SHIPPING_MODES]
    partnered = [(cost, o) for o in mine if o.get("shippingSolution") == "AMAZON_PARTNERED_CARRIER"
                 and (cost := _quoted(o)) is not None]  # fmt: skip
    if partnered:
        return min(partnered, key=lambda pair: pair[0])[1]
    own = [o for o in mine if o.get("shippingSolution") == "USE_YOUR_OWN_CARRIER"]
    if own:
        own.sort(key=lambda o: SHIPPING_MODES.index(str(o.get("shippingMode"))))
        return own[0]
    raise UpstreamError(f"No usable transportation option for shipment {shipment_id} (a partnered option without "
                        "a quote is not taken as free)", code="NoOptions")  # fmt: skip


class SpApiFbaInbound:
    """The FbaInbound port over SP-API (Amazon, sandbox, simulator or hub)."""

    def __init__(self, client: SpApiClient) -> None:
        self.client = client

    def inventory(self, seller_id: str, marketplace_id: str, skus: Sequence[str] = ()) -> list[FbaStock]:
        return inventory_summaries(self.client, seller_id, marketplace_id, list(skus))

    def prep_details(self, seller_id: str, marketplace_id: str, skus: Sequence[str]) -> list[PrepDetail]:
        found: list[PrepDetail] = []
        names = {v: k for k, v in PREP_TYPES.items()}
        for i in range(0, len(skus), 100):
            params: Any = [("marketplaceId", marketplace_id), *[("mskus", s) for s in skus[i : i + 100]]]
            body = _body(
                self.client.call(
                    seller_id,
                    "listPrepDetails",
                    "GET",
                    f"{BASE}/items/prepDetails",
                    params=params,
                    count=lambda b: len((b or {}).get("mskuPrepDetails") or []),
                )
            )
            for d in body.get("mskuPrepDetails") or []:
                types = tuple(names[t] for t in d.get("prepTypes") or [] if t in names and t != "ITEM_NO_PREP")
                found.append(PrepDetail(str(d.get("msku")), str(d.get("prepCategory") or "NONE"), types))
        return found

    def set_prep_details(self, seller_id: str, marketplace_id: str, details: Sequence[PrepDetail]) -> None:
        entries = [
            {"msku": d.sku, "prepCategory": d.category,
             "prepTypes": [PREP_TYPES[t] for t in d.prep_types if PREP_TYPES.get(t, "").startswith("ITEM_")]
             or ["ITEM_NO_PREP"]}
            for d in details
        ]  # fmt: skip
        for i in range(0, len(entries), 100):
            _run(self.client, seller_id, "setPrepDetails", "POST", f"{BASE}/items/prepDetails",
                 {"marketplaceId": marketplace_id, "mskuPrepDetails": entries[i : i + 100]})  # fmt: skip

    def create_plan(self, seller_id: str, marketplace_id: str, name: str, source: dict[str, str],
                    items: Sequence[InboundItem]) -> str:  # fmt: skip
        """``source`` is the warehouse's ship-from in the station's field names (mapped to AddressInput)."""
        body = {
            "destinationMarketplaces": [marketplace_id], "name": name[:40], "sourceAddress": source_address(source),
            "items": [_item(i) for i in items],
        }  # fmt: skip
        answer = _run(self.client, seller_id, "createInboundPlan", "POST", f"{BASE}/inboundPlans", body)
        plan_id = str(answer.get("inboundPlanId") or "")
        if not plan_id:
            raise UpstreamError("createInboundPlan answered without an inboundPlanId", code="MalformedBody")
        return ids.check(ids.INBOUND_ID, plan_id, "inbound plan id")

    def confirm_packing(self, seller_id: str, plan_id: str) -> tuple[str, list[str]]:
        _run(self.client, seller_id, "generatePackingOptions", "POST", _plan_path(plan_id, "/packingOptions"))
        options = _list(self.client, seller_id, "listPackingOptions", _plan_path(plan_id, "/packingOptions"),
                        "packingOptions")  # fmt: skip
        chosen = _cheapest(options, "packingOptionId")
        option_id = str(chosen["packingOptionId"])
        _run(self.client, seller_id, "confirmPackingOption", "POST",
             _plan_path(plan_id, f"/packingOptions/{quote(option_id, safe='')}/confirmation"))  # fmt: skip
        return option_id, [str(g) for g in chosen.get("packingGroups") or []]

    def set_packing(self, seller_id: str, plan_id: str, group_id: str, boxes: Sequence[InboundBox]) -> None:
        grouping: dict[str, Any] = {
            "boxes": [
                {"contentInformationSource": "BOX_CONTENT_PROVIDED", "quantity": 1,
                 "weight": {"unit": "LB", "value": round(b.weight_lb, 2)},
                 "dimensions": {"unitOfMeasurement": "IN", "length": b.length_in, "width": b.width_in,
                                "height": b.height_in},
                 "items": [_item(i) for i in b.items]}
                for b in boxes
            ]
        }  # fmt: skip
        if group_id:
            grouping["packingGroupId"] = group_id
        _run(self.client, seller_id, "setPackingInformation", "POST", _plan_path(plan_id, "/packingInformation"),
             {"packageGroupings": [grouping]})  # fmt: skip

    def confirm_placement(self, seller_id: str, plan_id: str) -> tuple[str, list[str]]:
        _run(self.client, seller_id, "generatePlacementOptions", "POST", _plan_path(plan_id, "/placementOptions"), {})
        options = _list(self.client, seller_id, "listPlacementOptions", _plan_path(plan_id, "/placementOptions"),
                        "placementOptions")  # fmt: skip
        chosen = _cheapest(options, "placementOptionId")
        option_id = str(chosen["placementOptionId"])
        _run(self.client, seller_id, "confirmPlacementOption", "POST",
             _plan_path(plan_id, f"/placementOptions/{quote(option_id, safe='')}/confirmation"))  # fmt: skip
        return option_id, [ids.check(ids.INBOUND_ID, str(s), "inbound shipment id", f"placement {option_id}")
                           for s in chosen.get("shipmentIds") or []]  # fmt: skip

    def confirm_transport(self, seller_id: str, plan_id: str, placement_id: str, shipment_ids: Sequence[str],
                          ready_from: str) -> dict[str, str]:  # fmt: skip
        """Generate options and confirm one per shipment: Amazon's partnered carrier when it offers a priced one,
        else the seller's own carrier (tracking then goes up with ``update_tracking``). Preconditions are met
        first (the delivery window). Returns shipment id -> shippingSolution."""
        configs = [{"shipmentId": s, "readyToShipWindow": {"start": ready_from}} for s in shipment_ids]
        _run(self.client, seller_id, "generateTransportationOptions", "POST",
             _plan_path(plan_id, "/transportationOptions"),
             {"placementOptionId": placement_id, "shipmentTransportationConfigurations": configs})  # fmt: skip
        options = _list(self.client, seller_id, "listTransportationOptions",
                        _plan_path(plan_id, "/transportationOptions"), "transportationOptions",
                        {"placementOptionId": placement_id})  # fmt: skip
        chosen = {shipment_id: choose_transport(options, shipment_id) for shipment_id in shipment_ids}
        for shipment_id, option in chosen.items():
            for precondition in option.get("preconditions") or []:
                if precondition != "CONFIRMED_DELIVERY_WINDOW":
                    raise UpstreamError(f"Amazon asks for {str(precondition)[:60]} before this transportation "
                                        "option can be confirmed; confirm it in Seller Central",
                                        code="Precondition")  # fmt: skip
                self.confirm_delivery_window(seller_id, plan_id, shipment_id)
        selections = [{"shipmentId": s, "transportationOptionId": o["transportationOptionId"]}
                      for s, o in chosen.items()]  # fmt: skip
        _run(self.client, seller_id, "confirmTransportationOptions", "POST",
             _plan_path(plan_id, "/transportationOptions/confirmation"),
             {"transportationSelections": selections})  # fmt: skip
        return {s: str(o.get("shippingSolution") or "") for s, o in chosen.items()}

    def confirm_delivery_window(self, seller_id: str, plan_id: str, shipment_id: str) -> str:
        """The CONFIRMED_DELIVERY_WINDOW precondition: generate, list and confirm the earliest available window."""
        path = _plan_path(plan_id, f"/shipments/{quote(shipment_id, safe='')}/deliveryWindowOptions")
        _run(self.client, seller_id, "generateDeliveryWindowOptions", "POST", path)
        windows = _list(self.client, seller_id, "listDeliveryWindowOptions", path, "deliveryWindowOptions")
        usable = [w for w in windows if w.get("availabilityType") in ("AVAILABLE", "DISCOUNTED", "CONGESTED")]
        if not usable:
            raise UpstreamError(f"Amazon offered no delivery window for shipment {shipment_id}", code="NoOptions")
        usable.sort(key=lambda w: (w.get("availabilityType") == "CONGESTED", str(w.get("startDate") or "")))
        window_id = str(usable[0]["deliveryWindowOptionId"])
        _run(self.client, seller_id, "confirmDeliveryWindowOptions", "POST",
             f"{path}/{quote(window_id, safe='')}/confirmation")  # fmt: skip
        return window_id

    def update_tracking(self, seller_id: str, plan_id: str, shipment_id: str,
                        box_tracking: Sequence[tuple[str, str]]) -> None:  # fmt: skip
        """Own carrier (small parcel): each box's tracking number goes to Amazon."""
        items = [{"boxId": box_id, "trackingId": ids.check(ids.TRACKING, tracking, "tracking number")}
                 for box_id, tracking in box_tracking]  # fmt: skip
        _run(self.client, seller_id, "updateShipmentTrackingDetails", "PUT",
             _plan_path(plan_id, f"/shipments/{quote(shipment_id, safe='')}/trackingDetails"),
             {"trackingDetails": {"spdTrackingDetail": {"spdTrackingItems": items}}})  # fmt: skip

    def shipment(self, seller_id: str, plan_id: str, shipment_id: str) -> InboundShipmentInfo:
        path = _plan_path(plan_id, f"/shipments/{quote(shipment_id, safe='')}")
        body = _body(self.client.call(seller_id, "getShipment", "GET", path, count=lambda _b: 1))
        boxes = _list(self.client, seller_id, "listShipmentBoxes", path + "/boxes", "boxes")
        destination = body.get("destination") or {}
        record = f"inbound shipment {shipment_id}"
        return InboundShipmentInfo(
            shipment_id=ids.check(ids.INBOUND_ID, str(body.get("shipmentId") or shipment_id), "shipment id", record),
            confirmation_id=ids.check_text_id(str(body.get("shipmentConfirmationId") or ""), "shipment confirmation id",
                                              record, max_len=1024, optional=True),  # fmt: skip
            status=str(body.get("status") or ""),
            destination=str(destination.get("warehouseId") or ""),
            box_ids=tuple(ids.check_text_id(str(b.get("boxId")), "box id", record, max_len=1024)
                          for b in boxes if b.get("boxId")),  # fmt: skip
        )

    def box_labels(self, seller_id: str, shipment_id: str, box_ids: Sequence[str]) -> bytes:
        """Thermal box ID labels (PDF, one page a box) through v0 getLabels and its download URL."""
        params = {"PageType": "PackageLabel_Thermal", "LabelType": "UNIQUE"}
        if box_ids:
            params["PackageLabelsToPrint"] = ",".join(box_ids)
        body = _body(self.client.call(seller_id, "getLabels", "GET",
                                      f"/fba/inbound/v0/shipments/{quote(shipment_id, safe='')}/labels",
                                      params=params, count=lambda _b: 1))  # fmt: skip
        url = str((body.get("payload") or {}).get("DownloadURL") or "")
        if not url:
            raise UpstreamError("getLabels answered without a DownloadURL", code="MalformedBody")
        return download(self.client, seller_id, url)


def download(client: SpApiClient, seller_id: str, url: str) -> bytes:
    """Fetch a document from the (pre-signed) URL Amazon gave, under the client's rules (no token, no
    proxy, no redirect, audited, capped, https unless the seller's endpoint is loopback)."""
    return client.download(seller_id, url)

"""What each simulated operation answers. Bodies follow the official models (checked in tests)."""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from email.message import Message
from typing import Any
from urllib.parse import parse_qs, unquote

from sync.simulator import buy_shipping, inbound
from sync.simulator.data import MARKETPLACE_US, SimOrder, iso

MAX_PAGE = 100


@dataclass
class Request:
    operation: str
    method: str
    path: str
    params: dict[str, list[str]]
    raw: bytes = field(repr=False)
    path_args: dict[str, str]
    headers: Message
    sim: Any
    seller_id: str = ""

    def param(self, name: str, default: str = "") -> str:
        values = self.params.get(name)
        return values[0] if values else default

    def csv(self, name: str) -> list[str]:
        return [v for value in self.params.get(name, []) for v in value.split(",") if v]

    def json(self) -> Any:
        try:
            return json.loads(self.raw or b"null")
        except ValueError:
            return None


def error(code: str, message: str, details: str = "") -> dict[str, Any]:
    entry = {"code": code, "message": message}
    if details:
        entry["details"] = details
    return {"errors": [entry]}


def lwa_token(req: Request) -> tuple[int, dict[str, Any], dict[str, str]]:
    form = {k: v[0] for k, v in parse_qs(req.raw.decode(errors="replace")).items()}
    sim = req.sim
    world = sim.world
    if form.get("grant_type") != "refresh_token":
        return 400, {"error": "unsupported_grant_type", "error_description": "Unsupported grant type"}, {}
    if form.get("client_id") != world.client_id or form.get("client_secret") != world.client_secret:
        return 401, {"error": "invalid_client", "error_description": "Client authentication failed"}, {}
    seller = next((s for s in world.sellers.values() if s.refresh_token == form.get("refresh_token")), None)
    if seller is None or seller.revoked:
        return (
            400,
            {"error": "invalid_grant", "error_description": "The request has an invalid grant parameter"},
            {},
        )
    req.seller_id = seller.seller_id
    token = "Atza|sim-" + secrets.token_hex(24)
    sim.issue_token(token, seller.seller_id, sim.token_lifetime_s)
    return (
        200,
        {
            "access_token": token,
            "token_type": "bearer",
            "expires_in": int(sim.token_lifetime_s),
            "refresh_token": seller.refresh_token,
        },
        {},
    )


def dispatch(req: Request) -> tuple[int, Any]:
    handler = {
        "searchOrders": search_orders,
        "getOrder": get_order,
        "confirmShipment": confirm_shipment,
        "getRates": get_rates,
        "purchaseShipment": purchase_shipment,
        "getShipmentDocuments": get_shipment_documents,
        "cancelShipment": cancel_shipment,
        "getMarketplaceParticipations": participations,
        **inbound.HANDLERS,  # FBA prep: Fulfillment Inbound, getLabels, FBA Inventory
    }[req.operation]
    return handler(req)


def _parse_time(value: str) -> Any:
    from datetime import datetime

    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def order_json(order: SimOrder, now: Any, included: set[str]) -> dict[str, Any]:
    """One order in the Orders 2026-01-01 shape, with only the blocks asked for."""
    status, updated, address = order.state(now)
    programs = [p for p, on in (("PRIME", order.prime), ("AMAZON_BUSINESS", order.business)) if on]
    body: dict[str, Any] = {
        "orderId": order.order_id,
        "createdTime": iso(order.created),
        "lastUpdatedTime": iso(updated),
        "programs": programs,
        "salesChannel": {
            "channelName": "AMAZON",
            "marketplaceId": MARKETPLACE_US,
            "marketplaceName": "Amazon.com",
        },
        "orderItems": [],
    }
    shipped = status == "SHIPPED"
    for item in order.items:
        entry: dict[str, Any] = {
            "orderItemId": item.order_item_id,
            "quantityOrdered": item.quantity,
            "product": {
                "asin": item.asin,
                "title": item.title,
                "sellerSku": item.sku,
                "condition": {"conditionType": "NEW", "conditionSubtype": "NEW"},
                "price": {"unitPrice": {"amount": f"{item.price:.2f}", "currencyCode": "USD"}},
            },
        }
        if "FULFILLMENT" in included:
            entry["fulfillment"] = {
                "quantityFulfilled": item.quantity if shipped else 0,
                "quantityUnfulfilled": 0 if shipped else item.quantity,
            }
            if item.serial_required:
                entry["fulfillment"]["packing"] = {"serialNumberRequirement": {"requirementType": "REQUIRED"}}
        body["orderItems"].append(entry)
    if "RECIPIENT" in included:
        body["recipient"] = {"deliveryAddress": {k: v for k, v in address.items() if v}}
    if "FULFILLMENT" in included:
        fulfillment: dict[str, Any] = {
            "fulfillmentStatus": status,
            "fulfilledBy": order.fulfilled_by,
            "fulfillmentServiceLevel": order.service_level,
        }
        if order.ship_by:
            fulfillment["shipByWindow"] = {
                "earliestDateTime": iso(order.ship_by[0]),
                "latestDateTime": iso(order.ship_by[1]),
            }
        if order.deliver_by:
            fulfillment["deliverByWindow"] = {
                "earliestDateTime": iso(order.deliver_by[0]),
                "latestDateTime": iso(order.deliver_by[1]),
            }
        body["fulfillment"] = fulfillment
    if "PACKAGES" in included and order.packages:
        body["packages"] = [p for p in order.packages if _parse_time(p["createdTime"]) <= now]
    if "BUYER" in included:
        body["buyer"] = {"buyerName": address.get("name", "")}
    return body


def search_orders(req: Request) -> tuple[int, Any]:
    sim, now = req.sim, req.sim.clock.now()
    token = req.param("paginationToken")
    if token:
        cursor = sim.cursors.get(token)
        if cursor is None or cursor[0] != req.seller_id:
            return 400, error("InvalidInput", "Invalid paginationToken")
        _seller, ids, offset, size, included, before = cursor
    else:
        after = _parse_time(req.param("lastUpdatedAfter") or req.param("createdAfter"))
        if after is None:
            return 400, error(
                "InvalidInput", "lastUpdatedAfter or createdAfter is required and must be ISO-8601"
            )
        try:
            size = max(1, min(MAX_PAGE, int(req.param("maxResultsPerPage", str(MAX_PAGE)))))
        except ValueError:
            return 400, error("InvalidInput", "maxResultsPerPage must be an integer")
        fulfilled_by = set(req.csv("fulfilledBy"))
        marketplaces = set(req.csv("marketplaceIds"))
        included = set(req.csv("includedData"))
        before = now
        with sim.world.lock:
            chosen = []
            for order in sim.world.orders.values():
                if order.seller_id != req.seller_id or not order.visible(now):
                    continue
                if fulfilled_by and order.fulfilled_by not in fulfilled_by:
                    continue
                if marketplaces and MARKETPLACE_US not in marketplaces:
                    continue
                _status, updated, _addr = order.state(now)
                if updated >= after:
                    chosen.append((updated, order.order_id))
        chosen.sort()
        ids = [oid for _u, oid in chosen]
        offset = 0
    page_ids = ids[offset : offset + size]
    with sim.world.lock:
        orders = [order_json(sim.world.orders[oid], now, included) for oid in page_ids]
    body: dict[str, Any] = {"orders": orders, "lastUpdatedBefore": iso(before)}
    if offset + size < len(ids):
        next_token = base64.urlsafe_b64encode(secrets.token_bytes(18)).decode()
        sim.cursors[next_token] = (req.seller_id, ids, offset + size, size, included, before)
        body["pagination"] = {"nextToken": next_token}
    return 200, body


def _own_order(req: Request) -> SimOrder | None:
    order: SimOrder | None = req.sim.world.orders.get(unquote(req.path_args.get("id", "")))
    if order is None or order.seller_id != req.seller_id or not order.visible(req.sim.clock.now()):
        return None
    return order


def get_order(req: Request) -> tuple[int, Any]:
    order = _own_order(req)
    if order is None:
        return 404, error("NotFound", "Order not found")
    return 200, {"order": order_json(order, req.sim.clock.now(), set(req.csv("includedData")))}


def confirm_shipment(req: Request) -> tuple[int, Any]:
    sim = req.sim
    order = _own_order(req)
    if order is None:
        return 404, error("NotFound", "Order not found")
    body = req.json()
    detail = body.get("packageDetail") if isinstance(body, dict) else None
    required = ("packageReferenceId", "carrierCode", "trackingNumber", "shipDate", "orderItems")
    if (
        not isinstance(detail, dict)
        or not body.get("marketplaceId")
        or any(k not in detail for k in required)
    ):
        return 400, error(
            "InvalidInput", "marketplaceId and packageDetail with " + ", ".join(required) + " are required"
        )
    now = sim.clock.now()
    with sim.world.lock:
        status, _updated, _addr = order.state(now)
        key = (order.order_id, str(detail["packageReferenceId"]))
        if key in sim.confirmations:
            return 400, error("InvalidInput", "Shipment already confirmed for this packageReferenceId")
        if status == "CANCELLED":
            return 400, error("InvalidInput", "The order is cancelled and cannot be confirmed")
        sim.confirmations[key] = {"tracking": detail["trackingNumber"], "at": iso(now)}
        order.packages.append(
            {
                "packageReferenceId": str(detail["packageReferenceId"]),
                "createdTime": iso(now),
                "packageStatus": {"status": "SHIPPED"},
                "carrier": str(detail["carrierCode"]),
                "trackingNumber": str(detail["trackingNumber"]),
                "shipTime": str(detail["shipDate"]),
                "packageItems": [
                    {"orderItemId": str(i.get("orderItemId")), "quantity": int(i.get("quantity") or 0)}
                    for i in detail["orderItems"]
                    if isinstance(i, dict)
                ],
            }
        )
        order.events.append((now, "ship", {"complete": True}))
    return 204, None


RATE_CARD = [
    ("UPS", "UPS", "UPS_GROUND", "UPS Ground", 8.4, 5),
    ("USPS", "USPS", "USPS_GROUND_ADVANTAGE", "USPS Ground Advantage", 6.1, 4),
    ("AMZN_US", "Amazon Shipping", "SWA-US-GROUND", "Amazon Shipping Ground", 5.7, 3),
    ("FEDEX", "FedEx", "FEDEX_2_DAY", "FedEx 2Day", 14.9, 2),
]


def get_rates(req: Request) -> tuple[int, Any]:
    sim = req.sim
    body = req.json()
    if not isinstance(body, dict) or not body.get("packages") or not body.get("shipFrom"):
        return 400, error("InvalidInput", "shipFrom, packages and channelDetails are required")
    package = body["packages"][0]
    weight = float((package.get("weight") or {}).get("value") or 1)
    now = sim.clock.now()
    token = "sim-rt-" + secrets.token_hex(12)
    rates = []
    for carrier_id, carrier, service_id, service, base, days in RATE_CARD:
        rate_id = "sim-rate-" + secrets.token_hex(8)
        start = now + timedelta(days=days)
        rates.append(
            {
                "rateId": rate_id,
                "carrierId": carrier_id,
                "carrierName": carrier,
                "serviceId": service_id,
                "serviceName": service,
                "totalCharge": {"value": round(base + 0.9 * weight, 2), "unit": "USD"},
                "billedWeight": {"value": weight, "unit": "POUND"},
                "promise": {
                    "deliveryWindow": {"start": iso(start), "end": iso(start + timedelta(hours=12))},
                    "pickupWindow": {"start": iso(now), "end": iso(now + timedelta(hours=8))},
                },
                "supportedDocumentSpecifications": [
                    {
                        "format": fmt,
                        "size": {"width": 4, "length": 6, "unit": "INCH"},
                        "printOptions": [
                            {
                                "supportedDPIs": [203, 300],
                                "supportedPageLayouts": ["DEFAULT"],
                                "supportedFileJoiningOptions": [False],
                                "supportedDocumentDetails": [{"name": "LABEL", "isMandatory": True}],
                            }
                        ],
                    }
                    for fmt in ("ZPL", "PDF", "PNG")
                ],
                "requiresAdditionalInputs": False,
            }
        )
    with sim.world.lock:
        sim.rate_tokens[token] = (
            req.seller_id,
            sim.elapsed(),
            {r["rateId"]: r for r in rates},
            package.get("packageClientReferenceId", ""),
            {"shipTo": body.get("shipTo") or {}, "shipFrom": body.get("shipFrom") or {}, "weight_lb": weight},
        )
        buy_shipping.note_rates(sim, token, body)
    return 200, {"payload": {"requestToken": token, "rates": rates}}


def _label(fmt: str, tracking: str) -> bytes:
    if fmt == "ZPL":
        return f"^XA^FO40,40^A0N,40,40^FDSIMULATED LABEL^FS^FO40,120^BCN,120^FD{tracking}^FS^XZ".encode()
    if fmt == "PDF":
        return b"%PDF-1.4\n% simulated label " + tracking.encode() + b"\n%%EOF\n"
    return b"\x89PNG\r\n\x1a\n simulated " + tracking.encode()


def purchase_shipment(req: Request) -> tuple[int, Any]:
    sim = req.sim
    key = req.headers.get("x-amzn-IdempotencyKey", "")
    with sim.world.lock:
        if key and (req.seller_id, key) in sim.purchases_by_key:
            return 200, sim.shipments[sim.purchases_by_key[(req.seller_id, key)]]["response"]
        body = req.json()
        if not isinstance(body, dict):
            return 400, error("InvalidInput", "Body must be a PurchaseShipmentRequest")
        found = sim.rate_tokens.get(str(body.get("requestToken")))
        if found is None or found[0] != req.seller_id:
            return 400, error("InvalidInput", "Unknown requestToken")
        _seller, issued, rates, package_ref, parties = found
        if sim.elapsed() - issued > 600:
            return 400, error("InvalidInput", "The requestToken has expired; rate the shipment again")
        rate = rates.get(str(body.get("rateId")))
        if rate is None:
            return 400, error("InvalidInput", "Unknown rateId")
        fmt = str((body.get("requestedDocumentSpecification") or {}).get("format") or "ZPL")
        shipment_id = "sim-shp-" + secrets.token_hex(8)
        tracking = "TBA" + str(sim.world.rng.randint(10**11, 10**12 - 1))
        document = None
        if sim.label_renderer is not None:  # None from the renderer: it does not draw that format
            document = sim.label_renderer(
                ship_to=parties["shipTo"], ship_from=parties["shipFrom"], carrier=rate["carrierName"],
                service=rate["serviceName"], tracking=tracking, fmt=fmt, weight_lb=parties["weight_lb"],
                reference=package_ref,
            )  # fmt: skip
        document = document or _label(fmt, tracking)
        detail = {
            "packageClientReferenceId": package_ref or shipment_id,
            "trackingId": tracking,
            "packageDocuments": [
                {"type": "LABEL", "format": fmt, "contents": base64.b64encode(document).decode()}
            ],
        }
        response = {
            "payload": {
                "shipmentId": shipment_id,
                "packageDocumentDetails": [detail],
                "promise": rate["promise"],
            }
        }
        sim.shipments[shipment_id] = {
            "seller": req.seller_id,
            "key": key,
            "tracking": tracking,
            "cancelled": False,
            "detail": detail,
            "response": response,
        }
        if key:
            sim.purchases_by_key[(req.seller_id, key)] = shipment_id
        buy_shipping.on_purchase(sim, str(body.get("requestToken")), shipment_id)
    return 200, response


def get_shipment_documents(req: Request) -> tuple[int, Any]:
    shipment = req.sim.shipments.get(unquote(req.path_args.get("id", "")))
    if shipment is None or shipment["seller"] != req.seller_id:
        return 404, error("NotFound", "Shipment not found")
    return 200, {"payload": {"shipmentId": req.path_args["id"], "packageDocumentDetail": shipment["detail"]}}


def cancel_shipment(req: Request) -> tuple[int, Any]:
    with req.sim.world.lock:
        shipment = req.sim.shipments.get(unquote(req.path_args.get("id", "")))
        if shipment is None or shipment["seller"] != req.seller_id:
            return 404, error("NotFound", "Shipment not found")
        if shipment["cancelled"]:
            return 400, error("InvalidInput", "The shipment is already cancelled")
        shipment["cancelled"] = True
        buy_shipping.on_cancel(req.sim, shipment)
    return 200, {"payload": {}}


def participations(req: Request) -> tuple[int, Any]:
    seller = req.sim.world.sellers[req.seller_id]
    return 200, {
        "payload": [
            {
                "marketplace": {
                    "id": MARKETPLACE_US,
                    "name": "Amazon.com",
                    "countryCode": "US",
                    "defaultCurrencyCode": "USD",
                    "defaultLanguageCode": "en_US",
                    "domainName": "www.amazon.com",
                },
                "storeName": seller.name,
                "participation": {"isParticipating": True, "hasSuspendedListings": False},
            }
        ]
    }

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

from sync.simulator import buy_shipping, errors, inbound, notifications
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


error = errors.body  # the ErrorList shape; wording per family lives in ``errors``

LwaAnswer = tuple[int, dict[str, Any], dict[str, str]]


def _lwa_error(status: int, code: str, description: str) -> LwaAnswer:
    # LWA's shape and wording ("The request has an invalid grant parameter : code", as quoted from
    # Amazon's answers in the selling-partner-api-models issues); no-store like any token answer.
    return status, {"error_description": description, "error": code}, {"Cache-Control": "no-store"}


def lwa_token(req: Request) -> LwaAnswer:
    """Login with Amazon's token endpoint: the refresh_token and authorization_code grants."""
    form = {k: v[0] for k, v in parse_qs(req.raw.decode(errors="replace")).items()}
    sim = req.sim
    world = sim.world
    grant = form.get("grant_type", "")
    if grant == "client_credentials":  # grantless operations (Notifications)
        return notifications.grantless_token(req, form)
    if grant not in ("refresh_token", "authorization_code"):
        return _lwa_error(400, "unsupported_grant_type", "The authorization grant type is not supported")
    for name in ("client_id", "client_secret", "code" if grant == "authorization_code" else "refresh_token"):
        if not form.get(name):
            return _lwa_error(400, "invalid_request", f"The request is missing a required parameter : {name}")
    if form.get("client_id") != world.client_id or form.get("client_secret") != world.client_secret:
        return _lwa_error(401, "invalid_client", "Client authentication failed")
    if grant == "authorization_code":
        seller_id, refresh_token, problem = sim.redeem_code(form["code"], form.get("redirect_uri", ""))
        if problem:
            return _lwa_error(400, "invalid_grant", f"The request has an invalid grant parameter : {problem}")
    else:
        refresh_token = form["refresh_token"]
        found = next((s for s in world.sellers.values() if s.accepts(refresh_token)), None)
        if found is None:
            return _lwa_error(400, "invalid_grant", "The request has an invalid grant parameter : refresh_token")
        seller_id = found.seller_id
    req.seller_id = seller_id
    token = "Atza|sim-" + secrets.token_hex(24)
    sim.issue_token(token, seller_id, sim.token_lifetime_s)
    answer = {
        "access_token": token,
        "token_type": "bearer",
        "expires_in": int(sim.token_lifetime_s),
        "refresh_token": refresh_token,
    }
    return 200, answer, {"Cache-Control": "no-store"}


# x-amzn-shipping-business-id per marketplace; absent, the model says the default is AmazonShipping_UK.
BUSINESS_BY_MARKETPLACE = {
    "ATVPDKIKX0DER": "AmazonShipping_US",
    "A1F83G8C2ARO7P": "AmazonShipping_UK",
    "A21TJRUUN4KGV": "AmazonShipping_IN",
    "A2VIGQ35RCS4UG": "AmazonShipping_UAE",
    "A17E79C6D8DWNP": "AmazonShipping_SA",
    "ARBP9OOSHTCHU": "AmazonShipping_EG",
    "APJ6JRA9NG5V4": "AmazonShipping_IT",
    "A1RKKUPIHCS9HS": "AmazonShipping_ES",
    "A13V1IB3VIYZZH": "AmazonShipping_FR",
    "A1VC38T7YXB528": "AmazonShipping_JP",
}


def _wrong_business(req: Request) -> bool:
    """A Shipping v2 call for another country's Amazon Shipping business than the seller's."""
    if req.operation not in errors.SHIPPING_V2:
        return False
    seller = req.sim.world.sellers.get(req.seller_id)
    wanted = BUSINESS_BY_MARKETPLACE.get(seller.marketplace_id if seller else "", "")
    return bool(wanted) and (req.headers.get("x-amzn-shipping-business-id") or "AmazonShipping_UK") != wanted


def dispatch(req: Request) -> tuple[int, Any]:
    if _wrong_business(req):
        return 400, errors.invalid(req.operation, "x-amzn-shipping-business-id does not match the seller's marketplace")
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
        **notifications.HANDLERS,  # createDestination (grantless), createSubscription
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
    units = order.shipped_units(now)
    cancel_reason = order.cancel_request(now) if "CANCELLATION" in included else None
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
            done = item.quantity if shipped else min(item.quantity, units.get(item.order_item_id, 0))
            entry["fulfillment"] = {"quantityFulfilled": done, "quantityUnfulfilled": item.quantity - done}
            if item.serial_required:
                entry["fulfillment"]["packing"] = {"serialNumberRequirement": {"requirementType": "REQUIRED"}}
        if cancel_reason is not None:  # orders_2026-01-01: ItemCancellation.cancellationRequest
            entry["cancellation"] = {"cancellationRequest": {"requester": "BUYER", "cancelReason": cancel_reason}}
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


PAGE_TOKEN_LIFE_S = 86_400.0  # "The token will expire after 24 hours."
BEFORE_MARGIN = timedelta(minutes=2)  # createdBefore/lastUpdatedBefore: "at least two minutes before" now


def _search_window(req: Request, now: Any) -> tuple[str, Any, Any] | dict[str, Any]:
    """("created"|"updated", after, before) from the query, or the 400 body (rules of the model's text)."""
    created_after, updated_after = req.param("createdAfter"), req.param("lastUpdatedAfter")
    if bool(created_after) == bool(updated_after):
        return errors.missing_parameter("searchOrders", "createdAfter or lastUpdatedAfter")
    mode = "created" if created_after else "updated"
    other = ("lastUpdatedAfter", "lastUpdatedBefore") if mode == "created" else ("createdAfter", "createdBefore")
    if any(req.param(name) for name in other):
        return errors.invalid("searchOrders", f"{other[0]}/{other[1]} cannot be combined with {mode} filters")
    after = _parse_time(created_after or updated_after)
    raw_before = req.param("createdBefore" if mode == "created" else "lastUpdatedBefore")
    before = _parse_time(raw_before) if raw_before else now
    if after is None or before is None:
        return errors.invalid("searchOrders", "Invalid date format")
    if raw_before and (before < after or before > now - BEFORE_MARGIN):
        return errors.invalid(
            "searchOrders", "before must be at or after the after date and two minutes ago or earlier"
        )
    return mode, after, before


def _page_size(req: Request, default: int) -> int | None:
    raw = req.param("maxResultsPerPage")
    if not raw:
        return default
    try:
        size = int(raw)
    except ValueError:
        return None
    return size if 1 <= size <= MAX_PAGE else None  # "The value must be between 1 and 100."


def search_orders(req: Request) -> tuple[int, Any]:
    sim, now = req.sim, req.sim.clock.now()
    token = req.param("paginationToken")
    if token:
        cursor = sim.cursors.get(token)
        if cursor is None or cursor[0] != req.seller_id or sim.elapsed() - cursor[7] > PAGE_TOKEN_LIFE_S:
            return 400, errors.invalid("searchOrders", "paginationToken is invalid or expired")
        _seller, ids, offset, first_size, first_included, before, mode, _issued = cursor
        # includedData and maxResultsPerPage may change between pages (the model's Pagination text).
        size = _page_size(req, first_size)
        included = set(req.csv("includedData")) or first_included
    else:
        window = _search_window(req, now)
        if isinstance(window, dict):
            return 400, window
        mode, after, before = window
        size = _page_size(req, MAX_PAGE)
        fulfilled_by = set(req.csv("fulfilledBy"))
        marketplaces = set(req.csv("marketplaceIds"))
        statuses = set(req.csv("fulfillmentStatuses"))
        included = set(req.csv("includedData"))
        with sim.world.lock:
            chosen = []
            for order in sim.world.orders.values():
                if order.seller_id != req.seller_id or not order.visible(now):
                    continue
                if fulfilled_by and order.fulfilled_by not in fulfilled_by:
                    continue
                if marketplaces and MARKETPLACE_US not in marketplaces:
                    continue
                status, updated, _addr = order.state(now)
                if statuses and status not in statuses:
                    continue
                moment = order.created if mode == "created" else updated
                if after <= moment <= before:
                    chosen.append((moment, order.order_id))
        chosen.sort()
        ids = [oid for _u, oid in chosen]
        offset = 0
    if size is None:
        return 400, errors.invalid("searchOrders", "maxResultsPerPage must be between 1 and 100")
    page_ids = ids[offset : offset + size]
    with sim.world.lock:
        orders = [order_json(sim.world.orders[oid], now, included) for oid in page_ids]
    body: dict[str, Any] = {
        "orders": orders,
        ("createdBefore" if mode == "created" else "lastUpdatedBefore"): iso(before),
    }
    if offset + size < len(ids):
        next_token = base64.urlsafe_b64encode(secrets.token_bytes(18)).decode()
        issued = sim.elapsed()
        sim.cursors[next_token] = (req.seller_id, ids, offset + size, size, included, before, mode, issued)
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
        return 404, errors.not_found("getOrder")
    return 200, {"order": order_json(order, req.sim.clock.now(), set(req.csv("includedData")))}


def confirm_shipment(req: Request) -> tuple[int, Any]:
    sim = req.sim
    order = _own_order(req)
    if order is None:
        return 404, errors.not_found("confirmShipment")
    body = req.json()
    detail = body.get("packageDetail") if isinstance(body, dict) else None
    if not isinstance(detail, dict):  # the model check refuses this first when the models are there
        return 400, errors.invalid("confirmShipment")
    now = sim.clock.now()
    with sim.world.lock:
        status, _updated, _addr = order.state(now)
        ref = str(detail.get("packageReferenceId", ""))
        if not ref.isdigit() or int(ref) <= 0:
            return 400, errors.invalid("confirmShipment", message=errors.BAD_PACKAGE_REF)
        if detail.get("carrierCode") == "Other" and not detail.get("carrierName"):
            # PackageDetail.carrierName: 'Required when `carrierCode` is "Other"' (ordersV0 model).
            return 400, errors.invalid("confirmShipment", "carrierName is required when carrierCode is Other")
        known = {i.order_item_id: i.quantity for i in order.items}
        lines = [i for i in detail.get("orderItems") or [] if isinstance(i, dict)]
        if any(str(i.get("orderItemId")) not in known for i in lines):
            return 400, errors.invalid("confirmShipment", message=errors.BAD_ORDER_ITEM)
        shipped = order.shipped_units(now)
        over = any(
            shipped.get(str(i["orderItemId"]), 0) + int(i.get("quantity") or 0) > known[str(i["orderItemId"])]
            for i in lines
        )
        duplicate = any(p.get("packageReferenceId") == ref for p in order.packages)
        if status == "CANCELLED":
            return 400, errors.invalid("confirmShipment")
        if duplicate or status == "SHIPPED" or over:
            return 400, errors.invalid("confirmShipment", message=errors.CONFIRM_REFUSED)
        sim.confirmations[(order.order_id, ref)] = {"tracking": str(detail.get("trackingNumber")), "at": iso(now)}
        order.packages.append(
            {
                "packageReferenceId": ref,
                "createdTime": iso(now),
                "packageStatus": {"status": "SHIPPED"},
                "carrier": str(detail.get("carrierName") or detail.get("carrierCode")),
                "trackingNumber": str(detail.get("trackingNumber")),
                "shipTime": str(detail.get("shipDate")),
                "packageItems": [
                    {"orderItemId": str(i.get("orderItemId")), "quantity": int(i.get("quantity") or 0)} for i in lines
                ],
            }
        )
        now_shipped = order.shipped_units(now)
        complete = all(now_shipped.get(k, 0) >= q for k, q in known.items())
        order.events.append((now, "ship", {"complete": complete}))
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
        return 400, errors.invalid("getRates", "ChannelDetails object cannot be null")
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
                "requiresAdditionalInputs": carrier_id in sim.additional_inputs_carriers,
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
    body = req.json()
    with sim.world.lock:
        if key and (req.seller_id, key) in sim.purchases_by_key:
            shipment = sim.shipments[sim.purchases_by_key[(req.seller_id, key)]]
            if shipment["request"] == body or sim.idempotency_conflict == "replay":
                return 200, shipment["response"]  # the same label again, never a second one
            return 400, errors.invalid("purchaseShipment", "The idempotency key was used with a different request")
        if not isinstance(body, dict):
            return 400, errors.invalid("purchaseShipment", "RequestToken cannot be null")
        found = sim.rate_tokens.get(str(body.get("requestToken")))
        if found is None or found[0] != req.seller_id:
            return 400, errors.invalid("purchaseShipment", "RequestToken is invalid")
        _seller, issued, rates, package_ref, parties = found
        if sim.elapsed() - issued > sim.rate_token_life_s:
            # Shipping v2 model: "you will receive an error response with the error code equal to
            # TOKEN_EXPIRED"; rate the shipment again.
            return 400, errors.body("TOKEN_EXPIRED", errors.SHIPPING_INVALID, "The requestToken has expired")
        rate = rates.get(str(body.get("rateId")))
        if rate is None:
            return 400, errors.invalid("purchaseShipment", "RateId is invalid")
        if rate["requiresAdditionalInputs"] and not body.get("additionalInputs"):
            # The rate said so: the inputs (getAdditionalInputs' schema) must come with the purchase.
            return 400, errors.invalid("purchaseShipment", "AdditionalInputs cannot be null")
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
            "packageDocuments": [{"type": "LABEL", "format": fmt, "contents": base64.b64encode(document).decode()}],
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
            "request": body,
        }
        if key:
            sim.purchases_by_key[(req.seller_id, key)] = shipment_id
        buy_shipping.on_purchase(sim, str(body.get("requestToken")), shipment_id)
    return 200, response


def get_shipment_documents(req: Request) -> tuple[int, Any]:
    shipment = req.sim.shipments.get(unquote(req.path_args.get("id", "")))
    if shipment is None or shipment["seller"] != req.seller_id:
        return 404, errors.not_found("getShipmentDocuments")
    if req.param("packageClientReferenceId") != shipment["detail"]["packageClientReferenceId"]:
        # The package is named by the packageClientReferenceId given to getRates, not by the shipment id.
        return 400, errors.invalid("getShipmentDocuments", "packageClientReferenceId is invalid")
    return 200, {"payload": {"shipmentId": req.path_args["id"], "packageDocumentDetail": shipment["detail"]}}


def cancel_shipment(req: Request) -> tuple[int, Any]:
    with req.sim.world.lock:
        shipment = req.sim.shipments.get(unquote(req.path_args.get("id", "")))
        if shipment is None or shipment["seller"] != req.seller_id:
            return 404, errors.not_found("cancelShipment")
        if shipment["cancelled"]:
            return 400, errors.invalid("cancelShipment", "ShipmentId is invalid")
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

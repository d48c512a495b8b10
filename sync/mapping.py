"""SP-API payloads <-> domain types, in one place. Tolerant: unknown enums and missing fields never crash."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from station.domain import GiftMessage, Order, OrderItem, OrderStatus, Parcel, PurchasedLabel, Rate, Recipient
from station.errors import UpstreamError
from station.zpl_sanitize import UnsafeLabelDocument, clean_label_document
from sync import identifiers as ids
from sync.identifiers import InvalidUpstreamRecord

UPSTREAM_TO_LOCAL = {
    "PENDING_AVAILABILITY": OrderStatus.PENDING,
    "PENDING": OrderStatus.PENDING,
    "UNSHIPPED": OrderStatus.UNSHIPPED,
    "PARTIALLY_SHIPPED": OrderStatus.UNSHIPPED,
    "SHIPPED": OrderStatus.SHIPPED,
    "CANCELLED": OrderStatus.CANCELLED,
    "UNFULFILLABLE": OrderStatus.CANCELLED,
}


def _d(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _l(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _s(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _i(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def local_status(upstream: str) -> OrderStatus:
    """The local status for an upstream fulfillment status; unknown ones wait as pending."""
    return UPSTREAM_TO_LOCAL.get(upstream.upper(), OrderStatus.PENDING)


def recipient_from_payload(payload: Any) -> Recipient | None:
    """The delivery address of an order's ``recipient`` block, or None when absent."""
    address = _d(_d(payload).get("deliveryAddress"))
    if not address:
        return None
    return Recipient(
        name=_s(address.get("name")),
        address_line1=_s(address.get("addressLine1")),
        address_line2=_s(address.get("addressLine2")),
        address_line3=_s(address.get("addressLine3")),
        city=_s(address.get("city")),
        state_or_region=_s(address.get("stateOrRegion")),
        postal_code=_s(address.get("postalCode")),
        country_code=_s(address.get("countryCode")),
        phone=_s(address.get("phone")),
        address_type=_s(address.get("addressType")).upper(),
    )


def item_from_payload(payload: Any, record: str = "") -> OrderItem:
    """One order item; its ids are checked (InvalidUpstreamRecord), missing ones stay empty."""
    item = _d(payload)
    product = _d(item.get("product"))
    fulfillment = _d(item.get("fulfillment"))
    serial = _d(_d(fulfillment.get("packing")).get("serialNumberRequirement"))
    condition = _s(_d(product.get("condition")).get("conditionType")) or "New"
    return OrderItem(
        order_item_id=ids.check(ids.ORDER_ITEM_ID, _s(item.get("orderItemId")), "order item id", record,
                                optional=True),  # fmt: skip
        sku=ids.check_text_id(_s(product.get("sellerSku")), "SKU", record, optional=True),
        asin=ids.check(ids.ASIN, _s(product.get("asin")), "ASIN", record, optional=True),
        title=_s(product.get("title")),
        quantity=_i(item.get("quantityOrdered")),
        condition=condition.capitalize(),
        serial_required=_s(serial.get("requirementType")).upper() == "REQUIRED",
        quantity_shipped=_i(fulfillment.get("quantityFulfilled")),
    )


def gifts_from_items(items: Any) -> tuple[GiftMessage, ...]:
    """Per item fulfillment.packing.giftOption {giftMessage, giftWrapLevel}; items without one are left out."""
    gifts = []
    for item in _l(items):
        option = _d(_d(_d(_d(item).get("fulfillment")).get("packing")).get("giftOption"))
        message, wrap = _s(option.get("giftMessage")), _s(option.get("giftWrapLevel")).upper()
        if message.strip() or wrap:
            gifts.append(GiftMessage(_s(_d(item).get("orderItemId")), message, wrap))
    return tuple(gifts)


def order_from_payload(seller_id: str, payload: Any) -> Order:
    """An Orders 2026-01-01 ``Order`` as a domain ``Order``; InvalidUpstreamRecord for bad identifiers."""
    data = _d(payload)
    order_id = ids.check(ids.ORDER_ID, _s(data.get("orderId")), "order id")
    record = f"order {order_id}"
    fulfillment = _d(data.get("fulfillment"))
    ship_by = _d(fulfillment.get("shipByWindow"))
    deliver_by = _d(fulfillment.get("deliverByWindow"))
    upstream = _s(fulfillment.get("fulfillmentStatus")).upper() or "PENDING"
    return Order(
        order_id=order_id,
        seller_id=seller_id,
        marketplace_id=ids.check(ids.MARKETPLACE_ID, _s(_d(data.get("salesChannel")).get("marketplaceId")),
                                 "marketplace id", record, optional=True),  # fmt: skip
        upstream_status=upstream,
        purchase_date=_s(data.get("createdTime")),
        last_updated=_s(data.get("lastUpdatedTime")),
        ship_by_earliest=_s(ship_by.get("earliestDateTime")),
        ship_by_latest=_s(ship_by.get("latestDateTime")),
        deliver_by_earliest=_s(deliver_by.get("earliestDateTime")),
        deliver_by_latest=_s(deliver_by.get("latestDateTime")),
        service_level=_s(fulfillment.get("fulfillmentServiceLevel")),
        programs=tuple(_s(p) for p in _l(data.get("programs")) if p),
        fulfilled_by=_s(fulfillment.get("fulfilledBy")).upper() or "MERCHANT",
        items=tuple(item_from_payload(i, record) for i in _l(data.get("orderItems")) if isinstance(i, dict)),
        recipient=recipient_from_payload(data.get("recipient")),
        status=local_status(upstream),
        gifts=gifts_from_items(data.get("orderItems")),
    )


def orders_from_search(seller_id: str, body: Any) -> tuple[list[Order], str]:
    """The orders of one searchOrders page and its next token; unusable entries are skipped."""
    orders, token, _rejected = checked_orders_from_search(seller_id, body)
    return orders, token


def checked_orders_from_search(seller_id: str, body: Any) -> tuple[list[Order], str, list[str]]:
    """Like ``orders_from_search``, plus one message per record refused for invalid identifiers."""
    data = _d(body)
    orders: list[Order] = []
    rejected: list[str] = []
    for entry in _l(data.get("orders")):
        if not isinstance(entry, dict) or not entry.get("orderId"):
            continue
        try:
            orders.append(order_from_payload(seller_id, entry))
        except InvalidUpstreamRecord as exc:
            rejected.append(str(exc))
    return orders, _s(_d(data.get("pagination")).get("nextToken")), rejected


# Amazon's carrierCode values for the carriers our warehouses hand parcels to. ordersV0.json publishes no
# enumeration (PackageDetail.carrierCode is a free string that links to Amazon's carrier-code list), so
# anything else goes as "Other" with carrierName, which the model requires for "Other".
CARRIER_CODES = ("USPS", "UPS", "FedEx", "DHL", "Amazon Shipping", "OnTrac", "LaserShip", "Canada Post",
                 "Royal Mail", "Parcelforce", "DPD", "Hermes", "Yodel", "Australia Post", "Japan Post")  # fmt: skip


def carrier_fields(carrier: str, service: str = "") -> dict[str, str]:
    """carrierCode (a known code, else "Other" with carrierName) and shippingMethod."""
    wanted = carrier.strip()
    code = next((c for c in CARRIER_CODES if c.lower() == wanted.lower()), "Other")
    fields = {"carrierCode": code}
    if code == "Other":
        fields["carrierName"] = wanted
    if service.strip():
        fields["shippingMethod"] = service.strip()
    return fields


def confirm_shipment_body(
    *,
    marketplace_id: str,
    carrier: str,
    tracking: str,
    ship_date: str,
    items: Sequence[tuple[str, int]],
    package_ref: str,
    service: str = "",
) -> dict[str, Any]:
    """An Orders v0 ``ConfirmShipmentRequest``."""
    return {
        "marketplaceId": marketplace_id,
        "packageDetail": {
            "packageReferenceId": package_ref,
            **carrier_fields(carrier, service),
            "trackingNumber": tracking,
            "shipDate": ship_date,
            "orderItems": [{"orderItemId": oid, "quantity": int(q)} for oid, q in items],
        },
    }


def address_body(recipient: Recipient | dict[str, str]) -> dict[str, Any]:
    """A Shipping v2 ``Address`` from a recipient or a ship-from mapping with domain field names."""
    if isinstance(recipient, Recipient):
        fields = {
            "name": recipient.name,
            "addressLine1": recipient.address_line1,
            "addressLine2": recipient.address_line2,
            "addressLine3": recipient.address_line3,
            "city": recipient.city,
            "stateOrRegion": recipient.state_or_region,
            "postalCode": recipient.postal_code,
            "countryCode": recipient.country_code,
            "phoneNumber": recipient.phone,
        }
    else:
        keys = {
            "name": "name",
            "address_line1": "addressLine1",
            "address_line2": "addressLine2",
            "address_line3": "addressLine3",
            "city": "city",
            "state_or_region": "stateOrRegion",
            "postal_code": "postalCode",
            "country_code": "countryCode",
            "phone": "phoneNumber",
        }
        fields = {api: recipient.get(ours, "") or recipient.get(api, "") for ours, api in keys.items()}
    return {k: v for k, v in fields.items() if v}


def rates_request(
    order: Order, recipient: Recipient, parcel: Parcel, ship_from: dict[str, str]
) -> dict[str, Any]:
    """A Shipping v2 ``GetRatesRequest`` for one package of an Amazon order."""
    items = parcel.items or tuple((i.order_item_id, i.quantity) for i in order.items)
    return box_rates_request(order.order_id, recipient, replace(parcel, items=items), ship_from, order.order_id)


def box_rates_request(
    order_id: str, recipient: Recipient, parcel: Parcel, ship_from: dict[str, str], package_ref: str
) -> dict[str, Any]:
    """A ``GetRatesRequest`` for one box; ``package_ref`` is kept for getShipmentDocuments."""
    items = parcel.items
    return {
        "shipTo": address_body(recipient),
        "shipFrom": address_body(ship_from),
        "packages": [
            {
                "dimensions": {
                    "length": parcel.length_in,
                    "width": parcel.width_in,
                    "height": parcel.height_in,
                    "unit": "INCH",
                },
                "weight": {"value": parcel.weight_lb, "unit": "POUND"},
                "insuredValue": {"value": 0, "unit": "USD"},
                "packageClientReferenceId": package_ref,
                "items": [{"itemIdentifier": oid, "quantity": int(q)} for oid, q in items],
            }
        ],
        "channelDetails": {"channelType": "AMAZON", "amazonOrderDetails": {"orderId": order_id}},
    }


def rates_from_payload(payload: Any) -> list[Rate]:
    data = _d(payload)
    token = _s(data.get("requestToken"))
    rates = []
    for raw in _l(data.get("rates")):
        rate = _d(raw)
        if not rate.get("rateId"):
            continue
        charge = _d(rate.get("totalCharge"))
        window = _d(_d(rate.get("promise")).get("deliveryWindow"))
        specs = tuple(
            (_s(_d(spec).get("format")), _dpis(spec))
            for spec in _l(rate.get("supportedDocumentSpecifications"))
            if _d(spec).get("format")
        )
        formats = tuple(fmt for fmt, _ in specs)
        try:
            amount = float(charge.get("value") or 0)
        except (TypeError, ValueError):
            amount = 0.0
        rates.append(
            Rate(
                request_token=token,
                rate_id=_s(rate.get("rateId")),
                carrier_id=_s(rate.get("carrierId")),
                carrier_name=_s(rate.get("carrierName")),
                service_id=_s(rate.get("serviceId")),
                service_name=_s(rate.get("serviceName")),
                amount=amount,
                currency=_s(charge.get("unit")) or "USD",
                promise_delivery_latest=_s(window.get("end")),
                document_formats=formats,
                document_specs=specs,
                requires_additional_inputs=bool(rate.get("requiresAdditionalInputs")),
            )
        )
    return rates


def _dpis(spec: Any) -> tuple[int, ...]:
    found: list[int] = []
    for option in _l(_d(spec).get("printOptions")):
        found.extend(_i(v) for v in _l(_d(option).get("supportedDPIs")) if _i(v) > 0)
    return tuple(sorted(set(found)))


def purchase_request(
    rate: Rate, label_format: str, dpi: int = 0, additional_inputs: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A Shipping v2 ``PurchaseShipmentRequest`` for a 4x6 label (at ``dpi`` when given)."""
    spec: dict[str, Any] = {
        "format": label_format,
        "size": {"width": 4, "length": 6, "unit": "INCH"},
        "needFileJoining": False,
        "requestedDocumentTypes": ["LABEL"],
    }
    if dpi:
        spec["dpi"] = int(dpi)
    body: dict[str, Any] = {
        "requestToken": rate.request_token,
        "rateId": rate.rate_id,
        "requestedDocumentSpecification": spec,
    }
    if additional_inputs:
        body["additionalInputs"] = dict(additional_inputs)
    return body


def label_bytes(detail: Any, label_format: str = "") -> tuple[bytes, str, str]:
    """(contents, format, tracking id) of the first label in a ``PackageDocumentDetail``; the tracking
    id is checked (InvalidUpstreamRecord)."""
    data = _d(detail)
    docs = _l(data.get("packageDocuments"))
    chosen = next((d for d in docs if _d(d).get("type") == "LABEL"), docs[0] if docs else {})
    doc = _d(chosen)
    try:
        contents = base64.b64decode(_s(doc.get("contents")), validate=False)
    except (binascii.Error, ValueError):
        contents = b""
    tracking = ids.check(ids.TRACKING, _s(data.get("trackingId")), "tracking number", optional=True)
    fmt = _s(doc.get("format")) or label_format
    if contents:  # printer-configuration commands never get past the boundary (UnsafeLabelDocument)
        contents = clean_label_document(contents, fmt)
    return contents, fmt, tracking


def purchased_label_from_payload(payload: Any, rate: Rate, label_format: str) -> PurchasedLabel:
    data = _d(payload)
    details = _l(data.get("packageDocumentDetails"))
    # Retryable: the label may have been bought; the box must keep its idempotency key.
    try:
        shipment_id = ids.check(ids.SHIPMENT_ID, _s(data.get("shipmentId")), "shipment id", "the purchased label")
        contents, fmt, tracking = label_bytes(details[0] if details else {}, label_format)
    except (InvalidUpstreamRecord, UnsafeLabelDocument) as exc:
        raise UpstreamError(str(exc), code=exc.code, retryable=True) from None
    return PurchasedLabel(
        shipment_id=shipment_id,
        tracking_id=tracking,
        carrier_name=rate.carrier_name,
        service_name=rate.service_name,
        label_format=fmt,
        label_bytes=contents,
        cost=rate.amount,
        currency=rate.currency,
    )


def marketplace_ids_from_participations(participations: Sequence[Any]) -> list[str]:
    """Ids of the marketplaces the seller participates in."""
    found = []
    for entry in participations:
        data = _d(entry)
        if _d(data.get("participation")).get("isParticipating") is False:
            continue
        mid = _s(_d(data.get("marketplace")).get("id"))
        if mid and ids.MARKETPLACE_ID.fullmatch(mid):  # an invalid one is not a marketplace we can use
            found.append(mid)
    return found

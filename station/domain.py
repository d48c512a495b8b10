"""Domain types shared by the core, sync and ui. Plain dataclasses, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    PACKER = "packer"
    LEAD = "lead"
    ADMIN = "admin"
    AUDITOR = "auditor"
    SYSTEM = "system"  # the station's own actor for background work; never logs in


class OrderStatus(StrEnum):
    """Local order status; upstream fulfillment status is kept separately as text."""

    PENDING = "pending"  # not yet payable/ready upstream
    UNSHIPPED = "unshipped"  # ready to pick and pack
    IN_PROGRESS = "in_progress"  # opened by a packer
    EXCEPTION = "exception"  # a lead must resolve it
    AWAITING_LABEL = "awaiting_label"  # packed offline, label to buy when online
    SHIPPED = "shipped"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Seller:
    selling_partner_id: str
    name: str
    region: str  # na | eu | fe
    marketplaces: tuple[str, ...]
    status: str = "active"  # active | needs_reauthorisation | revoked
    endpoint: str = ""  # base URL override (sandbox, simulator, hub)
    lwa_endpoint: str = ""


@dataclass(frozen=True)
class Recipient:
    """Buyer PII needed to ship; lives in its own table and is erased after fulfilment."""

    name: str
    address_line1: str = ""
    address_line2: str = ""
    address_line3: str = ""
    city: str = ""
    state_or_region: str = ""
    postal_code: str = ""
    country_code: str = ""
    phone: str = ""
    address_type: str = ""  # RESIDENTIAL | COMMERCIAL | ""

    def __repr__(self) -> str:  # never print PII by accident
        return "Recipient(<redacted>)"


@dataclass(frozen=True)
class OrderItem:
    order_item_id: str
    sku: str
    asin: str
    title: str
    quantity: int
    condition: str = "New"
    serial_required: bool = False
    quantity_shipped: int = 0


@dataclass(frozen=True)
class GiftMessage:
    """The buyer's gift message for one item (buyer-written text: buyer data, erased with the address)."""

    order_item_id: str
    message: str
    wrap_level: str = ""  # e.g. PREMIUM (Orders 2026-01-01 giftOption.giftWrapLevel)

    def __repr__(self) -> str:  # never the buyer's text in a repr (logs, test output)
        return f"GiftMessage({self.order_item_id!r}, wrap={self.wrap_level!r})"


@dataclass(frozen=True)
class Order:
    """An FBM order in the shape of Orders API 2026-01-01, trimmed to what shipping needs."""

    order_id: str
    seller_id: str
    marketplace_id: str
    upstream_status: str  # e.g. UNSHIPPED, PARTIALLY_SHIPPED, SHIPPED, CANCELLED, PENDING
    purchase_date: str
    last_updated: str
    ship_by_earliest: str = ""
    ship_by_latest: str = ""
    deliver_by_earliest: str = ""
    deliver_by_latest: str = ""
    service_level: str = ""  # e.g. Standard, Expedited, NextDay
    programs: tuple[str, ...] = ()  # e.g. PRIME, BUSINESS
    fulfilled_by: str = "MERCHANT"
    items: tuple[OrderItem, ...] = ()
    recipient: Recipient | None = None
    status: OrderStatus = OrderStatus.UNSHIPPED
    gifts: tuple[GiftMessage, ...] = ()  # buyer data like the recipient: stored beside it, erased with it

    @property
    def is_prime(self) -> bool:
        return "PRIME" in self.programs

    def __repr__(self) -> str:
        return f"Order({self.order_id!r}, {self.status.value}, items={len(self.items)})"


@dataclass(frozen=True)
class OrderPage:
    """One page of a searchOrders answer."""

    orders: tuple[Order, ...]
    next_token: str = ""
    rejected: tuple[str, ...] = ()  # one message per record refused at the boundary (invalid ids)


@dataclass(frozen=True)
class Parcel:
    """A box to rate and buy: dimensions in inches, weight in pounds (converted at the edge)."""

    length_in: float
    width_in: float
    height_in: float
    weight_lb: float
    items: tuple[tuple[str, int], ...] = ()  # (order_item_id, quantity)


@dataclass(frozen=True)
class Rate:
    request_token: str
    rate_id: str
    carrier_id: str
    carrier_name: str
    service_id: str
    service_name: str
    amount: float
    currency: str
    promise_delivery_latest: str = ""  # ISO date-time; empty when the carrier gives none
    document_formats: tuple[str, ...] = ()  # e.g. ZPL, PDF, PNG
    # (format, supported dpis) per supportedDocumentSpecifications entry; empty dpis: none published
    document_specs: tuple[tuple[str, tuple[int, ...]], ...] = ()
    requires_additional_inputs: bool = False


@dataclass(frozen=True)
class PurchasedLabel:
    shipment_id: str
    tracking_id: str
    carrier_name: str
    service_name: str
    label_format: str  # ZPL | PDF | PNG
    label_bytes: bytes = field(repr=False)
    cost: float = 0.0
    currency: str = "USD"
    hub_label_id: int | None = None  # the hub's ledger id, when the hub bought it (a void goes there)


@dataclass(frozen=True)
class Product:
    seller_id: str
    sku: str
    asin: str = ""
    fnsku: str = ""
    title: str = ""
    condition: str = "New"
    weight_lb: float = 0.0
    length_in: float = 0.0
    width_in: float = 0.0
    height_in: float = 0.0
    prep_types: tuple[str, ...] = ()
    bin: str = ""
    serial_required: bool = False
    expiry_required: bool = False


@dataclass(frozen=True)
class Barcode:
    """A product alias barcode (UPC/EAN/SKU alias/case pack) with a unit multiplier."""

    seller_id: str
    code: str
    sku: str
    multiplier: int = 1
    kind: str = "upc"

"""The simulator's seeded world: sellers, credentials, and FBM orders whose history unfolds over time."""

from __future__ import annotations

import random
import string
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

MARKETPLACE_US = "ATVPDKIKX0DER"

# Recipients in several scripts; all fictional.
NAMES = [
    "Maria Garcia",
    "José Müller",
    "王小明",
    "Дмитрий Иванов",
    "محمد علي",
    "Νίκος Παπαδόπουλος",
    "김민준",
    "Nguyễn Văn An",
    "Siobhán O'Brien",
    "佐藤 花子",
    "Zoë Ångström",
    "Avi Cohen אבי כהן",
    "John Smith",
    "Priya Raman प्रिया",
    "Łukasz Wójcik",
    "Kwame Mensah",
]
STREETS = ["Main St", "Oak Ave", "Maple Dr", "Sunset Blvd", "5th Ave", "Elm St", "Pine Rd", "Harbor Way"]
CITIES = [
    ("Seattle", "WA", "98101"),
    ("Portland", "OR", "97201"),
    ("Los Angeles", "CA", "90012"),
    ("Austin", "TX", "73301"),
    ("Chicago", "IL", "60601"),
    ("New York", "NY", "10001"),
    ("Honolulu", "HI", "96813"),
    ("Anchorage", "AK", "99501"),
    ("Miami", "FL", "33101"),
]
LINE2 = ["", "", "Apt 4B", "Suite 210", "Unit 7", "Apt 12 (Корпус 2)", "2F 東棟", "c/o مكتب البريد"]
PRODUCTS = [
    ("Stainless Water Bottle 750ml", 24.99),
    ("Bamboo Cutting Board", 19.5),
    ("LED Desk Lamp", 34.0),
    ("Yoga Mat 6mm", 29.95),
    ("Ceramic Mug Set (4)", 27.0),
    ("USB-C Cable 2m", 9.99),
    ("Wireless Mouse", 18.75),
    ("Notebook A5 Dotted", 7.5),
    ("Phone Stand Aluminium", 14.2),
    ("Kids' Puzzle 100pc", 12.0),
    ("Tea Sampler 12 flavours", 22.0),
    ("Chef Knife 8in", 45.0),
]
# Reasons a buyer gives when asking to cancel (the model leaves cancelReason free text).
CANCEL_REASONS = ["BUYER_CANCELED", "Order created by mistake", "Found a better price", "Delivery too slow"]
SERVICE_LEVELS = ["Standard", "Standard", "Standard", "Expedited", "SecondDay", "NextDay"]


def iso(moment: datetime) -> str:
    """ISO-8601 UTC with milliseconds and a Z, as the simulator writes every time."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


@dataclass
class SimSeller:
    seller_id: str
    name: str
    refresh_token: str = field(repr=False)
    marketplace_id: str = MARKETPLACE_US
    revoked: bool = False
    # Refresh tokens issued by later authorizations (the consent page); all stay valid until revoked.
    more_tokens: set[str] = field(default_factory=set, repr=False)

    def accepts(self, refresh_token: str) -> bool:
        return not self.revoked and (refresh_token == self.refresh_token or refresh_token in self.more_tokens)


@dataclass
class SimItem:
    order_item_id: str
    sku: str
    asin: str
    title: str
    quantity: int
    price: float
    serial_required: bool = False


@dataclass
class SimOrder:
    order_id: str
    seller_id: str
    created: datetime
    items: list[SimItem]
    address: dict[str, str] = field(repr=False)
    prime: bool = False
    business: bool = False
    service_level: str = "Standard"
    fulfilled_by: str = "MERCHANT"
    ship_by: tuple[datetime, datetime] | None = None
    deliver_by: tuple[datetime, datetime] | None = None
    # (when, kind, data): kinds are cancel, cancel_request, address, ship; applied when the clock
    # reaches them. A partial "ship" also adds a package (dated ``when``) naming the shipped units.
    events: list[tuple[datetime, str, dict[str, Any]]] = field(default_factory=list)
    packages: list[dict[str, Any]] = field(default_factory=list)

    def state(self, now: datetime) -> tuple[str, datetime, dict[str, str]]:
        """(fulfillment status, last updated, address) as of ``now``."""
        status, updated, address = "UNSHIPPED", self.created, self.address
        for when, kind, data in self.events:
            if when > now:
                continue
            updated = max(updated, when)
            if kind == "cancel" and status != "SHIPPED":
                status = "CANCELLED"
            elif kind == "address" and status not in ("SHIPPED", "CANCELLED"):
                address = {**address, **data}
            elif kind == "ship" and status != "CANCELLED":
                status = "SHIPPED" if data.get("complete", True) else "PARTIALLY_SHIPPED"
        return status, updated, address

    def visible(self, now: datetime) -> bool:
        return self.created <= now

    def cancel_request(self, now: datetime) -> str | None:
        """The buyer's pending cancellation request's reason as of ``now`` (None when there is none)."""
        status, _updated, _address = self.state(now)
        if status in ("CANCELLED", "SHIPPED"):
            return None
        found = None
        for when, kind, data in self.events:
            if when <= now and kind == "cancel_request":
                found = str(data.get("reason") or "BUYER_CANCELED")
        return found

    def shipped_units(self, now: datetime) -> dict[str, int]:
        """Units shipped per order item as of ``now``, from the packages Amazon knows."""
        shipped: dict[str, int] = {}
        for package in self.packages:
            if package.get("createdTime", "") > iso(now):
                continue
            for item in package.get("packageItems") or []:
                key = str(item.get("orderItemId"))
                shipped[key] = shipped.get(key, 0) + int(item.get("quantity") or 0)
        return shipped


class World:
    """Sellers, app credentials and orders, all derived from one seed."""

    def __init__(
        self,
        seed: int,
        start: datetime,
        *,
        sellers: int = 3,
        backlog: int = 60,
        arrivals_per_hour: float = 0.0,
        day_hours: float = 10.0,
        cancel_rate: float = 0.03,
        address_change_rate: float = 0.02,
        afn_rate: float = 0.04,
        cancel_request_rate: float = 0.0,
        partial_ship_rate: float = 0.0,
    ) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self._cancel_request_rate = cancel_request_rate
        self._partial_ship_rate = partial_ship_rate
        self.lock = threading.RLock()
        self.start = start
        self.client_id = "amzn1.application-oa2-client.sim" + self._hex(24)
        self.client_secret = "amzn1.oa2-cs.v1.sim" + self._hex(40)
        self.sellers: dict[str, SimSeller] = {}
        for n in range(sellers):
            sid = "A" + "".join(self.rng.choice(string.ascii_uppercase + string.digits) for _ in range(13))
            self.sellers[sid] = SimSeller(sid, f"Sim Seller {n + 1}", "Atzr|sim-" + self._hex(48))
        self.orders: dict[str, SimOrder] = {}
        self._cancel_rate = cancel_rate
        self._address_rate = address_change_rate
        self._afn_rate = afn_rate
        seller_ids = list(self.sellers)
        for n in range(backlog):
            created = start - timedelta(seconds=self.rng.uniform(600, 20 * 3600))  # mostly due today
            self.add_order(seller_ids[n % len(seller_ids)], created)
        if arrivals_per_hour > 0:
            count = int(arrivals_per_hour * day_hours)
            for n in range(count):
                created = start + timedelta(seconds=self.rng.uniform(0, day_hours * 3600))
                self.add_order(seller_ids[n % len(seller_ids)], created)

    def _hex(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))

    def _order_id(self) -> str:
        r = self.rng
        return f"{r.randint(111, 114)}-{r.randint(0, 9999999):07d}-{r.randint(0, 9999999):07d}"

    def add_order(self, seller_id: str, created: datetime, *, items: int = 0) -> SimOrder:
        """Create one order (ids, items, address, windows, later events) at ``created``."""
        with self.lock:
            rng = self.rng
            order_id = self._order_id()
            while order_id in self.orders:
                order_id = self._order_id()
            count = items or rng.choice([1, 1, 1, 1, 2, 2, 3, 4, 5, 8])
            sim_items = []
            for k in range(count):
                title, price = rng.choice(PRODUCTS)
                sku = f"SKU-{PRODUCTS.index((title, price)):03d}-{rng.choice('ABC')}"
                sim_items.append(
                    SimItem(
                        order_item_id=f"{rng.randint(10**13, 10**14 - 1)}{k}",
                        sku=sku,
                        asin="B0" + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(8)),
                        title=title,
                        quantity=rng.choice([1, 1, 1, 2, 3]),
                        price=price,
                        serial_required=rng.random() < 0.05,
                    )
                )
            city, state, postal = rng.choice(CITIES)
            address = {
                "name": rng.choice(NAMES),
                "addressLine1": f"{rng.randint(1, 9999)} {rng.choice(STREETS)}",
                "addressLine2": rng.choice(LINE2),
                "city": city,
                "stateOrRegion": state,
                "postalCode": postal,
                "countryCode": "US",
                "phone": f"+1 206-555-{rng.randint(0, 9999):04d}",
                "addressType": rng.choice(["RESIDENTIAL", "RESIDENTIAL", "COMMERCIAL"]),
            }
            prime = rng.random() < 0.4
            level = "NextDay" if prime and rng.random() < 0.3 else rng.choice(SERVICE_LEVELS)
            ship_days = 0 if level in ("NextDay", "SecondDay") else rng.choice([1, 2])
            ship_latest = (created + timedelta(days=ship_days)).replace(hour=23, minute=59, second=59, microsecond=0)
            order = SimOrder(
                order_id=order_id,
                seller_id=seller_id,
                created=created,
                items=sim_items,
                address=address,
                prime=prime,
                business=rng.random() < 0.08,
                service_level=level,
                fulfilled_by="AMAZON" if rng.random() < self._afn_rate else "MERCHANT",
                ship_by=(created, ship_latest),
                deliver_by=(ship_latest + timedelta(days=1), ship_latest + timedelta(days=5)),
            )
            if rng.random() < self._cancel_rate:
                order.events.append((created + timedelta(seconds=rng.uniform(300, 6 * 3600)), "cancel", {}))
            if rng.random() < self._address_rate:
                order.events.append(
                    (
                        created + timedelta(seconds=rng.uniform(300, 4 * 3600)),
                        "address",
                        {"addressLine2": "Apt " + str(rng.randint(1, 99))},
                    )
                )
            self._later_events(order)
            order.events.sort(key=lambda e: e[0])
            self.orders[order_id] = order
            return order

    def _later_events(self, order: SimOrder) -> None:
        """Buyer cancellation requests and partial shipments at seeded times. Their own generator per
        order, so adding them leaves every other seeded draw (ids, addresses, cancels) as it was."""
        rng = random.Random(f"{self.seed}:later:{order.order_id}")
        if rng.random() < self._cancel_request_rate:
            when = order.created + timedelta(seconds=rng.uniform(300, 4 * 3600))
            order.events.append((when, "cancel_request", {"reason": rng.choice(CANCEL_REASONS)}))
        if rng.random() < self._partial_ship_rate:
            when = order.created + timedelta(seconds=rng.uniform(600, 6 * 3600))
            item = order.items[0]
            units = {item.order_item_id: max(1, item.quantity - 1) if len(order.items) == 1 else item.quantity}
            if len(order.items) == 1 and item.quantity == 1:
                return  # one unit cannot ship in part
            tracking = "9400" + str(rng.randint(10**17, 10**18 - 1))
            self.ship_units(order, when, units, package_ref=str(rng.randint(1, 10**6)), tracking=tracking)

    def ship_units(
        self, order: SimOrder, when: datetime, units: dict[str, int], *, package_ref: str, tracking: str
    ) -> None:
        """Units left the building elsewhere (another tool, the seller): a package, and the status
        becomes PARTIALLY_SHIPPED or SHIPPED by what is now shipped."""
        with self.lock:
            order.packages.append(
                {
                    "packageReferenceId": package_ref,
                    "createdTime": iso(when),
                    "packageStatus": {"status": "SHIPPED"},
                    "carrier": "USPS",
                    "trackingNumber": tracking,
                    "shipTime": iso(when),
                    "packageItems": [{"orderItemId": k, "quantity": v} for k, v in units.items()],
                }
            )
            shipped = order.shipped_units(when)
            complete = all(shipped.get(i.order_item_id, 0) >= i.quantity for i in order.items)
            order.events.append((when, "ship", {"complete": complete}))
            order.events.sort(key=lambda e: e[0])

    def add_event(self, order_id: str, when: datetime, kind: str, data: dict[str, Any] | None = None) -> None:
        with self.lock:
            order = self.orders[order_id]
            order.events.append((when, kind, dict(data or {})))
            order.events.sort(key=lambda e: e[0])

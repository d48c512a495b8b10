"""The station's sync through its hub (issue 13): order changes by cursor into the station's store, and the
hub's claims as the pack service's OrderClaims port. Beside sync/engine.py's direct SP-API path; ui/wiring.py
picks this one when the station has joined a hub.

The hub sends buyer data only for orders this station holds; every other order arrives without it.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from station.domain import Order, OrderItem, OrderStatus, Recipient, Seller
from station.errors import Conflict
from station.events import EventBus
from station.ports import Clock
from station.store import Store
from sync.hubclient import HubClient
from sync.hubclient.errors import ClaimTaken, HubConflict, HubUnreachable
from sync.hubclient.types import Buyer, OrderChange
from sync.mapping import UPSTREAM_TO_LOCAL

log = logging.getLogger(__name__)
SYSTEM = "system"
HUB_REGION = "na"


@dataclass
class PullReport:
    changes: int = 0
    cancelled: int = 0
    online: bool = True


def hub_seller_id(seller_id: int) -> str:
    """The station's id of a hub seller (the station never holds the seller's Amazon credentials)."""
    return f"hub-{int(seller_id)}"


class HubSync:
    """Pull order changes from the hub into the station; remember which orders this station holds."""

    def __init__(self, store: Store, client: HubClient, clock: Clock, bus: EventBus, station_name: str) -> None:
        self.store = store
        self.client = client
        self.clock = clock
        self.bus = bus
        self.station_name = station_name
        self._lock = threading.Lock()
        self.hub_ids: dict[str, int] = {}  # amazon order id -> the hub's order id
        self.held: set[str] = set()  # orders this station holds (claimed or batch-held), as last heard

    def _now(self) -> str:
        return self.clock.now().isoformat(timespec="seconds")

    def pull(self) -> PullReport:
        """Apply every change after the stored cursor; offline (HubUnreachable) leaves the cache as it is."""
        report = PullReport()
        cursor = int(self.store.settings.get("hub_contact").get("cursor", 0))
        try:
            while True:
                page = self.client.changes(cursor)
                for change in page.changes:
                    report.cancelled += self.apply(change)
                report.changes += len(page.changes)
                if not page.changes or page.cursor == cursor:
                    break
                cursor = page.cursor
        except HubUnreachable:
            report.online = False
        contact = dict(self.store.settings.get("hub_contact"))
        contact.update({"cursor": cursor, "ok": report.online})
        if report.online:
            contact["at"] = self._now()
        self.store.settings.set("hub_contact", contact, now=self._now(), by=SYSTEM)
        return report

    def apply(self, change: OrderChange) -> int:
        """One change into the store; 1 when it cancelled the order here."""
        seller = hub_seller_id(change.seller_id)
        if self.store.sellers.get(seller) is None:
            self.store.sellers.add(Seller(seller, f"Seller {change.seller_id}", HUB_REGION, ()), now=self._now())
        oid = change.amazon_order_id
        with self._lock:
            self.hub_ids[oid] = change.order_id
            if change.claim is not None and change.claim.station == self.station_name:
                self.held.add(oid)
            else:
                self.held.discard(oid)
        status = UPSTREAM_TO_LOCAL.get(change.status.upper().replace("CANCELED", "CANCELLED"), OrderStatus.PENDING)
        order = Order(oid, seller, "", change.status.upper(), "", change.updated_at, ship_by_latest=change.ship_by,
                      items=tuple(_item(line) for line in change.lines),
                      recipient=_recipient(change.buyer), status=status)  # fmt: skip
        new = self.store.orders.upsert(order, now=self._now())
        local = self.store.orders.status(oid)
        if status in (OrderStatus.CANCELLED, OrderStatus.SHIPPED) and local not in (status, None):
            self.store.orders.set_status(oid, status, now=self._now())
            self.bus.publish("order.cancelled" if status == OrderStatus.CANCELLED else "order.shipped_elsewhere",
                             order_id=oid)  # fmt: skip
            return int(status == OrderStatus.CANCELLED)
        if new:
            self.bus.publish("order.new", order_id=oid)
        return 0

    def hub_id(self, order_id: str) -> int:
        with self._lock:
            found = self.hub_ids.get(order_id)
        if found is None:
            raise Conflict(f"Order {order_id} is not known at the hub yet — sync first")
        return found


class HubClaims:
    """The pack service's OrderClaims: opening an order claims it at the hub."""

    def __init__(self, sync: HubSync) -> None:
        self.sync = sync

    def claim(self, order_id: str, operator: str) -> None:
        """Claim at the hub; offline, only an order this station holds may be packed."""
        hub_id = self.sync.hub_id(order_id)
        try:
            claim = self.sync.client.claim(hub_id)
        except ClaimTaken as exc:  # the hub names the station and operator; say it with the station's order id
            where = str(exc).partition(" is being packed at ")[2] or "another station"
            raise Conflict(f"Order {order_id} is taken: being packed at {where}") from None
        except HubUnreachable:
            if order_id in self.sync.held:
                log.info("hub out of reach: packing held order offline")
                return
            raise Conflict(f"The hub is out of reach: this station packs only the orders it holds, "
                           f"and {order_id} is not one of them") from None  # fmt: skip
        with self.sync._lock:
            self.sync.held.add(order_id)
        log.info("claimed order at the hub (%s)", claim.kind)

    def release(self, order_id: str) -> None:
        """Give the claim back at the hub (best effort offline: an open claim expires by silence)."""
        try:
            self.sync.client.release(self.sync.hub_id(order_id))
        except (HubUnreachable, HubConflict, Conflict) as exc:
            log.info("hub release not done: %s", type(exc).__name__)
        with self.sync._lock:
            self.sync.held.discard(order_id)


def _item(line: dict[str, object]) -> OrderItem:
    return OrderItem(str(line.get("order_item_id", "")), str(line.get("sku", "")), str(line.get("asin", "")),
                     str(line.get("title", line.get("sku", ""))), int(str(line.get("quantity", 1))),
                     quantity_shipped=int(str(line.get("quantity_shipped", 0))))  # fmt: skip


def _recipient(buyer: Buyer | None) -> Recipient | None:
    if buyer is None or not buyer.name:
        return None
    return Recipient(buyer.name, address_line1=buyer.address or "", phone=buyer.phone or "")

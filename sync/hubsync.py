"""The station's sync through its hub (issue 13): order changes by cursor into the station's store, and the
hub's claims as the pack service's OrderClaims port. Beside sync/engine.py's direct SP-API path; ui/wiring.py
picks this one when the station has joined a hub.

The hub sends buyer data only for orders this station holds; every other order arrives without it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from station.audit_chain import ChainRow
from station.domain import Order, OrderItem, OrderStatus, Recipient, Seller
from station.errors import BuyerDataLocked, Conflict, HubOutOfReach, SellerKeyGone
from station.events import EventBus
from station.i18n import N_, T_
from station.ports import Clock
from station.services.audit import AuditTrail
from station.services.hub_operators import HubOperator
from station.services.seller_keys import HUB_SELLER_PREFIX, SellerKeys
from station.services.shipping import COMMITTED_BOX_STATUSES
from station.store import Store
from sync.hubclient import HubClient
from sync.hubclient.errors import ClaimTaken, HubConflict, HubError, HubNotFound, HubUnreachable
from sync.hubclient.events import EventStream
from sync.hubclient.types import Buyer, Event, OrderChange
from sync.hubkeys import HubKeySource
from sync.hubverifiers import VerifierSync
from sync.mapping import UPSTREAM_TO_LOCAL

log = logging.getLogger(__name__)
SYSTEM = "system"
HUB_REGION = "na"
# What the packer and the lead read about a conflict (translated at display, station/i18n.py).
CANCELLED_AFTER_LABEL = N_("Cancelled after the label was bought: pull the box and void its label")
CANCELLED_BY_BUYER = N_("cancelled by buyer")


@dataclass
class PullReport:
    changes: int = 0
    cancelled: int = 0
    online: bool = True


def hub_seller_id(seller_id: int) -> str:
    """The station's id of a hub seller (the station never holds the seller's Amazon credentials)."""
    return f"{HUB_SELLER_PREFIX}{int(seller_id)}"


class HubSync:
    """Pull order changes from the hub into the station; remember which orders this station holds."""

    def __init__(self, store: Store, client: HubClient, clock: Clock, bus: EventBus, station_name: str,
                 audit: AuditTrail | None = None, keys: SellerKeys | None = None) -> None:  # fmt: skip
        self.audit = audit
        self.remove_slips: Callable[[list[str]], None] | None = None  # the kept packing slips of erased orders
        # The sellers' data keys, leased from this hub: the station's own (its store seals with them).
        codec = store.orders.codec
        self.keys = keys if keys is not None else codec if isinstance(codec, SellerKeys) else None
        if self.keys is not None:
            self.keys.attach(HubKeySource(client))
        self.store = store
        self.client = client
        self.clock = clock
        self.bus = bus
        self.station_name = station_name
        self._lock = threading.Lock()
        # Kept in the station's encrypted store too: a restart while the hub is unreachable still knows
        # which orders this station holds, and packs them ("the station packs only orders it holds").
        self.hub_ids: dict[str, int] = store.hub_orders.ids()  # amazon order id -> the hub's order id
        self.held: set[str] = store.hub_orders.held()  # orders this station holds (claimed or batch-held)
        self.taken: dict[str, str] = {}  # orders another station has: "operator at station" (the queue shows it)

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
        if self.keys is not None:
            try:  # the seller's key before its buyer data is stored (sealed; never readable once forgotten)
                self.keys.ensure(seller)
            except SellerKeyGone:
                self.erase_seller(seller)
                return 0
        if self.store.sellers.get(seller) is None:
            self.store.sellers.add(Seller(seller, f"Seller {change.seller_id}", HUB_REGION, ()), now=self._now())
        oid = change.amazon_order_id
        claim = change.claim
        held = claim is not None and claim.station == self.station_name
        with self._lock:
            self.hub_ids[oid] = change.order_id
            if held:
                self.held.add(oid)
            else:
                self.held.discard(oid)
            if claim is not None and claim.station != self.station_name:
                self.taken[oid] = f"{claim.operator or 'held'} at {claim.station}"
            else:
                self.taken.pop(oid, None)
        status = UPSTREAM_TO_LOCAL.get(change.status.upper().replace("CANCELED", "CANCELLED"), OrderStatus.PENDING)
        order = Order(oid, seller, change.marketplace_id, change.status.upper(), "", change.updated_at,
                      ship_by_latest=change.ship_by,
                      items=tuple(_item(line) for line in change.lines),
                      recipient=_recipient(change.buyer), status=status)  # fmt: skip
        local = self.store.orders.status(oid)
        try:
            old_recipient = self.store.orders.recipient(oid) if local is not None else None
        except BuyerDataLocked:  # sealed under a lease that ran out: the new one replaces it
            old_recipient = None
        with self.store.transaction():
            new = self.store.orders.upsert(order, now=self._now())
            self.store.hub_orders.note(oid, change.order_id, held)
        return self._react(oid, seller, status, local, old_recipient, order.recipient, new)

    def _react(self, oid: str, seller: str, status: OrderStatus, local: str | None, old: Recipient | None,
               recipient: Recipient | None, new: bool) -> int:  # fmt: skip
        """What the station does about a change, in the direct engine's words (the window listens to them)."""
        now, packing = self._now(), local == OrderStatus.IN_PROGRESS
        if new:
            self.bus.publish("order.new", order_id=oid)
            return 0
        if status == OrderStatus.CANCELLED and local != OrderStatus.CANCELLED:
            if local == OrderStatus.EXCEPTION and self._labelled(oid):
                return 0  # already in the void flow: the lead still has the box to pull (a repeated change)
            if local == OrderStatus.SHIPPED:  # the label is bought: the void flow (a lead pulls the box)
                self.store.orders.set_status(oid, OrderStatus.EXCEPTION, now=now, reason=CANCELLED_AFTER_LABEL)
                self.audit_alert(oid)
                self.bus.publish("order.cancelled_after_ship", order_id=oid, seller_id=seller)
                return 0
            self.store.orders.set_status(oid, OrderStatus.CANCELLED, now=now, reason=CANCELLED_BY_BUYER)
            self.bus.publish("order.cancelled", order_id=oid, seller_id=seller, was=str(local), in_progress=packing)
            return 1
        if status == OrderStatus.SHIPPED and local not in (OrderStatus.SHIPPED, OrderStatus.CANCELLED, None) \
                and not self._ours_in_flight(oid):  # fmt: skip
            self.store.orders.set_status(oid, OrderStatus.SHIPPED, now=now)
            self.bus.publish("order.shipped_elsewhere", order_id=oid, seller_id=seller, in_progress=packing,
                             message=T_("Order {0} was shipped elsewhere (another station or Seller Central) — "
                                        "stop packing and return the items to their bins", oid))  # fmt: skip
            return 0
        if local == OrderStatus.PENDING and status == OrderStatus.UNSHIPPED:
            self.store.orders.set_status(oid, OrderStatus.UNSHIPPED, now=now)
            self.bus.publish("order.ready", order_id=oid, seller_id=seller)
        if recipient is not None and old is not None and recipient != old:  # compared in memory, no PII in the event
            self.bus.publish("order.address_changed", order_id=oid, seller_id=seller, in_progress=packing)
        return 0

    def erase_seller(self, seller: str, audit: AuditTrail | None = None) -> dict[str, int]:
        """A seller forgotten at the hub: its key goes first (the data is unreadable from then on, even if the
        erase fails), then every row of it in the cache."""
        if self.keys is not None:
            self.keys.drop(seller)
        orders = self.store.orders.ids_of_seller(seller)
        counts = self.store.sellers.delete(seller) if self.store.sellers.get(seller) is not None else {}
        if self.remove_slips is not None:  # a slip may print the buyer's gift message
            self.remove_slips(orders)
        audit = audit or self.audit
        if audit is not None:
            audit.record(SYSTEM, "hub.seller_forgotten", target=seller, erased=counts)
        return counts

    def _ours_in_flight(self, order_id: str) -> bool:
        """A box of ours is being labelled (its answer lost, maybe parked) or has its label: a Buy Shipping
        label ships the order upstream by itself, so "shipped" is our own purchase, which the shipping
        service finishes (the same key returns the same label to print), not shipped elsewhere."""
        return any(p.status in COMMITTED_BOX_STATUSES for p in self.store.packages.for_order(order_id))

    def _labelled(self, order_id: str) -> bool:
        """A box of the order has its label (bought here): cancelling it needs the lead's void flow."""
        return any(p.status in ("labelled", "shipped") for p in self.store.packages.for_order(order_id))

    def audit_alert(self, order_id: str) -> None:
        """An alert the lead area shows: a box with a bought label must be pulled (the void flow)."""
        if self.audit is not None:
            self.audit.record(SYSTEM, "order.cancelled_after_label", target=order_id, severity="alert")

    def taken_by(self, order_id: str) -> str | None:
        """Who packs the order at another station ("pat at pack-2"), or None."""
        with self._lock:
            return self.taken.get(order_id)

    def hold(self, order_id: str, held: bool) -> None:
        """This station now holds the order (a claim), or no longer does (a release): memory and store."""
        with self._lock:
            if held:
                self.held.add(order_id)
            else:
                self.held.discard(order_id)
        self.store.hub_orders.set_held(order_id, held)

    def learn_ids(self) -> None:
        """Rebuild the hub ids and holds from the whole feed (orders untouched): a cache from before the id map
        was kept in the store has orders past the cursor that must still open."""
        cursor = 0
        while True:
            page = self.client.changes(cursor)
            with self._lock:
                for change in page.changes:
                    oid, claim = change.amazon_order_id, change.claim
                    self.hub_ids[oid] = change.order_id
                    mine = claim is not None and claim.station == self.station_name
                    if mine:
                        self.held.add(oid)
                    else:
                        self.held.discard(oid)
                    if self.store.orders.status(oid) is not None:
                        self.store.hub_orders.note(oid, change.order_id, mine)
            if not page.changes or page.cursor == cursor:
                return
            cursor = page.cursor

    def hub_id(self, order_id: str) -> int:
        with self._lock:
            found = self.hub_ids.get(order_id)
        if found is None and self.store.orders.status(order_id) is not None:
            with contextlib.suppress(HubUnreachable):  # cached before this process started: learn the ids again
                self.learn_ids()
            with self._lock:
                found = self.hub_ids.get(order_id)
        if found is None:
            raise Conflict(T_("Order {0} is not known at the hub yet — sync first", order_id))
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
            where = str(exc).partition(" is being packed at ")[2] or N_("another station")
            raise Conflict(T_("Order {0} is taken: being packed at {1}", order_id, where)) from None
        except HubUnreachable:
            if order_id in self.sync.held:
                log.info("hub out of reach: packing held order offline")
                return
            raise Conflict(T_("The hub is out of reach: this station packs only the orders it holds, and {0} is "
                              "not one of them", order_id)) from None  # fmt: skip
        self.sync.hold(order_id, True)
        log.info("claimed order at the hub (%s)", claim.kind)
        self.sync.pull()  # the claim's change carries the buyer data for this station: have it before packing

    def release(self, order_id: str) -> None:
        """Give the claim back at the hub (best effort offline: an open claim expires by silence)."""
        try:
            self.sync.client.release(self.sync.hub_id(order_id))
        except (HubUnreachable, HubConflict, Conflict) as exc:
            log.info("hub release not done: %s", type(exc).__name__)
        self.sync.hold(order_id, False)


def _item(line: dict[str, object]) -> OrderItem:
    return OrderItem(str(line.get("order_item_id", "")), str(line.get("sku", "")), str(line.get("asin", "")),
                     str(line.get("title") or line.get("sku", "")), int(str(line.get("quantity", 1))),
                     serial_required=line.get("serial_required") is True,
                     quantity_shipped=int(str(line.get("quantity_shipped", 0))))  # fmt: skip


_ADDRESS_FIELDS = ("address_line1", "address_line2", "address_line3", "city", "state_or_region", "postal_code",
                   "country_code", "address_type")  # fmt: skip


def _recipient(buyer: Buyer | None) -> Recipient | None:
    """The hub's buyer data as a Recipient: the address is a JSON object of Recipient fields (or one line)."""
    if buyer is None or not buyer.name:
        return None
    try:
        parsed = json.loads(buyer.address or "")
    except ValueError:
        parsed = None
    fields = {k: str(parsed.get(k, "")) for k in _ADDRESS_FIELDS} if isinstance(parsed, dict) else {
        "address_line1": buyer.address or ""}  # fmt: skip
    return Recipient(buyer.name, phone=buyer.phone or "", **fields)


class HubSignals:
    """What the hub pushes by server-sent events, applied to the station: order changes pull at once; an
    operator disabled or given another role at the hub, or the hub's lock, is written to the station's own
    operators and lock so AuthService.session_end_reason (and the window's session timer) ends the open
    session; a forgotten seller is erased from the cache."""

    def __init__(self, sync: HubSync, audit: AuditTrail) -> None:
        self.sync = sync
        self.audit = audit
        self.operators_changed: Callable[[], object] | None = None  # pull the verifiers (sync.hubverifiers)

    def apply(self, event: Event) -> None:
        """One event from the hub (unknown kinds are ignored: a newer hub may send more)."""
        store, kind, data = self.sync.store, event.type, event.data
        now = self.sync._now()
        if kind in ("order.changed", "claim.released", "claim.taken", "claim.held"):
            self.sync.pull()
        elif kind == "operator.disabled":
            if store.operators.set_disabled(str(data.get("operator", "")), True):
                self.audit.record(SYSTEM, "hub.operator_disabled", target=str(data["operator"]), severity="warning")
        elif kind == "operator.role_changed":
            if store.operators.set_role(str(data.get("operator", "")), str(data.get("role", ""))):
                self.audit.record(SYSTEM, "hub.operator_role_changed", target=str(data["operator"]),
                                  role=str(data.get("role", "")))  # fmt: skip
        elif kind in ("hub.locked", "hub.unlocked"):
            store.settings.set("station_locked", kind == "hub.locked", now=now, by=SYSTEM)
            self.audit.record(SYSTEM, kind, severity="warning" if kind == "hub.locked" else "info")
            self.sync.bus.publish("station.locked" if kind == "hub.locked" else "station.unlocked")
        elif kind == "seller.forgotten":
            self.forget()
        if kind.startswith("operator.") and self.operators_changed is not None:
            self.operators_changed()  # a disabled or re-roled packer's verifier goes at once

    def forget(self, seller: str = "") -> int:
        """Erase every seller the hub has forgotten from the station's cache (key, orders, buyer data, items).

        The hub's event names the seller, not its id, and the seller is gone there: so each cached seller's
        key lease is renewed, and a seller the hub no longer knows (HubNotFound) loses its key, then its rows.
        Also run at each connect, for a forget that happened while this station was offline."""
        return self._check_keys(only_due=False)

    def renew_keys(self) -> int:
        """Renew the seller key leases that are due (while online); erases sellers found forgotten."""
        return self._check_keys(only_due=True)

    def _check_keys(self, *, only_due: bool) -> int:
        sync, keys, erased = self.sync, self.sync.keys, 0
        sellers = {r.selling_partner_id for r in sync.store.sellers.list()}
        sellers |= set(keys.held()) if keys is not None else set()
        for sid in sorted(s for s in sellers if s.startswith(HUB_SELLER_PREFIX)):
            try:
                if keys is None:
                    sync.client.seller_key(int(sid.removeprefix(HUB_SELLER_PREFIX)))
                elif not only_due or keys.due(sid):
                    keys.lease(sid)
                    if sync.store.orders.seal_readable(sid):  # a cache from before sealing
                        log.info("sealed a seller's buyer data that was stored readable")
            except (HubNotFound, SellerKeyGone):
                sync.erase_seller(sid, self.audit)
                erased += 1
        return erased


def upload_audit(store: Store, client: HubClient, batch: int = 1000) -> int:
    """Upload this station's audit rows after the head the hub holds, and anchor the new head there (the
    station keeps its own chain too). Returns how many rows went up."""
    seq, _mac = client.audit_head()
    sent = 0
    while True:
        rows = store.audit_rows.after(seq, batch)
        if not rows:
            return sent
        client.upload_audit([ChainRow(**r.__dict__) for r in rows])
        sent += len(rows)
        seq = rows[-1].seq


class HubSyncEngine:
    """The station's sync engine when joined to a hub: a worker pulls and heartbeats every few seconds and
    keeps the hold-ahead batch; another follows the hub's events (resuming from the last id)."""

    def __init__(self, sync: HubSync, signals: HubSignals, *, interval_s: float = 3.0,
                 verifiers: VerifierSync | None = None) -> None:  # fmt: skip
        self.sync = sync
        self.signals = signals
        self.verifiers = verifiers  # packers' badge + PIN verifiers, for offline login
        if verifiers is not None:
            signals.operators_changed = verifiers.sync
        self.interval_s = interval_s  # the hub's claim lease / 3
        self.online: bool | None = None
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._stream: EventStream | None = None
        self._connected_once = False  # a forget missed while offline is caught at the first contact
        self.on_online: list[Callable[[], object]] = []  # run after each pass that reached the hub

    def run_once(self) -> PullReport:
        """One pull, one heartbeat, and topping up the batch held ahead."""
        report = self.sync.pull()
        if report.online:
            try:
                self.sync.client.heartbeat()
                ahead = int(self.sync.store.settings.get("hub_hold_ahead"))
                if ahead and len(self.sync.held) < ahead:
                    self.sync.client.hold_batch(ahead)
                upload_audit(self.sync.store, self.sync.client)
                if self.verifiers is not None:
                    self.verifiers.sync_if_due()
                if not self._connected_once:
                    self.signals.forget()
                    self._connected_once = True
                else:
                    self.signals.renew_keys()
            except HubUnreachable:
                report.online = False
            except HubError as exc:
                log.info("hub refused the heartbeat or hold: %s", type(exc).__name__)
        for hook in self.on_online if report.online else ():  # calls that waited for the hub (voids, confirmations)
            try:
                hook()
            except Exception:
                log.exception("hub follow-up failed")
        if not report.online:
            self._connected_once = False  # the next contact checks for sellers forgotten meanwhile
        if report.online != self.online:  # the window's banner, and parked labels bought on reconnect
            self.sync.bus.publish("sync.online" if report.online else "sync.offline")
        self.online = report.online
        return report

    def start(self) -> None:
        self._stop.clear()
        for name, target in (("hub-sync", self._loop), ("hub-events", self._follow)):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout_s: float = 5.0) -> None:
        self._stop.set()
        if self._stream is not None:
            self._stream.stop()
        for thread in self._threads:
            thread.join(timeout=timeout_s)
        self._threads.clear()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception:  # a worker never dies silently; it tries again next tick
                log.exception("hub sync pass failed")
            self._stop.wait(self.interval_s)

    def _remember(self, event_id: str) -> None:
        """Keep the last event id so a restarted station resumes the stream where it stopped."""
        store = self.sync.store
        contact = dict(store.settings.get("hub_contact"))
        contact["event_id"] = event_id
        store.settings.set("hub_contact", contact, now=self.sync._now(), by=SYSTEM)

    def _follow(self) -> None:
        self._stream = self.sync.client.events(str(self.sync.store.settings.get("hub_contact").get("event_id", "")))
        try:
            for event in self._stream:
                try:
                    self.signals.apply(event)
                    self._remember(event.id)
                except Exception:
                    log.exception("hub event %s not applied", event.type)
        except HubError as exc:  # revoked or too old: stop following; status shows the link down
            log.warning("hub event stream ended: %s", type(exc).__name__)
            self.online = False


class HubLogin:
    """The station's RemoteLogin: packers log in at the hub as well (claims carry them); leads, admins and
    auditors of a joined station log in at the hub only."""

    def __init__(self, client: HubClient, verifiers: VerifierSync | None = None) -> None:
        self.client = client
        self.verifiers = verifiers

    def badge(self, badge: str, pin: str) -> HubOperator | None:
        """The packer at the hub; None offline (the station's own check stands; only held orders)."""
        try:
            got = self.client.login_badge(badge, pin)
        except HubUnreachable:
            log.info("hub out of reach at login: working offline")
            return None
        if self.verifiers is not None and self.verifiers.operators.packer(badge) is None:
            self.verifiers.sync()  # the hub has seen this badge now: its verifier can come down
        return HubOperator(got.operator, got.role, got.language)

    def password(self, name: str, password: str, totp_code: str | None) -> HubOperator:
        """The lead, admin or auditor at the hub; HubOutOfReach while it does not answer."""
        try:
            got = self.client.login_password(name, password, totp_code)
        except HubUnreachable:
            raise HubOutOfReach() from None
        return HubOperator(got.operator, got.role, got.language)

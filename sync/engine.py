"""The sync engine: incremental pulls per seller, status changes raised as events, outbox pushes."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from station.clock import SystemClock
from station.domain import Order, OrderStatus
from station.errors import NeedsReauthorisation, UpstreamError
from station.events import EventBus
from station.ports import Clock, Marketplace
from station.services.shipping import COMMITTED_BOX_STATUSES
from station.store import Store
from sync.outbox import OutboxDelivery
from sync.schedule import ReadyIn, no_wait, run_interleaved
from sync.spapi.ratelimit import DEFAULT_LIMITS
from sync.timefmt import iso_now

log = logging.getLogger(__name__)

CURSOR = "orders.lastUpdatedAfter"
OPEN_LOCAL = (
    OrderStatus.PENDING,
    OrderStatus.UNSHIPPED,
    OrderStatus.IN_PROGRESS,
    OrderStatus.EXCEPTION,
    OrderStatus.AWAITING_LABEL,
)


def parse_time(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def fmt_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class SellerSync:
    seller_id: str
    pages: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    cancelled: int = 0
    rejected: int = 0
    error: str = ""


@dataclass
class SyncReport:
    sellers: list[SellerSync] = field(default_factory=list)
    delivered: int = 0
    outbox_retried: int = 0
    outbox_failed: int = 0
    online: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {
            "online": self.online,
            "delivered": self.delivered,
            "outbox_retried": self.outbox_retried,
            "outbox_failed": self.outbox_failed,
            "sellers": [vars(s) for s in self.sellers],
        }


class _Pull:
    """One seller's incremental pull, one page per step (a ``schedule.Job``)."""

    operation = "searchOrders"

    def __init__(self, engine: SyncEngine, seller_id: str) -> None:
        self.engine, self.seller_id = engine, seller_id
        self.result = SellerSync(seller_id)
        cursor = parse_time(engine.store.cursors.get(seller_id, CURSOR) or "")
        start = cursor or engine.clock.now() - timedelta(seconds=engine.initial_lookback_s)
        self.cursor = cursor
        self.after = fmt_time(start - timedelta(seconds=engine.overlap_s))
        self.high_water = cursor
        self.token = ""
        self.done = False

    def step(self) -> None:
        engine = self.engine
        try:
            page = engine.marketplace.search_orders(self.seller_id, self.after, self.token)
        except NeedsReauthorisation as exc:
            engine.store.sellers.set_status(self.seller_id, "needs_reauthorisation")
            engine.bus.publish("seller.needs_reauthorisation", seller_id=self.seller_id, reason=exc.code)
            self._fail(exc)
            return
        except UpstreamError as exc:
            if exc.retryable:
                engine.online = False
            self._fail(exc)
            return
        engine.online = True
        self.result.pages += 1
        for reason in page.rejected:  # refused at the boundary: never stored, the rest of the page is
            self.result.rejected += 1
            log.warning("seller %s: %s", self.seller_id, reason)
            engine.bus.publish("sync.record_rejected", seller_id=self.seller_id, reason=reason)
        with engine.store.db.transaction():
            for order in page.orders:
                self._apply(order)
                seen = parse_time(order.last_updated)
                if seen and (self.high_water is None or seen > self.high_water):
                    self.high_water = seen
            self.token = page.next_token
            if not self.token:
                now = iso_now(engine.clock)
                if self.high_water is not None:
                    engine.store.cursors.set(self.seller_id, CURSOR, fmt_time(self.high_water), now=now)
                engine.store.sellers.set_last_sync(self.seller_id, now)
        if not self.token:
            self.done = True
            engine.bus.publish(
                "sync.seller_synced",
                seller_id=self.seller_id,
                new=self.result.new,
                updated=self.result.updated,
                cancelled=self.result.cancelled,
            )

    def _fail(self, exc: UpstreamError) -> None:
        self.result.error = exc.code or "error"
        self.done = True
        log.warning("sync of seller %s stopped: %s", self.seller_id, exc.code)
        self.engine.bus.publish(
            "sync.failed", seller_id=self.seller_id, code=exc.code, retryable=exc.retryable
        )

    def _apply(self, order: Order) -> None:
        """Store one upstream order; de-duplicate by lastUpdatedTime; raise events for status changes."""
        if order.fulfilled_by != "MERCHANT" or not order.order_id:
            return
        store, bus = self.engine.store, self.engine.bus
        now = iso_now(self.engine.clock)
        known = store.orders.last_updated(order.order_id)
        if known is not None:
            old, new = parse_time(known), parse_time(order.last_updated)
            if old and new and new <= old:
                self.result.unchanged += 1
                return
        if known is None:
            store.orders.upsert(order, now=now)
            self.result.new += 1
            return
        local = OrderStatus(store.orders.status(order.order_id) or OrderStatus.PENDING.value)
        old_recipient = store.orders.recipient(order.order_id)
        store.orders.upsert(order, now=now)
        self.result.updated += 1
        packing = local == OrderStatus.IN_PROGRESS
        if order.status == OrderStatus.CANCELLED and local != OrderStatus.CANCELLED:
            if local == OrderStatus.SHIPPED:
                bus.publish("order.cancelled_after_ship", order_id=order.order_id, seller_id=self.seller_id)
                return
            store.orders.set_status(
                order.order_id, OrderStatus.CANCELLED, now=now, reason="cancelled by buyer"
            )
            self.result.cancelled += 1
            bus.publish(
                "order.cancelled",
                order_id=order.order_id,
                seller_id=self.seller_id,
                was=local.value,
                in_progress=packing,
            )
            return
        if (
            order.status == OrderStatus.SHIPPED
            and local in OPEN_LOCAL
            and local != OrderStatus.IN_PROGRESS
            and not _ours_in_flight(store, order.order_id)
        ):
            store.orders.set_status(order.order_id, OrderStatus.SHIPPED, now=now)
            bus.publish("order.shipped_elsewhere", order_id=order.order_id, seller_id=self.seller_id)
            return
        if local == OrderStatus.PENDING and order.status == OrderStatus.UNSHIPPED:
            store.orders.set_status(order.order_id, OrderStatus.UNSHIPPED, now=now)
            bus.publish("order.ready", order_id=order.order_id, seller_id=self.seller_id)
        if order.recipient is not None and old_recipient is not None and order.recipient != old_recipient:
            # Compared in memory only; the event carries no PII.
            bus.publish(
                "order.address_changed",
                order_id=order.order_id,
                seller_id=self.seller_id,
                in_progress=packing,
            )


class SyncEngine:
    """Pulls orders for every active seller and pushes the outbox; ``run_once`` is ``sync --once``."""

    def __init__(
        self,
        store: Store,
        marketplace: Marketplace,
        clock: Clock,
        bus: EventBus | None = None,
        *,
        ready_in: ReadyIn = no_wait,
        overlap_s: float = 300.0,
        initial_lookback_s: float = 14 * 86400.0,
    ) -> None:
        self.store, self.marketplace, self.clock = store, marketplace, clock
        self.bus = bus or EventBus()
        self.ready_in = ready_in
        self.overlap_s = overlap_s
        self.initial_lookback_s = initial_lookback_s
        self.outbox = OutboxDelivery(store, marketplace, clock, self.bus, ready_in=ready_in)
        self.online: bool | None = None
        self._was_online: bool | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def active_sellers(self) -> list[str]:
        return [s.selling_partner_id for s in self.store.sellers.list() if s.status == "active"]

    def pull(self, seller_ids: list[str] | None = None) -> list[SellerSync]:
        """Incrementally pull every (or the given) seller's orders, interleaved by rate-limit readiness."""
        jobs = [_Pull(self, sid) for sid in (seller_ids if seller_ids is not None else self.active_sellers())]
        run_interleaved(jobs, self.clock, self.ready_in)
        self._announce_online()
        return [job.result for job in jobs]

    def push(self) -> SyncReport:
        report = SyncReport()
        result = self.outbox.deliver_due()
        report.delivered, report.outbox_retried, report.outbox_failed = (
            result.delivered,
            result.retried,
            result.failed,
        )
        if self.outbox.offline:
            self.online = False
        elif result.delivered:
            self.online = True
        self._announce_online()
        return report

    def run_once(self) -> SyncReport:
        """One pull of every seller, then the outbox (``pacific-station sync --once``)."""
        sellers = self.pull()
        report = self.push()
        report.sellers = sellers
        report.online = bool(self.online) if self.online is not None else True
        return report

    def status(self) -> dict[str, Any]:
        """Online state, last sync per seller, order counts by status, outbox depth (``status --json``)."""
        return {
            "online": self.online,
            "sellers": {
                s.selling_partner_id: {
                    "status": s.status,
                    "last_sync": self.store.sellers.last_sync(s.selling_partner_id),
                }
                for s in self.store.sellers.list()
            },
            "orders_by_status": self.store.orders.counts_by_status(),
            "outbox_depth": self.store.outbox.depth(),
            "outbox_failed": self.store.outbox.failed_count(),
        }

    def _announce_online(self) -> None:
        if self.online is not None and self.online != self._was_online:
            self._was_online = self.online
            self.bus.publish("sync.online" if self.online else "sync.offline")

    # --- background --------------------------------------------------------------------------------
    def pull_interval_s(self) -> float:
        """How often a steady pull fits searchOrders' sustained rate (one call per seller per 1/rate s)."""
        rate = DEFAULT_LIMITS["searchOrders"][0]
        return max(60.0, 1.0 / rate)

    def start(self, *, push_interval_s: float = 15.0) -> None:
        """Run in a background thread: push every ``push_interval_s``, pull as the rate limits allow."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._loop, args=(push_interval_s,), name="sync-engine", daemon=True
        )
        self._thread.start()

    def trigger(self) -> None:
        """Sync now (on demand) instead of waiting for the schedule."""
        self._wake.set()

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    def _loop(self, push_interval_s: float) -> None:
        last_pull = float("-inf")
        while not self._stop.is_set():
            try:
                if self._wake.is_set() or self.clock.monotonic() - last_pull >= self.pull_interval_s():
                    self._wake.clear()
                    self.pull()
                    last_pull = self.clock.monotonic()
                self.push()
            except Exception:
                log.exception("sync cycle failed")
            self._pause(push_interval_s)

    def _pause(self, seconds: float) -> None:
        if isinstance(self.clock, SystemClock):
            self._wake.wait(seconds)
        elif not self._wake.is_set():
            self.clock.sleep(seconds)


def _ours_in_flight(store: Any, order_id: str) -> bool:
    """A box of ours is being labelled or holds a label: a Buy Shipping label ships the order upstream by
    itself, so "shipped" is our own purchase (finished by the shipping service), not shipped elsewhere."""
    return any(p.status in COMMITTED_BOX_STATUSES for p in store.packages.for_order(order_id))

"""What must reach Amazon: written with the local change, delivered exactly once in effect."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from station.errors import NeedsReauthorisation, UpstreamError
from station.events import EventBus
from station.ports import Clock, Marketplace
from station.services.outbox_entries import (  # the core writes entries; sync delivers them
    CANCEL_SHIPMENT,
    CONFIRM_SHIPMENT,
)
from station.store import Store
from station.store.outbox import OutboxEntry
from sync.schedule import ReadyIn, no_wait, run_interleaved
from sync.spapi.orders import is_already_confirmed
from sync.timefmt import iso_now

log = logging.getLogger(__name__)

OPERATION_OF = {CONFIRM_SHIPMENT: "confirmShipment", CANCEL_SHIPMENT: "cancelShipment"}
RETRY_BASE_S = 30.0
RETRY_CAP_S = 3600.0


@dataclass
class DeliveryReport:
    delivered: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


class _SellerQueue:
    """Entries of one seller, delivered one call at a time (a ``schedule.Job``)."""

    def __init__(self, box: OutboxDelivery, seller_id: str, entries: list[OutboxEntry]) -> None:
        self.box, self.seller_id, self.entries = box, seller_id, entries
        self.blocked = False

    @property
    def operation(self) -> str:
        return OPERATION_OF.get(self.entries[0].kind, "confirmShipment") if self.entries else ""

    @property
    def done(self) -> bool:
        return not self.entries or self.blocked

    def step(self) -> None:
        entry = self.entries.pop(0)
        if not self.box.deliver(entry):
            self.blocked = self.box.offline  # stop hammering an unreachable upstream


class OutboxDelivery:
    """Delivers due outbox entries with retries; "already confirmed" counts as delivered."""

    def __init__(
        self,
        store: Store,
        marketplace: Marketplace,
        clock: Clock,
        bus: EventBus | None = None,
        *,
        ready_in: ReadyIn = no_wait,
    ) -> None:
        self.store, self.marketplace, self.clock = store, marketplace, clock
        self.bus = bus or EventBus()
        self.ready_in = ready_in
        self.offline = False
        self.report = DeliveryReport()

    def deliver_due(self, limit: int = 1000) -> DeliveryReport:
        """Deliver everything due now, interleaving sellers by rate-limit readiness."""
        self.report, self.offline = DeliveryReport(), False
        due = self.store.outbox.due(iso_now(self.clock), limit)
        by_seller: dict[str, list[OutboxEntry]] = defaultdict(list)
        for entry in due:
            by_seller[entry.seller_id].append(entry)
        jobs = [_SellerQueue(self, seller, entries) for seller, entries in by_seller.items()]
        run_interleaved(jobs, self.clock, self.ready_in)
        self.bus.publish(
            "outbox.depth", depth=self.store.outbox.depth(), failed=self.store.outbox.failed_count()
        )
        return self.report

    def deliver(self, entry: OutboxEntry) -> bool:
        """Deliver one entry; True when Amazon has it (now or already)."""
        try:
            self._send(entry)
        except NeedsReauthorisation as exc:
            self._retry(entry, exc, delay_s=RETRY_CAP_S)
            self.bus.publish("seller.needs_reauthorisation", seller_id=entry.seller_id, reason=exc.code)
            return False
        except UpstreamError as exc:
            if self._already_done(entry, exc):
                self._delivered(entry, already=True)
                return True
            if exc.retryable:
                self.offline = exc.status == 0 or exc.status >= 500
                self._retry(entry, exc)
                return False
            self.store.outbox.mark_failed(entry.entry_id, error=f"{exc.code}: {exc}")
            self.report.failed += 1
            self.bus.publish(
                "outbox.failed",
                entry_id=entry.entry_id,
                kind=entry.kind,
                seller_id=entry.seller_id,
                order_id=entry.order_id,
                code=exc.code,
            )
            return False
        self._delivered(entry, already=False)
        return True

    def _send(self, entry: OutboxEntry) -> None:
        p: dict[str, Any] = entry.payload
        if entry.kind == CONFIRM_SHIPMENT:
            self.marketplace.confirm_shipment(
                entry.seller_id,
                entry.order_id,
                marketplace_id=p["marketplace_id"],
                carrier=p["carrier"],
                tracking=p["tracking"],
                ship_date=p["ship_date"],
                items=[(str(a), int(b)) for a, b in p["items"]],
                package_ref=p["package_ref"],
            )
        elif entry.kind == CANCEL_SHIPMENT:
            self.marketplace.cancel_shipment(entry.seller_id, p["shipment_id"])
        else:
            raise UpstreamError(f"Unknown outbox entry kind {entry.kind}", code="UnknownKind")

    @staticmethod
    def _already_done(entry: OutboxEntry, exc: UpstreamError) -> bool:
        if entry.kind == CONFIRM_SHIPMENT:
            return is_already_confirmed(exc)
        return exc.status == 400 and "already cancelled" in str(exc).lower()

    def _delivered(self, entry: OutboxEntry, *, already: bool) -> None:
        self.store.outbox.mark_delivered(entry.entry_id, now=iso_now(self.clock))
        self.report.delivered += 1
        self.bus.publish(
            "outbox.delivered",
            entry_id=entry.entry_id,
            kind=entry.kind,
            seller_id=entry.seller_id,
            order_id=entry.order_id,
            already=already,
        )

    def _retry(self, entry: OutboxEntry, exc: UpstreamError, *, delay_s: float | None = None) -> None:
        delay = (
            delay_s
            if delay_s is not None
            else min(RETRY_CAP_S, RETRY_BASE_S * 2.0 ** min(entry.attempts, 10))
        )
        when = iso_now(self.clock, delay)
        self.store.outbox.mark_retry(entry.entry_id, error=f"{exc.code}: {exc}", next_attempt_at=when)
        self.report.retried += 1
        self.report.errors.append(exc.code)


"""The confirmation outbox: shipments whose labels were bought elsewhere, confirmed to Amazon exactly once.

Entries are claimed (FOR UPDATE SKIP LOCKED on PostgreSQL) so two hub processes never send one entry.
Whatever Amazon answers besides success — a 400, a lost answer — is settled by reading the order's
packages: our packageReferenceId with our tracking number means delivered; anything else is a failure
for a person to look at. No decision depends on the wording of an error message.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from hub.engine import packages
from hub.engine.spapi import SellerConnections
from hub.services.audit import HubAudit
from hub.services.people import Actor, PeopleService
from hub.store.ledger import ConfirmationRow, Outbox
from station.clock import iso
from station.errors import Conflict, NotFound, UpstreamError, UsageError
from station.ports import Clock
from sync import identifiers as ids
from sync import mapping
from sync.spapi import orders
from sync.spapi.http import SpApiClient

log = logging.getLogger(__name__)
LEASE_S = 120.0
RETRY_S = (30.0, 120.0, 600.0, 1800.0)


@dataclass(frozen=True)
class Shipped:
    """A box shipped with a label bought outside Amazon (what the station reports)."""

    seller_id: int
    amazon_order_id: str
    marketplace_id: str
    box_ref: str
    package_reference_id: str  # a positive number, unique within the order (Orders v0)
    carrier: str
    service: str
    tracking: str
    ship_date: str
    items: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class VoidResult:
    cancelled: int
    already_sent: list[str]


class ConfirmationOutbox:
    def __init__(self, outbox: Outbox, client: SpApiClient, connections: SellerConnections, people: PeopleService,
                 audit: HubAudit, clock: Clock, owner: str) -> None:  # fmt: skip
        self.outbox = outbox
        self.client = client
        self.connections = connections
        self.people = people
        self.audit = audit
        self.clock = clock
        self.owner = owner
        self.lease_s = LEASE_S
        self.retry_s = RETRY_S
        self.checkpoint: Callable[[str], None] = lambda _point: None
        self.shipped_here: Callable[[int, str, str], None] = lambda _seller, _order, _at: None  # as the ledger's

    def record(self, actor: Actor, shipped: Shipped) -> int:
        """Queue the confirmation (the same package again is the same entry); returns its id."""
        self.people.authorize(actor, "order.ship", target=shipped.amazon_order_id)
        if not shipped.package_reference_id.isdigit() or int(shipped.package_reference_id) <= 0:
            raise UsageError("package_reference_id must be a positive number")
        tracking = shipped.tracking.strip()
        if not ids.TRACKING.fullmatch(tracking):
            raise UsageError("A tracking number is 1 to 64 letters, digits or dashes")
        if not shipped.carrier.strip() or not shipped.items:
            raise UsageError("Give the carrier and the box's items")
        try:
            datetime.fromisoformat(shipped.ship_date.replace("Z", "+00:00"))
        except ValueError:
            raise UsageError("ship_date must be an ISO 8601 date-time") from None
        self.connections.partner_id(shipped.seller_id)  # 404 unknown, 409 not authorised
        body = mapping.confirm_shipment_body(
            marketplace_id=shipped.marketplace_id, carrier=shipped.carrier[:64], tracking=tracking,
            ship_date=shipped.ship_date, items=shipped.items, package_ref=shipped.package_reference_id,
            service=shipped.service[:64],
        )  # fmt: skip
        now = self._now()
        entry_id, created = self.outbox.add({
            "seller_id": shipped.seller_id, "amazon_order_id": shipped.amazon_order_id, "box_ref": shipped.box_ref,
            "package_reference_id": shipped.package_reference_id, "tracking": tracking,
            "body": json.dumps(body, sort_keys=True), "state": "pending", "next_at": now,
            "created_at": now, "updated_at": now,
        })  # fmt: skip
        if created:
            self.audit.record(actor.name, "confirmation.queued", station=actor.station,
                              target=shipped.amazon_order_id, entry=entry_id)  # fmt: skip
        return entry_id

    def void(self, actor: Actor, seller_id: int, amazon_order_id: str, box_ref: str) -> VoidResult:
        """Lead: the box's label is void — its confirmation, if not yet sent, never leaves."""
        self.people.authorize(actor, "label.void", target=amazon_order_id)
        cancelled, others = self.outbox.cancel_for_box(seller_id, amazon_order_id, box_ref, self._now())
        self.audit.record(actor.name, "confirmation.cancelled", station=actor.station, target=amazon_order_id,
                          box=box_ref, cancelled=cancelled, already_sent=len(others))  # fmt: skip
        return VoidResult(cancelled, others)

    def run_once(self, limit: int = 10) -> dict[str, int]:
        """Claim due entries and send them; returns counts per outcome."""
        now = self.clock.now()
        claimed = self.outbox.claim_due(self.owner, iso(now), iso(now + timedelta(seconds=self.lease_s)), limit)
        counts: dict[str, int] = {}
        for row in claimed:
            self.checkpoint("confirm.claimed")
            try:
                state = self._deliver(row)
            except (Conflict, NotFound) as exc:  # the seller was revoked or forgotten meanwhile: try later
                state = self._later(row, UpstreamError(str(exc), code="seller_not_authorised"))
            counts[state] = counts.get(state, 0) + 1
        return counts

    def _deliver(self, row: ConfirmationRow) -> str:
        partner = self.connections.partner_id(row.seller_id)
        self.shipped_here(row.seller_id, row.amazon_order_id, self._now())  # before the send: see LabelLedger
        try:
            orders.confirm_shipment(self.client, partner, row.amazon_order_id, json.loads(row.body))
        except UpstreamError as exc:
            self.checkpoint("confirm.sent")
            return self._settle(row, partner, exc)
        self.checkpoint("confirm.sent")
        return self._done(row, "delivered")

    def _settle(self, row: ConfirmationRow, partner: str, exc: UpstreamError) -> str:
        """Amazon refused, or the answer was lost: the order's packages decide."""
        try:
            found = packages.on_order(self.client, partner, row.amazon_order_id)
        except UpstreamError as read_exc:
            log.info("getOrder for confirmation %s failed: %s", row.entry_id, read_exc.code)
            return self._later(row, exc)
        ours = [p for p in found if str(p.get("packageReferenceId") or "") == row.package_reference_id]
        if any(str(p.get("trackingNumber") or "") == row.tracking for p in ours):
            return self._done(row, "delivered")
        if ours:  # that package id holds another tracking number: someone else's confirmation
            return self._done(row, "failed", "the order shows this package with another tracking number")
        if exc.retryable or exc.status == 429:
            return self._later(row, exc)
        return self._done(row, "failed", f"refused: {exc.code or 'error'} (HTTP {exc.status})")

    def _later(self, row: ConfirmationRow, exc: UpstreamError) -> str:
        delay = self.retry_s[min(row.attempts - 1, len(self.retry_s) - 1)]
        next_at = iso(self.clock.now() + timedelta(seconds=delay))
        self.outbox.settle(row.entry_id, self.owner, self._now(), "pending", error=f"{exc.code} (HTTP {exc.status})",
                           next_at=next_at)  # fmt: skip
        return "retry"

    def _done(self, row: ConfirmationRow, state: str, error: str = "") -> str:
        if self.outbox.settle(row.entry_id, self.owner, self._now(), state, error=error):
            action = "confirmation.delivered" if state == "delivered" else "confirmation.failed"
            self.audit.record("hub", action, target=row.amazon_order_id, entry=row.entry_id,
                              severity="info" if state == "delivered" else "warning")  # fmt: skip
        return state

    def entries(self) -> Sequence[ConfirmationRow]:
        return self.outbox.all_rows()

    def _now(self) -> str:
        return iso(self.clock.now())

"""Views of buyer PII: permission-checked, each one audited, watched for abnormal volume."""

from __future__ import annotations

import statistics
from datetime import timedelta

from station.clock import iso
from station.domain import GiftMessage, Recipient
from station.errors import NotFound
from station.ports import Clock
from station.services.audit import AuditTrail
from station.services.auth import AuthService, Session
from station.store import Store


class BuyerDataService:
    def __init__(self, store: Store, auth: AuthService, audit: AuditTrail, clock: Clock):
        self.store = store
        self.auth = auth
        self.audit = audit
        self.clock = clock

    def view_address(self, session: Session, order_id: str, *, purpose: str = "pack") -> Recipient:
        """The active order's recipient; records the view and checks the operator's view rate."""
        self.auth.authorize(session, "order.address.view", target=order_id)
        recipient = self.store.orders.recipient(order_id)
        if recipient is None:
            raise NotFound("No address for this order (erased after fulfilment, or not synced)")
        self.audit.record(session.name, "pii.address_viewed", target=order_id, purpose=purpose)
        self._check_rate(session.name)
        return recipient

    def view_gift_messages(self, session: Session, order_id: str) -> tuple[GiftMessage, ...]:
        """The buyer's gift messages of the active order (buyer data, like the address: same permission,
        each view that shows one audited)."""
        self.auth.authorize(session, "order.address.view", target=order_id)
        gifts = self.store.orders.gift_messages(order_id)
        if gifts:
            self.audit.record(session.name, "pii.gift_message_viewed", target=order_id, count=len(gifts))
        return gifts

    def _check_rate(self, actor: str) -> None:
        """Alert when this hour's views exceed 3x the operator's 30-day hourly median (and >= 50)."""
        now = self.clock.now()
        hour_start = now.replace(minute=0, second=0, microsecond=0)
        this_hour = self.store.audit_rows.count(action="pii.address_viewed", actor=actor, since=iso(hour_start))
        minimum = int(self.store.settings.get("alert_address_view_min"))
        if this_hour < minimum:
            return
        history = self.store.audit_rows.hourly_counts(
            action="pii.address_viewed",
            actor=actor,
            since=iso(hour_start - timedelta(days=30)),
            until=iso(hour_start),
        )
        median = statistics.median(history) if history else 0.0
        factor = float(self.store.settings.get("alert_address_view_factor"))
        if this_hour > factor * median:
            already = self.store.audit_rows.count(action="alert.address_views", since=iso(hour_start))
            if not already:
                self.audit.alert("alert.address_views", target=actor, views_this_hour=this_hour, hourly_median=median)

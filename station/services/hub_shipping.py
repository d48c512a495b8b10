"""Labels of a station joined to a hub (issue 13): a lead's void of a label the hub bought, and the shipment
confirmation (or its withdrawal) of a label bought elsewhere, are calls to the hub, not the station's outbox.

Each call is written to the store (hub_calls, with its request id) in the transaction of the local change,
then sent; while the hub is out of reach, or no operator who may make it acts there, it waits and is sent
again with the same request id (the hub acts on it once). A void takes effect here only when the hub says
the label is void: until then the box stays ``voiding`` and the order as it was.
"""

from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass

from station.clock import utcnow_iso
from station.domain import Order, OrderStatus
from station.errors import AuthenticationFailed, Conflict, PermissionDenied, StationError, UpstreamError
from station.events import EventBus
from station.i18n import N_
from station.permissions import allowed
from station.ports import Clock, HubLabels
from station.services.audit import AuditTrail
from station.store import Store
from station.store.hub import HubCall
from station.store.packages import PackageRow

log = logging.getLogger(__name__)
VOID_LABEL = "label.void"
CONFIRM = "confirmation"
VOID_CONFIRMATION = "confirmation.void"
ACTION_OF = {VOID_LABEL: "label.void", VOID_CONFIRMATION: "label.void", CONFIRM: "order.ship"}


@dataclass(frozen=True)
class VoidResult:
    """What a lead's void did: ``voided`` now, or it waits (``message`` says why, marked for translation)."""

    voided: bool
    message: str = ""


VOID_WAITS = N_("The hub is out of reach: the void waits and is sent when the hub is back with a lead "
                "logged in there — the label stays valid until then")  # fmt: skip
VOID_WAITS_FOR_LEAD = N_("The void waits for a lead logged in at the hub: log in again while the hub is "
                         "connected — the label stays valid until then")  # fmt: skip


def box_ref(package: PackageRow) -> str:
    """The box's reference at the hub (the purchase sends the same one)."""
    return (package.idempotency_key or str(package.package_id))[-32:]


class HubShipping:
    """The hub's side of a joined station's labels: park a call, send what waits, apply the hub's answer."""

    def __init__(self, store: Store, audit: AuditTrail, clock: Clock, bus: EventBus, hub: HubLabels) -> None:
        self.store = store
        self.clock = clock
        self.audit = audit
        self.bus = bus
        self.hub = hub
        self._sending = threading.Lock()  # the sync worker and an operator's action never send the same call twice

    # -- parking (inside the caller's transaction) ---------------------------------------------------
    def park_confirmation(self, order: Order, package: PackageRow, *, carrier: str, service: str, tracking: str,
                          ship_date: str, now: str, by: str) -> None:  # fmt: skip
        """The confirmation of a label bought elsewhere, for the hub to queue (POST /v1/confirmations)."""
        payload = {"seller_id": order.seller_id, "amazon_order_id": order.order_id,
                   "marketplace_id": order.marketplace_id, "box_ref": box_ref(package),
                   "package_reference_id": str(package.package_id), "carrier": carrier, "service": service,
                   "tracking": tracking, "ship_date": ship_date,
                   "items": [[item_id, int(q)] for item_id, q in package.items]}  # fmt: skip
        self.store.hub_calls.park(uuid.uuid4().hex, CONFIRM, order.order_id, package.package_id, payload,
                                  now=now, by=by)  # fmt: skip

    def void(self, by: str, order: Order, package: PackageRow, reason: str, *, now: str) -> VoidResult:
        """A lead voids a box's label at the hub: voided once the hub says so, else it waits (never lost)."""
        pending = self.store.hub_calls.for_package(package.package_id, VOID_LABEL) or \
            self.store.hub_calls.for_package(package.package_id, VOID_CONFIRMATION)  # fmt: skip
        if pending is None:
            label_id = self.store.packages.hub_label(package.package_id)
            if label_id is not None:
                kind, payload = VOID_LABEL, {"label_id": label_id, "reason": reason}
            elif package.label_format != "external":
                raise Conflict(N_("This label was not bought through the hub: void it in Seller Central"))
            else:  # a label bought elsewhere: its confirmation, if not yet sent, never leaves
                kind, payload = VOID_CONFIRMATION, {"seller_id": order.seller_id, "amazon_order_id": order.order_id,
                                                    "box_ref": box_ref(package)}  # fmt: skip
            with self.store.transaction():
                self.store.packages.set_status(package.package_id, "voiding")
                self._withdraw_confirmation(package.package_id)  # not sent yet: it never leaves
                self.store.hub_calls.park(uuid.uuid4().hex, kind, order.order_id, package.package_id,
                                          {**payload, "was": package.status, "reason": reason}, now=now,
                                          by=by)  # fmt: skip
                self.audit.record(by, "label.void_requested", target=order.order_id, package=package.package_id,
                                  reason=reason[:200], via="hub")  # fmt: skip
            pending = self.store.hub_calls.for_package(package.package_id, kind)
            assert pending is not None
        role = self.hub.acting_role()
        if role is None or not allowed(role, "label.void"):  # the lead logged in while the hub was away
            return VoidResult(False, VOID_WAITS_FOR_LEAD)
        with self._sending:
            outcome, error = self._send_one(pending)
        if outcome == "done":
            return VoidResult(True)
        if outcome == "refused":
            raise error or StationError(N_("The hub refused to void this label"))
        return VoidResult(False, VOID_WAITS if outcome == "offline" else VOID_WAITS_FOR_LEAD)

    # -- sending -------------------------------------------------------------------------------------
    def send_pending(self) -> int:
        """Send every waiting call the operator acting at the hub may make; returns how many the hub took."""
        if not self._sending.acquire(blocking=False):
            return 0
        try:
            sent = 0
            for call in self.store.hub_calls.pending():
                role = self.hub.acting_role()
                if role is None or not allowed(role, ACTION_OF.get(call.kind, "label.void")):
                    continue  # waits for an operator who may (a lead for a void)
                outcome, _error = self._send_one(call)
                if outcome == "offline":
                    break
                sent += outcome == "done"
            return sent
        finally:
            self._sending.release()

    def _send_one(self, call: HubCall) -> tuple[str, StationError | None]:
        """done | offline | waiting (no operator who may, at the hub) | refused (for good: a lead looks)."""
        body = {k: v for k, v in call.payload.items() if k != "was"}
        try:
            self.hub.send(call.kind, body, call.request_id)
        except UpstreamError as exc:
            if exc.retryable:
                self.store.hub_calls.finish(call.request_id, "pending", type(exc).__name__)
                return "offline", exc
            return self._refused(call, exc), exc
        except (PermissionDenied, AuthenticationFailed) as exc:
            self.store.hub_calls.finish(call.request_id, "pending", type(exc).__name__)
            return "waiting", exc
        except StationError as exc:
            return self._refused(call, exc), exc
        self.store.hub_calls.finish(call.request_id, "done")
        self._done(call)
        return "done", None

    def _refused(self, call: HubCall, exc: StationError) -> str:
        with self.store.transaction():
            self.store.hub_calls.finish(call.request_id, "failed", str(exc))
            if call.kind in (VOID_LABEL, VOID_CONFIRMATION) and call.package_id is not None:
                self.store.packages.set_status(call.package_id, str(call.payload.get("was") or "labelled"))
            self.audit.record("system", f"hub.{call.kind}_refused", target=call.order_id, package=call.package_id,
                              severity="alert")  # fmt: skip
        log.warning("the hub refused a %s call: %s", call.kind, type(exc).__name__)
        return "refused"

    def _done(self, call: HubCall) -> None:
        if call.kind == CONFIRM:
            self.audit.record("system", "confirmation.sent_to_hub", target=call.order_id, package=call.package_id)
            return
        self._voided_here(call)

    def _withdraw_confirmation(self, package_id: int) -> None:
        """A confirmation of this box still waiting here never leaves (the hub withdraws one it has)."""
        for waiting in self.store.hub_calls.pending(CONFIRM):
            if waiting.package_id == package_id:
                self.store.hub_calls.finish(waiting.request_id, "cancelled")

    def _voided_here(self, call: HubCall) -> None:
        """The hub voided the label: the box is void here, the order goes back to packing (or stays cancelled)."""
        assert call.package_id is not None
        order = self.store.orders.get(call.order_id)
        now = utcnow_iso(self.clock)
        with self.store.transaction():
            self.store.packages.set_status(call.package_id, "voided")
            self._withdraw_confirmation(call.package_id)
            if order is not None and order.status in (OrderStatus.SHIPPED, OrderStatus.EXCEPTION):
                if "CANCEL" in order.upstream_status.upper():  # the void flow of a cancelled order ends here
                    self.store.orders.set_status(order.order_id, OrderStatus.CANCELLED, now=now,
                                                 reason="cancelled by buyer")  # fmt: skip
                else:
                    self.store.orders.set_status(order.order_id, OrderStatus.UNSHIPPED, now=now)
            self.audit.record(call.created_by, "label.voided", target=call.order_id, package=call.package_id,
                              reason=str(call.payload.get("reason", ""))[:200], via="hub")  # fmt: skip
        self.bus.publish("label.voided", order_id=call.order_id, package_id=call.package_id)

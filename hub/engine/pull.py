"""One seller's order pull at the hub, one searchOrders page per step (a ``sync.schedule.Job``).

The cursor of the next pull is the FIRST page's ``lastUpdatedBefore``: everything updated after it is
seen next time, however long the pages in between took (the newest ``lastUpdatedTime`` seen is not a
cursor: an order changed on page 1 while page 26 was read would be lost). The next pull starts
``SETTLE_S`` before the cursor: an update stamped just before a search can land in Amazon's index just
after it (the API asks every ``lastUpdatedBefore`` to be two minutes old for that reason), and re-read
orders that did not change write nothing. Progress (the pagination
token and when it was issued) is saved after every page, so a restart resumes mid-pull; a token older
than its 24 h life restarts the pull from the same ``lastUpdatedAfter``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from hub.sealing import Sealer
from hub.services.orders import CONTEXTS
from hub.store.pull import Decision, PullStore, StoredOrder
from station.clock import iso
from station.domain import Order
from station.errors import UpstreamError
from station.ports import Clock
from sync import mapping
from sync.spapi import orders as orders_api
from sync.spapi.http import SpApiClient

log = logging.getLogger(__name__)

# Minimum data for shipping and change detection: no BUYER, PROCEEDS, TAX, PAYMENT.
INCLUDED_DATA = ("RECIPIENT", "FULFILLMENT", "PACKAGES", "CANCELLATION")
TOKEN_LIFE_S = 24 * 3600.0  # Amazon: "The token will expire after 24 hours."
TOKEN_MARGIN_S = 600.0  # do not bet on a token in its last minutes
SETTLE_S = 120.0  # "at least two minutes before the time of the request": updates may land this late
CLOSED = ("SHIPPED", "CANCELLED", "UNFULFILLABLE")
CANCELLED = ("CANCELLED", "UNFULFILLABLE")


@dataclass
class PullResult:
    seller_id: int
    pages: int = 0
    orders: int = 0
    changes: int = 0
    resumed: bool = False
    finished: bool = False
    lost_lease: bool = False
    error: str = ""


def parse_time(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def amazon_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def cancel_request_of(payload: dict[str, Any]) -> str:
    """The reason of a pending buyer cancellation request (includedData CANCELLATION), or ""."""
    for item in payload.get("orderItems") or []:
        request = ((item or {}).get("cancellation") or {}).get("cancellationRequest") or {}
        if isinstance(request, dict) and str(request.get("requester", "")).upper() == "BUYER":
            return str(request.get("cancelReason") or "BUYER_CANCELED")[:64]
    return ""


def _address_text(order: Order) -> str:
    """The delivery address without name and phone, as one canonical text (sealed, never logged).

    A JSON object with the Recipient's field names: what OrderService.recipient reads for the label ledger.
    """
    r = order.recipient
    assert r is not None
    names = ("address_line1", "address_line2", "address_line3", "city", "state_or_region", "postal_code",
             "country_code", "address_type")  # fmt: skip
    return json.dumps({name: getattr(r, name) for name in names}, sort_keys=True)


class OrderChanges:
    """Compares Amazon's order with the hub's and decides what to write and which changes to log."""

    def __init__(self, sealer: Sealer) -> None:
        self.sealer = sealer

    def decide(self, order: Order, payload: dict[str, Any], old: StoredOrder | None) -> Decision:
        status = order.upstream_status
        new_time, old_time = parse_time(order.last_updated), parse_time(old.upstream_updated if old else "")
        if old is not None and new_time and old_time and new_time < old_time:
            return Decision(None, [])  # an older view than the one stored (a late getOrder)
        lines = self._lines(order, old)
        request = "" if status in CLOSED else cancel_request_of(payload)
        values: dict[str, Any] = {"status": status, "ship_by": order.ship_by_latest, "lines": json.dumps(lines),
                                  "upstream_updated": order.last_updated, "cancel_request": request,
                                  "marketplace_id": order.marketplace_id}  # fmt: skip
        address_changed = self._seal_recipient(order, old, values)
        if order.gifts:  # the buyer's gift messages: buyer-written text, sealed like the address
            gifts = [{"order_item_id": g.order_item_id, "message": g.message, "wrap_level": g.wrap_level}
                     for g in order.gifts]  # fmt: skip
            values["gifts_sealed"] = self.sealer.seal(json.dumps(gifts), CONTEXTS["gifts_sealed"])
        if old is None:
            if status in CLOSED:
                values["closed_at"] = order.last_updated
            return Decision(values, [("new", {"status": status})])
        changes: list[tuple[str, dict[str, Any]]] = []
        if status in CANCELLED and old.status not in CANCELLED:
            changes.append(("cancelled", {"was": old.status}))
        if request and not old.cancel_request:
            changes.append(("cancel_requested", {"reason": request, "requester": "BUYER"}))
        if address_changed:
            changes.append(("address_changed", {}))
        if status == "SHIPPED" and old.status != "SHIPPED" and not old.shipped_here_at:
            changes.append(("shipped_elsewhere", {"was": old.status}))
        shipped_more = [ln for ln in lines if ln["quantity_shipped"] > _shipped(old.lines, ln["order_item_id"])]
        if status == "PARTIALLY_SHIPPED" and shipped_more:
            changes.append(("partially_shipped", {"items": [
                {"order_item_id": ln["order_item_id"], "quantity": ln["quantity"],
                 "quantity_shipped": ln["quantity_shipped"]} for ln in lines]}))  # fmt: skip
        if status in CLOSED and old.status not in CLOSED:
            values["closed_at"] = order.last_updated
        if not changes and (status != old.status or lines != old.lines):
            changes.append(("updated", {"status": status}))
        if not changes and request == old.cancel_request and order.last_updated == old.upstream_updated:
            return Decision(None, [])
        return Decision(values, changes)

    def _lines(self, order: Order, old: StoredOrder | None) -> list[dict[str, Any]]:
        """Per item: quantity and quantity shipped upstream; shipped units never go down (never re-boxed)."""
        return [
            {"order_item_id": i.order_item_id, "sku": i.sku, "asin": i.asin, "title": i.title, "quantity": i.quantity,
             "serial_required": i.serial_required,  # the packer scans a serial for these (as on the direct path)
             "quantity_shipped": max(i.quantity_shipped, _shipped(old.lines if old else [], i.order_item_id))}
            for i in order.items
        ]  # fmt: skip

    def _seal_recipient(self, order: Order, old: StoredOrder | None, values: dict[str, Any]) -> bool:
        """Seal name, address and phone into ``values``; True when the address differs from the stored one."""
        if order.recipient is None:
            return False
        text = _address_text(order)
        changed = False
        if old is not None and old.address_sealed:
            changed = self.sealer.open(old.address_sealed, CONTEXTS["address_sealed"]) != text
            if not changed:
                return False  # same address: keep the stored ciphertexts
        values["address_sealed"] = self.sealer.seal(text, CONTEXTS["address_sealed"])
        for value, column in ((order.recipient.name, "buyer_name_sealed"), (order.recipient.phone, "phone_sealed")):
            values[column] = self.sealer.seal(value, CONTEXTS[column]) if value else None
        return changed


def _shipped(lines: list[dict[str, Any]], item_id: str) -> int:
    return max((int(ln.get("quantity_shipped", 0)) for ln in lines if ln.get("order_item_id") == item_id), default=0)


class SellerPull:
    """Pull one seller's changed orders page by page; every step renews the lease and saves progress."""

    operation = "searchOrders"

    def __init__(self, *, store: PullStore, client: SpApiClient, changes: OrderChanges, clock: Clock,
                 seller_id: int, partner_id: str, holder: str, lease_s: float,
                 initial_lookback_s: float = 14 * 86400.0, page_size: int = orders_api.PAGE_SIZE) -> None:  # fmt: skip
        self.store, self.client, self.changes, self.clock = store, client, changes, clock
        self.hub_seller_id, self.seller_id, self.holder = seller_id, partner_id, holder
        self.lease_s, self.initial_lookback_s, self.page_size = lease_s, initial_lookback_s, page_size
        self.result = PullResult(seller_id)
        self.done = False
        self._first_step = True
        self.checkpoint: Callable[[str], None] = lambda _point: None  # the chaos test kills processes here

    def _epoch(self) -> float:
        return self.clock.now().timestamp()

    def step(self) -> None:
        """Fetch and apply one page, then save where the pull stands."""
        if not self.store.take_lease(self.hub_seller_id, self.holder, self._epoch(), self.lease_s):
            self.result.lost_lease, self.done = True, True
            return
        progress = self.store.progress(self.hub_seller_id)
        token = progress.page_token
        if token and self._epoch() - progress.token_at > TOKEN_LIFE_S - TOKEN_MARGIN_S:
            token = ""  # expired: start this pull again from the same lastUpdatedAfter
        if self._first_step and token:
            self.result.resumed = True
        self._first_step = False
        after = progress.after if (token or progress.before) and progress.after else self._next_after(progress.cursor)
        asked_at = self.clock.now()
        try:
            body = orders_api.search_orders(self.client, self.seller_id, last_updated_after=after,
                                            pagination_token=token, page_size=self.page_size,
                                            included_data=INCLUDED_DATA)  # fmt: skip
        except UpstreamError as exc:
            self.result.error, self.done = exc.code or "error", True
            log.warning("pull of seller %s stopped: %s", self.hub_seller_id, exc.code)
            return
        self.result.pages += 1
        self.checkpoint("pull.page_read")
        self._apply_page(body)
        self.checkpoint("pull.page_stored")
        before = progress.before if token else self._first_before(body, asked_at)
        next_token = str((body.get("pagination") or {}).get("nextToken") or "")
        now_epoch = self._epoch()
        if next_token:
            saved = self.store.save_page(
                self.hub_seller_id, self.holder, now_epoch, after=after, before=before,
                page_token=next_token, token_at=now_epoch, pages=progress.pages + 1,
            )  # fmt: skip
        else:
            saved = self.store.save_page(self.hub_seller_id, self.holder, now_epoch, cursor=before, after="",
                                         before="", page_token="", token_at=0.0, pages=0,
                                         finished_at=iso(self.clock.now()), wanted=0)  # fmt: skip
            self.result.finished = saved
        if not saved:
            self.result.lost_lease = True
        self.checkpoint("pull.page_saved")
        self.done = not next_token or not saved

    def _next_after(self, cursor: str) -> str:
        stamp = parse_time(cursor) if cursor else None
        if stamp is not None:
            return amazon_time(stamp - timedelta(seconds=SETTLE_S))
        return amazon_time(self.clock.now() - timedelta(seconds=self.initial_lookback_s))

    @staticmethod
    def _first_before(body: dict[str, Any], asked_at: datetime) -> str:
        """The first page's lastUpdatedBefore; without one, the moment we asked (a little early, never late)."""
        stated = body.get("lastUpdatedBefore")
        if isinstance(stated, str) and parse_time(stated) is not None:
            return stated
        return amazon_time(asked_at - timedelta(minutes=2))

    def _apply_page(self, body: dict[str, Any]) -> None:
        """Every order of the page in one transaction (each compared with the hub's, changes logged)."""
        items = []
        for payload in body.get("orders") or []:
            order = _ours(self.seller_id, payload)
            if order is not None:
                items.append((order.order_id, _decider(self.changes, order, payload)))
        for _id, kinds in self.store.apply_orders(self.hub_seller_id, items, iso(self.clock.now())) if items else []:
            self.result.orders += 1
            self.result.changes += len(kinds)


def _ours(partner_id: str, payload: Any) -> Order | None:
    """The order of a payload when it has an id and is ours to ship (not FBA)."""
    if not isinstance(payload, dict) or not payload.get("orderId"):
        return None
    order = mapping.order_from_payload(partner_id, payload)
    return order if order.fulfilled_by == "MERCHANT" else None


def _decider(changes: OrderChanges, order: Order, payload: dict[str, Any]) -> Callable[[StoredOrder | None], Decision]:
    return lambda old: changes.decide(order, payload, old)


def store_order(store: PullStore, changes: OrderChanges, seller_id: int, partner_id: str, payload: Any,
                now: str) -> list[str] | None:  # fmt: skip
    """Store one order as Amazon sent it (a page or a notified getOrder) and log its changes; None when
    it is not ours to ship (FBA) or has no id."""
    order = _ours(partner_id, payload)
    if order is None:
        return None
    _id, kinds = store.apply_order(seller_id, order.order_id, now, _decider(changes, order, payload))
    return kinds

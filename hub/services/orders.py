"""Orders for stations: changes by cursor (no buyer data), the sealed address of one order (audited),
and the retention purge with the station's rule (never kept more than 30 days after fulfilment)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from hub.sealing import Sealer
from hub.services.audit import HubAudit
from hub.services.people import Actor, PeopleService
from hub.store.claims import Claims
from hub.store.ledger import Ledger
from hub.store.orders import Orders
from hub.store.stations import StationRow
from hub.store.tables import orders as orders_table
from hub.store.tables import seal_context
from station.clock import iso
from station.domain import Recipient
from station.errors import Conflict
from station.ports import Clock
from station.services.retention import MAX_RETENTION_DAYS

MAX_PAGE = 500
CLOSED = ("Shipped", "Canceled", "Cancelled")
CANCELLED = ("CANCELED", "CANCELLED")
CONTEXTS = {c: seal_context(orders_table, c)
            for c in ("buyer_name_sealed", "address_sealed", "phone_sealed", "gifts_sealed")}  # fmt: skip


@dataclass(frozen=True)
class ChangePage:
    changes: list[dict[str, Any]]
    cursor: int


class OrderService:
    def __init__(self, store: Orders, sealer: Sealer, people: PeopleService, audit: HubAudit, clock: Clock,
                 retention_days: int = MAX_RETENTION_DAYS, address_alert: int = 200,
                 label_documents: Ledger | None = None, claims: Claims | None = None) -> None:  # fmt: skip
        self.claims = claims
        self.address_alert = address_alert
        self.label_documents = label_documents
        self.store = store
        self.sealer = sealer
        self.people = people
        self.audit = audit
        self.clock = clock
        self.retention_days = max(0, min(retention_days, MAX_RETENTION_DAYS))

    def changes(self, cursor: int, limit: int = MAX_PAGE, station: StationRow | None = None) -> ChangePage:
        """Order changes after the cursor, oldest first; the new cursor is the last seq returned.

        For a station: each change says who holds the order (``claim``), and carries the buyer data
        (``buyer``) ONLY when that station holds it (claimed or held); every other order comes without."""
        rows = self.store.changes_since(max(0, cursor), max(1, min(limit, MAX_PAGE)))
        changes = [
            {"seq": r.seq, "order_id": r.order_id, "seller_id": r.seller_id, "amazon_order_id": r.amazon_order_id,
             "status": r.status, "ship_by": r.ship_by, "lines": json.loads(r.lines), "updated_at": r.updated_at,
             "kind": r.kind, "detail": json.loads(r.detail), "station_id": r.station_id,
             "marketplace_id": r.marketplace_id}
            for r in rows
        ]  # fmt: skip
        if station is not None and self.claims is not None and changes:
            self._with_claims(station, changes)
        return ChangePage(changes, rows[-1].seq if rows else cursor)

    def _with_claims(self, station: StationRow, changes: list[dict[str, Any]]) -> None:
        from hub.services.claims import _view  # the claim's public shape, one definition

        live = self.claims.live_for(sorted({c["order_id"] for c in changes}), self.clock.now().timestamp())  # type: ignore[union-attr]
        packed: list[int] = []
        for change in changes:
            row = live.get(change["order_id"])
            change["claim"] = _view(row).as_dict() if row else None
            if row is not None and row.station_id == station.station_id and change["status"] not in CLOSED:
                change["buyer"] = self._buyer(change["order_id"])
                packed.append(change["order_id"])
        if packed:  # buyer data leaving the hub is audited, like each address view
            self.audit.record(f"station:{station.name}", "order.buyer_synced", station=station.name,
                              target=station.name, orders=sorted(set(packed)))  # fmt: skip

    def _buyer(self, order_id: int) -> dict[str, str]:
        sealed = self.store.sealed_address(order_id) or (None, None, None)
        names = ("name", "address", "phone")
        columns = ("buyer_name_sealed", "address_sealed", "phone_sealed")
        return {n: self.sealer.open(v, CONTEXTS[c]) for n, c, v in zip(names, columns, sealed, strict=True) if v}

    def store_order(self, seller_id: int, amazon_order_id: str, *, status: str, ship_by: str = "",
                    lines: list[dict[str, Any]] | None = None, buyer: dict[str, str] | None = None,
                    marketplace_id: str = "") -> int:  # fmt: skip
        """Insert or update an order; buyer data (name, address, phone) is sealed column by column."""
        values: dict[str, Any] = {"status": status, "ship_by": ship_by, "lines": json.dumps(lines or [])}
        if marketplace_id:
            values["marketplace_id"] = marketplace_id
        for key, column in (("name", "buyer_name_sealed"), ("address", "address_sealed"), ("phone", "phone_sealed")):
            if buyer and buyer.get(key):
                values[column] = self.sealer.seal(buyer[key], CONTEXTS[column])
        if status in ("Shipped", "Canceled", "Cancelled"):
            values["closed_at"] = iso(self.clock.now())
        return self.store.upsert(seller_id, amazon_order_id, iso(self.clock.now()), **values)

    def address(self, actor: Actor, order_id: int) -> dict[str, str] | None:
        """The buyer data of one order for the station packing it (each view audited)."""
        self.people.authorize(actor, "order.address.view", target=str(order_id))
        sealed = self.store.sealed_address(order_id)
        if sealed is None:
            return None
        self.audit.record(actor.name, "order.address.viewed", station=actor.station, target=str(order_id))
        self._check_pulls(actor.station)
        names = ("name", "address", "phone")
        columns = ("buyer_name_sealed", "address_sealed", "phone_sealed")
        return {n: self.sealer.open(v, CONTEXTS[c]) for n, c, v in zip(names, columns, sealed, strict=True) if v}

    def recipient(self, seller_id: int, amazon_order_id: str) -> Recipient | None:
        """The ship-to of an order for the label ledger (never returned to a caller or logged).

        The sealed address is a JSON object with the Recipient's field names (address_line1, city,
        state_or_region, postal_code, country_code, ...); a plain string is taken as the first line.
        """
        found = self.store.sealed_address_of(seller_id, amazon_order_id)
        if found is None:
            return None
        status, *sealed = found
        if str(status or "").upper() in CANCELLED:
            raise Conflict("This order is cancelled: no label is bought for it")
        if str(status or "").upper() == "SHIPPED":  # every unit has a label already (maybe another station's)
            raise Conflict("This order has shipped: every unit has its label, no other label is bought for it")
        if not sealed[1]:
            return None
        name, address, phone = (self.sealer.open(v, CONTEXTS[c]) if v else "" for v, c in zip(
            sealed, ("buyer_name_sealed", "address_sealed", "phone_sealed"), strict=True))  # fmt: skip
        try:
            fields = json.loads(address)
        except ValueError:
            fields = {"address_line1": address}
        if not isinstance(fields, dict):
            fields = {"address_line1": address}
        wanted = [f for f in Recipient.__dataclass_fields__ if f not in ("name", "phone")]
        known = {f: str(fields[f]) for f in wanted if f in fields}
        return Recipient(name=name, phone=phone, **known)

    def _check_pulls(self, station: str) -> None:
        """Alert once when a station pulls far more addresses than it packs (the last hour)."""
        since = iso(self.clock.now() - timedelta(hours=1))
        pulls = self.audit.rows.count(action="order.address.viewed", station=station, since=since)
        if pulls != self.address_alert:
            return
        packs = self.audit.rows.count(action="order.packed", station=station, since=since)
        if pulls > 2 * packs:
            self.audit.alert("alert.address_pulls", station=station, target=station, pulls=pulls, packs=packs)

    def purge(self, actor: Actor, *, dry_run: bool = False) -> dict[str, Any]:
        """Erase buyer data of orders closed more than the retention period ago."""
        self.people.authorize(actor, "purge.run")
        cutoff = iso(self.clock.now() - timedelta(days=self.retention_days))
        if dry_run:
            return {"dry_run": True, "orders": self.store.due_for_purge(cutoff), "cutoff": cutoff}
        count = self.store.purge_closed_before(cutoff, iso(self.clock.now()))
        # Label documents show the buyer's address: they go with the buyer data.
        documents = self.label_documents.purge_documents(cutoff, iso(self.clock.now())) if self.label_documents else 0
        self.audit.record(actor.name, "purge.completed", station=actor.station, orders=count,
                          label_documents=documents, retention_days=self.retention_days)  # fmt: skip
        return {"dry_run": False, "orders": count, "label_documents": documents, "cutoff": cutoff}

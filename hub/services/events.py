"""Events for one station's stream (GET /v1/events): changes of the orders it holds, and hub-wide events
taken from the audit chain (claims taken/released/held, operators disabled or re-roled, hub lock, seller
forgotten, settings changed). No buyer data in any event: the station pulls /v1/orders/changes for that.

The cursor ("<change seq>-<audit seq>") is every event's id, so a reconnect resumes with Last-Event-ID."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from hub.services.audit import HubAudit
from hub.services.people import Actor, PeopleService
from hub.store.events import AuditEvent, EventFeed
from hub.store.stations import StationRow
from station.clock import iso
from station.errors import UsageError
from station.ports import Clock

PAGE = 1000  # rows looked at per source and read; most audit rows are not for stations
LOCK_FLAG = "locked"
# audit action -> event type a station hears of
AUDITED = {
    "order.claimed": "claim.taken",
    "order.claim_released": "claim.released",
    "order.held": "claim.held",
    "user.disabled": "operator.disabled",
    "user.role_changed": "operator.role_changed",
    # stations pull the packers' verifiers again at once (issue 13: offline login with a fresh cache)
    "user.added": "operator.added",
    "user.enabled": "operator.enabled",
    "user.language_changed": "operator.language_changed",
    "hub.locked": "hub.locked",
    "hub.unlocked": "hub.unlocked",
    "seller.forgotten": "seller.forgotten",
    "settings.changed": "settings.changed",
    "station.revoked": "station.revoked",
}


@dataclass(frozen=True)
class HubEvent:
    id: str
    type: str
    data: dict[str, Any]


@dataclass(frozen=True)
class Cursor:
    change: int
    audit: int

    def __str__(self) -> str:
        return f"{self.change}-{self.audit}"

    @classmethod
    def parse(cls, text: str) -> Cursor:
        change, sep, row = text.strip().partition("-")
        if not sep or not change.isdigit() or not row.isdigit() or len(text) > 40:
            raise UsageError("The event cursor looks like <number>-<number> (the last event's id)")
        return cls(int(change), int(row))


def _data(row: AuditEvent) -> dict[str, Any]:
    detail = json.loads(row.detail or "{}")
    kind = AUDITED[row.action]
    if kind in ("claim.taken", "claim.released"):
        data: dict[str, Any] = {"order_id": int(row.target) if row.target.isdigit() else 0, "station": row.station}
        if kind == "claim.taken":
            data["operator"] = row.actor
        else:
            data["holder"] = str(detail.get("holder", ""))
        return data
    if kind == "claim.held":
        return {"station": row.station, "orders": [int(o) for o in detail.get("orders", [])]}
    if kind.startswith("operator."):
        return {"operator": row.target, "role": str(detail.get("role", ""))} if "role" in kind else {
            "operator": row.target}  # fmt: skip
    if kind in ("seller.forgotten", "station.revoked"):
        return {"seller" if kind == "seller.forgotten" else "station": row.target}
    if kind == "settings.changed":
        return {"kind": row.target}
    return {}


class EventService:
    def __init__(self, feed: EventFeed, people: PeopleService, audit: HubAudit, clock: Clock) -> None:
        self.feed = feed
        self.people = people
        self.audit = audit
        self.clock = clock

    def start(self, last_event_id: str) -> Cursor:
        """Where a stream starts: after the given id, or at the newest events when none."""
        if last_event_id:
            return Cursor.parse(last_event_id)
        change, row = self.feed.heads()
        return Cursor(change, row)

    def page(self, station: StationRow, at: Cursor) -> tuple[list[HubEvent], Cursor]:
        """The station's next events after the cursor, and the cursor after them."""
        changes, last_change = self.feed.held_changes(station.station_id, at.change, self.clock.now().timestamp(),
                                                      PAGE)  # fmt: skip
        rows, last_audit = self.feed.audit_events(at.audit, tuple(AUDITED), PAGE)
        events = [HubEvent(str(Cursor(c.seq, at.audit)), "order.changed",
                           {"order_id": c.order_id, "amazon_order_id": c.amazon_order_id, "status": c.status,
                            "seq": c.seq, "kind": c.kind, "detail": json.loads(c.detail)})
                  for c in changes if c.kind != "claim"]  # claims have their own events  # fmt: skip
        events += [HubEvent(str(Cursor(last_change, r.seq)), AUDITED[r.action], _data(r)) for r in rows]
        after = Cursor(last_change, last_audit)
        if events:  # the last event carries the whole cursor, so a resume skips the windows already read
            events[-1] = HubEvent(str(after), events[-1].type, events[-1].data)
        return events, after

    def active(self, station: StationRow) -> bool:
        return self.feed.station_active(station.station_id)

    def locked(self) -> bool:
        """Incident mode: every station locks while set."""
        return self.feed.flag(LOCK_FLAG) == "1"

    def set_lock(self, actor: Actor, locked: bool) -> None:
        """`pacific-hub lock|unlock`: recorded, then every station hears hub.locked / hub.unlocked."""
        self.people.authorize(actor, "station.lock" if locked else "station.unlock", target="hub")
        self.feed.set_flag(LOCK_FLAG, "1" if locked else "0", iso(self.clock.now()))
        self.audit.record(actor.name, "hub.locked" if locked else "hub.unlocked", station=actor.station,
                          target="hub", severity="warning" if locked else "info")  # fmt: skip

"""Claims: which station packs which order. Opening an order claims it (a lease kept alive by heartbeat);
a station claims a batch ahead for offline work (a hold: silence never ends it; ship-by or a lead does).
A release is recorded here first, and ``require_holder`` is the one check every order mutation (the label
ledger's purchase above all) makes before acting for a station."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from hub.services.audit import HubAudit
from hub.services.people import Actor, PeopleService
from hub.settings import HubSettings
from hub.store.claims import HOLD, OPEN, ClaimRow, Claims
from hub.store.stations import StationRow
from station.clock import iso
from station.domain import Role
from station.errors import Conflict, NotFound
from station.ports import Clock

MAX_HOLD = 500


class ClaimTaken(Conflict):
    """Another station holds the order (409)."""


class ClaimLost(Conflict):
    """The station no longer holds the order: released, expired, or taken (409)."""


@dataclass(frozen=True)
class ClaimView:
    order_id: int
    station: str
    operator: str
    kind: str
    expires_at: str  # ISO UTC

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _epoch(text: str) -> float | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() if text else None
    except ValueError:
        return None


def _view(row: ClaimRow) -> ClaimView:
    return ClaimView(row.order_id, row.station, row.operator, row.kind,
                     iso(datetime.fromtimestamp(row.expires_at, tz=UTC)))


def station_actor(station: StationRow) -> Actor:
    """A station acting on its own (heartbeat, batch holds): the system role, named after the station."""
    return Actor(f"station:{station.name}", Role.SYSTEM, station.name)


class ClaimService:
    def __init__(self, store: Claims, people: PeopleService, audit: HubAudit, clock: Clock,
                 settings: HubSettings) -> None:  # fmt: skip
        self.store = store
        self.people = people
        self.audit = audit
        self.clock = clock
        self.settings = settings

    def _now(self) -> float:
        return self.clock.now().timestamp()

    def _hold_end(self, ship_by: str, now: float) -> float:
        return _epoch(ship_by) or now + self.settings.hold_default_hours * 3600

    def claim(self, actor: Actor, station: StationRow, order_id: int) -> ClaimView:
        """Open an order at a station: take or renew its claim, or ClaimTaken naming the holder."""
        self.people.authorize(actor, "order.open", target=str(order_id))
        order = self.store.order_ship_by(order_id)
        if order is None:
            raise NotFound("No such order")
        if not order[1]:  # shipped (its label may be another station's, its answer lost) or cancelled
            raise Conflict(f"Order {order_id} has shipped or was cancelled: there is nothing left to pack")
        now = self._now()
        row = self.store.claim(order_id, station.station_id, actor.name, OPEN,
                               now + self.settings.claim_lease_seconds, now, iso(self.clock.now()))  # fmt: skip
        if row is None:
            holder = self.store.holder(order_id, now)
            where = f"station {holder.station} (operator {holder.operator or 'none'})" if holder else "another station"
            raise ClaimTaken(f"Order {order_id} is being packed at {where}")
        self.audit.record(actor.name, "order.claimed", station=station.name, target=str(order_id), kind=row.kind)
        return _view(row)

    def heartbeat(self, station: StationRow) -> list[ClaimView]:
        """Keep the station's open claims alive; returns every claim it still has (open and held)."""
        now = self._now()
        self.store.heartbeat(station.station_id, now + self.settings.claim_lease_seconds, now)
        return [_view(r) for r in self.store.of_station(station.station_id, now)]

    def held(self, station: StationRow) -> list[ClaimView]:
        """The station's live claims, without renewing them."""
        return [_view(r) for r in self.store.of_station(station.station_id, self._now())]

    def holder(self, order_id: int) -> ClaimView | None:
        """Who packs the order now (station and operator), if anyone."""
        row = self.store.holder(order_id, self._now())
        return _view(row) if row else None

    def batch_size(self, wanted: int | None) -> int:
        """N orders or H hours of work, whichever is fewer (the settings), capped by what was asked."""
        by_hours = int(self.settings.hold_batch_hours * 60 / max(self.settings.minutes_per_order, 0.1))
        size = min(self.settings.hold_batch_orders, by_hours, MAX_HOLD)
        return max(0, min(size, wanted)) if wanted is not None else max(0, size)

    def hold_batch(self, station: StationRow, wanted: int | None = None) -> list[ClaimView]:
        """Claim a batch ahead for the station, topping its holds up to the batch size; returns its holds."""
        actor = station_actor(station)
        self.people.authorize(actor, "order.hold", target=station.name)
        now = self._now()
        size = self.batch_size(wanted)
        have = sum(1 for r in self.store.of_station(station.station_id, now) if r.kind == HOLD)
        taken: list[int] = []
        while have + len(taken) < size:
            candidates = self.store.unclaimed_open_orders(now, size - have - len(taken))
            if not candidates:
                break
            for order_id, ship_by in candidates:  # each claim is atomic: a rival may win some; we skip those
                row = self.store.claim(order_id, station.station_id, "", HOLD, self._hold_end(ship_by, now), now,
                                       iso(self.clock.now()))  # fmt: skip
                if row is not None:
                    taken.append(order_id)
        if taken:
            self.audit.record(actor.name, "order.held", station=station.name, target=station.name, orders=taken)
        return [v for v in self.held(station) if v.kind == HOLD]

    def release(self, actor: Actor, station: StationRow, order_id: int) -> ClaimView:
        """End a claim: the holding station's operator, or a lead for any station's claim (recorded first)."""
        self.people.authorize(actor, "order.release", target=str(order_id))
        holder = self.store.holder(order_id, self._now())
        if holder is None:
            raise NotFound("Nobody holds that order")
        if holder.station_id != station.station_id:
            self.people.authorize(actor, "order.release.any", target=str(order_id))
        row = self.store.release(order_id, iso(self.clock.now()), holder.station_id)
        if row is None:
            raise NotFound("Nobody holds that order")
        self.audit.record(actor.name, "order.claim_released", station=station.name, target=str(order_id),
                          holder=row.station, kind=row.kind)  # fmt: skip
        return _view(row)

    def require_holder(self, order_id: int, station: StationRow) -> ClaimView:
        """Raise ClaimLost unless the station holds a live claim on the order. The label ledger (and every
        other order mutation for a station) calls this first, so a released order is never labelled."""
        row = self.store.holder(order_id, self._now())
        if row is None or row.station_id != station.station_id:
            raise ClaimLost(f"Claim lost: order {order_id} is no longer held by this station")
        return _view(row)

    def require_holder_of(self, seller_id: int, amazon_order_id: str, station: StationRow) -> ClaimView:
        """require_holder for an order named as the label ledger names it (seller id, Amazon order id)."""
        order_id = self.store.order_id_for(seller_id, amazon_order_id)
        if order_id is None:
            raise ClaimLost(f"Claim lost: order {amazon_order_id} is not held by this station")
        return self.require_holder(order_id, station)

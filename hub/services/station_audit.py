"""Stations' audit rows at the hub (issue 13): each station uploads its rows in batches (idempotent by seq)
and anchors its chain head here. The hub keeps the newest (seq, mac) per station and refuses, with an alert,
a head that goes backwards (rows rolled back at the station) or a second history for a seq it holds (a
fork). The hub cannot re-compute a station's MACs (their keys stay at the station, forward-secure), so it
checks what it can — contiguous seqs, the MAC form of station/audit_chain.py, the head being the last row
uploaded — and keeps the rows as ChainRow so AuditChain.verify(rows, recovery_secret) proves them with the
station's recovery key."""

from __future__ import annotations

import itertools
import re
from typing import Any

from hub.services.audit import HubAudit
from hub.services.claims import station_actor
from hub.services.people import PeopleService
from hub.store.station_audit import StationAudit
from hub.store.stations import StationRow
from station.audit_chain import ChainRow, is_sealed
from station.clock import iso
from station.errors import Conflict, UsageError
from station.ports import Clock

MAX_BATCH = 1000
_HEX = re.compile(r"^[0-9a-f]{64}$")


def _mac_form(mac: str) -> bool:
    parts = mac.split(":") if is_sealed(mac) else [mac]
    return len(parts) in (1, 2) and all(_HEX.match(p) for p in parts)


class StationAuditService:
    def __init__(self, store: StationAudit, people: PeopleService, audit: HubAudit, clock: Clock) -> None:
        self.store = store
        self.people = people
        self.audit = audit
        self.clock = clock

    def upload(self, station: StationRow, rows: list[ChainRow], head: tuple[int, str]) -> dict[str, Any]:
        """Store a batch and anchor the head; Conflict (and an alert) for a head going backwards or a fork."""
        actor = station_actor(station)
        self.people.authorize(actor, "audit.upload", target=station.name)
        self._check_shape(rows, head)
        result = self.store.upload(station.station_id, rows, head, iso(self.clock.now()))
        if result.refused:
            held = result.head or (0, "")
            self.audit.alert(f"alert.station_chain_{result.refused}", station=station.name, target=station.name,
                             held_seq=held[0], offered_seq=head[0], seqs=result.forked[:20])  # fmt: skip
            raise Conflict(f"Audit chain refused ({result.refused}): the hub holds seq {held[0]} for this station")
        if result.stored or result.moved:
            self.audit.record(actor.name, "station.audit_uploaded", station=station.name, target=station.name,
                              rows=result.stored, head_seq=head[0])  # fmt: skip
        return {"stored": result.stored, "head_seq": max(head[0], result.head[0] if result.head else 0)}

    @staticmethod
    def _check_shape(rows: list[ChainRow], head: tuple[int, str]) -> None:
        if len(rows) > MAX_BATCH:
            raise UsageError(f"At most {MAX_BATCH} rows per upload")
        if any(b.seq != a.seq + 1 for a, b in itertools.pairwise(rows)):
            raise UsageError("Audit rows must be contiguous and in order")
        if not all(_mac_form(r.mac) for r in rows) or not _mac_form(head[1]):
            raise UsageError("An audit MAC is not in the chain's form")
        if rows and (rows[-1].seq, rows[-1].mac) != head:
            raise UsageError("The head must be the last row uploaded")

    def head(self, station: StationRow) -> tuple[int, str] | None:
        return self.store.head(station.station_id)

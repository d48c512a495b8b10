"""Packers' verifiers for stations, so a packer logs in offline with badge + PIN (issue 13).

What a station receives (GET /v1/operators/verifiers), and why a stolen station cache gives away neither a
badge code nor a PIN:
- ``badge_key``: a key of THIS station, derived at the hub (HMAC of the hub's badge pepper with the
  station's id, name and enrolment time). The station keeps it in its secret store, never in its cache.
- per packer ``badge_lookup`` = HMAC-SHA256(badge_key, badge code): the station finds the packer by
  computing the same HMAC over the scanned code. Without the key (secret store) the lookups are opaque;
  they differ per station, so one station's cache says nothing about another's.
- per packer ``pin_hash``: the Argon2id hash of the PIN exactly as the hub holds it. The station re-wraps
  each one (AES-GCM under its per-station pepper from its secret store) before caching it, so the cache
  alone does not even allow guessing PINs offline.
- never: the hub's pepper, a badge code, a TOTP seed, a lead/admin/auditor (they log in through the hub).
The hub can derive lookups because it keeps each badge code sealed (hub.sealing) from the moments it
sees it: `user add --badge` and every badge login. A packer the hub has not seen since is listed in
``pending`` (no verifier yet: that packer logs in online once)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

from hub.sealing import Sealer
from hub.services.audit import HubAudit
from hub.services.claims import station_actor
from hub.services.people import PeopleService
from hub.store.operators import Operators
from hub.store.stations import StationRow
from hub.store.tables import seal_context
from hub.store.tables_claims import badge_seals
from hub.store.verifiers import BadgeSeals
from station.clock import iso
from station.ports import Clock

CONTEXT = seal_context(badge_seals, "badge_sealed")


def badge_lookup(key: bytes, badge: str) -> str:
    """The station's lookup of a badge code: the same function runs at the station (sync.hubclient)."""
    return hmac.new(key, badge.strip().encode(), hashlib.sha256).hexdigest()


class VerifierService:
    def __init__(self, store: BadgeSeals, operators: Operators, sealer: Sealer, people: PeopleService,
                 audit: HubAudit, clock: Clock, pepper: bytes) -> None:  # fmt: skip
        self.store = store
        self.operators = operators
        self.sealer = sealer
        self.people = people
        self.audit = audit
        self.clock = clock
        self._pepper = pepper

    def remember(self, name: str, badge: str) -> None:
        """Keep the badge code sealed (told by PeopleService on add and on each badge login)."""
        row = self.operators.by_name(name)
        if row is None:
            return
        held = self.store.sealed(row.operator_id)
        if held is not None and self.sealer.open(held, CONTEXT) == badge.strip():
            return
        self.store.put(row.operator_id, self.sealer.seal(badge.strip(), CONTEXT), iso(self.clock.now()))

    def station_key(self, station: StationRow) -> bytes:
        label = f"station-badge-key|{station.station_id}|{station.name}|{station.created_at}".encode()
        return hmac.new(self._pepper, label, hashlib.sha256).digest()

    def for_station(self, station: StationRow) -> dict[str, Any]:
        """The packers' verifiers under this station's own badge key (see the module's notes)."""
        actor = station_actor(station)
        self.people.authorize(actor, "operators.sync", target=station.name)
        key = self.station_key(station)
        packers, pending, disabled = [], [], []
        for row in self.store.packers():
            if row.disabled:
                disabled.append(row.name)
            elif row.badge_sealed is None:
                pending.append(row.name)
            else:
                badge = self.sealer.open(row.badge_sealed, CONTEXT)
                packers.append({"operator": row.name, "role": "packer", "badge_lookup": badge_lookup(key, badge),
                                "pin_hash": row.secret_hash, "language": row.language})  # fmt: skip
        self.audit.record(actor.name, "operators.synced", station=station.name, target=station.name,
                          packers=len(packers))  # fmt: skip
        return {"badge_key": base64.b64encode(key).decode(), "operators": packers, "pending": pending,
                "disabled": disabled}  # fmt: skip

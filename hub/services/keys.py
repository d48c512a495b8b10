"""Master-key rotation without downtime: a new key becomes current (new values sealed under it),
every sealed value is re-wrapped in batches while the old key stays readable, then the old key goes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hub import keyfiles
from hub.keyfiles import SealedKeyStates
from hub.sealing import Sealer
from hub.services.audit import HubAudit
from hub.services.people import Actor, PeopleService
from hub.store.sealed import SealedColumns


@dataclass(frozen=True)
class Rotation:
    new_key: str
    resealed: int
    retired: list[str]


class KeyService:
    def __init__(self, sealed: SealedColumns, sealer: Sealer, people: PeopleService, audit: HubAudit,
                 keyfile: Path, key_states: SealedKeyStates) -> None:  # fmt: skip
        self.key_states = key_states
        self.sealed = sealed
        self.sealer = sealer
        self.people = people
        self.audit = audit
        self.keyfile = keyfile

    def rotate(self, by: Actor) -> Rotation:
        """Rotate the master key; running hubs pick up the new key from the file when they meet it."""
        self.people.authorize(by, "keys.rotate")
        kid = self.sealer.keys.add_current()
        self.audit.record(by.name, "keys.rotation_started", station=by.station, new_key=kid)
        keyfiles.reseal(self.sealer, self.keyfile)
        self.key_states.reseal()
        count = self.sealed.rewrap(self.sealer.reseal)
        # A value sealed by a hub that had not yet seen the new key is caught by a second pass.
        count += self.sealed.rewrap(self.sealer.reseal)
        left = {k: n for k, n in self.sealed.key_ids().items() if k != kid}
        retired: list[str] = []
        if not left:
            retired = self.sealer.keys.retire_all_but_current()
        self.audit.record(by.name, "keys.rotated", station=by.station, new_key=kid, resealed=count,
                          retired=retired)  # fmt: skip
        return Rotation(kid, count, retired)

    def status(self) -> dict[str, int]:
        return self.sealed.key_ids()

"""Operators of a station joined to a hub (issue 13): packers' badge + PIN verifiers synced down, and the
leads, admins and auditors who log in through the hub.

What the station keeps, and where:
- the hub's badge key for this station (the HMAC key of the badge lookups) and the station's own pepper
  (the AES-GCM key that wraps each PIN hash): in the secret store, never in the cache;
- per packer: the badge lookup and the hub's Argon2id PIN hash wrapped under the pepper, in the operators
  table (origin 'hub'), so a stolen cache gives neither a badge code nor anything to guess PINs against;
- per lead, admin or auditor who logged in through the hub: name, role and language only;
- never a TOTP seed, nor a password hash of a lead, admin or auditor (joining removes the local ones).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Iterable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from station.clock import utcnow_iso
from station.domain import Role
from station.ports import Clock, SecretStore
from station.services.audit import SYSTEM_ACTOR, AuditTrail
from station.store import Store
from station.store.operators import OperatorRow

HUB_CREDENTIAL = "hub.credential"  # the secret-store entry of this station's bearer credential
BADGE_KEY = "hub.badge_key"  # this station's badge key, derived at the hub
PIN_PEPPER = "hub.pin_pepper"  # this station's own pepper: wraps the PIN hashes in the cache
_WRAPPED = "hubpin1$"
_HASHER = PasswordHasher()


@dataclass(frozen=True)
class SyncedPacker:
    """One packer's verifier as the hub sent it (the PIN hash still unwrapped)."""

    name: str
    badge_lookup: str
    pin_hash: str
    language: str = "en"

    def __repr__(self) -> str:
        return f"SyncedPacker({self.name!r})"


@dataclass(frozen=True)
class HubOperator:
    """Who the hub says logged in."""

    name: str
    role: str
    language: str = "en"


def joined(store: Store, secrets: SecretStore) -> bool:
    """Whether this station has joined a hub (and still holds its credential)."""
    return bool(store.settings.get("hub").get("url")) and secrets.get(HUB_CREDENTIAL) is not None


def totp_seed_names(secrets: SecretStore) -> list[str]:
    return [n for n in secrets.names() if n.startswith("operator.") and n.endswith(".totp")]


class HubOperators:
    """The joined station's operators: sync the packers' verifiers, check a badge + PIN offline, adopt
    whoever the hub logged in, and clear every local verifier when the station joins."""

    def __init__(self, store: Store, secrets: SecretStore, audit: AuditTrail, clock: Clock) -> None:
        self.store = store
        self.secrets = secrets
        self.audit = audit
        self.clock = clock

    # -- sync ----------------------------------------------------------------------------------------
    def apply(self, badge_key: bytes, packers: Iterable[SyncedPacker],
              pending: Iterable[str] = ()) -> tuple[int, list[str]]:  # fmt: skip
        """Store the hub's packers; every other verifier from the hub is removed and its operator disabled
        (disabled, removed or re-roled at the hub): open sessions end, the next login is refused, offline
        too. A ``pending`` packer (no verifier at the hub yet, logged in online) keeps its row.
        Returns (packers held, names removed)."""
        if badge_key and self.secrets.get(BADGE_KEY) != badge_key:
            self.secrets.put(BADGE_KEY, badge_key)
        pepper = self._pepper()
        now = utcnow_iso(self.clock)
        listed = set()
        for packer in packers:
            listed.add(packer.name)
            row = self.store.operators.by_name(packer.name)
            if (row is not None and row.origin == "hub" and not row.disabled and row.role == Role.PACKER.value
                    and row.badge_digest == packer.badge_lookup and row.language == packer.language
                    and self._unwrap(pepper, row) == packer.pin_hash):  # fmt: skip
                continue  # unchanged: keep the row (and its wrapping) as it is
            self.store.operators.put_from_hub(packer.name, Role.PACKER.value, _wrap(pepper, packer),
                                              packer.badge_lookup, packer.language, now=now)  # fmt: skip
        removed, waiting = [], set(pending)
        for row in self.store.operators.list():
            if row.origin != "hub" or row.name in listed:
                continue
            gone = row.secret_hash or (row.role == Role.PACKER.value and row.name not in waiting)
            if gone and self.store.operators.retire_from_hub(row.name):
                removed.append(row.name)
                self.audit.record(SYSTEM_ACTOR, "hub.verifier_removed", target=row.name, severity="warning")
        return len(listed), removed

    def revoked(self) -> list[str]:
        """The station was revoked at the hub: every verifier from the hub goes."""
        return self.apply(self.secrets.get(BADGE_KEY) or b"", [])[1]

    def _pepper(self) -> bytes:
        pepper = self.secrets.get(PIN_PEPPER)
        if pepper is None or len(pepper) != 32:
            pepper = os.urandom(32)
            self.secrets.put(PIN_PEPPER, pepper)
        return pepper

    # -- offline packer login ------------------------------------------------------------------------
    def lookup(self, badge: str) -> str | None:
        """The badge's lookup under the hub's badge key, or None before the first sync."""
        key = self.secrets.get(BADGE_KEY)
        if key is None:
            return None
        # surrogatepass: a hostile badge string is a badge that matches nothing, never an encoding error.
        return hmac.new(key, badge.strip().encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()

    def packer(self, badge: str) -> OperatorRow | None:
        """The synced packer with this badge (with a verifier), or None."""
        lookup = self.lookup(badge)
        row = self.store.operators.by_badge(lookup) if lookup else None
        if row is None or row.origin != "hub" or row.role != Role.PACKER.value or not row.secret_hash:
            return None
        return row

    def check_pin(self, row: OperatorRow, pin: str) -> bool:
        """The PIN against the packer's synced Argon2id hash (unwrapped with the station's pepper)."""
        pepper = self.secrets.get(PIN_PEPPER)
        pin_hash = self._unwrap(pepper, row) if pepper is not None else None
        if pin_hash is None:
            return False
        try:
            return bool(_HASHER.verify(pin_hash, pin))
        except (VerificationError, InvalidHashError, UnicodeError):
            return False

    @staticmethod
    def _unwrap(pepper: bytes, row: OperatorRow) -> str | None:
        if not row.secret_hash.startswith(_WRAPPED):
            return None
        try:
            blob = base64.b64decode(row.secret_hash.removeprefix(_WRAPPED))
            return AESGCM(pepper).decrypt(blob[:12], blob[12:], _aad(row.name)).decode()
        except (InvalidTag, ValueError):
            return None

    # -- hub logins ----------------------------------------------------------------------------------
    def adopt(self, who: HubOperator) -> None:
        """Remember who the hub logged in (name, role, language; no verifier), so the station's session
        checks and the hub's disable / role-change signals find them. A synced packer keeps its verifier."""
        row = self.store.operators.by_name(who.name)
        now = utcnow_iso(self.clock)
        if (who.role == Role.PACKER.value and row is not None and row.origin == "hub"
                and row.role == Role.PACKER.value and row.secret_hash):  # fmt: skip
            self.store.operators.put_from_hub(who.name, who.role, row.secret_hash, row.badge_digest, who.language,
                                              now=now)  # fmt: skip
            return
        self.store.operators.put_from_hub(who.name, who.role, "", None, who.language, now=now)

    # -- joining -------------------------------------------------------------------------------------
    def drop_local_verifiers(self, by: str) -> None:
        """Joining: every local TOTP seed and password / PIN / badge verifier goes (the hub has them now)."""
        seeds = totp_seed_names(self.secrets)
        for name in seeds:
            self.secrets.delete(name)
        cleared = self.store.operators.drop_local_verifiers()
        self.audit.record(by, "hub.local_verifiers_removed", severity="warning", totp_seeds=len(seeds),
                          operators=cleared)  # fmt: skip


def _aad(name: str) -> bytes:
    return b"hub-pin|" + name.encode()


def _wrap(pepper: bytes, packer: SyncedPacker) -> str:
    nonce = os.urandom(12)
    sealed = AESGCM(pepper).encrypt(nonce, packer.pin_hash.encode(), _aad(packer.name))
    return _WRAPPED + base64.b64encode(nonce + sealed).decode()

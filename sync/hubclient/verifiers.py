"""Packers' badge + PIN verifiers from the hub, for offline login at the station.

The station keeps ``badge_key`` in its secret store (never in the cache) and caches each verifier with
its ``pin_hash`` re-wrapped (AES-GCM) under its per-station pepper, also from the secret store: a stolen
cache then gives neither badge codes nor anything to guess PINs against. See hub/services/verifiers.py."""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()


@dataclass(frozen=True)
class PackerVerifier:
    operator: str
    role: str
    badge_lookup: str
    pin_hash: str = ""
    language: str = "en"

    def __repr__(self) -> str:
        return f"PackerVerifier({self.operator!r})"


@dataclass(frozen=True)
class Verifiers:
    badge_key: bytes
    operators: list[PackerVerifier]
    pending: list[str]  # packers without a verifier yet: they log in online once
    disabled: list[str]  # drop them from the cache

    @classmethod
    def of(cls, body: dict[str, Any]) -> Verifiers:
        fields = ("operator", "role", "badge_lookup", "pin_hash", "language")  # a newer hub may send more
        packers = [PackerVerifier(**{k: o[k] for k in fields if k in o}) for o in body["operators"]]
        return cls(base64.b64decode(body["badge_key"]), packers,
                   list(body["pending"]), list(body["disabled"]))  # fmt: skip

    def __repr__(self) -> str:
        return f"Verifiers({len(self.operators)} packers)"

    def find(self, badge: str) -> PackerVerifier | None:
        """The packer whose badge this is, or None."""
        lookup = badge_lookup(self.badge_key, badge)
        return next((v for v in self.operators if hmac.compare_digest(v.badge_lookup, lookup)), None)


def badge_lookup(key: bytes, badge: str) -> str:
    """HMAC-SHA256 of the scanned code under the station's badge key (the hub computes the same)."""
    return hmac.new(key, badge.strip().encode(), hashlib.sha256).hexdigest()


def check_pin(pin_hash: str, pin: str) -> bool:
    """True when the PIN matches the Argon2id hash."""
    try:
        return bool(_HASHER.verify(pin_hash, pin))
    except (VerificationError, InvalidHashError):
        return False

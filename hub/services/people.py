"""Operators at the hub: who they are, how they log in, and their sessions.

The password, PIN and name rules and the permission table are the station's (station/...): one copy.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from hub.sealing import Sealer
from hub.services.audit import HUB_ACTOR, HubAudit
from hub.settings import HubSettings
from hub.store.operators import OperatorRow, Operators
from hub.store.tables import operators as operators_table
from hub.store.tables import seal_context
from station.auth_rules import LockoutPolicy, check_password_rule, check_pin_rule, valid_name, valid_totp_code
from station.clock import iso
from station.domain import Role
from station.errors import AuthenticationFailed, Conflict, LockedOut, PermissionDenied, UsageError
from station.permissions import allowed
from station.ports import Clock
from station.services.auth import LANGUAGES, TOTP_ROLES

HASHER = PasswordHasher()  # Argon2id, library defaults (RFC 9106 low-memory profile)
_DUMMY_HASH = HASHER.hash("not-a-real-password-Aa1!")
TOTP_CONTEXT = seal_context(operators_table, "totp_sealed")
FAILED = "Login failed: check the name/badge and password/PIN"


@dataclass(frozen=True)
class Actor:
    """Who acts: an operator (through a station, or the hub's command line when station is "")."""

    name: str
    role: Role
    station: str = ""
    operator_id: int = 0
    session_hash: str = ""


HUB_SYSTEM = Actor(HUB_ACTOR, Role.SYSTEM)


@dataclass(frozen=True)
class Login:
    actor: Actor
    token: str  # the session token, handed to the station once; the hub keeps its hash
    language: str = "en"  # the operator's language: the station's screens switch to it at login


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise UsageError(f"Languages: {', '.join(LANGUAGES)}")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class PeopleService:
    def __init__(self, store: Operators, sealer: Sealer, audit: HubAudit, clock: Clock, settings: HubSettings,
                 badge_pepper: bytes) -> None:  # fmt: skip
        self.store = store
        self.sealer = sealer
        self.audit = audit
        self.clock = clock
        self.settings = settings
        self._pepper = badge_pepper
        # Stations through the hub: told of each badge the hub sees (add, login) to derive station verifiers.
        self.on_badge: Callable[[str, str], None] | None = None

    # -- permission ------------------------------------------------------------------------------
    def authorize(self, actor: Actor, action: str, *, target: str = "") -> None:
        """Raise PermissionDenied (audited) unless the actor's role allows the action."""
        if actor.role == Role.SYSTEM and actor.name == HUB_ACTOR:
            return
        if not allowed(actor.role, action):
            self.audit.record(actor.name, "permission.denied", station=actor.station, target=target,
                              severity="warning", attempted=action, role=actor.role.value)  # fmt: skip
            raise PermissionDenied(f"{actor.role.value} may not do {action}")

    # -- operators --------------------------------------------------------------------------------
    def badge_digest(self, badge: str) -> str:
        return hmac.new(self._pepper, badge.strip().encode(), hashlib.sha256).hexdigest()

    def add(self, by: Actor, name: str, role: Role, secret: str, *, badge: str | None = None,
            language: str = "en") -> str | None:  # fmt: skip
        """Create an operator; returns the TOTP provisioning URI (shown once) for lead/admin/auditor."""
        self.authorize(by, "user.add", target=name)
        _check_language(language)
        if not valid_name(name) or name == HUB_ACTOR:
            raise UsageError("Operator names are 2-32 letters, digits, dot, dash or underscore")
        if role == Role.SYSTEM:
            raise UsageError("The system actor cannot be created")
        if self.store.by_name(name) is not None:
            raise Conflict(f"Operator {name} exists already")
        digest = None
        if role == Role.PACKER:
            if not badge:
                raise UsageError("Packers need a badge code (--badge)")
            check_pin_rule(secret)
            digest = self.badge_digest(badge)
            if self.store.by_badge(digest) is not None:
                raise Conflict("That badge belongs to another operator")
        else:
            check_password_rule(secret)
        uri = sealed = None
        if role in TOTP_ROLES:
            seed = pyotp.random_base32()
            sealed = self.sealer.seal(seed, TOTP_CONTEXT)
            uri = pyotp.TOTP(seed).provisioning_uri(name=name, issuer_name="Pacific Prep WMS hub")
        self.store.add(name, role.value, HASHER.hash(secret), digest, sealed, self._now())
        self.audit.record(by.name, "user.added", station=by.station, target=name, role=role.value)
        if language != "en":
            self.store.set_language(name, language)
            self.audit.record(by.name, "user.language_changed", station=by.station, target=name, language=language)
        if badge and self.on_badge is not None:
            self.on_badge(name, badge)
        return uri

    def disable(self, by: Actor, name: str) -> None:
        """Disable an operator and end every session of theirs at once."""
        self.authorize(by, "user.disable", target=name)
        self._end_all(self.store.set_disabled(name, True), name)
        self.audit.record(by.name, "user.disabled", station=by.station, target=name)

    def enable(self, by: Actor, name: str) -> None:
        self.authorize(by, "user.enable", target=name)
        if self.store.set_disabled(name, False) is None:
            raise UsageError(f"No operator named {name}")
        self.audit.record(by.name, "user.enabled", station=by.station, target=name)

    def set_role(self, by: Actor, name: str, role: Role) -> None:
        """Change a role; the operator's sessions end (they log in again under the new role)."""
        self.authorize(by, "user.role", target=name)
        if role == Role.SYSTEM:
            raise UsageError("The system actor cannot be created")
        self._end_all(self.store.set_role(name, role.value), name)
        self.audit.record(by.name, "user.role_changed", station=by.station, target=name, role=role.value)

    def set_language(self, by: Actor, name: str, language: str) -> None:
        """The language an operator's station screens show (switched at their next login)."""
        self.authorize(by, "user.language", target=name)
        _check_language(language)
        if self.store.set_language(name, language) is None:
            raise UsageError(f"No operator named {name}")
        self.audit.record(by.name, "user.language_changed", station=by.station, target=name, language=language)

    def unlock(self, by: Actor, name: str) -> None:
        self.authorize(by, "user.unlock", target=name)
        if self.store.unlock(name) is None:
            raise UsageError(f"No operator named {name}")
        self.audit.record(by.name, "user.unlocked", station=by.station, target=name)

    def list(self, by: Actor) -> list[dict[str, object]]:
        self.authorize(by, "user.list")
        now = self._now()
        return [
            {"name": o.name, "role": o.role, "disabled": o.disabled,
             "locked": bool(o.locked_until and o.locked_until > now), "badge": o.badge_digest is not None,
             "language": o.language}  # fmt: skip
            for o in self.store.list()
        ]

    def _end_all(self, operator_id: int | None, name: str) -> None:
        if operator_id is None:
            raise UsageError(f"No operator named {name}")
        self.store.end_sessions(operator_id, self._now())

    # -- logins -----------------------------------------------------------------------------------
    def login_password(self, name: str, password: str, totp_code: str | None, *, station: str = "",
                       station_id: int | None = None) -> Login:  # fmt: skip
        """Leads, admins, auditors: password + TOTP (packers may use name + PIN)."""
        return self._login(self.store.by_name(name), password, totp_code, station, station_id, "name")

    def login_badge(self, badge: str, pin: str, *, station: str = "", station_id: int | None = None) -> Login:
        """Packers: badge + PIN."""
        row = self.store.by_badge(self.badge_digest(badge))
        if row is not None and row.role != Role.PACKER.value:
            row = None
        done = self._login(row, pin, None, station, station_id, "badge")
        if self.on_badge is not None:  # a badge seen at login can be synced to stations from now on
            self.on_badge(done.actor.name, badge)
        return done

    def _login(self, row: OperatorRow | None, secret: str, totp_code: str | None, station: str,
               station_id: int | None, via: str) -> Login:  # fmt: skip
        now = self._now()
        if row is None:
            self._verify(_DUMMY_HASH, secret)
            self.audit.record(HUB_ACTOR, "login.failed", station=station, reason="unknown operator", via=via)
            self._burst(HUB_ACTOR, station)
            raise AuthenticationFailed(FAILED)
        if row.disabled:
            self.audit.record(row.name, "login.failed", station=station, target=row.name, reason="disabled")
            raise AuthenticationFailed("This operator is disabled; ask an admin")
        policy = self.policy
        # The attempt is counted (atomically) before the slow hash: parallel guesses cannot outrun it.
        if not self.store.take_attempt(row.operator_id, now=now, limit=policy.failures):
            self.audit.record(row.name, "login.failed", station=station, target=row.name, reason="locked out")
            raise LockedOut("Locked out after repeated failures; try again later or ask a lead to unlock")
        role = Role(row.role)
        ok = self._verify(row.secret_hash, secret)
        if ok and role in TOTP_ROLES:
            ok = self._check_totp(row, totp_code or "")
        if not ok:
            until = iso(self.clock.now() + timedelta(minutes=policy.minutes))
            locked = self.store.settle_failure(row.operator_id, limit=policy.failures, locked_until=until)
            self.audit.record(row.name, "login.failed", station=station, target=row.name, reason="bad credentials")
            if locked:
                self.audit.record(row.name, "login.lockout", station=station, target=row.name, severity="warning",
                                  minutes=policy.minutes)  # fmt: skip
            self._burst(row.name, station)
            raise AuthenticationFailed(FAILED)
        self.store.record_success(row.operator_id)
        token = secrets.token_urlsafe(32)
        expires = iso(self.clock.now() + timedelta(hours=self.settings.session_hours))
        self.store.open_session(token_hash(token), row.operator_id, station_id, now, expires)
        self.audit.record(row.name, "login.succeeded", station=station, target=row.name, role=role.value)
        return Login(Actor(row.name, role, station, row.operator_id, token_hash(token)), token, row.language)

    @property
    def policy(self) -> LockoutPolicy:
        """The lockout contract shared with the station (station/auth_rules.py), from the hub's settings."""
        return LockoutPolicy(self.settings.lockout_failures, self.settings.lockout_minutes,
                             self.settings.alert_failed_logins)  # fmt: skip

    @staticmethod
    def _verify(stored: str, secret: str) -> bool:
        try:
            return bool(HASHER.verify(stored, secret))
        except (VerificationError, InvalidHashError):
            return False

    def _check_totp(self, row: OperatorRow, code: str) -> bool:
        if row.totp_sealed is None or not valid_totp_code(code):  # ASCII digits only
            return False
        totp = pyotp.TOTP(self.sealer.open(row.totp_sealed, TOTP_CONTEXT))
        step_now = int(self.clock.now().timestamp() // totp.interval)
        for step in (step_now, step_now - 1, step_now + 1):
            if hmac.compare_digest(totp.at(step * totp.interval), code):
                return self.store.use_totp_step(row.operator_id, step)  # a replayed step is refused
        return False

    def totp_now(self, name: str) -> str:
        """The operator's current TOTP code (tests and the demo only)."""
        row = self.store.by_name(name)
        if row is None or row.totp_sealed is None:
            raise UsageError("No TOTP seed for this operator")
        return pyotp.TOTP(self.sealer.open(row.totp_sealed, TOTP_CONTEXT)).at(self.clock.now().timestamp())

    def _burst(self, name: str, station: str) -> None:
        since = iso(self.clock.now() - timedelta(minutes=10))
        failures = self.audit.rows.count(action="login.failed", actor=name, since=since)
        if failures == self.settings.alert_failed_logins:
            self.audit.alert("alert.failed_logins", station=station, target=name, failures=failures,
                             window_minutes=10)  # fmt: skip

    # -- sessions ---------------------------------------------------------------------------------
    def session(self, token: str, *, station: str = "", station_id: int | None = None) -> Actor:
        """The actor of a live session; refused when ended, expired, disabled, or opened at another station."""
        found = self.store.live_session(token_hash(token), self._now())
        if found is None or (station_id is not None and found[1] is not None and found[1] != station_id):
            raise AuthenticationFailed("The operator session has ended; log in again")
        row = found[0]
        return Actor(row.name, Role(row.role), station, row.operator_id, token_hash(token))

    def logout(self, actor: Actor) -> None:
        self.store.end_sessions(actor.operator_id, self._now(), actor.session_hash)
        self.audit.record(actor.name, "logout", station=actor.station, target=actor.name)

    def _now(self) -> str:
        return iso(self.clock.now())

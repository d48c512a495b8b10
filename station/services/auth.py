"""Operators, logins and permission checks. Every service entry point calls ``authorize``."""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass, field
from datetime import timedelta
from zoneinfo import ZoneInfo

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from station.clock import iso, utcnow_iso
from station.domain import Role
from station.errors import AuthenticationFailed, Conflict, LockedOut, PermissionDenied, UsageError
from station.permissions import allowed
from station.ports import Clock, SecretStore
from station.services.audit import SYSTEM_ACTOR, AuditTrail
from station.store import Store

TOTP_ROLES = frozenset({Role.LEAD, Role.ADMIN, Role.AUDITOR})
NAME_RULE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$")
PIN_RULE = re.compile(r"^\d{4,12}$")
_hasher = PasswordHasher()  # argon2id, library defaults (RFC 9106 low-memory profile)
# A fixed hash to verify against when the operator is unknown, so timing does not tell names apart.
_DUMMY_HASH = _hasher.hash("not-a-real-password-Aa1!")


def check_password_rule(password: str) -> None:
    """Passwords: at least 12 characters with upper, lower, digit and symbol."""
    if (
        len(password) < 12
        or not re.search(r"[A-Z]", password)
        or not re.search(r"[a-z]", password)
        or not re.search(r"\d", password)
        or not re.search(r"[^A-Za-z0-9]", password)
    ):
        raise UsageError("Password must be at least 12 characters with upper case, lower case, a digit and a symbol")


def check_pin_rule(pin: str) -> None:
    if not PIN_RULE.match(pin):
        raise UsageError("PIN must be 4 to 12 digits")


def totp_secret_name(name: str) -> str:
    return f"operator.{name}.totp"


@dataclass
class Session:
    """A logged-in operator. ``touch`` on every input; ``idle`` tells the UI to lock."""

    name: str
    role: Role
    started: float
    last_activity: float = field(default=0.0)

    def touch(self, now: float) -> None:
        self.last_activity = now

    def idle(self, now: float, idle_minutes: float) -> bool:
        return now - (self.last_activity or self.started) > idle_minutes * 60


SYSTEM_SESSION = Session(SYSTEM_ACTOR, Role.SYSTEM, 0.0)


@dataclass(frozen=True)
class NewOperator:
    name: str
    role: Role
    totp_uri: str | None  # shown once to the new operator; None for packers


class AuthService:
    def __init__(self, store: Store, secrets: SecretStore, audit: AuditTrail, clock: Clock, badge_pepper: bytes):
        self.store = store
        self.secrets = secrets
        self.audit = audit
        self.clock = clock
        self._pepper = badge_pepper

    # -- permission checks -------------------------------------------------------------------
    def authorize(self, session: Session, action: str, *, target: str = "") -> None:
        """Raise PermissionDenied (and audit it) unless the session's role allows the action."""
        if not allowed(session.role, action):
            self.audit.record(session.name, "permission.denied", target=target, severity="warning",
                              attempted=action, role=session.role.value)  # fmt: skip
            raise PermissionDenied(f"{session.role.value} may not do {action}")

    # -- operators ---------------------------------------------------------------------------
    def badge_digest(self, badge: str) -> str:
        return hmac.new(self._pepper, badge.strip().encode(), hashlib.sha256).hexdigest()

    def add_operator(self, by: Session, name: str, role: Role, secret: str, *, badge: str | None = None) -> NewOperator:
        """Create an operator: packers need a badge and PIN; others a password and get a TOTP seed."""
        if by is not None and by.name != SYSTEM_ACTOR:
            self.authorize(by, "user.add", target=name)
        if not NAME_RULE.match(name):
            raise UsageError("Operator names are 2-32 letters, digits, dot, dash or underscore")
        if role == Role.SYSTEM or name == SYSTEM_ACTOR:
            raise UsageError("The system actor cannot be created")
        if self.store.operators.by_name(name) is not None:
            raise Conflict(f"Operator {name} exists already")
        digest = None
        if role == Role.PACKER:
            if not badge:
                raise UsageError("Packers need a badge code (--badge)")
            check_pin_rule(secret)
            digest = self.badge_digest(badge)
            if self.store.operators.by_badge(digest) is not None:
                raise Conflict("That badge belongs to another operator")
        else:
            check_password_rule(secret)
        uri = None
        if role in TOTP_ROLES:
            seed = pyotp.random_base32()
            self.secrets.put(totp_secret_name(name), seed.encode())
            uri = pyotp.TOTP(seed).provisioning_uri(name=name, issuer_name="Pacific Prep Station")
        self.store.operators.add(name, role.value, _hasher.hash(secret), digest, now=self._now(), by=by.name)
        self.audit.record(by.name, "user.added", target=name, role=role.value)
        return NewOperator(name, role, uri)

    def disable(self, by: Session, name: str) -> None:
        self.authorize(by, "user.disable", target=name)
        if not self.store.operators.set_disabled(name, True):
            raise UsageError(f"No operator named {name}")
        self.audit.record(by.name, "user.disabled", target=name)

    def enable(self, by: Session, name: str) -> None:
        """Let a disabled operator log in again (admin)."""
        self.authorize(by, "user.enable", target=name)
        if not self.store.operators.set_disabled(name, False):
            raise UsageError(f"No operator named {name}")
        self.audit.record(by.name, "user.enabled", target=name)

    def unlock(self, by: Session, name: str) -> None:
        self.authorize(by, "user.unlock", target=name)
        if not self.store.operators.unlock(name):
            raise UsageError(f"No operator named {name}")
        self.audit.record(by.name, "user.unlocked", target=name)

    def list_operators(self, by: Session) -> list[dict[str, object]]:
        self.authorize(by, "user.list")
        now = self._now()
        return [
            {
                "name": o.name,
                "role": o.role,
                "disabled": o.disabled,
                "locked": bool(o.locked_until and o.locked_until > now),
                "badge": o.badge_digest is not None,
            }
            for o in self.store.operators.list()
        ]

    # -- logins ------------------------------------------------------------------------------
    def login_password(self, name: str, password: str, totp_code: str | None) -> Session:
        """Leads, admins, auditors: password + TOTP. Packers may also log in by name + PIN here."""
        row = self.store.operators.by_name(name)
        return self._login(row, password, totp_code, name)

    def login_badge(self, badge: str, pin: str) -> Session:
        """Packers: badge scan + PIN."""
        row = self.store.operators.by_badge(self.badge_digest(badge))
        if row is not None and row.role != Role.PACKER.value:
            row = None
        return self._login(row, pin, None, "badge")

    def _login(self, row, secret: str, totp_code: str | None, claimed: str) -> Session:  # type: ignore[no-untyped-def]
        now = self._now()
        if row is None:
            self._verify_hash(_DUMMY_HASH, secret)
            self.audit.record(SYSTEM_ACTOR, "login.failed", target="", reason="unknown operator",
                              via="badge" if claimed == "badge" else "name")  # fmt: skip
            raise AuthenticationFailed("Login failed: check the name/badge and password/PIN")
        if row.disabled:
            self.audit.record(row.name, "login.failed", target=row.name, reason="disabled")
            raise AuthenticationFailed("This operator is disabled; ask an admin")
        if row.locked_until and row.locked_until > now:
            self.audit.record(row.name, "login.failed", target=row.name, reason="locked out")
            raise LockedOut("Locked out after repeated failures; try again later or ask a lead to unlock")
        if self.store.settings.get("station_locked") and row.role != Role.ADMIN.value:
            self.audit.record(row.name, "login.failed", target=row.name, reason="station locked")
            raise AuthenticationFailed("The station is locked for an incident; only admins may log in")
        role = Role(row.role)
        ok = self._verify_hash(row.secret_hash, secret)
        if ok and role in TOTP_ROLES:
            ok = self._check_totp(row.operator_id, row.name, totp_code or "")
        if not ok:
            self._fail(row)
            raise AuthenticationFailed("Login failed: check the name/badge and password/PIN")
        self.store.operators.record_success(row.operator_id)
        self.audit.record(row.name, "login.succeeded", target=row.name, role=role.value)
        self._check_shift(row.name)
        started = self.clock.monotonic()
        return Session(row.name, role, started, started)

    def _fail(self, row) -> None:  # type: ignore[no-untyped-def]
        limit = int(self.store.settings.get("lockout_failures"))
        minutes = int(self.store.settings.get("lockout_minutes"))
        until = iso(self.clock.now() + timedelta(minutes=minutes))
        failures = self.store.operators.record_failure(row.operator_id, lock_after=limit, locked_until=until)
        self.audit.record(row.name, "login.failed", target=row.name, reason="bad credentials")
        if failures >= limit:
            self.audit.record(row.name, "login.lockout", target=row.name, severity="warning", minutes=minutes)
        self._check_failure_burst(row.name)

    @staticmethod
    def _verify_hash(stored: str, secret: str) -> bool:
        try:
            return bool(_hasher.verify(stored, secret))
        except (VerificationError, InvalidHashError):
            return False

    def _check_totp(self, operator_id: int, name: str, code: str) -> bool:
        seed = self.secrets.get(totp_secret_name(name))
        if seed is None or not code.isdigit():
            return False
        totp = pyotp.TOTP(seed.decode())
        now = self.clock.now().timestamp()
        step_now = int(now // totp.interval)
        for offset in (0, -1, 1):
            step = step_now + offset
            if hmac.compare_digest(totp.at(step * totp.interval), code):
                # Accepted at most once: a replayed (or older) step is refused.
                return self.store.operators.use_totp_step(operator_id, step)
        return False

    def totp_now(self, name: str) -> str:
        """The current TOTP code (tests and the demo only)."""
        seed = self.secrets.get(totp_secret_name(name))
        if seed is None:
            raise UsageError("No TOTP seed for this operator")
        return pyotp.TOTP(seed.decode()).at(self.clock.now().timestamp())

    # -- abnormal-access monitoring ----------------------------------------------------------
    def _check_failure_burst(self, name: str) -> None:
        threshold = int(self.store.settings.get("alert_failed_logins"))
        since = iso(self.clock.now() - timedelta(minutes=10))
        failures = self.store.audit_rows.count(action="login.failed", actor=name, since=since)
        if failures == threshold:
            self.audit.alert("alert.failed_logins", target=name, failures=failures, window_minutes=10)

    def _check_shift(self, name: str) -> None:
        start = str(self.store.settings.get("shift_start"))
        end = str(self.store.settings.get("shift_end"))
        try:
            zone = ZoneInfo(str(self.store.settings.get("timezone")))
        except (KeyError, ValueError):
            zone = ZoneInfo("UTC")
        local = self.clock.now().astimezone(zone).strftime("%H:%M")
        inside = start <= local < end if start <= end else (local >= start or local < end)
        if not inside:
            self.audit.alert("alert.login_outside_shift", target=name, local_time=local, shift=f"{start}-{end}")

    def _now(self) -> str:
        return utcnow_iso(self.clock)

"""Operators, logins and permission checks. Every service entry point calls ``authorize``."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from zoneinfo import ZoneInfo

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from station.auth_rules import (
    LockoutPolicy,
    check_password_rule,
    check_pin_rule,
    valid_name,
    valid_totp_code,
)
from station.clock import iso, utcnow_iso
from station.domain import Role
from station.errors import (
    AuthenticationFailed,
    Conflict,
    HubOutOfReach,
    LockedOut,
    PermissionDenied,
    SessionEnded,
    UsageError,
)
from station.i18n import N_, T_
from station.permissions import allowed
from station.ports import Clock, RemoteLogin, SecretStore
from station.services.audit import SYSTEM_ACTOR, AuditTrail
from station.services.hub_operators import HubOperator, HubOperators, joined
from station.store import Store
from station.store.operators import OperatorRow

TOTP_ROLES = frozenset({Role.LEAD, Role.ADMIN, Role.AUDITOR})
_hasher = PasswordHasher()  # argon2id, library defaults (RFC 9106 low-memory profile)
# A fixed hash to verify against when the operator is unknown, so timing does not tell names apart:
# one real verify. A constant with the hasher's own parameters (a test checks check_needs_rehash):
# hashing it at import cost a whole Argon2id run on every start (issue 15, cold start). Its password
# opens nothing: the result is ignored.
_DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$cm2XWkX30F28J0402hCIxg$dMbdnLMMgM0M9p9OGh9InV3bEojqEyoDGoTJlCzcOtA"
_LOGIN_FAILED = N_("Login failed: check the name/badge and password/PIN")
_AT_THE_HUB = N_("This station has joined a hub: operators are managed at the hub (pacific-hub user ...)")
_LOCKED_OUT = "Locked out after repeated failures; try again in {0} minutes or ask a lead or admin to unlock"
_DECOY_LIMIT = 4096  # remembered unknown badges/names (memory bound; a flood only resets the decoys)


LANGUAGES = ("en", "es")  # the station's catalogues: English (the source) and Spanish


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise UsageError(T_("Languages: {0}", ", ".join(LANGUAGES)))


def totp_secret_name(name: str) -> str:
    return f"operator.{name}.totp"


@dataclass
class Session:
    """A logged-in operator. ``touch`` on every input; ``idle`` tells the UI to lock."""

    name: str
    role: Role
    started: float
    last_activity: float = field(default=0.0)
    language: str = "en"  # the operator's own language; the screens switch to it at login

    def touch(self, now: float) -> None:
        self.last_activity = now

    def idle(self, now: float, idle_minutes: float) -> bool:
        return now - (self.last_activity or self.started) > idle_minutes * 60


# The system actor (background duties). Recognised by identity, never by name: a Session built
# elsewhere with the name "system" is an ordinary session and must match an operator in the store.
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
        self.remote_login: RemoteLogin | None = None  # the hub, when the station joined one (ui/wiring)
        self.hub = HubOperators(store, secrets, audit, clock)  # operators from the hub, once joined
        # Unknown badges and names count down and lock like real ones, so "attempts left" and the
        # lockout message never tell a stranger whether a badge or name exists.
        self._decoys: dict[str, tuple[int, float]] = {}

    # -- permission checks -------------------------------------------------------------------
    def authorize(self, session: Session, action: str, *, target: str = "") -> None:
        """Raise unless the session is still live (store re-read) and its role allows the action.

        Every call re-reads the incident lock and the operator's row, so a lock, disable or role change
        made by any process on this home ends open sessions at their next action (SessionEnded).
        """
        reason = self.session_end_reason(session)
        if reason is not None:
            self.audit.record(session.name, "session.ended", target=target, severity="warning",
                              reason=reason, attempted=action)  # fmt: skip
            raise SessionEnded(f"Your session has ended ({reason}); log in again")
        if not allowed(session.role, action):
            self.audit.record(session.name, "permission.denied", target=target, severity="warning",
                              attempted=action, role=session.role.value)  # fmt: skip
            raise PermissionDenied(f"{session.role.value} may not do {action}")

    def session_end_reason(self, session: Session) -> str | None:
        """Why an open session may no longer act (read from the store), or None while it may."""
        if session is SYSTEM_SESSION:
            return None
        row = self.store.operators.by_name(session.name)
        if row is None:
            return "unknown operator"
        if row.disabled:
            return "operator disabled"
        if row.role != session.role.value:
            return "role changed"
        if session.role != Role.ADMIN and self.store.settings.get("station_locked"):
            return "station locked"
        return None

    # -- operators ---------------------------------------------------------------------------
    def joined(self) -> bool:
        """Whether this station has joined a hub: its operators come from the hub, not from here."""
        return joined(self.store, self.secrets)

    def _local_management(self) -> None:
        """Refuse to create or change operators here once joined (unlock stays: the lockout counts here)."""
        if self.joined():
            raise UsageError(T_(_AT_THE_HUB))

    def badge_digest(self, badge: str) -> str:
        # surrogatepass: a hostile badge string is a badge that matches nothing, never an encoding error.
        return hmac.new(self._pepper, badge.strip().encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()

    def add_operator(
        self, by: Session, name: str, role: Role, secret: str, *, badge: str | None = None, language: str = "en"
    ) -> NewOperator:
        """Create an operator: packers need a badge and PIN; others a password and get a TOTP seed."""
        self.authorize(by, "user.add", target=name)
        self._local_management()
        _check_language(language)
        created = self._create(by.name, name, role, secret, badge)
        if language != "en":
            self.store.operators.set_language(name, language)
            self.audit.record(by.name, "user.language_changed", target=name, language=language)
        return created

    def set_language(self, by: Session, name: str, language: str) -> None:
        """The language an operator's screens show (switched at their next login)."""
        self.authorize(by, "user.language", target=name)
        self._local_management()
        _check_language(language)
        if not self.store.operators.set_language(name, language):
            raise UsageError(T_("No operator named {0}", name))
        self.audit.record(by.name, "user.language_changed", target=name, language=language)

    def add_first_admin(self, name: str, password: str) -> NewOperator:
        """Station.init only: the first admin, created by the system actor while no operator exists."""
        if self.store.operators.count():
            raise Conflict("The station has operators already; an admin adds the next ones")
        return self._create(SYSTEM_ACTOR, name, Role.ADMIN, password, None)

    def _create(self, by: str, name: str, role: Role, secret: str, badge: str | None) -> NewOperator:
        if not valid_name(name):
            raise UsageError("Operator names are 2-32 letters, digits, dot, dash or underscore")
        if role == Role.SYSTEM or name == SYSTEM_ACTOR:
            raise UsageError("The system actor cannot be created")
        if self.store.operators.by_name(name) is not None:
            raise Conflict(f"Operator {name} exists already")
        digest = None
        if role == Role.PACKER:
            check_pin_rule(secret)
            digest = self._free_badge(badge)
        else:
            check_password_rule(secret)
        uri = None
        if role in TOTP_ROLES:
            seed = pyotp.random_base32()
            self.secrets.put(totp_secret_name(name), seed.encode())
            uri = pyotp.TOTP(seed).provisioning_uri(name=name, issuer_name="Pacific Prep Station")
        self.store.operators.add(name, role.value, _hasher.hash(secret), digest, now=self._now(), by=by)
        self.audit.record(by, "user.added", target=name, role=role.value)
        return NewOperator(name, role, uri)

    def _free_badge(self, badge: str | None) -> str:
        if not badge or not badge.strip() or not badge.strip().isprintable():
            raise UsageError("Packers need a badge code (--badge)")
        digest = self.badge_digest(badge)
        if self.store.operators.by_badge(digest) is not None:
            raise Conflict("That badge belongs to another operator")
        return digest

    def set_badge(self, by: Session, name: str, badge: str) -> None:
        """Give a packer a new badge (the old one stops working): a lost or damaged badge."""
        self.authorize(by, "user.badge", target=name)
        self._local_management()
        row = self.store.operators.by_name(name)
        if row is None or row.role != Role.PACKER.value:
            raise UsageError(f"No packer named {name}")
        self.store.operators.set_badge(name, self._free_badge(badge))
        self.audit.record(by.name, "user.badge_changed", target=name, severity="warning")

    def disable(self, by: Session, name: str) -> None:
        self.authorize(by, "user.disable", target=name)
        self._local_management()
        if not self.store.operators.set_disabled(name, True):
            raise UsageError(f"No operator named {name}")
        self.audit.record(by.name, "user.disabled", target=name)

    def enable(self, by: Session, name: str) -> None:
        """Let a disabled operator log in again (admin)."""
        self.authorize(by, "user.enable", target=name)
        self._local_management()
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
                "language": o.language,
                "origin": o.origin,  # "hub": synced from the hub (a joined station)
            }
            for o in self.store.operators.list()
        ]

    # -- logins ------------------------------------------------------------------------------
    def login_password(self, name: str, password: str, totp_code: str | None) -> Session:
        """Leads, admins, auditors: name, password and TOTP. Packers are refused here: badge + PIN only.

        On a station joined to a hub they log in through the hub only (no password or TOTP seed here)."""
        # A name no operator can have (e.g. hostile text) is an unknown name: never sent to the store.
        row = self.store.operators.by_name(name) if valid_name(name) else None
        if row is not None and row.role == Role.PACKER.value:
            # Same work, message and exit code as an unknown name: a name does not reveal a packer.
            self._verify_hash(_DUMMY_HASH, password)
            self.audit.record(row.name, "login.failed", target=row.name, reason="packer without badge")
            self._decoy_failure(self._decoy_key("name", name))
        if self.joined():
            return self._login_at_hub(name, password, totp_code)
        session = self._login(row, password, totp_code, "name", self._decoy_key("name", name))
        if self.remote_login is not None:
            self._remote(session, lambda r: r.password(name, password, totp_code))
        return session

    def login_badge(self, badge: str, pin: str) -> Session:
        """Packers: badge scan + PIN (on a joined station, against the verifiers synced from the hub)."""
        if self.joined():
            return self._login_badge_synced(badge, pin)
        digest = self.badge_digest(badge)
        row = self.store.operators.by_badge(digest)
        if row is not None and row.role != Role.PACKER.value:
            row = None
        session = self._login(row, pin, None, "badge", digest)
        if self.remote_login is not None:
            self._remote(session, lambda r: r.badge(badge, pin))
        return session

    def _login_badge_synced(self, badge: str, pin: str) -> Session:
        """A joined station's packer login: the synced verifier, with this station's lockout and audit;
        works offline. A packer the station holds no verifier for yet logs in at the hub once."""
        row = self.hub.packer(badge)
        key = "badge:" + (self.hub.lookup(badge) or self.badge_digest(badge))
        if row is None and self.remote_login is not None:
            try:
                who = self.remote_login.badge(badge, pin)
            except AuthenticationFailed:  # refused there: counts here like any unknown badge (online or not)
                who = None
            if who is not None and who.role == Role.PACKER.value:
                return self._hub_session(who)
        session = self._login(row, pin, None, "badge", key, check=self.hub.check_pin)
        if self.remote_login is not None:
            self._remote(session, lambda r: r.badge(badge, pin))
        return session

    def _login_at_hub(self, name: str, password: str, totp_code: str | None) -> Session:
        """A joined station's lead, admin or auditor: the hub checks password and TOTP; no hub, no login."""
        if self.remote_login is None:
            self.audit.record(SYSTEM_ACTOR, "login.failed", target="", reason="hub out of reach", via="name")
            raise HubOutOfReach()
        try:
            who = self.remote_login.password(name, password, totp_code)
        except HubOutOfReach:
            self.audit.record(SYSTEM_ACTOR, "login.failed", target="", reason="hub out of reach", via="name")
            raise
        if who is None or who.role == Role.PACKER.value:  # packers log in with badge + PIN
            self.audit.record(SYSTEM_ACTOR, "login.failed", target="", reason="packer without badge", via="name")
            raise AuthenticationFailed(_LOGIN_FAILED)
        return self._hub_session(who)

    def _hub_session(self, who: HubOperator) -> Session:
        """A session for the operator the hub logged in (remembered here: signals and session checks)."""
        if self.store.settings.get("station_locked") and who.role != Role.ADMIN.value:
            self.audit.record(who.name, "login.failed", target=who.name, reason="station locked")
            raise AuthenticationFailed("The station is locked for an incident; only admins may log in")
        self.hub.adopt(who)
        self.audit.record(who.name, "login.succeeded", target=who.name, role=who.role, via="hub")
        self._check_shift(who.name)
        started = self.clock.monotonic()
        language = who.language if who.language in LANGUAGES else "en"
        return Session(who.name, Role(who.role), started, started, language=language)

    def _remote(self, session: Session, call: Callable[[RemoteLogin], object]) -> None:
        """The hub's login after the station's own; a refusal there ends the session here too."""
        assert self.remote_login is not None
        try:
            call(self.remote_login)
        except AuthenticationFailed:
            self.audit.record(session.name, "login.failed", target=session.name, reason="refused at the hub")
            raise

    def lockout_policy(self) -> LockoutPolicy:
        """The lockout numbers in force (station settings)."""
        settings = self.store.settings
        return LockoutPolicy(int(settings.get("lockout_failures")), int(settings.get("lockout_minutes")),
                             int(settings.get("alert_failed_logins")))  # fmt: skip

    def _decoy_key(self, kind: str, claimed: str) -> str:
        """A keyed digest of what was claimed (never the name or badge itself in memory)."""
        return kind + ":" + hmac.new(self._pepper, claimed.encode("utf-8", "replace"), hashlib.sha256).hexdigest()

    def _decoy_failure(self, key: str) -> None:
        """Count a failure of an unknown badge/name exactly as a real operator's; always raises."""
        policy = self.lockout_policy()
        now = self.clock.monotonic()
        failures, until = self._decoys.get(key, (0, 0.0))
        if until > now:
            raise LockedOut(T_(_LOCKED_OUT, policy.minutes), minutes=policy.minutes)
        failures = 0 if until else failures
        failures += 1
        if len(self._decoys) >= _DECOY_LIMIT:
            self._decoys.clear()
        if failures >= policy.failures:
            self._decoys[key] = (0, now + policy.minutes * 60)
            raise AuthenticationFailed(_LOGIN_FAILED, attempts_left=0, minutes=policy.minutes)
        self._decoys[key] = (failures, 0.0)
        raise AuthenticationFailed(_LOGIN_FAILED, attempts_left=policy.failures - failures)

    def _login(self, row, secret: str, totp_code: str | None, claimed: str, key: str,  # type: ignore[no-untyped-def]
               check: Callable[[OperatorRow, str], bool] | None = None) -> Session:  # fmt: skip
        if row is None:
            self._verify_hash(_DUMMY_HASH, secret)
            self.audit.record(SYSTEM_ACTOR, "login.failed", target="", reason="unknown operator",
                              via="badge" if claimed == "badge" else "name")  # fmt: skip
            self._decoy_failure(key)
        if row.disabled:
            self.audit.record(row.name, "login.failed", target=row.name, reason="disabled")
            raise AuthenticationFailed("This operator is disabled; ask an admin")
        if self.store.settings.get("station_locked") and row.role != Role.ADMIN.value:
            self.audit.record(row.name, "login.failed", target=row.name, reason="station locked")
            raise AuthenticationFailed("The station is locked for an incident; only admins may log in")
        policy = self.lockout_policy()
        # The attempt is taken (counted) atomically BEFORE the slow hash: parallel guesses beyond the
        # limit are refused unchecked, and an attempt that crashes stays counted.
        if not self.store.operators.take_attempt(row.operator_id, now=self._now(), limit=policy.failures):
            self.audit.record(row.name, "login.failed", target=row.name, reason="locked out")
            raise LockedOut(T_(_LOCKED_OUT, policy.minutes), minutes=policy.minutes)
        role = Role(row.role)
        try:
            ok = check(row, secret) if check is not None else self._verify_hash(row.secret_hash, secret)
            if ok and role in TOTP_ROLES:
                ok = self._check_totp(row.operator_id, row.name, totp_code or "")
        except Exception:
            self._fail(row, policy, reason="error in check")
            raise
        if not ok:
            if self._fail(row, policy, reason="bad credentials"):  # this failure locked the operator
                raise AuthenticationFailed(_LOGIN_FAILED, attempts_left=0, minutes=policy.minutes)
            fresh = self.store.operators.by_name(row.name)
            counted = fresh.failed_logins if fresh is not None else policy.failures - 1
            raise AuthenticationFailed(_LOGIN_FAILED, attempts_left=max(1, policy.failures - counted))
        self.store.operators.record_success(row.operator_id)
        self.audit.record(row.name, "login.succeeded", target=row.name, role=role.value)
        self._check_shift(row.name)
        started = self.clock.monotonic()
        return Session(row.name, role, started, started, language=row.language)

    def _fail(self, row, policy: LockoutPolicy, *, reason: str) -> bool:  # type: ignore[no-untyped-def]
        until = iso(self.clock.now() + timedelta(minutes=policy.minutes))
        locked = self.store.operators.settle_failure(row.operator_id, limit=policy.failures, locked_until=until)
        self.audit.record(row.name, "login.failed", target=row.name, reason=reason)
        if locked:
            self.audit.record(row.name, "login.lockout", target=row.name, severity="warning", minutes=policy.minutes)
        self._check_failure_burst(row.name)
        return locked

    @staticmethod
    def _verify_hash(stored: str, secret: str) -> bool:
        try:
            return bool(_hasher.verify(stored, secret))
        except (VerificationError, InvalidHashError, UnicodeError):
            return False

    def _check_totp(self, operator_id: int, name: str, code: str) -> bool:
        seed = self.secrets.get(totp_secret_name(name))
        if seed is None or not valid_totp_code(code):  # ASCII only: "²²²²²²" is a wrong code, not a crash
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

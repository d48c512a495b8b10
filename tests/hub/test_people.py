"""Operators at the hub: Argon2id, TOTP with replay refused, badge + PIN, atomic lockout, sessions."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pyotp
import pytest

from hub.bootstrap import Hub
from hub.services.people import HUB_SYSTEM, Actor
from station.clock import VirtualClock
from station.domain import Role
from station.errors import AuthenticationFailed, LockedOut, PermissionDenied, UsageError
from tests.hub.conftest import ADMIN_PASSWORD, PIN, add_operator


def test_the_permission_table_is_the_stations(hub: Hub) -> None:
    import station.permissions as table

    add_operator(hub, "pat", Role.PACKER, badge="B-1")
    packer = hub.people.login_badge("B-1", PIN).actor
    with pytest.raises(PermissionDenied):
        hub.stations.create_code(packer, "pack-1")
    assert table.allowed(Role.ADMIN, "station.enrol") and not table.allowed(Role.LEAD, "station.enrol")


def test_password_and_pin_rules_are_the_stations(hub: Hub) -> None:
    with pytest.raises(UsageError, match="Password must be"):
        hub.people.add(HUB_SYSTEM, "lee", Role.LEAD, "short")
    with pytest.raises(UsageError, match="PIN must be"):
        hub.people.add(HUB_SYSTEM, "pat", Role.PACKER, "12ab", badge="B-1")


def test_lead_needs_totp_and_a_code_is_accepted_once(hub: Hub, clock: VirtualClock) -> None:
    uri = hub.people.add(HUB_SYSTEM, "lee", Role.LEAD, ADMIN_PASSWORD)
    assert uri is not None and uri.startswith("otpauth://")
    with pytest.raises(AuthenticationFailed):
        hub.people.login_password("lee", ADMIN_PASSWORD, None)
    code = pyotp.parse_uri(uri).at(clock.now().timestamp())
    assert hub.people.login_password("lee", ADMIN_PASSWORD, code).actor.role == Role.LEAD
    with pytest.raises(AuthenticationFailed):  # the same code again: replay
        hub.people.login_password("lee", ADMIN_PASSWORD, code)


def test_the_totp_seed_is_sealed(hub: Hub) -> None:
    uri = hub.people.add(HUB_SYSTEM, "lee", Role.LEAD, ADMIN_PASSWORD)
    seed = pyotp.parse_uri(uri).secret
    row = hub.store.operators.by_name("lee")
    assert row is not None and row.totp_sealed and seed not in row.totp_sealed
    assert row.secret_hash.startswith("$argon2id$")


def test_sixteen_parallel_wrong_guesses_get_at_most_the_allowed_checks(hub: Hub, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import hub.services.people as people

    add_operator(hub, "pat", Role.PACKER, badge="B-1")
    checks = 0
    lock = threading.Lock()
    real = people.PeopleService._verify

    def counting(stored: str, secret: str) -> bool:
        nonlocal checks
        with lock:
            checks += 1
        return real(stored, secret)

    monkeypatch.setattr(people.PeopleService, "_verify", staticmethod(counting))
    barrier = threading.Barrier(16)

    def guess(n: int) -> str:
        barrier.wait()
        try:
            hub.people.login_badge("B-1", f"{100000 + n}")
        except LockedOut:
            return "locked"
        except AuthenticationFailed:
            return "failed"
        return "in"

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(guess, range(16)))
    limit = hub.settings.lockout_failures
    assert checks <= limit
    assert results.count("failed") == checks and results.count("locked") == 16 - checks
    with pytest.raises(LockedOut):  # the right PIN after the lockout is refused too
        hub.people.login_badge("B-1", PIN)


def test_the_lock_lifts_after_its_time_and_a_success_resets_the_count(hub: Hub, clock: VirtualClock) -> None:
    add_operator(hub, "pat", Role.PACKER, badge="B-1")
    for _ in range(hub.settings.lockout_failures):
        with pytest.raises(AuthenticationFailed):
            hub.people.login_badge("B-1", "000000")
    with pytest.raises(LockedOut):
        hub.people.login_badge("B-1", PIN)
    clock.advance(hub.settings.lockout_minutes * 60 + 1)
    assert hub.people.login_badge("B-1", PIN).actor.name == "pat"
    assert hub.store.operators.by_name("pat").failures == 0  # type: ignore[union-attr]


@pytest.mark.parametrize("change", ["disable", "role"])
def test_disable_or_role_change_ends_sessions_at_once(hub: Hub, admin: Actor, change: str) -> None:
    add_operator(hub, "pat", Role.PACKER, badge="B-1")
    token = hub.people.login_badge("B-1", PIN).token
    assert hub.people.session(token).name == "pat"
    if change == "disable":
        hub.people.disable(admin, "pat")
    else:
        hub.people.set_role(admin, "pat", Role.LEAD)
    with pytest.raises(AuthenticationFailed, match="session has ended"):
        hub.people.session(token)


def test_unknown_operator_and_failures_are_audited(hub: Hub) -> None:
    with pytest.raises(AuthenticationFailed):
        hub.people.login_password("nobody", "x", None)
    assert hub.audit.rows.count(action="login.failed") == 1

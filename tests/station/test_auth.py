"""Point 5: operators and roles — permission table, passwords, TOTP without replay, badge + PIN,
lockout, disabled operators, idle lock, the system actor; and the abnormal-access monitor (point 6)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from station.domain import Role
from station.errors import AuthenticationFailed, LockedOut, PermissionDenied, UsageError
from station.permissions import ALL_ACTIONS, PERMISSIONS, allowed
from station.services.audit import SYSTEM_ACTOR
from station.services.auth import SYSTEM_SESSION, Session, check_password_rule
from tests.station.support import ADMIN, ADMIN_PW, PACKER_BADGE, PACKER_PIN, PASSWORDS, Crew, add_seller, make_order


def _rows(crew: Crew, action: str) -> list:
    return crew.station.store.audit_rows.search(action=action)


def test_permission_table_least_privilege() -> None:
    assert allowed(Role.PACKER, "order.pack") and not allowed(Role.PACKER, "user.add")
    assert not allowed(Role.PACKER, "audit.verify") and not allowed(Role.LEAD, "seller.forget")
    assert allowed(Role.ADMIN, "seller.forget") and allowed(Role.LEAD, "user.unlock")
    assert {"audit.verify", "audit.export", "audit.view"} <= PERMISSIONS[Role.AUDITOR]
    # Auditors read; they change nothing and never see buyer data.
    assert all(a.endswith((".view", ".verify", ".export")) for a in PERMISSIONS[Role.AUDITOR])
    assert not any(a.startswith(("user.", "seller.", "order.")) for a in PERMISSIONS[Role.AUDITOR])
    assert not allowed(Role.SYSTEM, "user.add") and not allowed(Role.SYSTEM, "order.address.view")
    assert not any(allowed(r, "no.such.action") for r in Role)
    assert PERMISSIONS[Role.ADMIN] <= ALL_ACTIONS


@pytest.mark.parametrize(
    "password",
    ["Short-1!", "alllowercase-1!", "ALLUPPERCASE-1!", "NoDigitsHere-!!", "NoSymbols12345", "", "Aa1!" * 2],
)
def test_password_rule_refuses_weak(password: str) -> None:
    with pytest.raises(UsageError):
        check_password_rule(password)


def test_password_rule_accepts_strong() -> None:
    check_password_rule("Good-Password-1")
    check_password_rule("Ünïcödé-Pässwörd-9")


def test_passwords_are_argon2id_hashes(crew: Crew) -> None:
    rows = {o.name: o for o in crew.station.store.operators.list()}
    assert all(o.secret_hash.startswith("$argon2id$") for o in rows.values())
    assert ADMIN_PW not in rows[ADMIN].secret_hash
    assert rows["pat"].badge_digest not in (None, PACKER_BADGE)


def test_roles_need_totp_and_a_code_is_accepted_once(crew: Crew) -> None:
    auth = crew.station.auth
    with pytest.raises(AuthenticationFailed):
        auth.login_password("lead", PASSWORDS["lead"], None)
    code = crew.code("lead")
    assert auth.login_password("lead", PASSWORDS["lead"], code).role == Role.LEAD
    with pytest.raises(AuthenticationFailed):  # same code, same step: replay refused
        auth.login_password("lead", PASSWORDS["lead"], code)
    older = crew.totp["lead"].at(crew.clock.now() - timedelta(seconds=30))
    with pytest.raises(AuthenticationFailed):  # an older step, still in the window: refused too
        auth.login_password("lead", PASSWORDS["lead"], older)
    with pytest.raises(AuthenticationFailed):  # another operator's code
        other = crew.totp["auditor"].at(crew.clock.now() + timedelta(seconds=30))
        auth.login_password("lead", PASSWORDS["lead"], other)
    crew.clock.advance(30 * 5)
    stale = crew.totp["lead"].at(crew.clock.now() - timedelta(seconds=90))
    with pytest.raises(AuthenticationFailed):  # outside the +-1 step window
        auth.login_password("lead", PASSWORDS["lead"], stale)
    assert crew.login("lead").name == "lead"


def test_packers_log_in_with_badge_and_pin(crew: Crew) -> None:
    auth = crew.station.auth
    session = auth.login_badge(PACKER_BADGE, PACKER_PIN)
    assert session.role == Role.PACKER and session.name == "pat"
    with pytest.raises(AuthenticationFailed):
        auth.login_badge(PACKER_BADGE, "000000")
    with pytest.raises(AuthenticationFailed):
        auth.login_badge("NOT-A-BADGE", PACKER_PIN)
    with pytest.raises(UsageError):
        auth.add_operator(crew.login(ADMIN), "sam", Role.PACKER, "12", badge="B2")
    with pytest.raises(UsageError):
        auth.add_operator(crew.login(ADMIN), "sam", Role.PACKER, "1234")  # no badge


def test_lockout_after_five_failures_for_fifteen_minutes(crew: Crew) -> None:
    auth = crew.station.auth
    for _ in range(5):
        with pytest.raises(AuthenticationFailed) as caught:
            auth.login_password("lead", "Wrong-Password-9!", crew.code("lead"))
        assert not isinstance(caught.value, LockedOut)
    with pytest.raises(LockedOut) as caught:  # right credentials, still locked
        crew.login("lead")
    assert caught.value.exit_code == 4
    assert len(_rows(crew, "login.lockout")) == 1
    crew.clock.advance(13 * 60)  # each login attempt moves the clock one 30 s TOTP step too
    with pytest.raises(LockedOut):
        crew.login("lead")  # 14 minutes after the lockout
    crew.clock.advance(60)
    assert crew.login("lead").role == Role.LEAD  # 15 minutes later it lifts by itself


def test_admin_unlocks_and_disabled_cannot_log_in(crew: Crew) -> None:
    auth = crew.station.auth
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            auth.login_badge(PACKER_BADGE, "000000")
    with pytest.raises(LockedOut):
        auth.login_badge(PACKER_BADGE, PACKER_PIN)
    with pytest.raises(PermissionDenied):
        auth.unlock(crew.login("auditor"), "pat")
    auth.unlock(crew.login(ADMIN), "pat")
    assert auth.login_badge(PACKER_BADGE, PACKER_PIN).name == "pat"
    assert [r.target for r in _rows(crew, "user.unlocked")] == ["pat"]
    auth.disable(crew.login(ADMIN), "pat")
    with pytest.raises(AuthenticationFailed):
        auth.login_badge(PACKER_BADGE, PACKER_PIN)
    assert json.loads(_rows(crew, "login.failed")[0].detail)["reason"] == "disabled"


def test_login_audit_rows_success_failure_unknown(crew: Crew) -> None:
    auth = crew.station.auth
    with pytest.raises(AuthenticationFailed):
        auth.login_password("nobody", "Whatever-Pass-1!", "123456")
    with pytest.raises(AuthenticationFailed):
        auth.login_password("lead", "Bad-Password-12!", crew.code("lead"))
    crew.login("lead")
    failed = _rows(crew, "login.failed")
    assert [r.actor for r in failed[:2]] == ["lead", SYSTEM_ACTOR]
    assert "nobody" not in failed[1].target + failed[1].detail  # an unknown name may be a mistyped password
    assert _rows(crew, "login.succeeded")[0].actor == "lead"


def test_every_service_entry_point_checks_permissions(crew: Crew) -> None:
    st = crew.station
    packer = st.auth.login_badge(PACKER_BADGE, PACKER_PIN)
    auditor = crew.login("auditor")
    add_seller(st)
    st.store.orders.upsert(make_order("111-0000009-0000001"), now="t")
    calls = [
        (packer, lambda s: st.auth.add_operator(s, "eve", Role.ADMIN, "Eve-Password-123!")),
        (packer, lambda s: st.auth.list_operators(s)),
        (packer, lambda s: st.auth.disable(s, ADMIN)),
        (packer, lambda s: st.auth.unlock(s, ADMIN)),
        (packer, lambda s: st.sellers.list(s)),
        (packer, lambda s: st.sellers.forget(s, "A1SELLER0000001")),
        (packer, lambda s: st.retention.purge(s)),
        (packer, lambda s: st.backup(s)),
        (packer, lambda s: st.lock(s)),
        (packer, lambda s: st.change_setting(s, "retention_days", 1)),
        (auditor, lambda s: st.buyer_data.view_address(s, "111-0000009-0000001")),
        (auditor, lambda s: st.unlock(s)),
        (SYSTEM_SESSION, lambda s: st.buyer_data.view_address(s, "111-0000009-0000001")),
    ]
    for session, call in calls:
        before = len(_rows(crew, "permission.denied"))
        with pytest.raises(PermissionDenied):
            call(session)
        denied = _rows(crew, "permission.denied")
        assert len(denied) == before + 1 and denied[0].actor == session.name
    assert st.store.operators.by_name("eve") is None
    assert st.store.sellers.get("A1SELLER0000001") is not None


def test_idle_session_locks(crew: Crew) -> None:
    session = crew.login(ADMIN)
    idle = int(crew.station.store.settings.get("idle_lock_minutes")) * 60
    assert not session.idle(session.last_activity + idle - 1, idle / 60)
    session.touch(session.last_activity + 100)
    assert not session.idle(session.last_activity + idle - 1, idle / 60)
    assert session.idle(session.last_activity + idle + 1, idle / 60)


def test_no_shared_or_system_accounts(crew: Crew) -> None:
    admin = crew.login(ADMIN)
    for name, role in ((SYSTEM_ACTOR, Role.ADMIN), ("sysop", Role.SYSTEM)):
        with pytest.raises(UsageError):
            crew.station.auth.add_operator(admin, name, role, "System-Password-1!")
    with pytest.raises(AuthenticationFailed):  # the system actor never logs in
        crew.station.auth.login_password(SYSTEM_ACTOR, "", None)
    from station.errors import Conflict

    with pytest.raises(Conflict):
        crew.station.auth.add_operator(admin, "lead", Role.LEAD, "Other-Password-1!")
    assert all(isinstance(r.actor, str) and r.actor for r in crew.station.audit.rows())


def test_station_lock_refuses_all_but_admins(crew: Crew) -> None:
    crew.station.lock(crew.login(ADMIN))
    with pytest.raises(AuthenticationFailed):
        crew.login("lead")
    with pytest.raises(AuthenticationFailed):
        crew.station.auth.login_badge(PACKER_BADGE, PACKER_PIN)
    crew.station.unlock(crew.login("admin2"))
    assert crew.login("lead").role == Role.LEAD


# -- abnormal-access monitor -------------------------------------------------------------------
def test_alert_on_five_failed_logins_within_ten_minutes(crew: Crew) -> None:
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            crew.station.auth.login_password("auditor", "Wrong-Password-1!", crew.code("auditor"))
    assert _rows(crew, "alert.failed_logins") == []
    with pytest.raises(AuthenticationFailed):
        crew.station.auth.login_password("auditor", "Wrong-Password-1!", crew.code("auditor"))
    alerts = _rows(crew, "alert.failed_logins")
    assert len(alerts) == 1 and alerts[0].severity == "alert" and alerts[0].target == "auditor"


def test_no_alert_when_failures_are_spread_out(crew: Crew) -> None:
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            crew.station.auth.login_password("auditor", "Wrong-Password-1!", crew.code("auditor"))
        crew.clock.advance(4 * 60)
    crew.station.auth.unlock(crew.login(ADMIN), "auditor")
    with pytest.raises(AuthenticationFailed):
        crew.station.auth.login_password("auditor", "Wrong-Password-1!", crew.code("auditor"))
    assert _rows(crew, "alert.failed_logins") == []


def test_alert_on_login_outside_shift(crew: Crew) -> None:
    crew.login(ADMIN)
    assert _rows(crew, "alert.login_outside_shift") == []
    crew.clock.advance(13 * 3600)  # 23:00 in Los Angeles
    crew.login("lead")
    alerts = _rows(crew, "alert.login_outside_shift")
    assert len(alerts) == 1 and alerts[0].target == "lead" and alerts[0].severity == "alert"


def _views(crew: Crew, session: Session, order_id: str, count: int) -> None:
    for _ in range(count):
        crew.station.buyer_data.view_address(session, order_id)


def test_alert_on_address_views_above_three_times_the_hourly_median(crew: Crew) -> None:
    st = crew.station
    add_seller(st)
    st.store.orders.upsert(make_order("111-0000003-0000001"), now="t")
    packer = st.auth.login_badge(PACKER_BADGE, PACKER_PIN)
    for _ in range(3):  # a 30-day baseline: 20 views an hour
        _views(crew, packer, "111-0000003-0000001", 20)
        crew.clock.advance(3600)
    crew.clock.advance(3600 - crew.clock.now().minute * 60)
    _views(crew, packer, "111-0000003-0000001", 60)  # 60 = 3 x 20: not above
    assert _rows(crew, "alert.address_views") == []
    _views(crew, packer, "111-0000003-0000001", 1)
    alerts = _rows(crew, "alert.address_views")
    assert len(alerts) == 1 and alerts[0].target == "pat" and alerts[0].severity == "alert"
    assert json.loads(alerts[0].detail)["hourly_median"] == 20


def test_no_address_alert_below_fifty_an_hour(crew: Crew) -> None:
    st = crew.station
    add_seller(st)
    st.store.orders.upsert(make_order("111-0000004-0000001"), now="t")
    packer = st.auth.login_badge(PACKER_BADGE, PACKER_PIN)
    _views(crew, packer, "111-0000004-0000001", 1)
    crew.clock.advance(3600)
    _views(crew, packer, "111-0000004-0000001", 49)  # 49x the median, but under 50
    assert _rows(crew, "alert.address_views") == []
    assert len(_rows(crew, "pii.address_viewed")) == 50


def test_unknown_operator_dummy_hash_costs_a_real_verify() -> None:
    """The constant dummy hash (no Argon2id run at import: cold start) has the hasher's own parameters, so
    an unknown name/badge still costs one full verify, like a known one."""
    from station.services import auth

    assert not auth._hasher.check_needs_rehash(auth._DUMMY_HASH)

"""Issue 10, authentication items: open sessions end on lock/disable (1), ASCII-only TOTP and PIN (4),
lockout taken before the hash and badge-only packers (7), the CLI does not tell names apart (10),
settings each have a rule and the lock has its own commands (16), no "system" name bypass (17)."""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import station.services.auth as auth_module
from station.app import Station
from station.auth_rules import check_pin_rule, valid_pin, valid_totp_code
from station.domain import Role
from station.errors import AuthenticationFailed, Conflict, LockedOut, PermissionDenied, SessionEnded, UsageError
from station.services.audit import SYSTEM_ACTOR
from station.services.auth import SYSTEM_SESSION, Session
from station.services.setting_rules import RULES, check_setting
from station.store.settings import SETTINGS
from tests.station.support import (
    ADMIN,
    ADMIN_PW,
    PACKER_BADGE,
    PACKER_PIN,
    PASSPHRASE,
    PASSWORDS,
    Crew,
    add_seller,
    make_order,
)

ORDER = "111-0000010-0000001"


def _rows(station: Station, action: str) -> list[Any]:
    return station.store.audit_rows.search(action=action, limit=10_000)


def _failures(station: Station, name: str) -> int:
    row = station.store.operators.by_name(name)
    assert row is not None
    return row.failed_logins


@pytest.fixture
def second(crew: Crew) -> Iterator[Station]:
    """Another Station instance on the same home (another process: CLI, a second window)."""
    other = Station.open(crew.station.home, PASSPHRASE, clock=crew.clock)
    yield other
    other.close()


def crew_login_on(station: Station, crew: Crew, name: str) -> Session:
    """Log ``name`` in on another station instance (the crew's TOTP seeds, the shared clock)."""
    password = ADMIN_PW if name == ADMIN else PASSWORDS[name]
    return station.auth.login_password(name, password, crew.code(name))


# -- item 1: lock and disable end OPEN sessions ----------------------------------------------------
def test_open_sessions_end_when_another_instance_locks(crew: Crew, second: Station) -> None:
    st = crew.station
    add_seller(st)
    st.store.orders.upsert(make_order(ORDER), now="t")
    packer, lead, admin = crew.login("pat"), crew.login("lead"), crew.login(ADMIN)
    st.buyer_data.view_address(packer, ORDER)  # the session works before the incident
    second.lock(crew_login_on(second, crew, "admin2"))
    with pytest.raises(SessionEnded):
        st.buyer_data.view_address(packer, ORDER)
    with pytest.raises(SessionEnded):
        st.pack.open_order(packer, ORDER)
    with pytest.raises(SessionEnded):
        st.auth.list_operators(lead)
    st.auth.list_operators(admin)  # admins work through an incident
    ended = _rows(st, "session.ended")
    assert {r.actor for r in ended} == {"pat", "lead"}
    assert all(json.loads(r.detail)["reason"] == "station locked" for r in ended)


def test_open_sessions_end_when_another_instance_disables_or_changes_the_role(crew: Crew, second: Station) -> None:
    st = crew.station
    add_seller(st)
    st.store.orders.upsert(make_order(ORDER), now="t")
    packer, lead = crew.login("pat"), crew.login("lead")
    second.auth.disable(crew_login_on(second, crew, "admin2"), "pat")
    with pytest.raises(SessionEnded, match="disabled"):
        st.buyer_data.view_address(packer, ORDER)
    second.store.operators.set_role("lead", Role.PACKER.value)  # demoted elsewhere
    with pytest.raises(SessionEnded, match="role changed"):
        st.auth.list_operators(lead)


# -- item 4: only ASCII digits; every outcome audited and counted ------------------------------------
@pytest.mark.parametrize("code", ["²²²²²²", "١٢٣٤٥٦", "１２３４５６", "12345６", "123456\n", " 12345", ""])
def test_non_ascii_totp_is_a_counted_audited_failure(crew: Crew, code: str) -> None:
    auth = crew.station.auth
    failed_before = len(_rows(crew.station, "login.failed"))
    with pytest.raises(AuthenticationFailed):
        auth.login_password("lead", PASSWORDS["lead"], code)  # the RIGHT password: must not be revealed
    assert _failures(crew.station, "lead") == 1
    failed = _rows(crew.station, "login.failed")
    assert len(failed) == failed_before + 1 and failed[0].actor == "lead"


@pytest.mark.parametrize("text", ["\ud800", "a\x00b", "\U0001f600" * 40])
def test_hostile_login_text_is_a_counted_audited_failure(crew: Crew, text: str) -> None:
    auth = crew.station.auth
    failed_before = len(_rows(crew.station, "login.failed"))
    with pytest.raises(AuthenticationFailed):
        auth.login_password("lead", text, text)
    with pytest.raises(AuthenticationFailed):
        auth.login_password(text, text, text)
    with pytest.raises(AuthenticationFailed):
        auth.login_badge(text, text)
    assert _failures(crew.station, "lead") == 1
    assert len(_rows(crew.station, "login.failed")) == failed_before + 3


def test_pin_and_totp_formats_are_ascii_only() -> None:
    assert valid_pin("0123") and valid_totp_code("012345")
    for pin in ("²²²²", "١٢٣٤", "1234\n", "12 34", "１２３４"):
        assert not valid_pin(pin)
        with pytest.raises(UsageError):
            check_pin_rule(pin)
    assert not valid_totp_code("²²²²²²") and not valid_totp_code("1234567")


def test_cli_unicode_totp_exits_4_and_is_audited(crew: Crew, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _cli(crew, ["--as", "lead", "status"], [PASSWORDS["lead"], "²²²²²²"], monkeypatch) == 4
    assert _failures(crew.station, "lead") == 1


# -- item 7: the attempt is taken before the hash; packers use a badge ------------------------------
class _CountingHasher:
    """Wraps the Argon2 hasher: counts full checks of one hash and makes each slow, as Argon2 is."""

    def __init__(self, inner: Any, watched: str) -> None:
        self.inner, self.watched, self.checks = inner, watched, 0
        self._lock = threading.Lock()

    def hash(self, secret: str) -> str:
        return str(self.inner.hash(secret))

    def verify(self, stored: str, secret: str) -> bool:
        if stored == self.watched:
            with self._lock:
                self.checks += 1
        time.sleep(0.05)
        return bool(self.inner.verify(stored, secret))


def test_parallel_wrong_pins_get_at_most_the_limit_of_checks(crew: Crew, monkeypatch: pytest.MonkeyPatch) -> None:
    st = crew.station
    row = st.store.operators.by_name("pat")
    assert row is not None
    counting = _CountingHasher(auth_module._hasher, row.secret_hash)
    monkeypatch.setattr(auth_module, "_hasher", counting)
    outcomes: list[str] = []
    start = threading.Barrier(16)

    def guess() -> None:
        start.wait()
        try:
            st.auth.login_badge(PACKER_BADGE, "000000")
        except AuthenticationFailed as exc:
            outcomes.append(type(exc).__name__)

    threads = [threading.Thread(target=guess) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    limit = int(st.store.settings.get("lockout_failures"))
    assert len(outcomes) == 16
    assert counting.checks <= limit, f"{counting.checks} full checks for a limit of {limit}"
    with pytest.raises(LockedOut):
        st.auth.login_badge(PACKER_BADGE, PACKER_PIN)  # the right PIN after the lockout
    assert len(_rows(st, "login.lockout")) == 1


def test_packers_cannot_log_in_by_name(crew: Crew, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(AuthenticationFailed) as caught:
        crew.station.auth.login_password("pat", PACKER_PIN, None)
    assert "check the name" in str(caught.value)  # the same answer as an unknown name
    assert json.loads(_rows(crew.station, "login.failed")[0].detail)["reason"] == "packer without badge"
    assert _cli(crew, ["--as", "pat", "status"], [PACKER_PIN, ""], monkeypatch) == 4
    assert _cli(crew, ["--badge", "status"], [PACKER_BADGE, PACKER_PIN], monkeypatch) == 0


def test_a_lead_gives_a_packer_a_new_badge(crew: Crew) -> None:
    st = crew.station
    with pytest.raises(PermissionDenied):
        st.auth.set_badge(crew.login("pat"), "pat", "BADGE-SELF")
    with pytest.raises(PermissionDenied):
        st.auth.set_badge(crew.login("auditor"), "pat", "BADGE-AUD")
    lead = crew.login("lead")
    with pytest.raises(UsageError):
        st.auth.set_badge(lead, "auditor", "BADGE-X")  # only packers carry badges
    st.auth.add_operator(crew.login(ADMIN), "sam", Role.PACKER, "1357", badge="BADGE-SAM")
    with pytest.raises(Conflict):
        st.auth.set_badge(lead, "pat", "BADGE-SAM")
    st.auth.set_badge(lead, "pat", "BADGE-0002")
    with pytest.raises(AuthenticationFailed):
        st.auth.login_badge(PACKER_BADGE, PACKER_PIN)  # the lost badge no longer works
    assert st.auth.login_badge("BADGE-0002", PACKER_PIN).name == "pat"
    changed = _rows(st, "user.badge_changed")
    assert [(r.actor, r.target) for r in changed] == [("lead", "pat")]
    assert "BADGE-0002" not in changed[0].detail


# -- item 10: the CLI does not tell names apart -------------------------------------------------------
def _cli(crew: Crew, argv: list[str], lines: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    from ui import cli

    monkeypatch.setenv("PACIFIC_STATION_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr("station.app.SystemClock", lambda: crew.clock)
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(line + "\n" for line in lines)))
    return int(cli.main(["--home", str(crew.station.home), *argv]))


@pytest.mark.parametrize("stdin", [["Wrong-Password-1!"], ["Wrong-Password-1!", "123456"]])
def test_cli_exit_and_audit_do_not_depend_on_the_name(crew: Crew, stdin: list[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    codes = {}
    for name in ("lead", ADMIN, "pat", "ghost", "no-such-lead"):
        before = len(_rows(crew.station, "login.failed"))
        codes[name] = _cli(crew, ["--as", name, "status"], stdin, monkeypatch)
        assert len(_rows(crew.station, "login.failed")) == before + 1, name
    assert set(codes.values()) == {4}, codes


# -- item 16: every setting has a rule; the lock only through lock/unlock -----------------------------
def test_every_setting_has_a_rule_and_the_lock_is_not_a_setting(crew: Crew, monkeypatch: pytest.MonkeyPatch) -> None:
    assert set(RULES) == set(SETTINGS)
    st = crew.station
    st.lock(crew.login(ADMIN))
    with pytest.raises(UsageError):
        st.change_setting(crew.login(ADMIN), "station_locked", False)
    assert _cli(crew, ["--as", ADMIN, "settings", "set", "station_locked", "false"],
                [ADMIN_PW, crew.code(ADMIN)], monkeypatch) == 2  # fmt: skip
    assert st.store.settings.get("station_locked") is True
    assert not _rows(st, "station.unlocked")


@pytest.mark.parametrize(
    "value",
    ["S", {}, [], [{"key": "F2"}], [{"key": "F7", "name": "S", "length_in": 8, "width_in": 6, "height_in": 4,
                                     "tare_lb": 0.3}],
     [{"key": "F2", "name": "<b>x</b>" * 5, "length_in": 8, "width_in": 6, "height_in": 4, "tare_lb": 0.3}],
     [{"key": "F2", "name": "S", "length_in": -8, "width_in": 6, "height_in": 4, "tare_lb": 0.3}],
     [{"key": "F2", "name": "S", "length_in": 8, "width_in": 6, "height_in": 4, "tare_lb": 0.3, "x": 1}],
     [{"key": "F2", "name": "S", "length_in": 8, "width_in": 6, "height_in": 4, "tare_lb": True}],
     [{"key": "F2", "name": "S", "length_in": 8, "width_in": 6, "height_in": 4, "tare_lb": 0.3}] * 2],
)  # fmt: skip
def test_box_presets_are_validated(value: object) -> None:
    with pytest.raises(UsageError):
        check_setting("box_presets", value)


def test_good_box_presets_are_kept(crew: Crew) -> None:
    presets = [{"key": "F3", "name": "Cube", "length_in": 10, "width_in": 10, "height_in": 10, "tare_lb": 0.5}]
    crew.station.change_setting(crew.login(ADMIN), "box_presets", presets)
    assert crew.station.store.settings.get("box_presets") == presets
    check_setting("box_presets", SETTINGS["box_presets"].default)


# -- item 17: the system actor is not a name ----------------------------------------------------------
@pytest.mark.parametrize("role", [Role.ADMIN, Role.SYSTEM, Role.PACKER])
def test_a_session_named_system_gets_no_bypass(crew: Crew, role: Role) -> None:
    forged = Session(SYSTEM_ACTOR, role, 0.0)
    with pytest.raises((PermissionDenied, SessionEnded)):
        crew.station.auth.add_operator(forged, "mallory", Role.ADMIN, "Mallory-Password-1!")
    assert crew.station.store.operators.by_name("mallory") is None


def test_the_system_actor_itself_cannot_add_operators(crew: Crew) -> None:
    with pytest.raises(PermissionDenied):
        crew.station.auth.add_operator(SYSTEM_SESSION, "mallory", Role.ADMIN, "Mallory-Password-1!")
    with pytest.raises(Conflict):  # the bootstrap path only works on an empty station
        crew.station.auth.add_first_admin("mallory", "Mallory-Password-1!")
    assert crew.station.store.operators.by_name("mallory") is None


def test_station_init_still_creates_the_first_admin(tmp_path: Path, fast_argon2: None) -> None:
    result = Station.init(tmp_path / "home", PASSPHRASE, "first", "First-Password-1!")
    try:
        added = _rows(result.station, "user.added")
        assert [(r.actor, r.target) for r in added] == [(SYSTEM_ACTOR, "first")]
    finally:
        result.station.close()

"""Operators come from the hub (issue 13): a joined station logs packers in from the badge + PIN verifiers
synced down (offline too, with its own lockout and audit); leads, admins and auditors log in through the
hub only; a verifier removed at the hub ends the packer's session and refuses the next login; the joined
station's home holds no TOTP seed and no lead's password hash; the hub's language reaches the session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest

from hub.bootstrap import Hub
from hub.services.people import HUB_SYSTEM, Actor
from station.app import Station
from station.clock import VirtualClock
from station.domain import Role
from station.errors import AuthenticationFailed, HubOutOfReach, LockedOut, SessionEnded, UsageError
from station.services.hub_operators import BADGE_KEY, PIN_PEPPER
from sync.hubclient.types import Event
from sync.hubsync import HubSignals, HubSync
from tests.hub.live import serving
from tests.hubstation.support import crew_at_hub, join
from tests.station.support import ADMIN, ADMIN_PW, PACKER_BADGE, PACKER_PIN, PASSPHRASE, SHIFT_START_UTC, Crew
from ui.hub_wiring import hub_client_for


@pytest.fixture
def lone(tmp_path: Path) -> Iterator[Crew]:
    """A station with its first admin only: no local packer, lead or auditor."""
    clock = VirtualClock(SHIFT_START_UTC)
    made = Station.init(tmp_path / "lone", PASSPHRASE, ADMIN, ADMIN_PW, clock=clock)
    crew = Crew(made.station, clock, made.recovery_key)
    crew.totp[ADMIN] = pyotp.parse_uri(made.admin.totp_uri)
    yield crew
    crew.station.close()


def _joined(lone: Crew, hub: Hub, hub_admin: Actor, url: str, name: str = "pack-o") -> None:
    join(lone, hub, url, hub.stations.create_code(hub_admin, name))


def test_a_joined_station_without_local_operators_logs_pat_in_offline(hub: Hub, hub_admin: Actor,
                                                                      lone: Crew) -> None:  # fmt: skip
    st = lone.station
    with serving(hub) as url:
        _joined(lone, hub, hub_admin, url)
        assert st.store.operators.by_name("pat").origin == "hub"  # came down from the hub, never added here
    # The hub is gone: the packer logs in from the synced verifier.
    session = st.auth.login_badge(PACKER_BADGE, PACKER_PIN)
    assert (session.name, session.role) == ("pat", Role.PACKER)
    st.auth.authorize(session, "order.pack")
    assert "pat" in [r.target for r in st.store.audit_rows.search(action="login.succeeded")]


def test_a_wrong_pin_counts_and_locks_out_as_today(hub: Hub, hub_admin: Actor, lone: Crew) -> None:
    st = lone.station
    with serving(hub) as url:
        _joined(lone, hub, hub_admin, url)
    failures = int(st.store.settings.get("lockout_failures"))
    for left in range(failures - 1, 0, -1):
        with pytest.raises(AuthenticationFailed) as refused:
            st.auth.login_badge(PACKER_BADGE, "000000")
        assert refused.value.attempts_left == left
    with pytest.raises(AuthenticationFailed) as last:
        st.auth.login_badge(PACKER_BADGE, "000000")
    assert last.value.attempts_left == 0 and last.value.minutes
    with pytest.raises(LockedOut):  # locked: even the right PIN waits
        st.auth.login_badge(PACKER_BADGE, PACKER_PIN)
    rows = st.store.audit_rows.search(action="login.failed")
    assert sum(1 for r in rows if r.target == "pat") == failures + 1
    assert [r.target for r in st.store.audit_rows.search(action="login.lockout")] == ["pat"]


def test_an_unknown_badge_counts_down_like_a_known_one(hub: Hub, hub_admin: Actor, lone: Crew) -> None:
    st = lone.station
    failures = int(st.store.settings.get("lockout_failures"))
    with serving(hub) as url:
        _joined(lone, hub, hub_admin, url)
        with pytest.raises(AuthenticationFailed) as online:  # refused at the hub: counted here too
            st.auth.login_badge("NOT-A-BADGE", PACKER_PIN)
    assert online.value.attempts_left == failures - 1
    with pytest.raises(AuthenticationFailed) as offline:
        st.auth.login_badge("NOT-A-BADGE", PACKER_PIN)
    assert offline.value.attempts_left == failures - 2


def test_a_verifier_removed_at_the_hub_ends_the_session_and_refuses_the_next_login(hub: Hub, hub_admin: Actor,
                                                                                   lone: Crew) -> None:  # fmt: skip
    st = lone.station
    with serving(hub) as url:
        _joined(lone, hub, hub_admin, url)
        session = st.auth.login_badge(PACKER_BADGE, PACKER_PIN)
        hub.people.disable(hub_admin, "pat")
        # The hub's operator signal pulls the verifiers at once (the engine's event worker applies it).
        client = hub_client_for(st)
        sync = HubSync(st.store, client, st.clock, st.bus, "pack-o", st.audit)
        signals = HubSignals(sync, st.audit)
        signals.operators_changed = st.auth.remote_login.verifiers.sync
        signals.apply(Event("1-1", "operator.enabled", {"operator": "someone"}))  # any operator change pulls
        client.close()
    assert st.auth.session_end_reason(session) == "operator disabled"
    with pytest.raises(SessionEnded):
        st.auth.authorize(session, "order.pack")
    row = st.store.operators.by_name("pat")
    assert row.disabled and not row.secret_hash and row.badge_digest is None  # the verifier itself is gone
    with pytest.raises(AuthenticationFailed):  # offline, after it learned of it: refused
        st.auth.login_badge(PACKER_BADGE, PACKER_PIN)
    assert [r.target for r in st.store.audit_rows.search(action="hub.verifier_removed")] == ["pat"]


def test_a_packer_re_roled_at_the_hub_loses_the_verifier(hub: Hub, hub_admin: Actor, lone: Crew) -> None:
    st = lone.station
    with serving(hub) as url:
        verifiers = join(lone, hub, url, hub.stations.create_code(hub_admin, "pack-r"))
        session = st.auth.login_badge(PACKER_BADGE, PACKER_PIN)
        hub.people.set_role(hub_admin, "pat", Role.LEAD)
        assert verifiers.sync()
    assert st.auth.session_end_reason(session) is not None
    assert not st.store.operators.by_name("pat").secret_hash
    with pytest.raises(AuthenticationFailed):
        st.auth.login_badge(PACKER_BADGE, PACKER_PIN)


def test_leads_log_in_through_the_hub_only_and_offline_are_told_it_is_unreachable(hub: Hub, hub_admin: Actor,
                                                                                  lone: Crew) -> None:  # fmt: skip
    st = lone.station
    with serving(hub) as url:
        _joined(lone, hub, hub_admin, url)
        lead = lone.login("lead")  # through the hub: the station never had a "lead"
        assert (lead.name, lead.role) == ("lead", Role.LEAD)
        assert st.store.operators.by_name("lead").origin == "hub"
    with pytest.raises(HubOutOfReach) as offline:
        lone.login("lead")
    assert "hub is out of reach" in str(offline.value)
    with pytest.raises(HubOutOfReach):  # the admin who joined the station too: no local password any more
        lone.login(ADMIN)
    st.auth.remote_login = None  # not connected yet (the GUI's login screen comes up before the sync)
    with pytest.raises(HubOutOfReach):
        lone.login("lead")
    # The packer still works and may park the order as an exception (a lead resolves it later).
    packer = st.auth.login_badge(PACKER_BADGE, PACKER_PIN)
    st.auth.authorize(packer, "order.exception.raise")


def test_no_totp_seed_nor_lead_password_hash_in_a_joined_station(hub: Hub, hub_admin: Actor,
                                                                 tmp_path: Path) -> None:  # fmt: skip
    from tests.station.support import make_crew

    crew = make_crew(tmp_path / "full")  # local admin, lead, auditor, admin2 and pat, with TOTP seeds
    st = crew.station
    try:
        assert [n for n in st.secrets.names() if n.endswith(".totp")]
        with serving(hub) as url:
            join(crew, hub, url, hub.stations.create_code(hub_admin, "pack-t"))
            crew.login("lead")
            admin = crew.login(ADMIN)
            hub_pin_hash = hub.store.operators.by_name("pat").secret_hash
        assert not [n for n in st.secrets.names() if n.startswith("operator.")]  # no TOTP seed at all
        assert {BADGE_KEY, PIN_PEPPER} <= set(st.secrets.names())
        for row in st.store.operators.list():
            if row.role != Role.PACKER.value or row.origin == "local":
                assert row.secret_hash == "" and row.badge_digest is None, row.name
        pat = st.store.operators.by_name("pat")
        assert pat.origin == "hub" and hub_pin_hash not in pat.secret_hash  # wrapped under the station's pepper
        assert st.auth.login_badge(PACKER_BADGE, PACKER_PIN).name == "pat"
        with pytest.raises(UsageError, match="managed at the hub"):
            st.auth.add_operator(admin, "newbie", Role.PACKER, "135792", badge="B-NEW")
    finally:
        st.close()


def test_the_hub_language_reaches_the_session(hub: Hub, hub_admin: Actor, lone: Crew) -> None:
    st = lone.station
    crew_at_hub(hub, lone)  # (join leaves the operators there as they are)
    hub.people.set_language(hub_admin, "lead", "es")
    hub.people.add(HUB_SYSTEM, "rosa", Role.PACKER, "246813", badge="B-ROSA", language="es")
    with serving(hub) as url:
        _joined(lone, hub, hub_admin, url)
        assert lone.login("lead").language == "es"
        assert lone.login("auditor").language == "en"
    assert st.auth.login_badge("B-ROSA", "246813").language == "es"  # offline, from the synced verifier
    assert st.auth.login_badge(PACKER_BADGE, PACKER_PIN).language == "en"


def test_a_packer_without_a_verifier_yet_logs_in_online_once(hub: Hub, hub_admin: Actor, lone: Crew,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    st = lone.station
    with monkeypatch.context() as m:  # added before the hub kept badges sealed: no verifier yet (pending)
        m.setattr(hub.people, "on_badge", None)
        hub.people.add(HUB_SYSTEM, "kim", Role.PACKER, "975310", badge="B-KIM")
    with serving(hub) as url:
        _joined(lone, hub, hub_admin, url)
        assert st.store.operators.by_name("kim") is None
        assert st.auth.login_badge("B-KIM", "975310").name == "kim"  # at the hub, which now has her badge
    assert st.auth.login_badge("B-KIM", "975310").name == "kim"  # ...and from then on offline too

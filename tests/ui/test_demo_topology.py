"""The demo shows the real topology (issue 13): an embedded hub on the simulator holds the Amazon secrets,
its sellers authorised by consent; each demo station is enrolled at the hub, holds no Amazon secret, and
gets its queue from the hub; two demo stations see each other's claims as taken."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from station.errors import Conflict
from station.services.hub_link import HUB_CREDENTIAL
from ui.demo import ADMIN, LEAD, PACKER, SELLER_NAMES, Demo, badge_code, build_demo


def _amazon_secrets(demo: Demo) -> list[str]:
    """Every LWA secret the simulator knows: the client secret and every seller's refresh tokens."""
    found = [demo.simulator.client_secret]
    for seller in demo.simulator.world.sellers.values():
        found += [seller.refresh_token, *seller.more_tokens]
    assert all(len(s) > 8 for s in found)
    return found


def test_the_hub_holds_the_amazon_secrets_after_the_consent_flow(demo: Demo) -> None:
    hub = demo.hub.hub
    assert hub.sellers.app_credentials().client_secret == demo.simulator.client_secret
    for name in SELLER_NAMES:
        row = hub.store.sellers.by_name(name)
        assert row is not None and row.state == "verified"
        assert hub.sellers.refresh_token(name) in _amazon_secrets(demo)
    # Authorised the way a real seller is: Seller Central's consent page, then the hub's callback.
    assert len(demo.simulator.calls_for("consentConfirm")) == len(SELLER_NAMES)
    actions = [r["action"] for r in hub.store.audit_rows.rows()]
    assert actions.count("seller.consent_started") == actions.count("seller.authorized") == len(SELLER_NAMES)


def test_the_demo_station_holds_no_amazon_secret(demo: Demo) -> None:
    station = demo.station
    stored = {name: station.secrets.get(name) or b"" for name in station.secrets.names()}
    assert HUB_CREDENTIAL in stored  # its one credential: the hub's
    secrets_ = [s.encode() for s in _amazon_secrets(demo)]
    for name, value in stored.items():
        assert not any(s in value for s in secrets_), name
        assert "lwa" not in name.lower() and "refresh" not in name.lower(), name
    for path in demo.home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(s in data for s in secrets_), path.name
    for seller in station.store.sellers.list():  # the hub's sellers, known by number only
        assert not seller.endpoint and not seller.lwa_endpoint


def test_the_demo_station_is_joined_and_its_queue_comes_from_the_hub(demo: Demo) -> None:
    station = demo.station
    info = station.hub_link.info()
    assert station.hub_link.joined() and info is not None
    assert (info.url, info.station) == (demo.hub.url, "demo-1")
    assert [r.target for r in station.store.audit_rows.search(action="hub.joined")] == ["demo-1"]
    assert type(demo.wiring.engine).__name__ == "HubSyncEngine"
    assert type(station.shipping.marketplace).__name__ == "HubMarketplace"
    ids = {oid for s in demo.simulator.sellers() for oid in demo.simulator.order_ids(s.seller_id)}
    queued = {row.order_id for row in station.store.orders.queue(limit=1000)}
    assert queued == ids and len(ids) == 12
    assert int(station.store.settings.get("hub_contact")["cursor"]) > 0
    # A new Amazon order reaches the queue through the hub.
    new = demo.simulator.add_orders(demo.simulator.sellers()[0].seller_id, 1)[0]
    demo.sync()
    assert new in {row.order_id for row in station.store.orders.queue(limit=1000)}


def test_the_demo_operators_log_in_at_the_station_and_the_hub(demo: Demo) -> None:
    auth = demo.station.auth
    packer = auth.login_badge(badge_code(), PACKER[2])
    lead = auth.login_password(LEAD[0], LEAD[1], demo.totp(LEAD[0]))
    assert (packer.name, lead.name) == (PACKER[0], LEAD[0])
    admin = auth.login_password(ADMIN[0], ADMIN[1], demo.totp(ADMIN[0]))
    assert admin.name == ADMIN[0]
    # The same logins happened at the hub (the station's remote login), with the hub's own TOTP check.
    hub_logins = [r["target"] for r in demo.hub.hub.store.audit_rows.rows() if r["action"] == "login.succeeded"]
    assert sorted(hub_logins) == sorted([PACKER[0], LEAD[0], ADMIN[0]])


def test_the_login_hint_shows_the_codes_that_work(demo: Demo) -> None:
    hint = demo.hint()
    assert badge_code() in hint and PACKER[2] in hint
    assert f"{LEAD[0]} / {LEAD[1]} / code {demo.totp(LEAD[0])}" in hint
    assert f"{ADMIN[0]} / {ADMIN[1]} / code {demo.totp(ADMIN[0])}" in hint


@pytest.fixture
def two(tmp_path: Path, fast_argon2: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Demo]:
    from argon2 import PasswordHasher

    import hub.services.people as people

    fast = PasswordHasher(time_cost=1, memory_cost=256, parallelism=1)
    monkeypatch.setattr(people, "HASHER", fast)
    monkeypatch.setattr(people, "_DUMMY_HASH", fast.hash("x"))
    built = build_demo(tmp_path, orders=20, stations=2)
    yield built
    built.close()


def _free(demo: Demo) -> list[str]:
    """Orders no station holds (the rest are held ahead for offline work), as the hub says now."""
    for st in demo.stations:
        st.wiring.engine.run_once()
    held = set().union(*(st.wiring.engine.sync.held for st in demo.stations))
    return sorted({row.order_id for row in demo.station.store.orders.queue(limit=1000)} - held)


def test_two_demo_stations_see_each_others_claim_as_taken(two: Demo) -> None:
    first, second = two.stations
    assert [st.station.hub_link.info().station for st in two.stations] == ["demo-1", "demo-2"]  # type: ignore[union-attr]
    one, other = _free(two)[:2]
    pat_1 = first.station.auth.login_badge(badge_code(), PACKER[2])
    pat_2 = second.station.auth.login_badge(badge_code(), PACKER[2])
    first.station.pack.open_order(pat_1, one)
    second.station.pack.open_order(pat_2, other)
    for st in two.stations:
        st.wiring.engine.run_once()
    assert second.wiring.engine.sync.taken_by(one) == "pat at demo-1"
    assert first.wiring.engine.sync.taken_by(other) == "pat at demo-2"
    with pytest.raises(Conflict):
        second.station.pack.open_order(pat_2, one)
    first.station.pack.release(pat_1, one)
    second.wiring.engine.run_once()
    assert second.wiring.engine.sync.taken_by(one) is None


def test_demo_check_builds_two_stations_on_one_hub_and_cleans_up(tmp_path: Path) -> None:
    env = {"PACIFIC_STATION_DEMO_DIR": str(tmp_path / "demo"), "PATH": "/usr/bin:/bin",
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}  # fmt: skip
    done = subprocess.run([sys.executable, "-m", "ui.cli", "demo", "--check", "--stations", "2"], env=env,
                          capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert "Demo hub (embedded, SQLite, throwaway): http://127.0.0.1:" in out
    assert "demo-1" in out and "demo-2" in out and "Orders waiting: 40" in out
    assert f"PIN {PACKER[2]}" in out and "TOTP code now" in out
    assert list((tmp_path / "demo").iterdir()) == []  # hub data and both homes removed at exit


def test_a_claim_in_one_demo_window_shows_as_taken_in_the_other(qtbot: Any, two: Demo) -> None:
    from tests.ui.conftest import login_packer
    from ui.main_window import StationWindow
    from ui.sounds import SoundPlayer

    windows = []
    for st in two.stations:
        win = StationWindow(st.wiring, sounds=SoundPlayer(enabled=False), install_filters=False)
        qtbot.addWidget(win)
        win.show()
        windows.append(win)
    try:
        for win in windows:
            login_packer(qtbot, win)
        order = _free(two)[0]
        windows[0].handle_scan(order)  # pat opens the order at demo-1: a claim at the hub
        qtbot.waitUntil(lambda: windows[0].stack.currentWidget() is windows[0].pack, timeout=5000)
        model = windows[1].queue.model

        def status() -> str:
            two.stations[1].wiring.engine.run_once()  # the running demo's sync worker does this every 3 s
            windows[1].queue.refresh()
            row = next(i for i, r in enumerate(model.rows) if r.order_id == order)
            return str(model.data(model.index(row, 5)))

        qtbot.waitUntil(lambda: status() == "TAKEN — pat at demo-1", timeout=5000)
        windows[1].handle_scan(order)  # the other station cannot open it
        qtbot.wait(300)
        assert windows[1].stack.currentWidget() is windows[1].queue
    finally:
        for win in windows:
            win.shutdown()

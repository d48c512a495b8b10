"""Issue 10 item 1: an incident lock or a disable made by ANOTHER station instance on the same home
(the CLI in another process, a second window) returns the open window to the login screen."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from station.app import Station
from station.clock import SystemClock
from station.home import open_database
from tests.hubstation.support import attach
from tests.station.support import PASSPHRASE
from tests.ui.conftest import login_packer
from ui.demo import ADMIN, Demo


@pytest.fixture
def other(demo: Demo) -> Iterator[Station]:
    """A second Station on the demo's home: its own database connection and event bus, like another process."""
    st = demo.station
    second = Station(st.home, st.config, st.secrets, open_database(st.home, st.secrets), SystemClock())
    attach(second)  # joined: its admins log in at the hub, its packers' verifiers come from there
    yield second
    second.close()


def _logged_out(win: Any) -> bool:
    return win.session is None and win.stack.currentWidget() is win.login


def test_lock_from_another_instance_logs_the_open_session_out(qtbot: Any, demo: Demo, window: Any,
                                                              other: Station) -> None:  # fmt: skip
    login_packer(qtbot, window)
    admin = other.auth.login_password(ADMIN[0], ADMIN[1], demo.totp(ADMIN[0]))
    other.lock(admin)  # published on the other instance's bus only: the window must notice by itself
    qtbot.waitUntil(lambda: _logged_out(window), timeout=6000)
    assert "station locked" in window.login.subtitle.text()
    ended = demo.station.store.audit_rows.search(action="session.ended")
    assert ended and ended[0].actor == "pat"


def test_disable_from_another_instance_logs_the_operator_out(qtbot: Any, demo: Demo, window: Any,
                                                             other: Station) -> None:  # fmt: skip
    login_packer(qtbot, window)
    from hub.services.people import Actor
    from station.domain import Role

    demo.hub.hub.people.disable(Actor(ADMIN[0], Role.ADMIN), "pat")  # a joined station's operators: at the hub
    other.auth.remote_login.verifiers.sync()  # the other instance learns it (its verifier goes)
    qtbot.waitUntil(lambda: _logged_out(window), timeout=6000)
    assert "disabled" in window.login.subtitle.text()


def test_lock_in_this_process_logs_out_at_once(qtbot: Any, demo: Demo, window: Any) -> None:
    login_packer(qtbot, window)
    window.session_timer.stop()  # no polling: the in-process event alone must do it
    admin = demo.station.auth.login_password(ADMIN[0], ADMIN[1], demo.totp(ADMIN[0]))
    demo.station.lock(admin)
    qtbot.waitUntil(lambda: _logged_out(window), timeout=3000)


def test_f2_password_login_refuses_a_packer_name_and_pin(qtbot: Any, demo: Demo, window: Any) -> None:
    """Issue 10 item 7: packers log in with badge + PIN only; F2 (name + password) does not take a PIN."""
    from ui.demo import PACKER

    window.login.show_password_login()
    window.login.name.setText(PACKER[0])
    window.login.password.setText(PACKER[2])
    window.login._submit_password()
    qtbot.waitUntil(lambda: "Login failed" in window.login.error.text(), timeout=5000)
    assert window.session is None and window.stack.currentWidget() is window.login
    failed = demo.station.store.audit_rows.search(action="login.failed")
    assert failed and failed[0].actor == PACKER[0]


# The same cheap Argon2 parameters as the fast_argon2 fixture, so the child opens the sealed secrets.
_FAST_CLI = (
    "import sys; from argon2 import PasswordHasher; import station.secrets as s, station.services.auth as a; "
    "s.ARGON2_MEMORY_KIB, s.ARGON2_TIME_COST, s.ARGON2_PARALLELISM = 256, 1, 1; "
    "a._hasher = PasswordHasher(time_cost=1, memory_cost=256, parallelism=1); "
    "from ui.cli import main; sys.exit(main(sys.argv[1:]))"
)


def _cli_process(home: Path, *argv: str, stdin: str) -> subprocess.CompletedProcess[str]:
    """`pacific-station` in a real child process on the same home."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PACIFIC_STATION_")}
    env["PACIFIC_STATION_PASSPHRASE"] = PASSPHRASE
    root = Path(__file__).parents[2]
    env["PYTHONPATH"] = str(root)
    return subprocess.run([sys.executable, "-c", _FAST_CLI, "--home", str(home), *argv], input=stdin, text=True,
                          capture_output=True, cwd=root, env=env, timeout=60)  # fmt: skip


def test_cli_lock_and_disable_in_another_process_log_the_window_out(qtbot: Any, crew: Any) -> None:
    """The reviewer's case: bob's window is open; `pacific-station lock` / `user disable` run in a shell."""
    from station.domain import Role
    from tests.station.support import ADMIN, ADMIN_PW, PACKER_BADGE, PACKER_PIN
    from ui.main_window import StationWindow
    from ui.sounds import SoundPlayer
    from ui.wiring import Wiring

    crew.station.auth.add_operator(crew.login(ADMIN), "bob", Role.PACKER, "97531", badge="BADGE-BOB")
    win = StationWindow(Wiring(crew.station), sounds=SoundPlayer(enabled=False), install_filters=False)
    qtbot.addWidget(win)
    try:
        win.on_login(crew.station.auth.login_badge("BADGE-BOB", "97531"))
        totp = crew.totp[ADMIN]  # the subprocess checks codes against real time
        locked = _cli_process(crew.station.home, "--as", ADMIN, "lock", stdin=f"{ADMIN_PW}\n{totp.now()}\n")
        assert locked.returncode == 0, locked.stderr
        qtbot.waitUntil(lambda: _logged_out(win), timeout=6000)
        assert "station locked" in win.login.subtitle.text()
        crew.station.unlock(crew.login("admin2"))
        win.on_login(crew.station.auth.login_badge(PACKER_BADGE, PACKER_PIN))
        totp_step = totp.at(time.time() + 30)  # the next step: a code is accepted once
        disabled = _cli_process(
            crew.station.home, "--as", ADMIN, "user", "disable", "pat", stdin=f"{ADMIN_PW}\n{totp_step}\n"
        )
        assert disabled.returncode == 0, disabled.stderr
        qtbot.waitUntil(lambda: _logged_out(win), timeout=6000)
        assert "disabled" in win.login.subtitle.text()
    finally:
        win.shutdown()

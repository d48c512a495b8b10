"""Issue 10 item 1: an incident lock or a disable made by ANOTHER station instance on the same home
(the CLI in another process, a second window) returns the open window to the login screen."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from station.app import Station
from station.clock import SystemClock
from station.home import open_database
from tests.ui.conftest import login_packer
from ui.demo import ADMIN, Demo


@pytest.fixture
def other(demo: Demo) -> Iterator[Station]:
    """A second Station on the demo's home: its own database connection and event bus, like another process."""
    st = demo.station
    second = Station(st.home, st.config, st.secrets, open_database(st.home, st.secrets), SystemClock())
    yield second
    second.close()


def _logged_out(win: Any) -> bool:
    return win.session is None and win.stack.currentWidget() is win.login


def test_lock_from_another_instance_logs_the_open_session_out(qtbot: Any, demo: Demo, window: Any,
                                                              other: Station) -> None:  # fmt: skip
    login_packer(qtbot, window)
    admin = other.auth.login_password(ADMIN[0], ADMIN[1], other.auth.totp_now(ADMIN[0]))
    other.lock(admin)  # published on the other instance's bus only: the window must notice by itself
    qtbot.waitUntil(lambda: _logged_out(window), timeout=6000)
    assert "station locked" in window.login.subtitle.text()
    ended = demo.station.store.audit_rows.search(action="session.ended")
    assert ended and ended[0].actor == "pat"


def test_disable_from_another_instance_logs_the_operator_out(qtbot: Any, demo: Demo, window: Any,
                                                             other: Station) -> None:  # fmt: skip
    login_packer(qtbot, window)
    admin = other.auth.login_password(ADMIN[0], ADMIN[1], other.auth.totp_now(ADMIN[0]))
    other.auth.disable(admin, "pat")
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

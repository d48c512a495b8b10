"""Issue 15 item 6: a wrong PIN forgets the badge (the next entry is a badge scan, never a PIN), says how
many attempts are left, and a lockout names who can unlock; an unknown badge reads exactly the same."""

from __future__ import annotations

from typing import Any

from ui.demo import PACKER, Demo, badge_code, station_code


def _try_pin(qtbot: Any, win: Any, badge: str, pin: str) -> str:
    win.handle_scan(badge)
    assert win.login.pin.isEnabled()
    win.login.pin.setText(pin)
    win.login._submit_pin()
    qtbot.waitUntil(lambda: not win.login._busy and win.login.error.text() != "", timeout=5000)
    return str(win.login.error.text())


def test_wrong_pin_returns_to_badge_scan_with_attempts_left(qtbot: Any, demo: Demo, window: Any) -> None:
    win = window
    text = _try_pin(qtbot, win, badge_code(), "0000")
    assert "4 attempts left" in text
    assert win.login.title.text() == "Scan your badge again"
    assert not win.login._badge and not win.login.pin.isEnabled() and win.login.pin.text() == ""
    # the next entry, typed fast, is not taken as a PIN for the old badge
    win.handle_scan(PACKER[2])
    assert win.session is None
    row = demo.station.store.operators.by_name("pat")
    assert row is not None and row.failed_logins == 1


def test_lockout_message_names_who_can_unlock(qtbot: Any, demo: Demo, window: Any) -> None:
    texts = [_try_pin(qtbot, window, badge_code(), "0000") for _ in range(5)]
    assert "1 attempt left" in texts[3]
    assert "LOCKED" in texts[4] and "lead or admin" in texts[4] and "15 minutes" in texts[4]
    again = _try_pin(qtbot, window, badge_code(), PACKER[2])  # right PIN, still locked
    assert "LOCKED" in again and window.session is None


def test_unknown_badge_reads_like_a_known_one(qtbot: Any, demo: Demo, window: Any) -> None:
    stranger = station_code("badge", "NO-SUCH-BADGE")
    known = [_try_pin(qtbot, window, badge_code(), "0000") for _ in range(5)]
    unknown = [_try_pin(qtbot, window, stranger, "0000") for _ in range(5)]
    assert known == unknown

"""GUI fixtures: the demo station (simulator + catalogue) and its window, offscreen, no sound."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.station.conftest import crew  # noqa: F401 - re-exported fixture (a station with known credentials)
from ui.demo import Demo, build_demo


@pytest.fixture
def demo(tmp_path: Path, fast_argon2: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Demo]:
    """The demo as `pacific-station demo` builds it: an embedded hub on the simulator, one station joined."""
    from argon2 import PasswordHasher

    import hub.services.people as people

    fast = PasswordHasher(time_cost=1, memory_cost=256, parallelism=1)
    monkeypatch.setattr(people, "HASHER", fast)
    monkeypatch.setattr(people, "_DUMMY_HASH", fast.hash("x"))
    built = build_demo(tmp_path, orders=12)
    yield built
    built.close()


@pytest.fixture
def fake_printer(demo: Demo) -> Any:
    """A Zebra on the fake pyusb backend, wired as the station's printer."""
    from drivers.fakeusb import FakeBackend, FakePrinter
    from drivers.printers import open_printer

    device = FakePrinter()
    printer = open_printer({"transport": "usb", "pid": 0x0166, "backend": FakeBackend(device), "timeout_ms": 500})
    demo.wiring.printer = printer
    return device


@pytest.fixture
def window(qtbot: Any, demo: Demo) -> Iterator[Any]:
    from ui.main_window import StationWindow
    from ui.sounds import SoundPlayer
    from ui.theme import apply_theme

    apply_theme(qtbot_app())
    win = StationWindow(demo.wiring, sounds=SoundPlayer(enabled=False), install_filters=False)
    qtbot.addWidget(win)
    win.resize(1600, 900)
    win.show()
    yield win
    win.shutdown()


def qtbot_app() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance()


def codes(demo: Demo) -> dict[str, Any]:
    return json.loads((demo.home / "demo-codes.json").read_text())


def plain_order(demo: Demo, *, units_min: int = 1) -> dict[str, Any]:
    """A demo order without serial-tracked items; one the station holds from the hub when there is one (its
    buyer data is already here, as for a batch held ahead)."""
    plain = [
        o
        for o in codes(demo)["orders"]
        if not any(i["serial"] for i in o["items"]) and sum(i["qty"] for i in o["items"]) >= units_min
    ]
    if not plain:
        raise AssertionError("no plain order in the demo data")
    held = [o for o in plain if demo.station.store.orders.recipient(o["order_id"]) is not None]
    return (held or plain)[0]


def login_packer(qtbot: Any, win: Any) -> None:
    from ui.demo import PACKER, badge_code

    win.handle_scan(badge_code())
    win.login.pin.setText(PACKER[2])
    win.login._submit_pin()
    qtbot.waitUntil(lambda: win.session is not None, timeout=5000)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.queue, timeout=5000)


def login_password(qtbot: Any, win: Any, demo: Demo, who: tuple[str, str, str]) -> None:
    win.login.show_password_login()
    win.login.name.setText(who[0])
    win.login.password.setText(who[1])
    win.login.totp.setText(demo.totp(who[0]))
    win.login._submit_password()
    qtbot.waitUntil(lambda: win.session is not None, timeout=5000)


def scan_items(qtbot: Any, win: Any, order: dict[str, Any]) -> None:
    """Scan every unit of a plain order, waiting for each scan's feedback."""
    for item in order["items"]:
        for _ in range(item["qty"]):
            before = win.pack.state.units_scanned
            win.handle_scan(item["upc"])
            qtbot.waitUntil(lambda b=before: win.pack.state is None or win.pack.state.units_scanned > b, timeout=5000)


class FakeTime:
    """The wedge filter's clock, moved by hand: keys at any speed, deterministically."""

    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def wedge_window(qtbot: Any, demo: Demo) -> Iterator[tuple[Any, FakeTime]]:
    """The window with the real wedge filter installed, timed by a FakeTime, at 1366x768."""
    from ui.main_window import StationWindow
    from ui.sounds import SoundPlayer
    from ui.theme import apply_theme

    apply_theme(qtbot_app())
    clock = FakeTime()
    win = StationWindow(demo.wiring, sounds=SoundPlayer(enabled=False), time_source=clock)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)  # keys go to the active window
    yield win, clock
    win.shutdown()


def type_by_hand(win: Any, clock: FakeTime, text: str, gap: float = 0.18) -> None:
    """Keys at human speed into whatever has focus, as a keyboard would deliver them."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    for ch in text:
        target = QApplication.focusWidget() or win.stack.currentWidget()
        if ch == "\r":
            QTest.keyClick(target, Qt.Key.Key_Return)
        else:
            QTest.keyClicks(target, ch)
        clock.t += gap
        win.scan_filter.poll()

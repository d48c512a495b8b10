"""Start the GUI on a wired station: QApplication, theme, window. Used by the demo and ``run_station``."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from ui.theme import apply_theme, type_scale

if TYPE_CHECKING:  # not imported at start: station.app comes while the passphrase is derived
    from station.ports import SecretStore
    from ui.wiring import Wiring

log = logging.getLogger(__name__)
READY_ENV = "PACIFIC_STATION_READY_FILE"  # the benchmark and the Xvfb test wait for this file
HOLD_ENV = "PACIFIC_STATION_LABEL_HOLD_MS"  # how long the label preview stays (default 2000)
WINDOWED_SIZE = (1600, 900)


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Pacific Prep Station")
    apply_theme(app, start_scale(app))
    return app


def start_scale(app: QApplication) -> float:
    """The type step of the window run_window will show: the sheet is applied once, at that step."""
    if os.environ.get("PACIFIC_STATION_WINDOWED"):
        return type_scale(*WINDOWED_SIZE)
    screen = app.primaryScreen()
    return 1.0 if screen is None else type_scale(screen.geometry().width(), screen.geometry().height())


def run_window(wiring: Wiring, *, demo_hint: str = "", hint_refresh: Callable[[], str] | None = None,
               on_ready: Callable[[object], None] | None = None, more: Sequence[Wiring] = ()) -> int:  # fmt: skip
    """Show the station window full screen and run the event loop until it closes.

    ``more``: further stations' windows beside it (the demo's ``--stations N``), each windowed; closing
    the first ends the program."""
    from PySide6.QtCore import QTimer

    from ui.main_window import StationWindow

    app = application()
    window = StationWindow(wiring, demo_hint=demo_hint)
    if os.environ.get(HOLD_ENV, "").isdigit():
        window.preview.hold_ms = int(os.environ[HOLD_ENV])
    if os.environ.get("PACIFIC_STATION_WINDOWED"):
        window.resize(*WINDOWED_SIZE)
        window.show()
    else:  # the whole screen, even without a window manager (kiosk PCs, Xvfb)
        screen = app.primaryScreen()
        if screen is not None:
            window.setGeometry(screen.geometry())
            window.fit_to_monitor = True
        window.show()
    others = [StationWindow(w, demo_hint=demo_hint) for w in more]
    if others:
        _side_by_side([window, *others], app)
    if hint_refresh is not None:
        timer = QTimer(window)
        timer.timeout.connect(lambda: [w.login.refresh_hint(hint_refresh()) for w in [window, *others]])
        timer.start(2000)
    ready_file = os.environ.get(READY_ENV)

    def ready() -> None:
        if ready_file:
            with open(ready_file, "w", encoding="utf-8") as fh:
                fh.write(f"{time.time():.6f}\n")
        if on_ready is not None:
            on_ready(window)

    QTimer.singleShot(0, ready)
    try:
        return int(app.exec())
    finally:
        for other in others:
            other.shutdown()
        window.shutdown()


def _side_by_side(windows: Sequence[object], app: QApplication) -> None:
    """Several stations' windows across the screen, the first at the left and the last at the right; they
    overlap where the screen is narrower than their minimum widths. The first one takes the keyboard."""
    from ui.main_window import StationWindow

    screen = app.primaryScreen()
    area = screen.availableGeometry() if screen is not None else None
    wins = [w for w in windows if isinstance(w, StationWindow)]
    for n, win in enumerate(wins):
        win.fit_to_monitor = False
        if area is None:
            win.resize(*WINDOWED_SIZE)
        else:
            width = min(area.width(), max(area.width() // len(wins), win.minimumSizeHint().width()))
            x = area.x() + n * (area.width() - width) // max(1, len(wins) - 1)
            win.setGeometry(x, area.y(), width, area.height())
        win.show()
    wins[0].raise_()
    wins[0].activateWindow()


EXIT_ENV = "PACIFIC_STATION_EXIT_WHEN_READY"  # the cold-start benchmark: quit once the login screen is up


def ask_passphrase(home: Path) -> str | None:
    """In passphrase mode an admin types the station passphrase at start (no OS keyring here)."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from station.home import read_config

    if read_config(home).secret_mode == "keyring":  # noqa: S105 - a mode name
        return None
    text, ok = QInputDialog.getText(
        None, "Pacific Prep Station", "An admin enters the station passphrase to open this station:",
        QLineEdit.EchoMode.Password,
    )  # fmt: skip
    if not ok or not text:
        raise SystemExit("No passphrase given: the station stays closed")
    return str(text)


def unlock_early(home: Path, passphrase: str | None) -> Future[SecretStore]:
    """Open the secret store on a worker thread: the Argon2id derivation (parameters unchanged) releases the
    GIL, so the GUI modules import meanwhile instead of after it (cold start, issue 15)."""
    from station.home import open_secrets, read_config

    pool = ThreadPoolExecutor(1, thread_name_prefix="unlock")
    future = pool.submit(lambda: open_secrets(home, read_config(home).secret_mode, passphrase))
    pool.shutdown(wait=False)  # the worker ends with its one task
    return future


def run_station(home: str | None = None, passphrase: str | None = None) -> int:
    """Open the station home and run the window (``pacific-station`` GUI start for a real station)."""
    from station.home import PASSPHRASE_ENV, default_home

    app = application()  # first, so the window appears as early as possible
    where = Path(home) if home else default_home()
    # Taken out of the environment once read: children (lp, sound players) must not inherit it.
    from_env = os.environ.pop(PASSPHRASE_ENV, None)
    passphrase = passphrase or from_env or ask_passphrase(where)
    unlocking = unlock_early(where, passphrase)
    import ui.main_window  # noqa: F401 - imported while the passphrase's Argon2id runs on the worker
    from station.app import Station
    from ui.wiring import connect_sync, wire

    station = Station.open(where, passphrase, secrets=unlocking.result())
    # The marketplace and sync engine (HTTP libraries) come after the login screen is up, with the rest
    # of what it does not need (ui.warmup): a badge scan never waits for them.
    wiring = wire(station, connect=False)
    exit_when_ready = bool(os.environ.get(EXIT_ENV))

    def ready(window: object) -> None:
        from ui.warmup import Warmup

        warmup = Warmup(lambda: connect_sync(wiring, start_sync=not exit_when_ready), parent=app)
        warmup.start()
        if exit_when_ready:
            app.quit()

    try:
        return run_window(wiring, on_ready=ready)
    finally:
        wiring.close()
        station.close()

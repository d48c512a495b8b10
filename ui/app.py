"""Start the GUI on a wired station: QApplication, theme, window. Used by the demo and ``run_station``."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable

from PySide6.QtWidgets import QApplication

from ui.theme import apply_theme
from ui.wiring import Wiring

log = logging.getLogger(__name__)
READY_ENV = "PACIFIC_STATION_READY_FILE"  # the benchmark and the Xvfb test wait for this file


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Pacific Prep Station")
    apply_theme(app)
    return app


def run_window(wiring: Wiring, *, demo_hint: str = "", hint_refresh: Callable[[], str] | None = None,
               on_ready: Callable[[object], None] | None = None) -> int:  # fmt: skip
    """Show the station window full screen and run the event loop until it closes."""
    from PySide6.QtCore import QTimer

    from ui.main_window import StationWindow

    app = application()
    window = StationWindow(wiring, demo_hint=demo_hint)
    if os.environ.get("PACIFIC_STATION_WINDOWED"):
        window.resize(1600, 900)
        window.show()
    else:
        window.showMaximized()
    if hint_refresh is not None:
        timer = QTimer(window)
        timer.timeout.connect(lambda: window.login.refresh_hint(hint_refresh()))
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
        window.shutdown()

"""Cold start (issue 15): the login screen comes up without the libraries it does not need; they are
warmed right after it is shown, and the marketplace/sync engine are connected then."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from ui.warmup import DEFERRED

ROOT = Path(__file__).resolve().parents[2]
# Never needed to show the login screen and take a badge scan.
NOT_AT_LOGIN = (*DEFERRED, "requests", "urllib3", "reportlab", "jsonschema", "sync.simulator", "ui.admin",
                "ui.prep", "ui.reports")  # fmt: skip

_RUN = """
import json, sys
import ui.app as app
real = app.run_window
def run_window(wiring, on_ready=None, **kw):
    def mine(window):
        seen = {"modules": sorted(sys.modules), "marketplace": wiring.marketplace is not None}
        json.dump(seen, open(sys.argv[2], "w"))
        if on_ready is not None:
            on_ready(window)
    return real(wiring, on_ready=mine, **kw)
app.run_window = run_window
app.run_station(sys.argv[1])
"""


def test_login_screen_comes_up_without_the_deferred_modules(tmp_path: Path) -> None:
    """A real start (subprocess, enrolled station with a seller): at the moment the login screen is ready
    none of the deferred modules is loaded and the marketplace is not built yet."""
    from tests.bench.station import PASSPHRASE, build_home

    home = tmp_path / "home"
    build_home(home, 3).close()
    out = tmp_path / "modules.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", PACIFIC_STATION_PASSPHRASE=PASSPHRASE,
               PACIFIC_STATION_EXIT_WHEN_READY="1", PACIFIC_STATION_SOUND="off")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", _RUN, str(home), str(out)], env=env, cwd=ROOT, timeout=120,
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(out.read_text())
    loaded = [m for m in seen["modules"] if any(m == d or m.startswith(d + ".") for d in NOT_AT_LOGIN)]
    assert loaded == []
    assert seen["marketplace"] is False


def test_warmup_imports_the_deferred_modules_then_connects_sync(qtbot: Any, tmp_path: Path) -> None:
    """After the login screen: the deferred modules are imported off the GUI thread, then sync is connected on
    the GUI thread (so the first order, slip and label do not pay for the imports). This home is not joined to
    a hub, so connecting attaches nothing (a joined one: tests/hubstation/test_hub_sync.py)."""
    import threading

    from station.app import Station
    from tests.bench.station import PASSPHRASE, build_home
    from ui.warmup import Warmup
    from ui.wiring import connect_sync, wire

    build_home(tmp_path / "home", 1).close()
    station = Station.open(tmp_path / "home", PASSPHRASE)
    try:
        wiring = wire(station, connect=False)
        assert wiring.marketplace is None and station.shipping.marketplace is None
        threads: list[str] = []

        def then() -> None:
            threads.append(threading.current_thread().name)
            connect_sync(wiring)

        warmup = Warmup(then)
        warmup.start()
        qtbot.waitUntil(lambda: bool(threads), timeout=60_000)
        assert threads == [threading.main_thread().name]
        assert wiring.marketplace is None and wiring.engine is None  # not joined: no SP-API path of its own
        assert all(name in sys.modules for name in DEFERRED)
        wiring.close()
    finally:
        station.close()

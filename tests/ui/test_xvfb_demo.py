"""The real program under Xvfb, started as the README does (`pacific-station demo`), driven by xdotool
typing scanner bursts; screenshots of the login, queue, pack (with a WRONG ITEM banner), packaging, rates
and label-preview screens go to the test's output folder, at 1366x768 (a common station monitor) and at
1920x1080. The 1366x768 set goes to tests/ui/screenshots/ when PACIFIC_STATION_UPDATE_SCREENSHOTS=1.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]
TOOLS = ("Xvfb", "xdotool", "import")
SHOTS = Path(__file__).parent / "screenshots"


def _missing() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


def _command() -> list[str]:
    script = Path(sys.executable).with_name("pacific-station")
    return [str(script), "demo"] if script.exists() else [sys.executable, "-m", "ui.cli", "demo"]


def _wait(predicate: Any, timeout: float, what: str) -> Any:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _start_xvfb(width: int, height: int) -> tuple[subprocess.Popen[bytes], str]:
    """Xvfb on a display number it picks itself (-displayfd): other test runs on the machine use theirs."""
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{width}x{height}x24",
                             "-nolisten", "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            pass_fds=(write_end,))  # fmt: skip
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    assert number, "Xvfb did not start"
    return xvfb, f":{number}"


@pytest.mark.skipif(bool(_missing()), reason=f"needs {', '.join(TOOLS)}")
@pytest.mark.parametrize("screen", [(1366, 768), (1920, 1080)], ids=["1366x768", "1920x1080"])
def test_demo_under_xvfb_with_xdotool(tmp_path: Path, screen: tuple[int, int]) -> None:
    width, height = screen
    xvfb, display = _start_xvfb(width, height)
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    ready = tmp_path / "ready"
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", PACIFIC_STATION_DEMO_DIR=str(tmp_path / "demo"),
               PACIFIC_STATION_READY_FILE=str(ready), PACIFIC_STATION_SOUND="off",
               PACIFIC_STATION_LABEL_HOLD_MS="15000")  # fmt: skip
    out = tmp_path / "screenshots"
    out.mkdir()
    log = (tmp_path / "demo.log").open("w")
    app = subprocess.Popen(_command(), env=env, stdout=log, stderr=subprocess.STDOUT,
                           cwd=Path(__file__).resolve().parents[2])  # fmt: skip

    def x(*args: str) -> str:
        return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, check=False).stdout

    def shot(name: str) -> Path:
        path = out / f"{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], env=env, check=True)
        return path

    def scan(code: str) -> None:  # a scanner burst: 5 ms a key, Enter at the end
        x("type", "--delay", "5", code + "\n")
        time.sleep(0.6)

    try:
        _wait(lambda: ready.exists() or app.poll() is not None, 120, "the station window")  # hub + station start
        assert app.poll() is None, (tmp_path / "demo.log").read_text()
        wid = _wait(lambda: x("search", "--name", "Pacific Prep Station").split(), 20, "the window id")[0]
        x("windowmove", wid, "0", "0")
        x("windowsize", wid, str(width), str(height))
        x("windowfocus", "--sync", wid)
        time.sleep(1.0)
        shots = [shot("login")]
        codes_file = _wait(lambda: next((tmp_path / "demo").glob("*/home/demo-codes.json"), None), 10, "codes")
        codes = json.loads(codes_file.read_text())
        scan(codes["badge"])
        scan(codes["pin"])
        time.sleep(1.5)
        shots.append(shot("queue"))
        order = next(
            o
            for o in codes["orders"]
            if not any(i["serial"] for i in o["items"]) and sum(i["qty"] for i in o["items"]) >= 3
        )
        scan(order["order_id"])
        time.sleep(1.0)
        units = [i["upc"] for i in order["items"] for _ in range(i["qty"])]
        scan(units[0])
        wrong = next(c["upc"] for o in codes["orders"] for c in o["items"] if c["upc"] not in units)
        scan(wrong)
        time.sleep(0.3)
        shots.append(shot("pack"))
        for code in units[1:]:
            scan(code)
        time.sleep(2.0)
        shots.append(shot("packaging"))
        x("key", "Return")  # weight from the scale is in: get rates
        time.sleep(3.0)
        shots.append(shot("rates"))
        x("key", "Return")  # buy + print with the default rate
        labels = codes_file.parent / "labels"
        _wait(lambda: list(labels.glob("job-*.png")), 30, "the label preview PNG")
        time.sleep(1.5)
        shots.append(shot("label_preview"))
        assert app.poll() is None
        for path in shots:
            assert path.stat().st_size > 10_000
        if os.environ.get("PACIFIC_STATION_UPDATE_SCREENSHOTS") == "1" and screen == (1366, 768):
            SHOTS.mkdir(exist_ok=True)
            for path in shots:
                shutil.copy(path, SHOTS / path.name)
    finally:
        app.terminate()
        try:
            app.wait(15)
        except subprocess.TimeoutExpired:
            app.kill()
        xvfb.terminate()
        xvfb.wait(10)
        log.close()

"""The FBA prep and lead/admin areas of the real program under Xvfb at 1366×768, driven by keys alone
(xdotool: human-speed typing for the login, scanner bursts for scans, F9/F10, Ctrl+Tab, F1).

Screenshots go to the test's output folder (and to tests/ui/screenshots/ when
PACIFIC_STATION_UPDATE_SCREENSHOTS=1): prep_unit, prep_receiving, prep_boxes, prep_inventory,
prep_catalog, lead_* for each lead tab, lead_keyhelp, admin_* for the admin's other tabs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.ui.test_xvfb_demo import SHOTS, TOOLS, _command, _missing, _wait

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]
W, H = 1366, 768


@pytest.mark.skipif(bool(_missing()), reason=f"needs {', '.join(TOOLS)}")
def test_prep_and_lead_area_at_1366x768(tmp_path: Path) -> None:
    import json

    import pyotp

    from ui.demo import ADMIN, LEAD

    display = f":{80 + os.getpid() % 9}"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{W}x{H}x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    ready = tmp_path / "ready"
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", PACIFIC_STATION_DEMO_DIR=str(tmp_path / "demo"),
               PACIFIC_STATION_READY_FILE=str(ready), PACIFIC_STATION_SOUND="off")  # fmt: skip
    out = tmp_path / "screenshots"
    out.mkdir()
    log = (tmp_path / "demo.log").open("w")
    app = subprocess.Popen(_command(), env=env, stdout=log, stderr=subprocess.STDOUT,
                           cwd=Path(__file__).resolve().parents[2])  # fmt: skip

    wid = ""

    def x(*args: str) -> str:
        return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, check=False).stdout

    def shot(name: str) -> Path:
        time.sleep(0.8)
        path = out / f"{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], env=env, check=True)
        return path

    def typed(text: str) -> None:  # a person typing: 90 ms a key, never read as a scan
        x("type", "--delay", "90", text)
        time.sleep(0.4)

    def scan(code: str) -> None:  # a scanner burst: 5 ms a key, Enter at the end
        x("type", "--delay", "5", code + "\n")
        time.sleep(0.8)

    def key(*names: str) -> None:
        x("key", *names)
        time.sleep(0.6)

    def fit() -> None:
        # Twice: X sends no ConfigureNotify for a size it already has, and Qt may hold a wider one.
        x("windowsize", wid, str(W - 100), str(H - 100))
        time.sleep(0.3)
        x("windowsize", wid, str(W), str(H))
        time.sleep(0.6)

    def login(who: tuple[str, str]) -> None:
        key("F2")
        typed(who[0])
        key("Return")
        typed(who[1])
        key("Return")
        typed(pyotp.TOTP(codes["totp_seeds"][who[0]]).now())  # the demo hub's seeds (throwaway)
        key("Return")
        time.sleep(2.0)

    shots: list[Path] = []
    try:
        _wait(lambda: ready.exists() or app.poll() is not None, 120, "the station window")  # hub + station start
        assert app.poll() is None, (tmp_path / "demo.log").read_text()
        wid = _wait(lambda: x("search", "--name", "Pacific Prep Station").split(), 20, "the window id")[0]
        x("windowmove", wid, "0", "0")
        x("windowsize", wid, str(W), str(H))
        x("windowfocus", "--sync", wid)
        time.sleep(1.0)
        codes_file = _wait(lambda: next((tmp_path / "demo").glob("*/home/demo-codes.json"), None), 10, "codes")
        codes = json.loads(codes_file.read_text())
        login(LEAD)
        key("F9")  # FBA prep
        time.sleep(1.0)
        fit()  # the queue may have widened the window past the screen; the prep area must fit
        upc = codes["orders"][0]["items"][0]["upc"]
        scan(upc)
        shots.append(shot("prep_unit"))
        for name in ("prep_receiving", "prep_boxes", "prep_inventory", "prep_catalog"):
            key("ctrl+Tab")
            shots.append(shot(name))
        key("Escape")
        time.sleep(1.0)
        key("F10")  # the lead area
        time.sleep(1.0)
        fit()
        for name in ("lead_exceptions", "lead_end_of_day", "lead_void_label", "lead_operators"):
            shots.append(shot(name))
            key("ctrl+Tab")
        key("ctrl+1")
        key("F1")
        shots.append(shot("lead_keyhelp"))
        key("Escape")
        key("Escape")
        key("F12")  # switch operator: the admin's screens too
        time.sleep(1.0)
        login(ADMIN)
        key("F10")
        time.sleep(1.0)
        fit()
        for n, name in ((5, "admin_sellers"), (6, "admin_devices"), (7, "admin_settings"), (8, "admin_audit")):
            key(f"ctrl+{n}")
            shots.append(shot(name))
        geometry = x("getwindowgeometry", wid)
        assert f"Geometry: {W}x{H}" in geometry, geometry  # the lead area fits: the window kept 1366×768
        assert app.poll() is None
        for path in shots:
            assert path.stat().st_size > 10_000
        if os.environ.get("PACIFIC_STATION_UPDATE_SCREENSHOTS") == "1":
            SHOTS.mkdir(exist_ok=True)
            for path in shots:
                shutil.copy(path, SHOTS / path.name)
        (out / "geometry.txt").write_text(geometry)
    finally:
        app.terminate()
        try:
            app.wait(15)
        except subprocess.TimeoutExpired:
            app.kill()
        xvfb.terminate()
        xvfb.wait(10)
        log.close()

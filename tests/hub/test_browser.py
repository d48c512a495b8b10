"""Acceptance: a hub started from nothing with the README's commands; init, enrol a station, invite a
seller, authorize in a real headless browser (Debian's chromium through selenium) on the simulator's
Seller Central consent page, and `seller list` shows the seller verified."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyotp
import pytest

from hub import __version__

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Browser-Passw0rd!"
pytestmark = pytest.mark.browser


def _need(condition: bool, why: str) -> None:
    if condition:
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"the browser acceptance test must run on CI: {why}", pytrace=False)
    pytest.skip(why)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Admin:
    """Runs `pacific-hub --as admin ...` as a real process; each call gets a TOTP code not used before."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.totp: pyotp.TOTP | None = None
        self.last_step = -1

    def run(self, *argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "hub.cli", *argv], input=stdin, text=True,
                              capture_output=True, cwd=ROOT, env=self.env, timeout=120)  # fmt: skip

    def code(self) -> str:
        assert self.totp is not None
        while True:  # the hub accepts one step back/ahead, each step once: take the next unused one
            now = int(time.time() // 30)
            step = max(now - 1, self.last_step + 1)
            if step <= now + 1:
                self.last_step = step
                return self.totp.at(step * 30)
            time.sleep(1)

    def act(self, *argv: str, extra: str = "") -> subprocess.CompletedProcess[str]:
        result = self.run("--as", "admin", *argv, stdin=f"{PASSWORD}\n{self.code()}\n{extra}")
        assert result.returncode == 0, result.stderr
        return result


@pytest.fixture
def browser() -> Iterator[object]:
    _need(shutil.which("chromium") is not None and shutil.which("chromedriver") is not None,
          "Debian's chromium and chromium-driver are not installed")  # fmt: skip
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or ""
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or ""), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def test_from_nothing_to_a_verified_seller_in_a_real_browser(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    # The consent page comes with the simulator's branch (sim); until it is merged there is nothing to drive.
    pytest.importorskip("sync.simulator.consent", reason="the simulator has no consent page yet")
    port = _free_port()
    callback = f"http://127.0.0.1:{port}/oauth/callback"
    sim = subprocess.Popen([sys.executable, "-m", "ui.cli", "sim", "--port", "0", "--info", "--draft-app",
                            "--redirect-uri", callback], cwd=ROOT, stdout=subprocess.PIPE, text=True)  # fmt: skip
    server = None
    try:
        assert sim.stdout is not None
        base = sim.stdout.readline().strip()
        info = json.loads(sim.stdout.readline())
        env = {k: v for k, v in os.environ.items() if not k.startswith("PACIFIC_HUB_")}
        env |= {
            "PYTHONPATH": str(ROOT), "PACIFIC_HUB_DATA_DIR": str(tmp_path / "hub"), "PACIFIC_HUB_PORT": str(port),
            "PACIFIC_HUB_CONSENT_BASE_URL": base, "PACIFIC_HUB_LWA_URL": info["lwa_url"],
            "PACIFIC_HUB_SPAPI_ENDPOINT": base, "PACIFIC_HUB_APPLICATION_ID": info["application_id"],
            "PACIFIC_HUB_APP_DRAFT": "true",
        }  # fmt: skip
        admin = Admin(env)
        init = admin.run("init", stdin=PASSWORD + "\n")
        assert init.returncode == 0, init.stderr
        admin.totp = pyotp.parse_uri(next(x.strip() for x in init.stdout.splitlines() if "otpauth://" in x))
        admin.act("app-credentials", "set", "--client-id", info["client_id"], extra=info["client_secret"] + "\n")
        code = admin.act("station", "enrol", "pack-1").stdout.split()[-1]
        link = admin.act("seller", "invite", "acme").stdout.split()[-1]
        server = subprocess.Popen([sys.executable, "-m", "hub.cli", "serve"], cwd=ROOT, env=env,
                                  stderr=subprocess.DEVNULL)  # fmt: skip
        hub_url = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                if httpx.get(hub_url + "/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        enrolled = httpx.post(hub_url + "/v1/enrol", json={"code": code},
                              headers={"X-Pacific-Station-Version": __version__})  # fmt: skip
        assert enrolled.status_code == 200 and enrolled.json()["station"] == "pack-1"

        wait = WebDriverWait(browser, 30)
        browser.get(link.replace("https://", "http://"))
        browser.find_element(By.ID, "authorize").click()
        wait.until(lambda d: d.current_url.startswith(base + "/apps/authorize/consent"))
        wait.until(lambda d: d.find_elements(By.ID, "confirm"))[0].click()
        wait.until(lambda d: d.current_url.startswith(callback))
        result = wait.until(lambda d: d.find_elements(By.ID, "result"))[0]
        assert "is verified with Amazon" in result.text

        listed = json.loads(admin.act("seller", "list", "--json").stdout)
        assert listed[0]["name"] == "acme" and listed[0]["verified"] is True
        assert listed[0]["selling_partner_id"] in {s["seller_id"] for s in info["sellers"]}
        rows = [json.loads(line) for line in admin.act("audit", "export").stdout.splitlines()]
        calls = [r for r in rows if r["action"] == "spapi.call"]
        assert any(r["detail"]["operation"] == "getMarketplaceParticipations" and r["detail"]["status"] == 200
                   for r in calls)  # fmt: skip
        assert {"seller.consent_started", "seller.authorized", "seller.verified"} <= {r["action"] for r in rows}
    finally:
        for proc in (server, sim):
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=20)

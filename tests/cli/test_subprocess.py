"""A few real `python -m ui.cli` runs: the console entry point, real Argon2 parameters, real TOTP time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyotp
import pytest

from tests.station.support import ADMIN, ADMIN_PW, PASSPHRASE

ROOT = Path(__file__).parents[2]


def _run(
    home: Path, *argv: str, stdin: str = "", passphrase: str | None = PASSPHRASE
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PACIFIC_STATION_")}
    if passphrase is not None:
        env["PACIFIC_STATION_PASSPHRASE"] = passphrase
    return subprocess.run([sys.executable, "-m", "ui.cli", "--home", str(home), *argv], input=stdin, text=True,
                          capture_output=True, cwd=ROOT, env=env, timeout=60)  # fmt: skip


def test_real_process_init_status_and_store_errors(tmp_path: Path) -> None:
    home = tmp_path / "home"
    init = _run(home, "init", "--admin", ADMIN, stdin=ADMIN_PW + "\n")
    assert init.returncode == 0, init.stderr
    uri = next(line.strip() for line in init.stdout.splitlines() if line.strip().startswith("otpauth://"))
    totp = pyotp.parse_uri(uri)
    status = _run(home, "--as", ADMIN, "status", stdin=f"{ADMIN_PW}\n{totp.now()}\n")
    assert status.returncode == 0, status.stderr
    assert "secret_mode: passphrase" in status.stdout
    assert _run(home, "--as", ADMIN, "status", stdin=f"{ADMIN_PW}\n").returncode == 4  # no TOTP: a failed login
    wrong = _run(home, "--as", ADMIN, "status", stdin=f"{ADMIN_PW}\n{totp.now()}\n", passphrase="wrong one")
    assert wrong.returncode == 5 and wrong.stderr.count("\n") == 1 and "Traceback" not in wrong.stderr
    assert _run(home, "--as", ADMIN, "status", stdin="x\n", passphrase=None).returncode == 5
    logs = "".join(p.read_text() for p in (home / "logs").glob("*"))
    assert ADMIN_PW not in logs and PASSPHRASE not in logs and "otpauth" not in logs


def test_sim_command_prints_its_base_url_first_and_serves() -> None:
    import urllib.request

    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "sim", "--port", "0", "--seed", "3"],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        base = proc.stdout.readline().strip()
        assert base.startswith("http://127.0.0.1:")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + "/orders/2026-01-01/orders", timeout=5)  # noqa: S310 - loopback
        assert refused.value.code == 403  # no access token: the simulator answers like SP-API
    finally:
        proc.terminate()
        proc.wait(timeout=10)

"""`pacific-hub`: init, station enrol, seller invite/list, status --json, audit, keys rotate, purge,
backup/restore; secrets only on stdin; the station CLI's exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pyotp
import pytest

import hub.cli.common as common
from hub import bootstrap
from hub.cli import main
from station.clock import VirtualClock
from tests.hub.conftest import ADMIN_PASSWORD, FakeAmazon

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    code: int
    out: str
    err: str


class Cli:
    def __init__(self, clock: VirtualClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
        self.clock, self.capsys, self.monkeypatch = clock, capsys, monkeypatch
        self.totp: pyotp.TOTP | None = None
        self.recovery = ""

    def run(self, *argv: str, stdin: list[str] | None = None) -> Result:
        self.monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in stdin or [])))
        code = main(list(argv))
        out, err = self.capsys.readouterr()
        return Result(code, out, err)

    def admin(self, *argv: str, extra: list[str] | None = None) -> Result:
        """Run as the first admin: password, a fresh TOTP code (the clock moves a step), then extra lines."""
        assert self.totp is not None
        self.clock.advance(30)
        code = self.totp.at(self.clock.now())
        return self.run("--as", "admin", *argv, stdin=[ADMIN_PASSWORD, code, *(extra or [])])


@pytest.fixture
def cli(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        fast_hashes: None) -> Cli:  # fmt: skip
    monkeypatch.setenv("PACIFIC_HUB_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PACIFIC_HUB_DATABASE_URL", db_url)
    monkeypatch.setenv("PACIFIC_HUB_MASTER_KEY_FILE", str(tmp_path / "keys" / "master.json"))
    monkeypatch.setenv("PACIFIC_HUB_PUBLIC_URL", "https://hub.example.test")
    clock = VirtualClock()
    amazon = FakeAmazon()
    real = bootstrap.build_hub
    monkeypatch.setattr(common, "build_hub", lambda settings, **kw: real(settings, clock=clock, amazon=amazon, **kw))
    return Cli(clock, capsys, monkeypatch)


def _init(cli: Cli) -> None:
    result = cli.run("init", stdin=[ADMIN_PASSWORD])
    assert result.code == 0, result.err
    lines = [line.strip() for line in result.out.splitlines()]
    cli.totp = pyotp.parse_uri(next(line for line in lines if line.startswith("otpauth://")))
    cli.recovery = lines[lines.index(next(x for x in lines if x.startswith("Recovery key"))) + 2]


def test_init_enrol_invite_list_status(cli: Cli) -> None:
    _init(cli)
    assert cli.run("init", stdin=[ADMIN_PASSWORD]).code == 2  # once only
    enrol = cli.admin("station", "enrol", "pack-1")
    assert enrol.code == 0 and "pe-" in enrol.out
    invite = cli.admin("seller", "invite", "acme")
    assert invite.code == 0 and "https://hub.example.test/onboard/" in invite.out
    listed = cli.admin("seller", "list", "--json")
    assert json.loads(listed.out)[0]["state"] == "invited"
    status = cli.run("status", "--json")
    data = json.loads(status.out)
    assert status.code == 0 and data["migrated"] and data["sellers"] == {"invited": 1} and data["operators"] == 1


def test_secrets_only_on_stdin_and_the_station_exit_codes(cli: Cli) -> None:
    _init(cli)
    assert cli.run("--as", "admin", "station", "list", stdin=[ADMIN_PASSWORD]).code == 2  # no TOTP line
    assert cli.run("--as", "admin", "station", "list", stdin=["wrong", "000000"]).code == 4
    assert cli.admin("user", "add", "pat", "--role", "packer", "--badge", "B-1", extra=["482913"]).code == 0
    assert cli.run("--as", "pat", "station", "list", stdin=["482913"]).code == 3  # packer: denied
    assert cli.run("station", "list").code == 2  # no --as
    assert cli.admin("app-credentials", "set", "--client-id", "amzn1.x", extra=["the-secret-1"]).code == 0
    assert "the-secret-1" not in cli.admin("app-credentials", "status").out


def test_audit_keys_purge_backup_restore(cli: Cli, tmp_path: Path) -> None:
    _init(cli)
    cli.admin("station", "enrol", "pack-1")
    assert cli.admin("audit", "verify").code == 0
    proven = cli.admin("audit", "verify", "--prove", extra=[cli.recovery])
    assert proven.code == 0 and "proven with the recovery key" in proven.out
    export = cli.admin("audit", "export")
    assert [json.loads(line)["seq"] for line in export.out.splitlines()][:2] == [1, 2]
    rotate = cli.admin("keys", "rotate")
    assert rotate.code == 0 and "re-sealed" in rotate.out
    assert cli.admin("purge", "--dry-run").code == 0
    backup = tmp_path / "hub.backup"
    assert cli.admin("backup", str(backup)).code == 0
    assert b"pacific-hub-backup-1" in backup.read_bytes() and b"CREATE TABLE" not in backup.read_bytes()
    cli.admin("station", "enrol", "pack-2")
    assert cli.admin("restore", str(backup)).code == 2  # no recovery key line
    restored = cli.admin("restore", str(backup), extra=[cli.recovery])
    assert restored.code == 0, restored.err
    assert cli.admin("audit", "verify", "--prove", extra=[cli.recovery]).code == 0  # a new checkpoint epoch
    listed = json.loads(cli.admin("station", "list", "--json").out)
    assert [s["name"] for s in listed] == []  # pack-1 was only a code at backup time; pack-2 came after


def test_a_real_process_init_and_status(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PACIFIC_HUB_")}
    env |= {"PACIFIC_HUB_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}

    def run(*argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "hub.cli", *argv], input=stdin, text=True, capture_output=True,
                              cwd=ROOT, env=env, timeout=120)  # fmt: skip

    init = run("init", stdin=ADMIN_PASSWORD + "\n")
    assert init.returncode == 0, init.stderr
    status = run("status", "--json")
    assert status.returncode == 0 and json.loads(status.stdout)["database"] == "sqlite"
    env["PACIFIC_HUB_ENV"] = "production"
    refused = run("serve")
    assert refused.returncode == 2 and "master key" in refused.stderr and "Traceback" not in refused.stderr


def test_every_admin_command_runs(cli: Cli) -> None:
    _init(cli)
    assert cli.admin("user", "add", "pat", "--role", "packer", "--badge", "B-1", extra=["482913"]).code == 0
    lead = cli.admin("user", "add", "lee", "--role", "lead", extra=["Lead-Passw0rd!x"])
    assert lead.code == 0 and "otpauth://" in lead.out
    code = cli.admin("station", "enrol", "pack-1").out.split()[-1]
    with common.opened() as hub:  # the station redeems its code
        hub.stations.enrol(code, "0.1.0")
    commands = [
        ["user", "disable", "pat"], ["user", "enable", "pat"], ["user", "unlock", "pat"],
        ["user", "role", "lee", "auditor"],
        ["station", "rename", "pack-1", "p1"], ["station", "rotate", "p1"], ["station", "revoke", "p1"],
        ["seller", "invite", "acme"], ["seller", "revoke", "acme"], ["seller", "forget", "acme", "--yes"],
    ]  # fmt: skip
    for argv in commands:
        result = cli.admin(*argv)
        assert result.code == 0, (argv, result.err)
    users = json.loads(cli.admin("user", "list", "--json").out)
    assert {u["name"]: u["role"] for u in users} == {"admin": "admin", "pat": "packer", "lee": "auditor"}
    assert json.loads(cli.admin("station", "list", "--json").out)[0]["state"] == "revoked"
    assert json.loads(cli.admin("seller", "list", "--json").out) == []
    assert cli.admin("seller", "forget", "acme").code == 2  # --yes is required
    assert cli.admin("station", "revoke", "nope").code == 2


def test_lock_unlock_and_central_settings_commands(cli: Cli) -> None:
    """Issue 13: incident mode and central settings from the command line (permission + audit in the services)."""
    _init(cli)
    assert cli.admin("lock").code == 0
    with common.opened() as hub:
        assert hub.events.locked()
    assert cli.admin("unlock").code == 0
    assert cli.admin("settings", "set", "label_format", '"ZPL"').code == 0
    refused = cli.admin("settings", "set", "label_format", '"GIF"')
    assert refused.code != 0 and "ZPL" in refused.err
    assert cli.admin("settings", "set", "rate_rules", "not json").code != 0
    listed = json.loads(cli.admin("settings", "list").out)
    assert listed["settings"] == {"label_format": "ZPL"}
    with common.opened() as hub:
        assert not hub.events.locked()
        assert hub.audit.rows.count(action="hub.locked") == 1 and hub.audit.rows.count(action="settings.changed") == 1

"""Point 10: the command line — --home/--as, secrets on stdin, exit codes; RBAC for every command."""

from __future__ import annotations

import json
from pathlib import Path

import pyotp
import pytest
import sqlcipher3

from station.domain import Role
from station.home import DB_FILE, STORE_KEY
from station.permissions import allowed
from station.store.db import code_schema_version
from tests.cli.conftest import Cli
from tests.station.support import (
    ADMIN,
    ADMIN_PW,
    PACKER_BADGE,
    PACKER_PIN,
    PASSWORDS,
    SELLER_ID,
    Crew,
    add_seller,
    make_order,
    pii_values,
)
from ui.cli import build_parser

ROLE_USERS = {"packer": "pat", "lead": "lead", "admin": ADMIN, "auditor": "auditor"}


def creds(crew: Crew, name: str) -> list[str]:
    """The stdin lines that log ``name`` in: badge code + PIN for the packer (with --badge), else password + TOTP."""
    if name == "pat":
        return [PACKER_BADGE, PACKER_PIN]
    return [ADMIN_PW if name == ADMIN else PASSWORDS[name], crew.code(name)]


def acting(name: str) -> list[str]:
    """The global options naming who acts: ``--badge`` for the packer (badge + PIN on stdin), else ``--as``."""
    return ["--badge"] if name == "pat" else ["--as", name]


def _files(home: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in home.iterdir() if p.is_file() and p.suffix != ".log"}


# -- init, --home, PACIFIC_STATION_HOME ---------------------------------------------------------
def test_init_prints_totp_and_recovery_key_once(cli: Cli) -> None:
    result = cli.run("init", "--admin", ADMIN, stdin=[ADMIN_PW])
    assert result.code == 0, result.err
    assert "otpauth://totp/" in result.out and "Recovery key" in result.out
    assert (cli.home / DB_FILE).exists() and not (cli.home / DB_FILE).read_bytes().startswith(b"SQLite format 3")
    again = cli.run("init", "--admin", ADMIN, stdin=[ADMIN_PW])
    assert again.code == 5 and "already holds a station" in again.err
    weak = cli.run("init", "--admin", "bob", stdin=["weakpassword"], home=cli.home.parent / "other")
    assert weak.code == 2 and not (cli.home.parent / "other" / DB_FILE).exists()


def test_home_from_environment(crew_cli: tuple[Crew, Cli], monkeypatch: pytest.MonkeyPatch) -> None:
    crew, cli = crew_cli
    monkeypatch.chdir(cli.home.parent)
    import contextlib
    import io

    from ui.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(creds(crew, ADMIN)) + "\n"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--as", ADMIN, "status", "--json"]) == 0  # PACIFIC_STATION_HOME, no --home
    assert json.loads(out.getvalue())["station_id"] == crew.station.config.station_id


# -- stdin lines and usage errors ---------------------------------------------------------------
def test_missing_stdin_lines_are_usage_errors(crew_cli: tuple[Crew, Cli]) -> None:
    crew, cli = crew_cli
    assert cli.run("--as", ADMIN, "status", stdin=[]).code == 2
    # A missing or empty TOTP line is a failed login (exit 4, audited), whatever the name: see item 10.
    assert cli.run("--as", ADMIN, "status", stdin=[ADMIN_PW]).code == 4
    assert cli.run("--as", ADMIN, "status", stdin=[ADMIN_PW, ""]).code == 4
    missing_pin = cli.run("--as", ADMIN, "user", "add", "sam", "--role", "packer", "--badge", "B9",
                          stdin=creds(crew, ADMIN))  # fmt: skip
    assert missing_pin.code == 2 and crew.station.store.operators.by_name("sam") is None
    assert cli.run("status", stdin=creds(crew, ADMIN)).code == 2  # no --as
    assert cli.run("no-such-command").code == 2
    assert cli.run("--as", ADMIN, "user", "add", "x", stdin=creds(crew, ADMIN)).code == 2  # --role missing
    packer = cli.run("--badge", "status", stdin=[PACKER_BADGE, PACKER_PIN])  # packers: badge, then PIN
    assert packer.code == 0, packer.err
    assert cli.run("--badge", "status", stdin=[PACKER_BADGE]).code == 2  # no PIN line


def test_secret_lines_are_never_echoed(crew_cli: tuple[Crew, Cli]) -> None:
    crew, cli = crew_cli
    result = cli.run("--as", ADMIN, "-v", "user", "add", "newlead", "--role", "lead",
                     stdin=[*creds(crew, ADMIN), "New-Lead-Secret-Value-123"])  # fmt: skip
    assert result.code == 0, result.err
    assert "New-Lead-Secret-Value-123" not in result.out + result.err
    logs = "".join(p.read_text() for p in (cli.home / "logs").glob("*"))
    assert "New-Lead-Secret-Value-123" not in logs and ADMIN_PW not in logs


@pytest.mark.parametrize(("argv", "hub_command"), [
    (("app-credentials", "set", "--client-id", "amzn1.application-oa2-client.x"), "pacific-hub app-credentials set"),
    (("app-credentials", "rotate"), "pacific-hub app-credentials"),
    (("seller", "add", SELLER_ID, "--name", "S", "--region", "na", "--marketplace", "ATVPDKIKX0DER",
      "--refresh-token-stdin"), "pacific-hub seller invite"),
    (("seller", "revoke", SELLER_ID), "pacific-hub seller revoke"),
])  # fmt: skip
def test_amazon_credential_commands_moved_to_the_hub(crew_cli: tuple[Crew, Cli], argv: tuple[str, ...],
                                                     hub_command: str) -> None:  # fmt: skip
    """Issue 13: the station holds no Amazon secret; these commands only say where they went, reading nothing."""
    crew, cli = crew_cli
    before = crew.station.secrets.names()
    result = cli.run("--as", ADMIN, *argv, stdin=[*creds(crew, ADMIN), "Atzr|a-refresh-token-value"])
    assert result.code == 2 and hub_command in result.err, result.err
    assert "Atzr" not in result.out + result.err
    assert crew.station.secrets.names() == before
    assert crew.station.store.sellers.get(SELLER_ID) is None


# -- authentication exit codes --------------------------------------------------------------------
def test_wrong_password_and_lockout_exit_4(crew_cli: tuple[Crew, Cli]) -> None:
    crew, cli = crew_cli
    for _ in range(5):
        result = cli.run("--as", "lead", "status", stdin=["Wrong-Password-1!", crew.code("lead")])
        assert result.code == 4 and result.err[-1] == "\n" and result.err.count("\n") == 1
    locked = cli.run("--as", "lead", "status", stdin=creds(crew, "lead"))
    assert locked.code == 4 and "Locked out" in locked.err
    assert cli.run("--as", ADMIN, "user", "unlock", "lead", stdin=creds(crew, ADMIN)).code == 0
    assert cli.run("--as", "lead", "status", stdin=creds(crew, "lead")).code == 0


def test_totp_replay_refused_through_the_cli(crew_cli: tuple[Crew, Cli]) -> None:
    crew, cli = crew_cli
    lines = creds(crew, "auditor")
    assert cli.run("--as", "auditor", "status", stdin=lines).code == 0
    assert cli.run("--as", "auditor", "status", stdin=lines).code == 4


def test_unknown_and_disabled_operators_exit_4(crew_cli: tuple[Crew, Cli]) -> None:
    crew, cli = crew_cli
    assert cli.run("--as", "ghost", "status", stdin=["Ghost-Password-1!"]).code == 4
    assert cli.run("--as", ADMIN, "user", "disable", "pat", stdin=creds(crew, ADMIN)).code == 0
    assert cli.run("--badge", "status", stdin=creds(crew, "pat")).code == 4


# -- store exit codes ---------------------------------------------------------------------------
def test_wrong_passphrase_or_none_exits_5_and_changes_nothing(crew_cli: tuple[Crew, Cli],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    crew, cli = crew_cli
    crew.station.close()
    before = _files(cli.home)
    monkeypatch.setenv("PACIFIC_STATION_PASSPHRASE", "not the passphrase")
    result = cli.run("--as", ADMIN, "status", stdin=creds(crew, ADMIN))
    assert result.code == 5 and result.err.count("\n") == 1 and "passphrase" in result.err
    monkeypatch.delenv("PACIFIC_STATION_PASSPHRASE")
    assert cli.run("--as", ADMIN, "status", stdin=creds(crew, ADMIN)).code == 5
    assert _files(cli.home) == before
    assert cli.run("--as", ADMIN, "status", stdin=creds(crew, ADMIN), home=cli.home.parent / "empty").code == 5
    crew.station = crew.station.open(cli.home, "test passphrase: not a real one", clock=crew.clock)


def test_damaged_or_foreign_store_exits_5_and_changes_nothing(crew_cli: tuple[Crew, Cli]) -> None:
    crew, cli = crew_cli
    crew.station.close()
    (cli.home / DB_FILE).write_bytes(b"not a database at all" * 500)
    before = _files(cli.home)
    result = cli.run("--as", ADMIN, "status", stdin=creds(crew, ADMIN))
    # Words of the message may be masked when earlier tests registered hostile buyer names (a "file" part).
    assert result.code == 5 and "Cannot open the station store: wrong key" in result.err
    assert _files(cli.home) == before
    crew.station = _reinit(crew)


def _reinit(crew: Crew):  # type: ignore[no-untyped-def]
    """Give the fixture a station to close after a test broke the home on purpose."""
    import shutil

    shutil.rmtree(crew.station.home)
    from station.app import Station

    return Station.init(crew.station.home, "p", ADMIN, ADMIN_PW, clock=crew.clock).station


def test_newer_schema_exits_5_and_changes_nothing(crew_cli: tuple[Crew, Cli]) -> None:
    crew, cli = crew_cli
    key = crew.station.secrets.get(STORE_KEY)
    assert key is not None
    crew.station.close()
    raw = sqlcipher3.connect(str(cli.home / DB_FILE))
    raw.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    raw.execute(f"PRAGMA user_version = {code_schema_version() + 1}")
    raw.close()
    before = _files(cli.home)
    result = cli.run("--as", ADMIN, "status", stdin=creds(crew, ADMIN))
    assert result.code == 5 and "newer than this program" in result.err
    assert _files(cli.home) == before
    crew.station = _reinit(crew)


# -- audit verify / export ----------------------------------------------------------------------
def test_audit_verify_exit_7_names_the_first_bad_row(crew_cli: tuple[Crew, Cli]) -> None:
    crew, cli = crew_cli
    ok = cli.run("--as", "auditor", "audit", "verify", stdin=creds(crew, "auditor"))
    assert ok.code == 0 and "chain intact" in ok.out
    conn = crew.station.store.db.conn
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit_events SET target = 'someone-else' WHERE seq = 3")
    bad = cli.run("--as", "auditor", "audit", "verify", stdin=creds(crew, "auditor"))
    assert bad.code == 7 and "row 3" in bad.err


def test_failed_cli_audit_verify_is_recorded_as_an_alert(crew_cli: tuple[Crew, Cli]) -> None:
    """Issue 10 item 11: a failed verify from the command line is an alert, not routine."""
    crew, cli = crew_cli
    ok = cli.run("--as", "auditor", "audit", "verify", stdin=creds(crew, "auditor"))
    assert ok.code == 0, ok.err
    conn = crew.station.store.db.conn
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit_events SET target = 'someone-else' WHERE seq = 3")
    bad = cli.run("--as", "auditor", "audit", "verify", stdin=creds(crew, "auditor"))
    assert bad.code == 7
    verified = crew.station.store.audit_rows.search(action="audit.verified", actor="auditor")
    assert [r.severity for r in verified] == ["alert", "info"]  # newest first
    assert crew.station.audit_access.recent_alerts(crew.login(ADMIN))[0].action == "audit.verified"


def test_cli_audit_verify_with_the_recovery_key_proves_the_chain(crew_cli: tuple[Crew, Cli]) -> None:
    """Item 5: the recovery key is the command's own secret line, after password and TOTP."""
    crew, cli = crew_cli
    plain = cli.run("--as", "auditor", "audit", "verify", stdin=creds(crew, "auditor"))
    assert plain.code == 0 and "station's own key only" in plain.out
    proven = cli.run("--as", "auditor", "audit", "verify", stdin=[*creds(crew, "auditor"), crew.recovery_key])
    assert proven.code == 0 and "proven forward-secure" in proven.out, proven.err
    assert crew.recovery_key not in proven.out + proven.err
    conn = crew.station.store.db.conn
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit_events SET target = 'someone-else' WHERE seq = 4")
    bad = cli.run("--as", "auditor", "audit", "verify", stdin=[*creds(crew, "auditor"), crew.recovery_key])
    assert bad.code == 7 and "row 4" in bad.err


def test_audit_verify_exit_7_after_truncation(crew_cli: tuple[Crew, Cli]) -> None:
    crew, cli = crew_cli
    conn = crew.station.store.db.conn
    conn.execute("DROP TRIGGER audit_no_delete")
    last = crew.station.store.audit_rows.last().seq  # type: ignore[union-attr]
    conn.execute("DELETE FROM audit_events WHERE seq >= ?", (last - 1,))
    bad = cli.run("--as", "auditor", "audit", "verify", stdin=creds(crew, "auditor"))
    # The login of this very command is sealed after the removed rows (the key state is ahead of them),
    # so the gap stays visible and is named.
    assert bad.code == 7 and f"rows {last - 1} to {last} removed" in bad.err


def test_audit_export_writes_json_lines(crew_cli: tuple[Crew, Cli], tmp_path: Path) -> None:
    crew, cli = crew_cli
    target = tmp_path / "audit.jsonl"
    result = cli.run("--as", "auditor", "audit", "export", "-o", str(target), stdin=creds(crew, "auditor"))
    assert result.code == 0, result.err
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    assert crew.station.store.audit_rows.search(action="audit.exported")[0].actor == "auditor"
    stdout = cli.run("--as", "auditor", "audit", "export", stdin=creds(crew, "auditor"))
    assert all(json.loads(line)["mac"] for line in stdout.out.splitlines())


# -- backup and restore through the CLI -------------------------------------------------------------
def test_backup_and_restore_through_the_cli(cli: Cli, tmp_path: Path) -> None:
    init = cli.run("init", "--admin", ADMIN, stdin=[ADMIN_PW])
    uri = next(line.strip() for line in init.out.splitlines() if "otpauth://" in line)
    lines = init.out.splitlines()
    recovery = lines[lines.index(next(x for x in lines if x.startswith("Recovery key"))) + 1].strip()
    totp = pyotp.parse_uri(uri)

    def code() -> str:
        cli.clock.advance(30)
        return totp.at(cli.clock.now())

    assert cli.run("--as", ADMIN, "user", "add", "restorer", "--role", "lead",
                   stdin=[ADMIN_PW, code(), "Restorer-Passw0rd!"]).code == 0  # fmt: skip
    backup = cli.run("--as", ADMIN, "backup", "--folder", str(tmp_path / "share"), stdin=[ADMIN_PW, code()])
    assert backup.code == 0, backup.err
    path = next((tmp_path / "share").glob("*.ppsbak"))
    new_home = tmp_path / "new-pc"
    missing = cli.run("--as", ADMIN, "restore", str(path), stdin=[ADMIN_PW, code()], home=new_home)
    assert missing.code == 2 and not (new_home / DB_FILE).exists()
    restored = cli.run("--as", ADMIN, "restore", str(path), stdin=[ADMIN_PW, code(), recovery], home=new_home)
    assert restored.code == 0, restored.err
    listed = cli.run("--as", ADMIN, "user", "list", "--json", stdin=[ADMIN_PW, code()], home=new_home)
    assert "restorer" in [u["name"] for u in json.loads(listed.out)]
    verify = cli.run("--as", ADMIN, "audit", "verify", stdin=[ADMIN_PW, code()], home=new_home)
    assert verify.code == 0, verify.err


# -- PII stays out of what the CLI prints and logs ------------------------------------------------
def test_no_pii_in_cli_output_or_logs(crew_cli: tuple[Crew, Cli], tmp_path: Path) -> None:
    crew, cli = crew_cli
    add_seller(crew.station)
    order = make_order("111-6000000-0000001")
    crew.station.store.orders.upsert(order, now="t")
    crew.station.buyer_data.view_address(crew.login(ADMIN), order.order_id)
    outputs = []
    for argv, name in ((("status", "--json"), ADMIN), (("audit", "export"), "auditor"), (("purge", "--dry-run"), ADMIN),
                       (("settings", "list"), "lead"), (("seller", "list"), ADMIN)):  # fmt: skip
        result = cli.run("--as", name, "-v", *argv, stdin=creds(crew, name))
        assert result.code == 0, result.err
        outputs.append(result.out + result.err)
    logs = "".join(p.read_text() for p in (cli.home / "logs").glob("*"))
    for value in pii_values(order.order_id):
        assert all(value not in text for text in outputs)
        assert value not in logs


# -- the RBAC matrix: every role x every command -----------------------------------------------------
def _commands(tmp: Path) -> list[tuple[tuple[str, ...], list[str], str]]:
    """(argv, the command's own stdin lines, the permission it needs), destructive ones last."""
    return [
        (("status",), [], "status.view"),
        (("settings", "list"), [], "status.view"),
        (("settings", "set", "station_name", '"Bench 4"'), [], "settings.change"),
        (("user", "list"), [], "user.list"),
        (("user", "add", "newbie", "--role", "packer", "--badge", "B-NEWBIE"), ["5678"], "user.add"),
        (("user", "badge", "victim", "--badge", "B-VICTIM-NEW"), [], "user.badge"),
        (("user", "language", "victim", "es"), [], "user.language"),
        (("user", "unlock", "victim"), [], "user.unlock"),
        (("user", "disable", "victim"), [], "user.disable"),
        (("user", "enable", "victim"), [], "user.enable"),
        (("seller", "list"), [], "seller.list"),
        (("sync", "--once"), [], "sync.run"),
        (("hub", "join", "http://127.0.0.1:9"), ["not-a-code"], "hub.join"),  # no hub there: unreachable, not 3
        (("devices",), [], "device.configure"),
        (("devices", "use", "printer", "--virtual", str(tmp / "labels")), [], "device.configure"),
        (("purge", "--dry-run"), [], "purge.run"),
        (("purge",), [], "purge.run"),
        (("audit", "verify"), [], "audit.verify"),
        (("audit", "export", "-o", str(tmp / "audit.jsonl")), [], "audit.export"),
        (("backup", "--folder", str(tmp / "backups")), [], "backup.run"),
        (("seller", "forget", "A2FORGETSELLER1"), [], "seller.forget"),
        (("lock",), [], "station.lock"),
        (("unlock",), [], "station.unlock"),
    ]


def _leaf_commands() -> set[tuple[str, ...]]:
    """Every command path of the parser that runs a handler."""
    import argparse

    found: set[tuple[str, ...]] = set()

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        if parser.get_default("handler") is not None:
            found.add(path)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    walk(child, (*path, name))

    walk(build_parser(), ())
    return found


def test_matrix_covers_every_command(tmp_path: Path) -> None:
    covered = {tuple(a for a in argv if not a.startswith("-") and a not in ("printer",))[:2]
               for argv, _, _ in _commands(tmp_path)}  # fmt: skip
    covered = {c if c[0] in ("user", "seller", "settings", "audit", "app-credentials", "devices", "hub") else c[:1]
               for c in covered}  # fmt: skip
    without_session = {("init",), ("restore",), ("demo",), ("sim",), ("run",), ("app-credentials",),
                       ("seller", "add"), ("seller", "revoke")}  # the last three moved to the hub (issue 13)
    missing = _leaf_commands() - covered - without_session
    assert not missing, f"commands missing from the RBAC matrix: {sorted(missing)}"


@pytest.mark.parametrize("role", ["packer", "lead", "admin", "auditor"])
def test_rbac_matrix(crew_cli: tuple[Crew, Cli], role: str, tmp_path: Path) -> None:
    crew, cli = crew_cli
    st = crew.station
    add_seller(st)
    add_seller(st, "A2FORGETSELLER1", "Forget Me")
    st.auth.add_operator(crew.login(ADMIN), "victim", Role.PACKER, "1111", badge="B-VICTIM")
    name = ROLE_USERS[role]
    wrong = []
    for argv, extra, action in _commands(tmp_path):
        denied_before = len(st.store.audit_rows.search(action="permission.denied", actor=name, limit=10_000))
        result = cli.run(*acting(name), *argv, stdin=[*creds(crew, name), *extra])
        denied = st.store.audit_rows.search(action="permission.denied", actor=name, limit=10_000)
        if allowed(role, action):
            if result.code == 3 or len(denied) != denied_before:
                wrong.append(f"{' '.join(argv)}: allowed for {role} but refused ({result.code})")
        else:
            attempted = json.loads(denied[0].detail).get("attempted") if denied else None
            if result.code != 3 or len(denied) != denied_before + 1 or attempted != action:
                wrong.append(f"{' '.join(argv)}: exit {result.code}, denial rows {len(denied) - denied_before}, "
                             f"attempted {attempted!r}; expected exit 3 and one row for {action}")  # fmt: skip
        assert result.code != 4, f"{argv}: login failed: {result.err}"
    assert not wrong, "\n".join(wrong)
    assert st.audit.verify().ok


# -- operator language (issue 15, Spanish) -------------------------------------------------------
def test_user_add_with_language_and_user_language(crew_cli: tuple[Crew, Cli]) -> None:
    crew, cli = crew_cli
    added = cli.run("--as", ADMIN, "user", "add", "rosa", "--role", "packer", "--badge", "B-ROSA", "--language", "es",
                    stdin=[*creds(crew, ADMIN), "4826"])  # fmt: skip
    assert added.code == 0, added.err
    assert crew.station.store.operators.by_name("rosa").language == "es"
    switched = cli.run("--as", "lead", "user", "language", "rosa", "en", stdin=creds(crew, "lead"))
    assert switched.code == 0 and "next login" in switched.out
    assert crew.station.store.operators.by_name("rosa").language == "en"
    refused = cli.run("--as", "lead", "user", "language", "rosa", "fr", stdin=creds(crew, "lead"))
    assert refused.code == 2
    assert cli.run("--badge", "user", "language", "pat", "es", stdin=creds(crew, "pat")).code == 3

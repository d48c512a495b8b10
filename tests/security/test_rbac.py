"""Every role against every action, service entry point, admin screen and CLI command.

Only what ``station.permissions`` allows succeeds; every denial is refused with PermissionDenied
(CLI exit code 3) and written to the audit trail as ``permission.denied`` naming the operator.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from station.domain import Rate, Role
from station.errors import PermissionDenied, StationError
from station.permissions import ALL_ACTIONS, PERMISSIONS, allowed
from station.services.auth import SYSTEM_SESSION, Session
from station.services.shipping import BoxInput
from tests.station.support import (
    ADMIN,
    ADMIN_PW,
    PACKER_BADGE,
    PACKER_PIN,
    PASSPHRASE,
    PASSWORDS,
    SELLER_ID,
    Crew,
    add_seller,
    make_order,
)

ORDER = "111-0000009-0000001"
RATE = Rate("token", "rate", "UPS", "UPS", "GND", "Ground", 5.0, "USD")


class _Printer:
    name, dpi = "null", 203

    def print_label(self, data: bytes, *, fmt: str, size: str = "4x6") -> None:
        return None

    def status(self) -> str:
        return "ready"


def _sessions(crew: Crew) -> dict[str, Session]:
    return {
        "packer": crew.station.auth.login_badge(PACKER_BADGE, PACKER_PIN),
        "lead": crew.login("lead"),
        "admin": crew.login(ADMIN),
        "auditor": crew.login("auditor"),
        "system": SYSTEM_SESSION,
    }


def _denials(crew: Crew) -> list[Any]:
    return crew.station.store.audit_rows.search(action="permission.denied", limit=100_000)


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_the_table_decides_every_action_and_every_denial_is_audited(crew: Crew, role: str) -> None:
    session = _sessions(crew)[role]
    for action in sorted(ALL_ACTIONS | {"no.such.action", "", "ADMIN", "audit.delete"}):
        before = len(_denials(crew))
        if allowed(role, action):
            crew.station.auth.authorize(session, action, target="t")
            assert len(_denials(crew)) == before
        else:
            with pytest.raises(PermissionDenied):
                crew.station.auth.authorize(session, action, target="t")
            rows = _denials(crew)
            assert len(rows) == before + 1, action
            newest = max(rows, key=lambda r: r.seq)
            assert newest.actor == session.name and json.loads(newest.detail)["attempted"] == action


def test_least_privilege_shape_of_the_table() -> None:
    packer, lead, admin = PERMISSIONS[Role.PACKER], PERMISSIONS[Role.LEAD], PERMISSIONS[Role.ADMIN]
    assert packer < lead < admin
    assert not PERMISSIONS[Role.AUDITOR] & {"order.address.view", "label.buy", "user.add", "credentials.set"}
    assert not PERMISSIONS[Role.SYSTEM] & {"order.address.view", "user.add", "seller.add", "credentials.set",
                                           "audit.export", "station.unlock"}  # fmt: skip
    assert {"user.add", "credentials.rotate", "seller.revoke", "station.lock", "audit.export"} <= admin - lead


def _entry_points(crew: Crew) -> list[tuple[str, Callable[[Session], Any]]]:
    """(action, call) for every permission-checked service entry point the screens and CLI use."""
    st = crew.station
    box = [BoxInput(((f"{ORDER}-0", 1), (f"{ORDER}-1", 2)), 1.0, 10, 8, 4)]
    return [
        ("order.open", lambda s: st.pack.open_order(s, ORDER)),
        ("order.open", lambda s: st.pack.next_order(s)),
        ("order.pack", lambda s: st.pack.scan(s, ORDER, "012345678905")),
        ("order.pack", lambda s: st.pack.add_units(s, ORDER, f"{ORDER}-0", 1)),
        ("order.pack", lambda s: st.pack.capture_serial(s, ORDER, f"{ORDER}-0", "SN1")),
        ("order.release", lambda s: st.pack.release(s, ORDER)),
        ("order.exception.raise", lambda s: st.pack.raise_exception(s, "111-0000000-0000000", "short")),
        ("order.exception.resolve", lambda s: st.pack.exceptions(s)),
        ("order.exception.resolve", lambda s: st.pack.resolve_exception(s, ORDER, "requeue")),
        ("order.ship", lambda s: st.shipping.create_boxes(s, ORDER, box)),
        ("order.ship", lambda s: st.shipping.ship_external(s, ORDER, 999, carrier="UPS", service="", tracking="1Z")),
        ("rates.get", lambda s: st.shipping.rates(s, ORDER, 999)),
        ("label.buy", lambda s: st.shipping.buy_label(s, ORDER, 999, RATE)),
        ("label.buy", lambda s: st.shipping.buy_parked(s)),
        ("label.print", lambda s: st.shipping.print_label(s, 999, _Printer())),
        ("label.reprint", lambda s: st.shipping.print_label(s, 999, _Printer(), reprint=True)),
        ("label.void", lambda s: st.shipping.void_label(s, 999, "damaged")),
        ("manifest.print", lambda s: st.shipping.manifest(s, "2026", "2027")),
        ("order.address.view", lambda s: st.buyer_data.view_address(s, ORDER)),
        ("user.add", lambda s: st.auth.add_operator(s, "x" + s.role.value, Role.ADMIN, "Eve-Password-123!")),
        ("user.list", lambda s: st.auth.list_operators(s)),
        ("user.disable", lambda s: st.auth.disable(s, "nobody")),
        ("user.unlock", lambda s: st.auth.unlock(s, "nobody")),
        ("seller.list", lambda s: st.sellers.list(s)),
        ("seller.list", lambda s: st.sellers.overview(s)),
        ("seller.forget", lambda s: st.sellers.forget(s, "A1NOSUCHSELLER0")),
        ("purge.run", lambda s: st.retention.purge(s, dry_run=True)),
        ("settings.change", lambda s: st.change_setting(s, "idle_lock_minutes", 5)),
        ("audit.verify", lambda s: st.audit_access.verify(s)),
        ("station.lock", lambda s: st.lock(s)),
        ("station.unlock", lambda s: st.unlock(s)),
    ]


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_every_service_entry_point_obeys_the_table(crew: Crew, role: str) -> None:
    add_seller(crew.station)
    crew.station.store.orders.upsert(make_order(ORDER), now="t")
    session = _sessions(crew)[role]
    for action, call in _entry_points(crew):
        before = len(_denials(crew))
        if allowed(role, action):
            try:
                call(session)
            except PermissionDenied as exc:  # pragma: no cover - the assertion message is the point
                raise AssertionError(f"{role} was refused {action}") from exc
            except StationError:
                pass  # allowed, then refused for a business reason (no such box, not held...)
        else:
            with pytest.raises(PermissionDenied, match=action.replace(".", r"\.")):
                call(session)
            assert len(_denials(crew)) == before + 1, f"{role} denied {action} without an audit row"
    assert crew.station.store.operators.by_name("x" + role) is None or allowed(role, "user.add")


def test_each_admin_screen_is_denied_to_roles_without_its_action() -> None:
    admin_screens = pytest.importorskip("ui.admin")
    specs = admin_screens.screens()
    assert specs and all(spec.required_action in ALL_ACTIONS for spec in specs)
    for role in Role:
        shown = {spec.title for spec in admin_screens.screens_for(role)}
        for spec in specs:
            assert (spec.title in shown) == allowed(role, spec.required_action), (role, spec.title)
    assert not admin_screens.screens_for(Role.PACKER)


# -- the command line: each command as each role ---------------------------------------------
# Every command the parser knows, with the action it needs, extra arguments and extra stdin lines.
# The list is checked against the parser itself, so a new command cannot be left out.
CLI_COMMANDS: dict[str, tuple[str, list[str], list[str]]] = {
    "user list": ("user.list", [], []),
    "user add": ("user.add", ["mallory", "--role", "admin"], ["Mallory-Password-1!"]),
    "user disable": ("user.disable", ["admin2"], []),
    "user enable": ("user.enable", ["admin2"], []),
    "user unlock": ("user.unlock", ["admin2"], []),
    "user badge": ("user.badge", ["pat", "--badge", "BADGE-RBAC-{who}"], []),
    "user language": ("user.language", ["pat", "es"], []),
    "seller list": ("seller.list", [], []),
    "seller forget": ("seller.forget", [SELLER_ID], []),
    "purge": ("purge.run", ["--dry-run"], []),
    "audit verify": ("audit.verify", [], []),
    "audit export": ("audit.export", ["-o", "{tmp}/audit.jsonl"], []),
    "backup": ("backup.run", ["--folder", "{tmp}/backups"], []),
    "lock": ("station.lock", [], []),
    "unlock": ("station.unlock", [], []),
    "status": ("status.view", [], []),
    "settings list": ("status.view", [], []),
    "settings set": ("settings.change", ["idle_lock_minutes", "7"], []),
    "sync": ("sync.run", ["--once"], []),
    "hub join": ("hub.join", ["http://127.0.0.1:9"], ["not-a-code"]),  # no hub there: unreachable, never exit 3
    "devices": ("device.configure", [], []),
    "devices use": ("device.configure", ["printer", "--virtual", "{tmp}/printer"], []),
}
# Commands that log nobody in here: init creates the first admin, restore logs the backed-up
# station's admin in (tested below), sim/demo run throwaway homes, run opens the GUI's login; the
# commands that moved to the hub (issue 13) only say where they went.
NO_SESSION_COMMANDS = {"init", "restore", "sim", "demo", "run", "app-credentials", "seller add", "seller revoke"}


def _parser_commands() -> set[str]:
    """Every runnable command path of the real parser (e.g. "user badge", "devices", "devices use")."""
    import argparse

    from ui.cli import build_parser

    found: set[str] = set()

    def walk(parser: argparse.ArgumentParser, prefix: tuple[str, ...]) -> None:
        if prefix and parser.get_default("handler") is not None:
            found.add(" ".join(prefix))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    walk(child, (*prefix, name))

    walk(build_parser(), ())
    return found


def test_the_rbac_command_list_is_the_parsers_command_list() -> None:
    assert set(CLI_COMMANDS) | NO_SESSION_COMMANDS == _parser_commands()
    assert all(action in ALL_ACTIONS for action, _a, _s in CLI_COMMANDS.values())


def _login_lines(crew: Crew, who: str) -> tuple[list[str], list[str]]:
    """(global options, stdin lines) that log ``who`` in: packers by badge + PIN, others by name."""
    if who == "pat":
        return ["--badge"], [PACKER_BADGE, PACKER_PIN]
    return ["--as", who], [ADMIN_PW if who == ADMIN else PASSWORDS[who], crew.code(who)]


def _cli(crew: Crew, argv: list[str], lines: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    from ui import cli

    monkeypatch.setenv("PACIFIC_STATION_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr("station.app.SystemClock", lambda: crew.clock)  # TOTP codes from the crew's clock
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    return int(cli.main(["--home", str(crew.station.home), *argv]))


@pytest.mark.parametrize("who", ["pat", "auditor", "lead"])
def test_cli_commands_refuse_roles_without_the_action(crew: Crew, who: str, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    add_seller(crew.station)
    monkeypatch.setattr("ui.wiring.sync_once", lambda station: ["(no upstream in this test)"])
    role = {"pat": Role.PACKER, "auditor": Role.AUDITOR, "lead": Role.LEAD}[who]
    for command, (action, extra, secrets) in CLI_COMMANDS.items():
        argv = [a.replace("{tmp}", str(tmp_path)).replace("{who}", who) for a in [*command.split(), *extra]]
        options, credentials = _login_lines(crew, who)
        code = _cli(crew, [*options, *argv], credentials + secrets, monkeypatch)
        if allowed(role, action):
            assert code not in (3, 4), (who, command, code)
        else:
            assert code == 3, (who, command, code)
    from station.app import Station

    station = Station.open(crew.station.home, PASSPHRASE, clock=crew.clock)
    try:
        denied = station.store.audit_rows.search(action="permission.denied", limit=1000)
        refused = [a for a, _x, _s in CLI_COMMANDS.values() if not allowed(role, a)]
        actor = "pat" if who == "pat" else who
        assert sorted(json.loads(r.detail)["attempted"] for r in denied if r.actor == actor) == sorted(refused)
        assert station.store.operators.by_name("mallory") is None
        assert station.store.sellers.get(SELLER_ID) is not None
        assert station.store.sellers.get("A1RBACSELLER001") is None
        assert not station.store.operators.by_name("admin2").disabled  # type: ignore[union-attr]
    finally:
        station.close()


@pytest.mark.parametrize("who", ["pat", "auditor", "lead"])
def test_cli_restore_refuses_all_but_the_stations_admins(crew: Crew, who: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from ui import cli

    info = crew.station.backup(crew.login(ADMIN), tmp_path / "backups")
    target = tmp_path / "restored"
    secret = PACKER_PIN if who == "pat" else PASSWORDS[who]  # restore logs in by name: a packer never can
    lines = [secret, crew.code(who) if who != "pat" else "000000", crew.recovery_key]
    monkeypatch.setenv("PACIFIC_STATION_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr("station.app.SystemClock", lambda: crew.clock)
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    code = cli.main(["--home", str(target), "--as", who, "restore", str(info.path)])
    assert code in (3, 4), code
    assert not (target / "station.db").exists()


def test_admin_runs_the_incident_commands(crew: Crew, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add_seller(crew.station)
    admin = [ADMIN_PW]
    assert _cli(crew, ["--as", ADMIN, "lock"], [*admin, crew.code(ADMIN)], monkeypatch) == 0
    assert _cli(crew, ["--badge", "status"], [PACKER_BADGE, PACKER_PIN], monkeypatch) == 4  # locked: packers refused
    out = tmp_path / "audit.jsonl"
    assert _cli(crew, ["--as", ADMIN, "audit", "export", "-o", str(out)], [*admin, crew.code(ADMIN)], monkeypatch) == 0
    actions = [json.loads(line)["action"] for line in out.read_text().splitlines()]
    assert "station.locked" in actions and "login.failed" in actions
    assert _cli(crew, ["--as", ADMIN, "unlock"], [*admin, crew.code(ADMIN)], monkeypatch) == 0

"""Property tests: hostile input never crashes a parser or injects a printer command.

Anything hypothesis finds here becomes an explicit regression example (``@example``).
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from drivers.barcodes import classify
from drivers.labels.tspl import TsplBuilder
from drivers.labels.zpl import ZplBuilder
from drivers.scanners.wedge import Rejected, Scan, Typed, WedgeDecoder
from station.errors import StationError
from sync import mapping
from tests.fuzz.conftest import hostile_text

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


# -- barcodes and the keyboard wedge ---------------------------------------------------------------
@FAST
@given(hostile_text())
@example("]C1\x1d0100012345678905\x1d10LOT")
@example("1Z" + "9" * 200)
def test_classify_never_crashes_and_keeps_its_value_printable(code: str) -> None:
    found = classify(code)
    assert isinstance(found.kind, str) and found.kind
    assert isinstance(found.value, str)


@FAST
@given(st.lists(st.tuples(st.one_of(st.characters(), st.sampled_from(["\r", "\n", "\t", "\x1d"])),
                          st.floats(0, 0.5, allow_nan=False)), max_size=300))  # fmt: skip
def test_wedge_accounts_for_every_key_exactly_once(keys: list[tuple[str, float]]) -> None:
    decoder, t, events = WedgeDecoder(), 0.0, []
    for key, gap in keys:
        t += gap
        events += decoder.feed(key, t)
    events += decoder.poll(t + 10)
    events += decoder.flush()
    assert not decoder.busy
    assert sum(e.keys for e in events) == len(keys)
    for event in events:
        assert isinstance(event, Scan | Typed | Rejected)
        if isinstance(event, Scan):
            assert 0 < len(event.code) <= decoder.config.max_length


# -- printer languages: no field can inject a command -------------------------------------------------
@FAST
@given(hostile_text())
@example("^XZ^XA^FDinjected^FS~JA")
@example("_5E_7E")
def test_zpl_fields_are_hex_escaped(value: str) -> None:
    job = ZplBuilder(812, 1218, charset="utf-8").text(10, 10, value).qr(10, 300, value).build().decode("ascii")
    assert job.count("^XA") == 1 and job.count("^XZ") == 1 and "~" not in job
    for field in re.findall(r"\^FD(.*?)\^FS", job):
        assert "^" not in field and "~" not in field
        assert re.fullmatch(r"(?:[^_]|_[0-9A-F]{2})*", field), field


@FAST
@given(hostile_text())
@example('"\r\nPRINT 99\r\n')
def test_tspl_fields_cannot_break_out_of_their_string(value: str) -> None:
    job = TsplBuilder("4x6").text(10, 10, value).build().decode("cp1252")
    lines = job.split("\r\n")
    assert lines[-1] == "" and lines[-2] == "PRINT 1,1" and sum(1 for line in lines if line.startswith("PRINT")) == 1
    text_line = next(line for line in lines if line.startswith("TEXT"))
    literal = text_line.split(",", 6)[6]
    assert literal.startswith('"') and literal.endswith('"')
    assert '"' not in literal[1:-1].replace('\\["]', "")
    assert "\n" not in literal and "\r" not in literal


# -- SP-API payload mapping ------------------------------------------------------------------------
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=6),
    max_leaves=25,
)


def _sample_order() -> dict[str, Any]:
    from sync.simulator import start_simulator

    with start_simulator(seed=3, orders=5) as sim:
        return sim.order_payload(sim.order_ids()[0])


SAMPLE = _sample_order()


def _mutate(data: Any, path: list[int], replacement: Any) -> Any:
    """Replace (or drop, for None) the node reached by following ``path`` indices."""
    data = copy.deepcopy(data)
    node = data
    for step in path:
        if isinstance(node, dict) and node:
            key = sorted(node)[step % len(node)]
            if not isinstance(node[key], dict | list) or step > 6:
                if replacement is None:
                    del node[key]
                else:
                    node[key] = replacement
                return data
            node = node[key]
        elif isinstance(node, list) and node:
            node = node[step % len(node)]
        else:
            break
    return data


def _map_everything(body: Any) -> None:
    for call in (
        lambda: mapping.orders_from_search("A1SELLER", body),
        lambda: mapping.order_from_payload("A1SELLER", body),
        lambda: mapping.rates_from_payload(body),
        lambda: mapping.recipient_from_payload(body),
        lambda: mapping.label_bytes(body, "ZPL"),
        lambda: mapping.marketplace_ids_from_participations(body if isinstance(body, list) else [body]),
    ):
        with contextlib.suppress(StationError):  # a typed refusal is fine; KeyError/TypeError is a bug
            call()


@FAST
@given(JSON)
def test_arbitrary_json_maps_or_is_refused_with_a_typed_error(body: Any) -> None:
    _map_everything(body)
    _map_everything({"orders": [body], "pagination": body})
    _map_everything({"payload": body})


@FAST
@given(st.lists(st.integers(0, 50), min_size=1, max_size=8), JSON)
def test_schema_violating_orders_never_crash_mapping(path: list[int], replacement: Any) -> None:
    broken = _mutate(SAMPLE, path, replacement)
    _map_everything({"orders": [broken]})
    _map_everything(broken)


@FAST
@given(st.integers(0, len(json.dumps(SAMPLE))))
def test_truncated_bodies_are_malformed_not_crashes(cut: int) -> None:
    text = json.dumps({"orders": [SAMPLE]})[:cut]
    try:
        body = json.loads(text)
    except ValueError:
        return  # the HTTP client reports MalformedBody; tests/sync covers that path
    _map_everything(body)


# -- the command line ----------------------------------------------------------------------------
WORDS = st.sampled_from(
    [
        "user",
        "add",
        "list",
        "seller",
        "forget",
        "audit",
        "export",
        "verify",
        "--as",
        "--home",
        "--json",
        "--role",
        "admin",
        "lock",
        "purge",
        "--dry-run",
        "settings",
        "set",
        "sync",
        "--once",
        "-o",
        "devices",
        "backup",
        "status",
        "--badge",
        "app-credentials",
        "rotate",
    ]
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(WORDS, hostile_text()), max_size=7), st.text(max_size=200))
def test_cli_never_crashes_on_arguments_or_stdin(tmp_path_factory: pytest.TempPathFactory, argv: list[str],
                                                 stdin: str) -> None:  # fmt: skip
    from ui import cli

    home = tmp_path_factory.mktemp("cli") / "home"  # never initialised: every command must fail cleanly
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PACIFIC_STATION_PASSPHRASE", "x")
        mp.setattr("sys.stdin", io.StringIO(stdin))
        mp.setattr("sys.stdout", io.StringIO())
        mp.setattr("sys.stderr", io.StringIO())
        argv = [a for a in argv if a not in ("demo", "sim", "init", "restore")]
        code = cli.main(["--home", str(home), *argv])
    assert isinstance(code, int) and code != 1, argv  # 1 = internal error: a crash


def _session_commands() -> list[tuple[list[str], list[str]]]:
    """(command, valid arguments) for every command that logs someone in: the RBAC table, which a test
    keeps equal to the real parser's command list, so a new command is fuzzed too."""
    from tests.security.test_rbac import CLI_COMMANDS

    return [(name.split(), extra) for name, (_action, extra, _stdin) in sorted(CLI_COMMANDS.items())]


def _safe_arg(arg: str) -> str:
    # Commands write files (backup, audit export, devices use --virtual): keep every path inside the
    # example's working folder, and keep the fuzz off the network (no refresh token to verify).
    if "/" in arg or "\\" in arg or arg.startswith("~") or arg == "--refresh-token-stdin":
        return "x"
    return arg


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(_session_commands()), st.integers(0, 8), st.one_of(WORDS, hostile_text()),
       st.sampled_from(["alice", "alice", "lead", "pat"]), st.lists(hostile_text(), max_size=3))  # fmt: skip
def test_logged_in_cli_commands_never_crash(crew: Any, tmp_path_factory: pytest.TempPathFactory,
                                            command: tuple[list[str], list[str]], at: int, value: str, who: str,
                                            extra: list[str]) -> None:  # fmt: skip
    """Issue 10: the fuzz reaches past login: real operators run every command with hostile arguments."""
    from tests.station.support import ADMIN_PW, PACKER_BADGE, PACKER_PIN, PASSPHRASE, PASSWORDS
    from ui import cli

    st_ = crew.station
    if who == "pat":
        options, lines = ["--badge"], [PACKER_BADGE, PACKER_PIN]
    else:
        options, lines = ["--as", who], [ADMIN_PW if who == "alice" else PASSWORDS[who], crew.code(who)]
    stdin = "".join(line.replace("\n", " ").replace("\r", " ") + "\n" for line in [*lines, *extra])
    work = tmp_path_factory.mktemp("cli-in")
    err = io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(work)
        mp.setenv("PACIFIC_STATION_PASSPHRASE", PASSPHRASE)
        mp.setattr("station.app.SystemClock", lambda: crew.clock)
        mp.setattr("ui.wiring.sync_once", lambda station: [])  # no upstream here: tests/sync covers it
        mp.setattr("sys.stdin", io.StringIO(stdin))
        mp.setattr("sys.stdout", io.StringIO())
        mp.setattr("sys.stderr", err)
        # Valid arguments, one of them replaced by a hostile value (or none, so the hostile stdin lines
        # reach the command): most examples get past the parser into the command itself.
        words, args = command[0], [a.replace("{tmp}", ".").replace("{who}", who) for a in command[1]]
        if at < len(args):
            args[at] = value
        code = cli.main(["--home", str(st_.home), *options, *words, *[_safe_arg(a) for a in args]])
    assert isinstance(code, int) and code != 1, (words, args, err.getvalue())
    assert "Traceback" not in err.getvalue()
    # Undo what an example may have done to the crew, so the next one still logs in.
    for name in ("alice", "lead", "pat"):
        st_.store.operators.set_disabled(name, False)
        st_.store.operators.unlock(name)
    st_.store.settings.set("station_locked", False, now="t", by="test")


@FAST
@given(st.text(max_size=300))
def test_secret_lines_read_in_order_or_refuse(stdin: str) -> None:
    from station.errors import UsageError
    from station.secret_lines import SecretLines

    lines = SecretLines(io.StringIO(stdin))
    for what in ("password", "TOTP code", "secret"):
        try:
            value = lines.next(what)
        except UsageError:
            break
        assert value and "\n" not in value and not value.endswith("\r")


# -- the FBA prep catalogue CSV import -----------------------------------------------------------
SAMPLE_CELLS = ["", "0012345678905", "X00ABCDE12", "yes", "no", "Labeling", "Polybagging", "B00ABCDEFG", "New"]
CELLS = st.one_of(hostile_text(), st.sampled_from([*SAMPLE_CELLS, '"', ",", "\ufeff"]))


@FAST
@given(st.lists(st.lists(CELLS, max_size=9), max_size=12), st.booleans())
def test_catalogue_csv_import_reports_bad_rows_and_never_crashes(crew: Any, rows: list[list[str]],
                                                                 with_header: bool) -> None:  # fmt: skip
    import csv

    from station.services.catalog_import import CatalogImportService
    from tests.station.support import SYSTEM_ADMIN, add_seller

    station = crew.station
    if station.store.sellers.get("A1SELLER0000001") is None:
        add_seller(station)
    lead = SYSTEM_ADMIN
    out = io.StringIO()
    writer = csv.writer(out)
    if with_header:
        writer.writerow(["SKU", "ASIN", "FNSKU", "UPC/EAN", "Title", "Condition", "Expiry required", "Prep types"])
    writer.writerows(rows)
    service = CatalogImportService(station.store, station.auth, station.audit, crew.clock)
    try:
        report = service.import_csv(lead, "A1SELLER0000001", out.getvalue())
    except StationError:
        return
    assert report.imported + len({e.line for e in report.errors}) <= report.rows + len(report.errors)
    assert report.imported <= report.rows

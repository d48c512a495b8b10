"""Run `pacific-station` in-process: stdin lines from a list, a virtual clock shared with the test."""

from __future__ import annotations

import contextlib
import io
import logging
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import station.app
from station.clock import VirtualClock
from station.home import PASSPHRASE_ENV
from tests.station.support import PASSPHRASE, SHIFT_START_UTC, Crew, make_crew
from ui.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str


class Cli:
    def __init__(self, home: Path, clock: VirtualClock, monkeypatch: pytest.MonkeyPatch):
        self.home = home
        self.clock = clock
        self._monkeypatch = monkeypatch

    def run(self, *argv: str, stdin: list[str] | None = None, home: Path | None = None) -> Result:
        text = "".join(line + "\n" for line in (stdin or []))
        self._monkeypatch.setattr(sys, "stdin", io.StringIO(text))
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--home", str(home or self.home), *argv])
        return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli(tmp_home: Path, fast_argon2: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cli]:
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    clock = VirtualClock(SHIFT_START_UTC)
    monkeypatch.setattr(station.app, "SystemClock", lambda: clock)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the CLI installs its crash hook
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    root = logging.getLogger()
    saved = list(root.handlers), root.level
    yield Cli(tmp_home, clock, monkeypatch)
    for handler in list(root.handlers):
        if handler not in saved[0]:
            handler.close()
            root.removeHandler(handler)
    root.setLevel(saved[1])


@pytest.fixture
def crew_cli(cli: Cli) -> Iterator[tuple[Crew, Cli]]:
    """A station made through the API (one operator per role), driven through the CLI."""
    crew = make_crew(cli.home, cli.clock)
    yield crew, cli
    crew.station.close()

"""Issue 10 item 13: the station passphrase leaves the environment once the GUI has read it."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

import ui.app
from station.app import Station
from station.home import PASSPHRASE_ENV

SECRET = "the station passphrase, only for this test"


class _Closable:
    def close(self) -> None:
        pass


def test_gui_children_do_not_inherit_the_station_passphrase(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(PASSPHRASE_ENV, SECRET)
    opened: list[Any] = []
    seen_by_child: list[str] = []

    def fake_open(home: Path, passphrase: str | None, **_: Any) -> _Closable:
        opened.append(passphrase)
        return _Closable()

    def fake_window(*_: Any, **__: Any) -> int:
        # What a sound player or `lp` started from the running window would see.
        probe = f"import os, sys; sys.stdout.write(os.environ.get({PASSPHRASE_ENV!r}, '<absent>'))"
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=30, check=True)
        seen_by_child.append(out.stdout)
        return 0

    def fake_unlock(home: Path, passphrase: str | None) -> Future[None]:
        done: Future[None] = Future()
        done.set_result(None)  # the secret store is opened on a worker at start; not here
        return done

    monkeypatch.setattr(Station, "open", staticmethod(fake_open))
    monkeypatch.setattr(ui.app, "unlock_early", fake_unlock)
    monkeypatch.setattr("ui.wiring.wire", lambda station, **_: _Closable())
    monkeypatch.setattr(ui.app, "run_window", fake_window)
    assert ui.app.run_station(str(tmp_path)) == 0
    assert opened == [SECRET]  # the passphrase was used to open the station
    assert seen_by_child == ["<absent>"]
    assert PASSPHRASE_ENV not in os.environ

"""A tiny run of every benchmark: it starts, finishes, and ends with its JSON figures line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parents[1]
# Benchmarks whose smoke run has its own test below (it asserts their invariants, so it runs once).
OWN_TEST = {"soak_warehouse"}
MODULES = sorted(p.stem for p in BENCH.glob("*.py") if not p.stem.startswith(("_", "test_")) and p.stem not in OWN_TEST)


def test_the_issues_benchmarks_exist() -> None:
    # The station's own sync and chaos-soak benches went with its direct SP-API path (issue 13): the hub's
    # engine is measured by hub_sync, stations through the hub by hub_stations and soak_warehouse.
    assert {"store", "hub_sync", "drivers", "station", "prep", "hub", "hub_stations"} <= set(MODULES) | OWN_TEST
    assert all((BENCH / f"{name}.py").exists() for name in OWN_TEST)


@pytest.mark.parametrize("name", MODULES)
def test_benchmark_smoke_run(name: str, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", f"tests.bench.{name}", "--smoke"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    last = proc.stdout.strip().splitlines()[-1]
    figures = json.loads(last)
    assert isinstance(figures.get("targets"), dict)
    assert all(isinstance(v, bool) for v in figures["targets"].values())


def test_warehouse_soak_short_form_keeps_every_invariant(tmp_path: Path) -> None:
    """Issue 13's multi-station soak, short form: 2 hub processes on PostgreSQL, 5 station processes behind
    fault proxies, SIGKILLs of both, network cuts, upstream cancellations. Only the invariants are asserted
    (no double pack, label or confirmation, nothing lost, every cancellation acted on, audit chains verify),
    never timings."""
    from tests.hub import pg

    if not pg.reachable(pg.admin_url()):
        pg.unavailable("the warehouse soak runs the hub on PostgreSQL")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "tests.bench.soak_warehouse", "--smoke", "--seed", "3"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=280)  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    failed = [name for name, ok in figures["targets"].items() if not ok]
    assert not failed, "\n".join(proc.stdout.strip().splitlines()[:-1])
    assert figures["orders_shipped"] > 0 and figures["orders_cancelled_upstream"] > 0

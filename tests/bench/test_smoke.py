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
MODULES = sorted(p.stem for p in BENCH.glob("*.py") if not p.stem.startswith(("_", "test_")))


def test_the_issues_benchmarks_exist() -> None:
    # The station's own sync and chaos-soak benches went with its direct SP-API path (issue 13): the hub's
    # engine is measured by hub_sync, stations through the hub by hub_stations.
    assert {"store", "hub_sync", "drivers", "station", "prep", "hub", "hub_stations"} <= set(MODULES)


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

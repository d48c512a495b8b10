"""Two real `pacific-hub worker` processes on PostgreSQL: one pulls, it is SIGKILLed mid-pull, the other
takes the seller over when the lease runs out and finishes from the saved page (no second page 1)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hub.bootstrap import Hub
from hub.settings import HubSettings
from sync.simulator import start_simulator
from tests.hub.simhub import attach

ROOT = Path(__file__).resolve().parents[2]
SCALE = 300.0  # searchOrders at 1.7/s: pages 21-26 take ~0.6 s each, a window to kill in


def _wait_for(check: object, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_killed_pullers_seller_is_taken_over(hub: Hub, settings: HubSettings, db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("several hub processes share PostgreSQL (SQLite: one process)")
    sim = start_simulator(seed=6, sellers=1, orders=2600, rate_scale=SCALE, cancel_rate=0, address_change_rate=0,
                          afn_rate=0)  # fmt: skip
    procs: dict[str, subprocess.Popen[bytes]] = {}
    try:
        ((_partner, seller_id),) = attach(hub, sim).items()
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PACIFIC_HUB_DATA_DIR": str(settings.data_dir),
               "PACIFIC_HUB_DATABASE_URL": db_url, "PACIFIC_HUB_MASTER_KEY_FILE": str(settings.master_key_file),
               "PACIFIC_HUB_SPAPI_ENDPOINT": sim.base_url, "PACIFIC_HUB_LWA_URL": sim.lwa_url,
               "PACIFIC_HUB_PULL_LEASE_S": "2", "PACIFIC_HUB_PULL_RATE_SCALE": str(SCALE),
               "PACIFIC_HUB_PULL_INTERVAL_S": "3600"}  # fmt: skip
        for name in ("A", "B"):
            procs[name] = subprocess.Popen([sys.executable, "-m", "hub.cli", "worker", "--holder", name,
                                            "--tick", "0.1"], cwd=ROOT, env=env)  # fmt: skip
        pull = hub.store.pull
        _wait_for(lambda: pull.progress(seller_id).pages >= 21, 60)
        first = pull.lease_holder(seller_id, time.time())
        assert first in procs
        procs[first].send_signal(signal.SIGKILL)
        procs[first].wait(10)
        survivor = "B" if first == "A" else "A"
        _wait_for(lambda: pull.progress(seller_id).finished_at != "", 60)
        assert procs[survivor].poll() is None  # alive, and it finished the pull
        assert hub.store.orders.count() == 2600
        searches = sim.calls_for("searchOrders", status=200)
        assert sum(1 for c in searches if "paginationToken" not in c.params) == 1  # page 1 paid once
        assert len(searches) <= 27  # at most the page the killed process had in flight again
        assert sim.calls_for("searchOrders", status=429) == []
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.terminate()
                proc.wait(10)
        sim.stop()

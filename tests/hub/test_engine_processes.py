"""Three real hub processes (PostgreSQL, the hub's own composition) buying labels or sending confirmations
together never exceed the published rate and burst of purchaseShipment / confirmShipment: the simulator,
which enforces Amazon's buckets, answers no 429. With per-process buckets each process would take a full
burst and the simulator would refuse the surplus."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from station.clock import SystemClock, iso
from sync.simulator import Simulator, start_simulator
from sync.spapi.ratelimit import DEFAULT_LIMITS
from tests.hub import pg
from tests.hub.engine_env import authorise_sellers, load_order, shipped_for, start_hub
from tests.hub.test_chaos import _env, _settings

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 3
# (operation, rate scale of simulator and hub, jobs per process): scaled so the burst is exceeded in seconds.
CASES = {"label": ("purchaseShipment", 0.02, 40), "confirm": ("confirmShipment", 5.0, 15)}

pytestmark = pytest.mark.usefixtures("fast_hashes")


@pytest.fixture
def pg_rate_url() -> Iterator[str]:
    url, name = pg.create_database("hub_test_engine_integrate_rates")
    yield url
    pg.drop_database(name)


@pytest.fixture(params=sorted(CASES))
def case(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def sim(case: str) -> Iterator[Simulator]:
    _op, scale, per = CASES[case]
    simulator = start_simulator(seed=21, clock=SystemClock(), rate_scale=scale, orders=PROCESSES * per + 5,
                                sellers=1, cancel_rate=0.0, address_change_rate=0.0, afn_rate=0.0)  # fmt: skip
    yield simulator
    simulator.stop()


def _jobs(hub: Any, sim: Simulator, seller_id: int, case: str, count: int) -> list[dict[str, Any]]:
    jobs = []
    for n, order_id in enumerate(sim.order_ids(sim.sellers()[0].seller_id)[:count]):
        order = load_order(hub, sim, seller_id, order_id)
        job = {"kind": case, "seller_id": seller_id, "order_id": order_id, "marketplace_id": order.marketplace_id,
               "box_ref": "1", "items": [[i.order_item_id, i.quantity] for i in order.items]}  # fmt: skip
        if case == "confirm":
            job.update(package_ref="1", tracking=f"ACME{n:08d}", ship_date=iso(SystemClock().now()))
            assert shipped_for(order, seller_id).items  # the order has items to confirm
        jobs.append(job)
    return jobs


def test_hub_processes_together_keep_the_published_rate(tmp_path: Path, pg_rate_url: str, sim: Simulator,
                                                         case: str) -> None:  # fmt: skip
    operation, scale, per = CASES[case]
    settings = _settings(tmp_path, pg_rate_url, sim)
    hub = start_hub(settings, SystemClock(), create=True)
    seller_id = next(iter(authorise_sellers(hub, sim).values()))
    jobs = _jobs(hub, sim, seller_id, case, PROCESSES * per)
    start = time.time() + 3.0  # every process starts at the same moment, after its start-up
    procs = []
    for k in range(PROCESSES):
        env = dict(_env(settings, [], "buy"), RATE_JOBS=json.dumps(jobs[k::PROCESSES]), RATE_START=str(start),
                   PACIFIC_HUB_PULL_RATE_SCALE=str(scale))  # fmt: skip
        procs.append(subprocess.Popen([sys.executable, "-m", "tests.hub.rate_worker"], cwd=ROOT, env=env))
    codes = [p.wait(timeout=150) for p in procs]
    assert codes == [0] * PROCESSES
    sent = sim.calls_for(operation)
    refused = [c for c in sim.calls if c.status == 429]  # any operation: buying a label also rates the box
    rate, burst = DEFAULT_LIMITS[operation]
    span = max(c.t for c in sent) - min(c.t for c in sent)
    print(f"{operation}: {len(sent)} calls by {PROCESSES} processes in {span:.2f}s, {len(refused)} x 429")
    assert not refused, f"{len(refused)} calls refused with 429: {sorted({c.operation for c in refused})}"
    assert len(sent) == PROCESSES * per
    assert span >= (PROCESSES * per - burst) / (rate * scale) * 0.9  # the shared bucket paced them
    hub.close()

"""Shared rate buckets in the hub's store, on SQLite and PostgreSQL: the rate header and a 429 reach
every process's view, and K real processes together never exceed the published rate and burst."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hub.bootstrap import Hub
from hub.engine.limits import StoreLimiter
from station.clock import VirtualClock
from sync.simulator import Simulator, start_simulator
from sync.spapi.orders import get_order
from sync.spapi.ratelimit import TokenBucket
from tests.hub.simhub import attach, worker

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sim(clock: VirtualClock) -> Iterator[Simulator]:
    found = start_simulator(seed=4, clock=clock, sellers=1, orders=4, rate_scale=0.5, cancel_rate=0,
                            address_change_rate=0, afn_rate=0)  # fmt: skip
    yield found
    found.stop()


def test_the_rate_header_updates_the_shared_bucket(hub: Hub, sim: Simulator) -> None:
    """getOrder is published at 0.5/s; this seller's limit says 0.25/s: another process's limiter paces by it."""
    attach(hub, sim)
    (partner,) = [s.seller_id for s in sim.sellers()]
    pulls = worker(hub)
    get_order(pulls.client, partner, sim.order_ids()[0])
    rate, burst, _tokens, _stamp = hub.store.pull.bucket(partner, "getOrder") or (0, 0, 0, 0)
    assert rate == pytest.approx(0.25) and burst == pytest.approx(29.9)  # published 30 less the headroom
    other = StoreLimiter(hub.store.pull, hub.clock)  # a second process: a fresh limiter, same store
    for _ in range(28):  # 29.9 - the hub's own call - 28 = 0.9 token left
        other.acquire(partner, "getOrder")
    assert other.wait_time(partner, "getOrder") == pytest.approx(0.1 / 0.25, abs=0.01)
    other.acquire(partner, "getOrder")
    assert other.wait_time(partner, "getOrder") == pytest.approx(4.0, abs=0.01)  # then 1 / 0.25 s a token


def test_a_429_drains_the_shared_bucket(hub: Hub, sim: Simulator) -> None:
    """Someone else spent the seller's quota upstream: the 429 one process gets empties every process's bucket."""
    attach(hub, sim)
    (partner,) = [s.seller_id for s in sim.sellers()]
    for _ in range(30):  # another application of the seller's spends getOrder's burst at the simulator
        assert sim.take_token(partner, "getOrder")
    pulls = worker(hub)
    get_order(pulls.client, partner, sim.order_ids()[0])  # 429 first, then waits and succeeds
    assert len(sim.calls_for("getOrder", status=429)) >= 1
    other = StoreLimiter(hub.store.pull, hub.clock)
    assert other.wait_time(partner, "getOrder") > 1.0  # drained, not the full burst a fresh view believes


def test_the_take_is_one_atomic_statement(hub: Hub) -> None:
    store = hub.store.pull
    store.ensure_bucket("S", "op", 1.0, 3, 1000.0)
    assert [store.take_token("S", "op", 1000.0) for _ in range(4)] == [0.0, 0.0, 0.0, pytest.approx(1.0)]
    assert store.take_token("S", "op", 1000.5) == pytest.approx(0.5)
    assert store.take_token("S", "op", 1001.0) == 0.0
    store.drain("S", "op", 1001.0)
    assert store.wait_time("S", "op", 1001.0) == pytest.approx(1.0)


TAKER = """
import json, sys, time
from hub.store import HubStore
from hub.engine.limits import StoreLimiter
from station.clock import SystemClock
from sync.spapi.ratelimit import RateLimiter
url, rate, burst, seconds, shared = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
limits = {"op": (rate, burst)}


class Recorded(SystemClock):
    # Remembers the moment the limiter last asked for: after acquire(), the moment of the take.

    last = 0.0

    def now(self):
        moment = super().now()
        self.last = moment.timestamp()
        return moment

    def monotonic(self):
        self.last = time.time()
        return self.last


clock = Recorded()
if shared == "store":
    limiter = StoreLimiter(HubStore.open(url).pull, clock, limits=limits)
else:  # today's per-process memory buckets, for contrast
    limiter = RateLimiter(clock, limits)
start = float(sys.argv[6])
while time.time() < start:
    time.sleep(0.005)
taken = []
while time.time() < start + seconds:
    limiter.acquire("SELLER", "op")
    taken.append(clock.last)
print(json.dumps(taken))
"""


def _run_takers(url: str, shared: str, processes: int, rate: float, burst: int, seconds: float) -> list[float]:
    import time

    start = time.time() + 2.0  # every process starts taking at the same moment
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [url, str(rate), str(burst), str(seconds), shared, str(start)]
    procs = [subprocess.Popen([sys.executable, "-c", TAKER, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              text=True) for _ in range(processes)]  # fmt: skip
    out = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0] * processes
    return sorted(t for text in out for t in json.loads(text.strip().splitlines()[-1]))


def _refused_by_amazon(times: list[float], rate: float, burst: int) -> int:
    """How many of these calls Amazon's own bucket (rate, burst, full at the start) would refuse."""
    bucket = TokenBucket(rate, burst)
    return sum(0 if bucket.try_take(t, slack=1e-6) else 1 for t in times)


def test_k_processes_together_never_exceed_the_rate(hub: Hub, db_url: str) -> None:
    """Three real processes take from one (seller, operation) bucket for 3 s: Amazon's bucket would refuse
    none; the per-process memory buckets of today's client take three bursts and get refused."""
    rate, burst, seconds = 20.0, 5, 3.0
    del hub  # migrated database
    shared = _run_takers(db_url, "store", 3, rate, burst, seconds)
    assert _refused_by_amazon(shared, rate, burst) == 0
    assert len(shared) >= burst + rate * seconds * 0.8  # and the rate is used, not wasted
    apart = _run_takers(db_url, "memory", 3, rate, burst, seconds)
    assert _refused_by_amazon(apart, rate, burst) > 0

"""Chaos: two hub processes on PostgreSQL, SIGKILLed at seeded points in purchase, void, confirm and the
order pull (page read, stored, saved; pages of 10), with "applied, answer lost" faults from the simulator
and buyers cancelling orders upstream during the run. Every box ends with exactly one label or one
confirmation, no label is bought twice, and no cancellation is missed (a voided label is cancelled at
Amazon; a voided box's confirmation never reaches it; every upstream cancellation is a `cancelled` event
at the hub, or, when a slow machine let the buyer cancel before the hub had stored the order, its one `new`
event says CANCELLED). CI form: a few dozen boxes, bounded to ~2 minutes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hub.engine.worker import PullSettings, pull_worker
from hub.settings import HubSettings
from station.clock import SystemClock, iso
from sync import mapping
from sync.simulator import Simulator, start_simulator
from tests.hub import pg
from tests.hub.engine_env import LEAD, PACKER, authorise_sellers, load_order, shipped_for, start_hub

ROOT = Path(__file__).resolve().parents[2]
SEED = int(os.environ.get("CHAOS_SEED", "3"))
LABEL_BOXES, VOIDED_LABELS, CONFIRM_BOXES, VOIDED_CONFIRMS = 10, 3, 8, 3
KILLS_PER_PHASE = 4
CANCELLED_UPSTREAM = 2  # orders outside the jobs, cancelled by their buyers once the hub has stored them
RATE_SCALE = 20.0
PHASE_DEADLINE_S = 45.0

pytestmark = pytest.mark.usefixtures("fast_hashes")


@pytest.fixture
def pg_chaos_url() -> Iterator[str]:
    url, name = pg.create_database("hub_test_engine_ledger_chaos")
    yield url
    pg.drop_database(name)


@pytest.fixture
def sim() -> Iterator[Simulator]:
    simulator = start_simulator(seed=SEED, clock=SystemClock(), rate_scale=RATE_SCALE, faults="lost=0.5",
                                orders=60, sellers=1, cancel_rate=0.0, address_change_rate=0.0)  # fmt: skip
    yield simulator
    simulator.stop()


def _settings(tmp_path: Path, url: str, sim: Simulator) -> HubSettings:
    keys = tmp_path / "keys" / "master.json"
    return HubSettings(data_dir=tmp_path / "hub", database_url=url, master_key_file=keys,
                       application_id="amzn1.sp.solution.test", consent_base_url="http://127.0.0.1:9/",
                       public_url="https://hub.example.test", spapi_endpoint=sim.base_url,
                       lwa_url=sim.lwa_url, pull_rate_scale=RATE_SCALE)  # fmt: skip


def _env(settings: HubSettings, jobs: list[dict[str, Any]], phase: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "PYTHONPATH": str(ROOT), "PACIFIC_HUB_ENV": "development", "PACIFIC_HUB_DATA_DIR": str(settings.data_dir),
        "PACIFIC_HUB_DATABASE_URL": settings.database_url,
        "PACIFIC_HUB_MASTER_KEY_FILE": str(settings.master_key_file),
        "PACIFIC_HUB_SPAPI_ENDPOINT": settings.spapi_endpoint, "PACIFIC_HUB_LWA_URL": settings.lwa_url,
        "PACIFIC_HUB_APPLICATION_ID": settings.application_id, "PACIFIC_HUB_PUBLIC_URL": settings.public_url,
        "CHAOS_JOBS": json.dumps(jobs), "CHAOS_PHASE": phase, "CHAOS_SECONDS": str(PHASE_DEADLINE_S),
        "PACIFIC_HUB_PULL_RATE_SCALE": str(settings.pull_rate_scale),
    })  # fmt: skip
    return env


def _run_phase(settings: HubSettings, jobs: list[dict[str, Any]], phase: str, seed: int) -> int:
    """Two workers; a killed one is restarted (with kills on until KILLS_PER_PHASE, then calm). Returns kills."""
    kills = incarnation = 0
    base = dict(_env(settings, jobs, phase), CHAOS_KILL_LOG=str(settings.data_dir / "kills.log"))

    def spawn() -> subprocess.Popen[bytes]:
        nonlocal incarnation
        incarnation += 1
        env = dict(base, CHAOS_SEED=str(seed * 1000 + incarnation),
                   CHAOS_KILL_P="0.25" if kills < KILLS_PER_PHASE else "0")  # fmt: skip
        return subprocess.Popen([sys.executable, "-m", "tests.hub.chaos_worker"], cwd=ROOT, env=env)

    workers = [spawn(), spawn()]
    deadline = time.monotonic() + PHASE_DEADLINE_S + 15
    finished = 0
    while workers and time.monotonic() < deadline:
        time.sleep(0.1)
        for proc in list(workers):
            code = proc.poll()
            if code is None:
                continue
            workers.remove(proc)
            if code == -9:
                kills += 1
                workers.append(spawn())
            else:
                assert code == 0, f"a chaos worker of phase {phase} ended with {code}"
                finished += 1
    for proc in workers:
        proc.kill()
    assert not workers, f"phase {phase} did not finish in time"
    return kills


def _settle_unknown_as_a_lead(hub: Any, sim: Simulator) -> int:
    """What a lead does with Seller Central open: bought (with its tracking) or not bought."""
    settled = 0
    for row in hub.store.ledger.in_state("unknown"):
        bought = [s for s in sim.shipments.values() if s["detail"]["packageClientReferenceId"] == row.package_ref]
        if bought:
            hub.labels.settle(LEAD, row.label_id, bought=True, tracking=bought[0]["tracking"])
        else:
            hub.labels.settle(LEAD, row.label_id, bought=False)
        settled += 1
    return settled


def _cancel_once_stored(hub: Any, sim: Simulator, seller_id: int, order_ids: list[str], seen: dict[str, bool]) -> None:
    """Each buyer cancels once the hub has stored the order (so the hub must see a change), 3 s apart.

    On a slow machine the hub may not have stored it by the deadline: the buyer cancels anyway and
    ``seen`` says so (the hub then first sees the order already cancelled)."""
    deadline = time.monotonic() + PHASE_DEADLINE_S
    for order_id in order_ids:
        while hub.store.orders.sealed_address_of(seller_id, order_id) is None and time.monotonic() < deadline:
            time.sleep(0.1)
        seen[order_id] = hub.store.orders.sealed_address_of(seller_id, order_id) is not None
        sim.cancel_order(order_id)
        time.sleep(3.0)


def _pull_calmly(hub: Any, seller_id: int, after: float) -> None:
    """One whole pull without kills begun after ``after`` (the killed processes' leases expire first)."""
    pulls = pull_worker(hub, holder="calm")
    pulls.pull = PullSettings(lease_s=2.0, interval_s=0.0, page_size=10, rate_scale=RATE_SCALE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pulls.run_once()
        progress = hub.store.pull.progress(seller_id)
        # A whole pull that began after ``after``: its cursor (the first page's lastUpdatedBefore) is later.
        if progress.finished_at and not progress.before and progress.cursor and _epoch(progress.cursor) > after:
            return
        time.sleep(0.5)
    raise AssertionError("no calm pull finished after the run")


def _epoch(text: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def _feed(hub: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    cursor = 0
    while True:
        page = hub.orders.changes(cursor, 500)
        if not page.changes:
            return out
        out += page.changes
        cursor = page.cursor


def test_two_killed_hub_processes_buy_one_label_or_send_one_confirmation_per_box(
    tmp_path: Path, pg_chaos_url: str, sim: Simulator
) -> None:
    settings = _settings(tmp_path, pg_chaos_url, sim)
    hub = start_hub(settings, SystemClock(), create=True)
    seller_id = next(iter(authorise_sellers(hub, sim).values()))
    partner = sim.sellers()[0].seller_id
    order_ids = sim.order_ids(partner)[: LABEL_BOXES + CONFIRM_BOXES]
    jobs: list[dict[str, Any]] = []
    for n, order_id in enumerate(order_ids):
        order = load_order(hub, sim, seller_id, order_id)
        job = {"seller_id": seller_id, "order_id": order_id, "marketplace_id": order.marketplace_id, "box_ref": "1",
               "items": [[i.order_item_id, i.quantity] for i in order.items]}  # fmt: skip
        if n < LABEL_BOXES:
            jobs.append({**job, "kind": "label", "void": n < VOIDED_LABELS})
            continue
        voided = n - LABEL_BOXES < VOIDED_CONFIRMS
        ship = shipped_for(order, seller_id, tracking=f"ACME{n:08d}")
        jobs.append({**job, "kind": "confirm", "void": voided, "package_ref": "1", "tracking": ship.tracking,
                     "ship_date": iso(SystemClock().now())})  # fmt: skip
        if voided:  # recorded, then voided by a lead before any process sends it
            hub.confirmations.record(PACKER, ship)
            hub.confirmations.void(LEAD, seller_id, order_id, "1")
    rest = [mapping.order_from_payload(partner, sim.order_payload(o)) for o in sim.order_ids(partner)[len(jobs):]]
    cancelled = [o.order_id for o in rest if o.fulfilled_by == "MERCHANT" and o.status == "unshipped"]
    cancelled = cancelled[:CANCELLED_UPSTREAM]
    seen: dict[str, bool] = {}  # order -> the hub had stored it before its buyer cancelled
    buyers = threading.Thread(target=_cancel_once_stored, args=(hub, sim, seller_id, cancelled, seen), daemon=True)
    buyers.start()
    started = time.monotonic()
    kills = _run_phase(settings, jobs, "buy", SEED)
    unknown = _settle_unknown_as_a_lead(hub, sim)
    if unknown:
        kills += _run_phase(settings, jobs, "buy", SEED + 1)
    kills += _run_phase(settings, jobs, "void", SEED + 2)
    unknown += _settle_unknown_as_a_lead(hub, sim)
    buyers.join(30)
    points = (settings.data_dir / "kills.log").read_text(encoding="ascii").split()
    _pull_calmly(hub, seller_id, after=time.time())
    elapsed = time.monotonic() - started

    feed = _feed(hub)
    for order_id in cancelled:  # no cancellation missed, whatever the kills did to the pull
        mine = [c for c in feed if c["amazon_order_id"] == order_id]
        stored = hub.store.orders.sealed_address_of(seller_id, order_id)
        assert stored is not None and stored[0] == "CANCELLED", (order_id, [c["kind"] for c in mine])
        if seen.get(order_id):  # stored open first: the stations must hear of the cancellation
            assert "cancelled" in [c["kind"] for c in mine], (order_id, [c["kind"] for c in mine])
        else:  # first seen already cancelled: its only event says so
            assert [(c["kind"], c["detail"]) for c in mine] == [("new", {"status": "CANCELLED"})]
    lost = [c for c in sim.calls if c.fault == "lost"]
    assert kills >= 1 and lost, "the run must actually kill processes and lose answers"
    assert any(p.startswith("pull.") for p in points), f"no kill in the pull: {points}"
    rows = hub.store.ledger.all_rows()
    for job in (j for j in jobs if j["kind"] == "label"):
        ref = f"{job['order_id']}-1"
        shipments = [s for s in sim.shipments.values() if s["detail"]["packageClientReferenceId"] == ref]
        assert len(shipments) == 1, f"{len(shipments)} labels bought for one box"
        mine = [r for r in rows if r.package_ref == ref and r.state in ("bought", "voided")]
        assert len(mine) == 1 and mine[0].tracking == shipments[0]["tracking"]
        assert shipments[0]["cancelled"] == job["void"] and mine[0].state == ("voided" if job["void"] else "bought")
    entries = {r.amazon_order_id: r for r in hub.store.outbox.all_rows()}
    for job in (j for j in jobs if j["kind"] == "confirm"):
        accepted = [c for c in sim.calls_for("confirmShipment", status=204) if job["order_id"] in c.path]
        if job["void"]:
            assert not [c for c in sim.calls_for("confirmShipment") if job["order_id"] in c.path]
            assert entries[job["order_id"]].state == "cancelled"
        else:
            assert len(accepted) == 1 and (job["order_id"], "1") in sim.confirmations
            assert entries[job["order_id"]].state == "delivered"
    pages = len(sim.calls_for("searchOrders"))
    print(f"chaos: {kills} kills ({', '.join(points)}), {len(lost)} lost answers, {unknown} settled by a lead, "
          f"{pages} searchOrders, {len(cancelled)} upstream cancellations seen "
          f"({sum(seen.values())} after the hub stored the order), {elapsed:.1f}s")  # fmt: skip
    hub.close()

"""One hub process of the chaos test: works the jobs through the ledger and the outbox, and SIGKILLs itself
at seeded checkpoints. Settings come from PACIFIC_HUB_*; the jobs and the kill plan from CHAOS_* variables.

    python -m tests.hub.chaos_worker
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import threading
import time
from typing import Any

from hub.bootstrap import Hub, build_hub
from hub.engine.confirmations import Shipped
from hub.engine.ledger import BoxLabel
from hub.engine.worker import PullSettings, pull_worker, start_in_thread
from hub.settings import HubSettings
from station.errors import StationError
from sync.label_spec import Printer
from tests.hub.engine_env import LEAD, PACKER, SHIP_FROM

POINTS = ("purchase.recorded", "purchase.sent", "void.sent", "confirm.claimed", "confirm.sent", "pull.page_read",
          "pull.page_stored", "pull.page_saved")  # fmt: skip
PULL_PAGE = 10  # small pages: a pull has several, so kills land mid-pull


def killer(rng: random.Random, probability: float) -> Any:
    def checkpoint(point: str) -> None:
        if point in POINTS and rng.random() < probability:
            if os.environ.get("CHAOS_KILL_LOG"):  # where each kill happened, for the test's figures
                with open(os.environ["CHAOS_KILL_LOG"], "a", encoding="ascii") as log:
                    log.write(point + "\n")
            os.kill(os.getpid(), signal.SIGKILL)

    return checkpoint


def box(job: dict[str, Any]) -> BoxLabel:
    items = tuple((i, q) for i, q in job["items"])
    return BoxLabel(job["seller_id"], job["order_id"], job["marketplace_id"], job["box_ref"], items, 2.0, 10.0, 8.0,
                    4.0, SHIP_FROM, Printer("zpl", 203))  # fmt: skip


def shipped(job: dict[str, Any]) -> Shipped:
    return Shipped(job["seller_id"], job["order_id"], job["marketplace_id"], job["box_ref"], job["package_ref"],
                   "Acme Freight", "Ground", job["tracking"], job["ship_date"],
                   tuple((i, q) for i, q in job["items"]))  # fmt: skip


def label_done(hub: Hub, job: dict[str, Any], phase: str) -> bool:
    """Work one label job a step; True when it has reached its end for this phase."""
    rows = [r for r in hub.store.ledger.for_order(job["seller_id"], job["order_id"]) if r.box_ref == job["box_ref"]]
    states = {r.state for r in rows}
    if "unknown" in states or (phase == "void" and not job["void"]):
        return True  # unknown: a lead settles it (the supervisor, after the run)
    if phase == "void":
        if "voided" in states:
            return True
        for row in rows:
            if row.state == "bought":
                hub.labels.void(LEAD, row.label_id, "chaos: wrong box")
            elif row.state == "voiding":
                hub.labels.finish_void(row.label_id)
        return False
    if "bought" in states:
        return True
    hub.labels.buy(PACKER, box(job))
    return False


def main() -> int:
    jobs = json.loads(os.environ["CHAOS_JOBS"])
    seed = int(os.environ.get("CHAOS_SEED", "1"))
    probability = float(os.environ.get("CHAOS_KILL_P", "0"))
    deadline = time.monotonic() + float(os.environ.get("CHAOS_SECONDS", "60"))
    rng = random.Random(seed)
    hub = build_hub(HubSettings())
    phase = os.environ.get("CHAOS_PHASE", "buy")
    hub.labels.lease_s = hub.confirmations.lease_s = 2.0
    hub.confirmations.retry_s = (0.5,)
    hub.labels.checkpoint = hub.confirmations.checkpoint = killer(rng, probability)
    # The order pull beside them, as in `pacific-hub worker`: killed at its own seeded points (half as often:
    # it passes three of them per page).
    pulls = pull_worker(hub, holder=f"chaos-{os.getpid()}")
    pulls.pull = PullSettings(lease_s=2.0, interval_s=1.0, page_size=PULL_PAGE, rate_scale=hub.settings.pull_rate_scale)
    pulls.checkpoint = killer(random.Random(seed + 7), probability / 2)
    start_in_thread(pulls, threading.Event())
    while time.monotonic() < deadline:
        hub.labels.recover()
        pending = 0
        for job in rng.sample(jobs, len(jobs)):
            try:
                if job["kind"] == "label":
                    pending += 0 if label_done(hub, job, phase) else 1
                elif not job["void"] and phase == "buy":
                    hub.confirmations.record(PACKER, shipped(job))
            except StationError:
                pending += 1
        hub.confirmations.run_once(limit=3)
        if not pending and hub.store.outbox.depth() == 0:
            return 0
        time.sleep(0.05)
    return 3


if __name__ == "__main__":
    sys.exit(main())

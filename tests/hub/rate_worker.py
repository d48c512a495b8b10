"""One hub process of the shared-rate test: buys its labels or sends its confirmations through the hub's
composition (hub.bootstrap), starting at an agreed moment. Settings from PACIFIC_HUB_*; jobs from RATE_*.

    python -m tests.hub.rate_worker
"""

from __future__ import annotations

import json
import os
import sys
import time

from hub.bootstrap import build_hub
from hub.settings import HubSettings
from tests.hub.chaos_worker import box, shipped
from tests.hub.engine_env import PACKER


def main() -> int:
    jobs = json.loads(os.environ["RATE_JOBS"])
    hub = build_hub(HubSettings())
    while time.time() < float(os.environ["RATE_START"]):
        time.sleep(0.005)
    for job in jobs:
        if job["kind"] == "label":
            hub.labels.buy(PACKER, box(job))
        else:
            hub.confirmations.record(PACKER, shipped(job))
    deadline = time.monotonic() + 120
    while hub.store.outbox.depth() and time.monotonic() < deadline:
        if not hub.confirmations.run_once(limit=5):
            time.sleep(0.02)
    hub.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

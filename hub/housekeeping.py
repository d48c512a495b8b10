"""Background upkeep of a serving hub: the retention purge of buyer data and old idempotency records.

Several hub processes may run it at once (PostgreSQL): each step is an idempotent UPDATE/DELETE.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from hub.bootstrap import Hub
from hub.services.people import HUB_SYSTEM
from station.clock import iso

log = logging.getLogger(__name__)
REQUEST_IDS_KEPT_DAYS = 7  # a station retries a request id within minutes; a week is ample


def run_once(hub: Hub) -> None:
    """One round: purge buyer data past retention, forget old request ids."""
    result = hub.orders.purge(HUB_SYSTEM)
    pruned = hub.backups.prune(HUB_SYSTEM)
    cutoff = iso(hub.clock.now() - timedelta(days=REQUEST_IDS_KEPT_DAYS))
    forgotten = hub.store.stations.forget_responses_before(cutoff)
    log.info("housekeeping: %s orders purged, %s backups pruned, %s request ids forgotten", result["orders"],
             len(pruned), forgotten)  # fmt: skip


def start(hub: Hub, stop: threading.Event, every_s: float = 3600.0) -> threading.Thread:
    """Run ``run_once`` now and then every ``every_s`` seconds until ``stop`` is set."""

    def loop() -> None:
        while not stop.is_set():
            try:
                run_once(hub)
            except Exception:  # the server keeps serving; the next round tries again
                log.exception("housekeeping round failed")
            stop.wait(every_s)

    thread = threading.Thread(target=loop, name="hub-housekeeping", daemon=True)
    thread.start()
    return thread

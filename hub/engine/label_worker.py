"""The label engine's background work in a serving hub: take over purchases and voids left by a stopped process
(expired leases) and send due confirmations. Any number of hub processes may run it (leases, SKIP LOCKED)."""

from __future__ import annotations

import logging
import threading

from hub.bootstrap import Hub

log = logging.getLogger(__name__)


def run_once(hub: Hub) -> dict[str, int]:
    """One round; returns counts (labels taken over, confirmations per outcome)."""
    counts = {"labels_taken_over": len(hub.labels.recover())}
    for outcome, n in hub.confirmations.run_once(limit=20).items():
        counts[f"confirmations_{outcome}"] = n
    return counts


def start(hub: Hub, stop: threading.Event, every_s: float = 5.0) -> threading.Thread:
    """Run rounds every ``every_s`` seconds until ``stop`` is set."""

    def loop() -> None:
        while not stop.is_set():
            busy = False
            try:
                counts = run_once(hub)
                busy = any(counts.values())
                if busy:
                    log.info("engine round: %s", counts)
            except Exception:  # the server keeps serving; the next round tries again
                log.exception("engine round failed")
            if not busy:  # a backlog drains at the rate limit, not one round per interval
                stop.wait(every_s)

    thread = threading.Thread(target=loop, name="hub-engine", daemon=True)
    thread.start()
    return thread

"""`pacific-hub worker`: the order pull for every verified seller, in its own process (any number)."""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from typing import Any

from hub.cli.common import emit, opened
from hub.engine.worker import pull_worker
from station.errors import StoreError
from station.secret_lines import SecretLines

log = logging.getLogger(__name__)


def register(sub: Any) -> None:
    worker = sub.add_parser("worker", help="pull orders for every verified seller (one puller per seller overall)")
    worker.add_argument("--once", action="store_true", help="one round of due sellers, then exit")
    worker.add_argument("--holder", default="", help="this process's lease name (default: random)")
    worker.add_argument("--tick", type=float, default=1.0, help="seconds between rounds")
    worker.set_defaults(handler=_worker)


def _worker(args: argparse.Namespace, _lines: SecretLines) -> int:
    with opened() as hub:
        if not hub.migrated():
            raise StoreError("The database schema is not current: run `pacific-hub migrate` first")
        pulls = pull_worker(hub, holder=args.holder)
        try:
            if args.once:
                results = pulls.run_once()
                emit([{"seller_id": r.seller_id, "pages": r.pages, "orders": r.orders, "changes": r.changes,
                       "finished": r.finished, "error": r.error} for r in results], True)  # fmt: skip
                return 0
            stop = threading.Event()
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
            log.info("pull worker %s started", pulls.holder)
            pulls.run_forever(stop, tick_s=args.tick)
        finally:
            pulls.close()
    return 0

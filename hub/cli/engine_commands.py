"""`pacific-hub worker`: the order pull for every verified seller, in its own process (any number)."""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from typing import Any

from hub.bootstrap import Hub
from hub.cli.common import opened, with_actor
from hub.engine.notifications import between_rounds, notification_service
from hub.engine.worker import pull_worker
from hub.services.people import Actor
from station.cli_kit import emit
from station.errors import StoreError
from station.secret_lines import SecretLines

log = logging.getLogger(__name__)


def register(sub: Any) -> None:
    worker = sub.add_parser("worker", help="pull orders for every verified seller (one puller per seller overall)")
    worker.add_argument("--once", action="store_true", help="one round of due sellers, then exit")
    worker.add_argument("--holder", default="", help="this process's lease name (default: random)")
    worker.add_argument("--tick", type=float, default=1.0, help="seconds between rounds")
    worker.set_defaults(handler=_worker)
    notes = sub.add_parser("notifications", help="ORDER_CHANGE notifications through an SQS queue")
    nsub = notes.add_subparsers(dest="what", metavar="ACTION", required=True)
    nset = nsub.add_parser("set", help="the queue and the AWS key (secret access key on stdin)")
    nset.add_argument("--queue-url", required=True)
    nset.add_argument("--queue-arn", required=True)
    nset.add_argument("--region", required=True)
    nset.add_argument("--access-key-id", required=True)
    nset.set_defaults(handler=with_actor(_notifications_set))
    nsub.add_parser("subscribe", help="create the destination and subscribe every verified seller").set_defaults(
        handler=with_actor(_notifications_subscribe)
    )


def _worker(args: argparse.Namespace, _lines: SecretLines) -> int:
    with opened() as hub:
        if not hub.migrated():
            raise StoreError("The database schema is not current: run `pacific-hub migrate` first")
        pulls = pull_worker(hub, holder=args.holder)
        between = between_rounds(notification_service(hub, pulls))
        try:
            if args.once:
                results = pulls.run_once()
                emit([{"seller_id": r.seller_id, "pages": r.pages, "orders": r.orders, "changes": r.changes,
                       "finished": r.finished, "error": r.error} for r in results], True)  # fmt: skip
                return 0
            stop = threading.Event()
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
            log.info("pull worker %s started", pulls.holder)
            pulls.run_forever(stop, tick_s=args.tick, between=between)
        finally:
            pulls.close()
    return 0


def _notifications_set(hub: Hub, actor: Actor, args: argparse.Namespace, lines: SecretLines) -> int:
    secret = lines.next("AWS secret access key")
    pulls = pull_worker(hub)
    notification_service(hub, pulls).configure(actor, queue_url=args.queue_url, queue_arn=args.queue_arn,
                                               region=args.region, access_key_id=args.access_key_id,
                                               secret_access_key=secret)  # fmt: skip
    print("notifications queue set")
    return 0


def _notifications_subscribe(hub: Hub, actor: Actor, _args: argparse.Namespace, _lines: SecretLines) -> int:
    hub.people.authorize(actor, "notifications.configure")
    pulls = pull_worker(hub)
    try:
        emit(notification_service(hub, pulls).subscribe(), False)
    finally:
        pulls.close()
    return 0

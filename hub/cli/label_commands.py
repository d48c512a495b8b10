"""`pacific-hub labels unknown|settle|void|recover`: a lead settles what Amazon left unknown (no buyer data shown)."""

from __future__ import annotations

import argparse
from typing import Any

from hub.bootstrap import Hub
from hub.cli.common import opened, with_actor
from hub.engine.ledger import LabelResult
from hub.services.people import Actor
from station.cli_kit import emit
from station.secret_lines import SecretLines


def register(sub: Any) -> None:
    labels = sub.add_parser("labels", help="the label ledger: unknown outcomes, settle, void, recover")
    lsub = labels.add_subparsers(dest="what", metavar="ACTION", required=True)
    unknown = lsub.add_parser("unknown", help="labels whose purchase outcome is unknown (lead)")
    unknown.add_argument("--json", action="store_true")
    unknown.set_defaults(handler=with_actor(_unknown))
    settle = lsub.add_parser("settle", help="settle one: --bought TRACKING (seen in Seller Central) or --not-bought")
    settle.add_argument("label_id", type=int)
    how = settle.add_mutually_exclusive_group(required=True)
    how.add_argument("--bought", metavar="TRACKING", help="Amazon sold it: its tracking number")
    how.add_argument("--not-bought", action="store_true", help="Amazon sold nothing: the box may be bought again")
    settle.set_defaults(handler=with_actor(_settle))
    void = lsub.add_parser("void", help="void a bought label (cancelShipment)")
    void.add_argument("label_id", type=int)
    void.add_argument("--reason", required=True)
    void.set_defaults(handler=with_actor(_void))
    lsub.add_parser("recover", help="take over purchases and voids a stopped hub process left behind").set_defaults(
        handler=_recover
    )


def _row(result: LabelResult) -> dict[str, Any]:
    return {"label": result.label_id, "state": result.state, "carrier": result.carrier, "service": result.service,
            "tracking": result.tracking, "note": result.message}  # fmt: skip


def _unknown(hub: Hub, actor: Actor, args: argparse.Namespace, _lines: SecretLines) -> int:
    emit([_row(r) for r in hub.labels.unknown(actor)], args.json)
    return 0


def _settle(hub: Hub, actor: Actor, args: argparse.Namespace, _lines: SecretLines) -> int:
    result = hub.labels.settle(actor, args.label_id, bought=args.bought is not None, tracking=args.bought or "")
    emit(_row(result), False)
    return 0


def _void(hub: Hub, actor: Actor, args: argparse.Namespace, _lines: SecretLines) -> int:
    emit(_row(hub.labels.void(actor, args.label_id, args.reason)), False)
    return 0


def _recover(_args: argparse.Namespace, _lines: SecretLines) -> int:
    with opened() as hub:
        taken = hub.labels.recover()
        delivered = hub.confirmations.run_once(limit=50)
    emit({"labels_taken_over": len(taken), "confirmations": delivered}, False)
    return 0

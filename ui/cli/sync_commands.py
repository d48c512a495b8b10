"""Commands about sync: one pass through the hub, the simulator, and the commands that moved to the hub.

The station holds no Amazon secret (issue 13): LWA app credentials and sellers' authorisations live at the hub,
so ``app-credentials`` and ``seller add`` / ``seller revoke`` only say where to go.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from station.app import Station
from station.errors import UsageError
from station.secret_lines import SecretLines
from station.services.auth import Session

MOVED = {
    "app-credentials": "The LWA app credentials are kept at the hub, never on a station: "
    "pacific-hub app-credentials set (on the hub's machine).",
    "seller add": "Sellers are authorised at the hub, never on a station: pacific-hub seller invite NAME sends the "
    "seller an onboarding link; the station gets the seller's orders once it has joined the hub "
    "(pacific-station hub join URL).",
    "seller revoke": "A seller's authorisation is revoked at the hub: pacific-hub seller revoke NAME "
    "(this station holds no refresh token).",
}


def moved(command: str) -> Callable[[argparse.Namespace, SecretLines], int]:
    """A handler that refuses, naming the hub command that does it now."""

    def handler(args: argparse.Namespace, lines: SecretLines) -> int:
        raise UsageError(MOVED[command])

    return handler


def _sync_once(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    station.auth.authorize(session, "sync.run")
    from ui.wiring import sync_once

    for line in sync_once(station):
        print(line)
    return 0


def cmd_sim(args: argparse.Namespace, lines: SecretLines) -> int:
    from sync.simulator.cli import main as sim_main

    return sim_main(args.sim_args)


Action = Callable[[Station, Session, argparse.Namespace, SecretLines], int]


def register(sub: Any, seller: Any, with_session: Callable[[Action], Any]) -> None:
    p = sub.add_parser("app-credentials", help="moved to the hub (pacific-hub app-credentials)", add_help=False)
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(handler=moved("app-credentials"))
    for name, text in (("add", "moved to the hub (pacific-hub seller invite)"),
                       ("revoke", "moved to the hub (pacific-hub seller revoke)")):  # fmt: skip
        p = seller.add_parser(name, help=text, add_help=False)
        p.add_argument("rest", nargs=argparse.REMAINDER)
        p.set_defaults(handler=moved(f"seller {name}"))

    p = sub.add_parser("sync", help="one pass of the hub's order changes (a joined station)")
    p.add_argument("--once", action="store_true", required=True, help="one pass, then exit")
    p.set_defaults(handler=with_session(_sync_once))

    p = sub.add_parser("sim", help="run the SP-API simulator (prints its base URL first)", add_help=False)
    p.add_argument("sim_args", nargs=argparse.REMAINDER)
    p.set_defaults(handler=cmd_sim)

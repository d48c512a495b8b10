"""`pacific-station demo`: stations on throwaway encrypted homes, joined to an embedded hub on the simulator."""

from __future__ import annotations

import argparse
from typing import Any

from station.secret_lines import SecretLines


def cmd_demo(args: argparse.Namespace, lines: SecretLines) -> int:
    from ui.demo import run_demo

    return run_demo(headless_check=args.check, keep=args.keep, stations=args.stations)


def _station_count(text: str) -> int:
    n = int(text)
    if not 1 <= n <= 4:
        raise argparse.ArgumentTypeError("1 to 4 stations")
    return n


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="open the station on a throwaway home, joined to an embedded hub on the simulator")
    p.add_argument("--check", action="store_true", help="build the demo hub and homes, print the operators and exit")
    p.add_argument(
        "--stations",
        type=_station_count,
        default=1,
        help="how many station windows, all joined to the one hub (default 1; 2 shows claims)",
    )
    p.add_argument("--keep", action="store_true", help="keep the throwaway hub and homes after exit (for debugging)")
    p.set_defaults(handler=cmd_demo)


def cmd_run(args: argparse.Namespace, lines: SecretLines) -> int:
    from ui.app import run_station

    return run_station(str(args.home), None)


def register_run(sub: Any) -> None:
    p = sub.add_parser("run", help="open the station's window on its home (operators log in there)")
    p.set_defaults(handler=cmd_run)

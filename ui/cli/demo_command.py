"""`pacific-station demo`: the station on a throwaway encrypted home with the embedded simulator."""

from __future__ import annotations

import argparse
from typing import Any

from station.secret_lines import SecretLines


def cmd_demo(args: argparse.Namespace, lines: SecretLines) -> int:
    from ui.demo import run_demo

    return run_demo(headless_check=args.check, keep=args.keep)


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="open the station on a throwaway home with the simulator and demo operators")
    p.add_argument("--check", action="store_true", help="build the demo home, print its operators and exit")
    p.add_argument("--keep", action="store_true", help="keep the throwaway home after exit (for debugging)")
    p.set_defaults(handler=cmd_demo)


def cmd_run(args: argparse.Namespace, lines: SecretLines) -> int:
    from ui.app import run_station

    return run_station(str(args.home), None)


def register_run(sub: Any) -> None:
    p = sub.add_parser("run", help="open the station's window on its home (operators log in there)")
    p.set_defaults(handler=cmd_run)

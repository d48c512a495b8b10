"""The `pacific-station` command line. Exit codes: 0 done, 1 internal error, 2 usage, 3 permission
denied, 4 authentication failed or locked out, 5 store cannot be opened, 6 upstream error,
7 audit verification failed."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from station.cli_kit import Parser, run
from station.home import HOME_ENV, PASSPHRASE_ENV, default_home
from station.logs import install_crash_handler, setup_logging
from station.secret_lines import SecretLines
from ui.cli import commands

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="pacific-station",
        description="Pacific Prep Station: pack, label and ship Amazon FBM orders; FBA prep.",
        epilog=(
            "Secrets are never arguments. When standard input is not a terminal it holds one value per "
            "line: with --as NAME the operator's password, then the TOTP code; with --badge the packer's "
            "badge code, then the PIN; then the command's own secret(s). The station home comes from --home or "
            f"{HOME_ENV}; in passphrase mode the passphrase comes from {PASSPHRASE_ENV} or a prompt."
        ),
    )
    parser.add_argument("--home", type=Path, help=f"station home folder (default: ${HOME_ENV} or the user data dir)")
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--as", dest="actor", metavar="NAME", help="the operator acting: lead, admin or auditor")
    who.add_argument("--badge", dest="badge_login", action="store_true",
                     help="a packer acting: standard input holds the badge code, then the PIN")  # fmt: skip
    parser.add_argument("-v", "--verbose", action="store_true", help="log to standard error too")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["sim"]:  # the simulator parses its own options
        from sync.simulator.cli import main as sim_main

        return sim_main(argv[1:])

    def command() -> int:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "handler", None):
            parser.print_help()
            return 2
        args.home = args.home or default_home()
        if args.command not in ("demo", "sim"):
            setup_logging(args.home if Path(args.home).exists() else None, console=args.verbose)
        install_crash_handler()
        code: int = args.handler(args, SecretLines())
        return code

    return run(command, internal_hint="details are in the station log")


def passphrase_from_env() -> str | None:
    return os.environ.get(PASSPHRASE_ENV) or None

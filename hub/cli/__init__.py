"""The `pacific-hub` command line. Exit codes as `pacific-station`: 0 done, 1 internal error, 2 usage,
3 permission denied, 4 authentication failed or locked out, 5 store cannot be opened, 6 upstream
error, 7 audit verification failed."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from hub.cli import admin_commands, engine_commands, label_commands, ops_commands
from hub.jsonlog import setup_json_logging
from station.cli_kit import Parser, run
from station.logs import install_crash_handler
from station.secret_lines import SecretLines

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="pacific-hub",
        description="Pacific Prep WMS hub: the server that holds Amazon's secrets, operators, stations and sellers.",
        epilog=(
            "Configuration comes from PACIFIC_HUB_* environment variables (see the README). Secrets are never "
            "arguments: standard input holds one value per line: the --as operator's password, then their TOTP "
            "code, then the command's own secret(s)."
        ),
    )
    parser.add_argument("--as", dest="actor", metavar="NAME", help="the operator acting (admin commands)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log to standard error (JSON lines)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    ops_commands.register(sub)
    admin_commands.register(sub)
    engine_commands.register(sub)
    label_commands.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)

    def command() -> int:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "handler", None):
            parser.print_help()
            return 2
        if args.verbose or args.command in ("serve", "worker"):
            setup_json_logging()
        install_crash_handler()
        code: int = args.handler(args, SecretLines())
        return code

    return run(command, internal_hint="run with -v for the (redacted) details")

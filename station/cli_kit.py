"""What the station's and the hub's command lines share: usage errors, output, and exit codes."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from typing import Any

from station.errors import StationError, UsageError
from station.logs import safe_message

log = logging.getLogger(__name__)


class Parser(argparse.ArgumentParser):
    """argparse that raises UsageError (exit 2, one clean line) instead of printing and exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def emit(data: Any, as_json: bool) -> None:
    """Print a command's result: JSON, or one line per row / key."""
    if as_json:
        print(json.dumps(data, indent=2, sort_keys=True, default=str))
    elif isinstance(data, list):
        for row in data:
            print("  ".join(f"{k}={v}" for k, v in row.items()) if isinstance(row, dict) else row)
    elif isinstance(data, dict):
        for key, value in data.items():
            print(f"{key}: {value}")
    else:
        print(data)


def run(command: Callable[[], int], *, internal_hint: str) -> int:
    """Run a command and map what it raises to the shared exit codes (never a traceback, never PII)."""
    try:
        return command()
    except StationError as exc:
        sys.stderr.write(f"error: {safe_message(exc)}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception:
        log.exception("internal error in command")
        sys.stderr.write(f"error: internal error; {internal_hint}\n")
        return 1

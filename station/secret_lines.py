"""Secret input for the command lines (station and hub): one value per line on standard input, or prompts on a TTY."""

from __future__ import annotations

import getpass
import sys
from typing import TextIO

from station.errors import UsageError


class SecretLines:
    """Reads secrets in the documented order; a missing line is a usage error."""

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stdin
        self.interactive = bool(getattr(self.stream, "isatty", lambda: False)())

    def next(self, what: str) -> str:
        if self.interactive:
            return getpass.getpass(f"{what}: ")
        line = self.stream.readline()
        if not line:
            raise UsageError(f"Standard input ended before the {what} line")
        value = line.rstrip("\r\n")
        if not value:
            raise UsageError(f"The {what} line is empty")
        return value

    def optional(self, what: str) -> str | None:
        """The next line if one is given (Enter on a terminal, or the end of input, skips it)."""
        if self.interactive:
            return getpass.getpass(f"{what} (Enter to skip): ") or None
        line = self.stream.readline()
        value = line.rstrip("\r\n")
        return value or None

    def next_or_empty(self, what: str) -> str:
        """The next line, or "" when it is missing or empty (the caller counts that as a wrong value)."""
        if self.interactive:
            return getpass.getpass(f"{what}: ")
        return self.stream.readline().rstrip("\r\n")

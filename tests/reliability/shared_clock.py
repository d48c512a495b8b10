"""A virtual clock shared by processes through a small file: the soak's simulator and station agree on time.

Time moves only when someone sleeps or advances it (rate-limit waits, backoffs, the packer's work),
so a day of traffic with multi-hour outages runs in minutes and survives a SIGKILL of either side.
"""

from __future__ import annotations

import fcntl
import os
import struct
from datetime import UTC, datetime, timedelta
from pathlib import Path

START = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)
_FMT = "<d"


class SharedClock:
    """``now``/``monotonic``/``sleep``/``advance`` over an 8-byte file; flock makes ``advance`` atomic."""

    def __init__(self, path: Path, *, start: datetime = START, create: bool = False) -> None:
        self.path = Path(path)
        self._start = start
        flags = os.O_RDWR | (os.O_CREAT if create else 0)
        self._fd = os.open(self.path, flags, 0o600)
        if create and os.fstat(self._fd).st_size < 8:
            os.pwrite(self._fd, struct.pack(_FMT, 0.0), 0)

    def monotonic(self) -> float:
        fcntl.flock(self._fd, fcntl.LOCK_SH)
        try:
            return float(struct.unpack(_FMT, os.pread(self._fd, 8, 0))[0])
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def now(self) -> datetime:
        return self._start + timedelta(seconds=self.monotonic())

    def advance(self, seconds: float) -> None:
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        try:
            value = struct.unpack(_FMT, os.pread(self._fd, 8, 0))[0] + max(0.0, seconds)
            os.pwrite(self._fd, struct.pack(_FMT, value), 0)
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.advance(seconds)

    def advance_to(self, target: float) -> None:
        """Move forward to ``target`` seconds (never backwards)."""
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        try:
            value = struct.unpack(_FMT, os.pread(self._fd, 8, 0))[0]
            if target > value:
                os.pwrite(self._fd, struct.pack(_FMT, target), 0)
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        os.close(self._fd)

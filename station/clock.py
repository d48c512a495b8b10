"""Clocks: the real one, and a virtual one that advances only when someone waits."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from typing import Protocol


class ClockLike(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """Wall-clock time and real sleeping."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


class VirtualClock:
    """Time that moves only by ``sleep``/``advance``: hours of rate-limited traffic run in seconds.

    Thread-safe; shared by the simulator and the sync engine in-process so loopback latency
    costs no virtual time.
    """

    def __init__(self, start: datetime | None = None) -> None:
        self._lock = threading.Lock()
        self._start = start or datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
        self._elapsed = 0.0

    def now(self) -> datetime:
        from datetime import timedelta

        with self._lock:
            return self._start + timedelta(seconds=self._elapsed)

    def monotonic(self) -> float:
        with self._lock:
            return self._elapsed

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.advance(seconds)

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._elapsed += seconds


def iso(moment: datetime) -> str:
    """ISO-8601 UTC timestamp with microseconds and a Z suffix: the one form stored and compared as text."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def utcnow_iso(clock: ClockLike | None = None) -> str:
    """The clock's now as ``iso``."""
    return iso((clock or SystemClock()).now())

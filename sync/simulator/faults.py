"""Fault injection: random faults by probability, queued faults for exact tests, and outages."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field

from station.errors import UsageError

KINDS = ("5xx", "reset", "malformed", "timeout", "throttle")


@dataclass
class FaultPlan:
    """What goes wrong and how often; ``outages`` are (start, duration) in simulator seconds."""

    latency_s: float = 0.0
    probabilities: dict[str, float] = field(default_factory=dict)
    outages: list[tuple[float, float]] = field(default_factory=list)
    hang_s: float = 2.0  # how long a "timeout" holds the connection (real seconds)

    @classmethod
    def parse(cls, spec: str) -> FaultPlan:
        """Parse ``latency=0.05,5xx=0.1,reset=0.02,malformed=0.02,timeout=0.01,outage=600+3600,hang=1``."""
        plan = cls()
        for part in filter(None, (p.strip() for p in (spec or "").split(","))):
            key, _, value = part.partition("=")
            try:
                if key == "latency":
                    plan.latency_s = float(value)
                elif key == "hang":
                    plan.hang_s = float(value)
                elif key == "outage":
                    start, _, length = value.partition("+")
                    plan.outages.append((float(start), float(length)))
                elif key in KINDS:
                    plan.probabilities[key] = float(value)
                else:
                    raise ValueError(key)
            except ValueError:
                raise UsageError(f"Bad fault spec part {part!r}; see --help for the syntax") from None
        return plan


class Faults:
    """Decides, per request, which fault (if any) to play; thread-safe."""

    def __init__(self, plan: FaultPlan, rng: random.Random) -> None:
        self.plan = plan
        self._rng = rng
        self._lock = threading.Lock()
        self._queue: list[tuple[str, str | None]] = []
        self._outages: list[tuple[float, float]] = list(plan.outages)

    def inject(self, kind: str, *, times: int = 1, operation: str | None = None) -> None:
        """Make the next ``times`` calls (of ``operation``, or any) fail with ``kind``."""
        if kind not in KINDS:
            raise ValueError(f"unknown fault {kind}")
        with self._lock:
            self._queue.extend([(kind, operation)] * times)

    def outage(self, start_s: float, duration_s: float) -> None:
        """Every call between ``start_s`` and ``start_s + duration_s`` (simulator seconds) is refused."""
        with self._lock:
            self._outages.append((start_s, duration_s))

    def in_outage(self, elapsed_s: float) -> bool:
        with self._lock:
            return any(start <= elapsed_s < start + length for start, length in self._outages)

    def pick(self, operation: str) -> str:
        """The fault for this call, or '' for none."""
        with self._lock:
            for n, (kind, op) in enumerate(self._queue):
                if op is None or op == operation:
                    del self._queue[n]
                    return kind
            if operation == "lwa":
                return ""
            for kind in KINDS:
                p = self.plan.probabilities.get(kind, 0.0)
                if p and self._rng.random() < p:
                    return kind
        return ""

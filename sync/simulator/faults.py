"""Fault injection: random faults by probability, queued faults for exact tests, and outages."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field

from station.errors import UsageError

KINDS = ("5xx", "reset", "malformed", "timeout", "throttle")
# "Applied, answer lost": the request takes effect, then the connection drops before the answer.
LOST = "lost"
LOST_OPS = ("purchaseShipment", "confirmShipment", "cancelShipment")


@dataclass
class FaultPlan:
    """What goes wrong and how often; ``outages`` are (start, duration) in simulator seconds."""

    latency_s: float = 0.0
    probabilities: dict[str, float] = field(default_factory=dict)
    outages: list[tuple[float, float]] = field(default_factory=list)
    hang_s: float = 2.0  # how long a "timeout" holds the connection (real seconds)
    # Probability of "applied, answer lost" per operation (only the LOST_OPS).
    lost: dict[str, float] = field(default_factory=dict)

    @classmethod
    def parse(cls, spec: str) -> FaultPlan:
        """Parse ``latency=0.05,5xx=0.1,reset=0.02,...,outage=600+3600,hang=1,lost=0.1,lost.cancelShipment=0.5``.

        ``lost=P`` makes purchaseShipment, confirmShipment and cancelShipment take effect and then drop
        the answer with probability P; ``lost.<operation>=P`` sets one of them.
        """
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
                elif key == LOST:
                    plan.lost.update(dict.fromkeys(LOST_OPS, float(value)))
                elif key.startswith(LOST + ".") and key[len(LOST) + 1 :] in LOST_OPS:
                    plan.lost[key[len(LOST) + 1 :]] = float(value)
                else:
                    raise ValueError(key)
            except ValueError:
                raise UsageError(f"Bad fault spec part {part!r}; see --help for the syntax") from None
        return plan


class Faults:
    """Decides, per request, which fault (if any) to play; thread-safe."""

    def __init__(self, plan: FaultPlan, rng: random.Random, seed: int = 0) -> None:
        self.plan = plan
        self._rng = rng
        self._seed = seed
        self._lock = threading.Lock()
        self._queue: list[tuple[str, str | None]] = []
        self._lost_queue: list[str] = []
        self._lost_counts: dict[str, int] = {}
        self._outages: list[tuple[float, float]] = list(plan.outages)

    def inject(self, kind: str, *, times: int = 1, operation: str | None = None) -> None:
        """Make the next ``times`` calls (of ``operation``, or any) fail with ``kind``.

        ``kind="lost"`` needs one of LOST_OPS: the call takes effect and its answer is dropped.
        """
        if kind == LOST:
            if operation not in LOST_OPS:
                raise ValueError(f"'lost' applies to {', '.join(LOST_OPS)}")
            with self._lock:
                self._lost_queue.extend([operation] * times)
            return
        if kind not in KINDS:
            raise ValueError(f"unknown fault {kind}")
        with self._lock:
            self._queue.extend([(kind, operation)] * times)

    def answer_lost(self, operation: str) -> bool:
        """After the call took effect: drop its answer? Seeded per (operation, nth call), so the
        same seed loses the same calls whatever the other operations' traffic."""
        if operation not in LOST_OPS:
            return False
        with self._lock:
            if operation in self._lost_queue:
                self._lost_queue.remove(operation)
                return True
            p = self.plan.lost.get(operation, 0.0)
            if p <= 0:
                return False
            n = self._lost_counts[operation] = self._lost_counts.get(operation, 0) + 1
        return random.Random(f"{self._seed}:{operation}:{n}").random() < p

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

"""``StoreLimiter``: the SP-API client's rate buckets kept in the hub's store, shared by every process.

Bucket times are epoch seconds from the clock (one time base for all processes on the machine/cluster).
``scale`` multiplies every published rate (benchmarks on a scaled real clock); bursts stay as published.

Latency headroom: a request reaches Amazon a little after we take its token. While our bucket sits at
its burst, Amazon's may not have started to refill yet, so a full burst taken at once would leave ours
ahead of Amazon's by (latency x rate). Our cap is the burst less a headroom: at least ``headroom`` tokens
(0.1: 18 s of searchOrders once per drained bucket) and at least ``jitter_s`` of the bucket's rate, so a send
may reach Amazon up to ``jitter_s`` (0.1 s) later or earlier than its neighbours (a loaded machine, several
processes) without a 429 — with 0.1 token alone a 10/s bucket tolerated 10 ms (seen: one 429 in three).
"""

from __future__ import annotations

from hub.store.pull import PullStore
from station.ports import Clock
from sync.spapi.ratelimit import DEFAULT_LIMITS, FALLBACK_LIMIT

APPLICATION = "application"  # the "seller" of grantless calls: their buckets are per application


class StoreLimiter:
    """Implements sync.spapi.ratelimit.Limiter over ``PullStore``'s atomic bucket statements."""

    def __init__(self, store: PullStore, clock: Clock, *, limits: dict[str, tuple[float, int]] | None = None,
                 scale: float = 1.0, margin_s: float = 0.0, headroom: float = 0.1,
                 jitter_s: float = 0.1, max_rate: float = 0.0) -> None:  # fmt: skip
        self.store = store
        self.clock = clock
        self.limits = dict(DEFAULT_LIMITS if limits is None else limits)
        self.scale = scale
        self.margin_s = margin_s  # extra wait after a refill, for real time across processes
        self.headroom = headroom
        self.jitter_s = jitter_s
        self.max_rate = max_rate  # benchmarks: a cap on every scaled rate (the simulator caps the same way)
        self._known: set[tuple[str, str]] = set()

    def _now(self) -> float:
        return self.clock.now().timestamp()

    def _ensure(self, seller_id: str, operation: str) -> None:
        if (seller_id, operation) not in self._known:
            rate, burst = self.limits.get(operation, FALLBACK_LIMIT)
            scaled = min(rate * self.scale, self.max_rate) if self.max_rate > 0 else rate * self.scale
            cap = max(1.0, burst - max(self.headroom, scaled * self.jitter_s))
            self.store.ensure_bucket(seller_id, operation, scaled, cap, self._now())
            self._known.add((seller_id, operation))

    def wait_time(self, seller_id: str, operation: str) -> float:
        """Seconds until the shared bucket has a token (0: now)."""
        self._ensure(seller_id, operation)
        wait = self.store.wait_time(seller_id, operation, self._now())
        return wait + self.margin_s if wait > 0 else 0.0

    def acquire(self, seller_id: str, operation: str) -> float:
        """Take a token from the shared bucket, sleeping on the clock while it is empty."""
        self._ensure(seller_id, operation)
        waited = 0.0
        while True:
            wait = self.store.take_token(seller_id, operation, self._now())
            if wait <= 0:
                return waited
            wait += self.margin_s
            self.clock.sleep(wait)
            waited += wait

    def update_rate(self, seller_id: str, operation: str, rate: float) -> None:
        """x-amzn-RateLimit-Limit: the shared bucket takes the announced rate (as announced: a scaled
        simulator announces its scaled rate)."""
        if rate > 0:
            self._ensure(seller_id, operation)
            self.store.set_rate(seller_id, operation, rate, self._now())

    def throttled(self, seller_id: str, operation: str) -> None:
        """A 429 drains the shared bucket for every process."""
        self._ensure(seller_id, operation)
        self.store.drain(seller_id, operation, self._now())

"""Token buckets per (seller, operation), seeded from the published SP-API defaults.

Calls wait for a token instead of provoking 429s; every wait goes through the ``Clock`` port.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Protocol

from station.ports import Clock

# Published default (rate per second, burst) of every operation the station calls.
DEFAULT_LIMITS: dict[str, tuple[float, int]] = {
    "searchOrders": (0.0056, 20),
    "getOrder": (0.5, 30),
    "confirmShipment": (2.0, 10),
    "getRates": (80.0, 100),
    "purchaseShipment": (80.0, 100),
    "getShipmentDocuments": (80.0, 100),
    "cancelShipment": (80.0, 100),
    "getMarketplaceParticipations": (0.016, 15),
}
FALLBACK_LIMIT = (1.0, 1)
TOKEN_SLACK = 1e-9

from sync.spapi.inbound import INBOUND_LIMITS  # noqa: E402 - FBA prep families add their published limits
from sync.spapi.inventory import INVENTORY_LIMITS  # noqa: E402
from sync.spapi.notifications import NOTIFICATION_LIMITS  # noqa: E402

DEFAULT_LIMITS.update(INBOUND_LIMITS | INVENTORY_LIMITS | NOTIFICATION_LIMITS)


@dataclass
class TokenBucket:
    """A classic token bucket: ``rate`` tokens a second, at most ``burst``, starting full."""

    rate: float
    burst: int
    tokens: float = -1.0
    stamp: float | None = None

    def __post_init__(self) -> None:
        if self.tokens < 0:
            self.tokens = float(self.burst)

    def refill(self, now: float) -> None:
        if self.stamp is not None and now > self.stamp:
            self.tokens = min(float(self.burst), self.tokens + (now - self.stamp) * self.rate)
        if self.stamp is None or now > self.stamp:
            self.stamp = now

    def wait_time(self, now: float) -> float:
        """Seconds until one token is available (0 when one is there now)."""
        self.refill(now)
        # A token short by a rounding error is a token: waiting for a few ULPs would not move a
        # virtual clock at all (time += 1e-14 is a no-op at t = 5000 s), and acquire() would spin.
        if self.tokens >= 1.0 - TOKEN_SLACK:
            return 0.0
        return (1.0 - self.tokens) / self.rate if self.rate > 0 else 3600.0

    def try_take(self, now: float, slack: float = 0.0) -> bool:
        """Take one token if available (``slack`` tolerates float rounding); False otherwise."""
        self.refill(now)
        if self.tokens >= 1.0 - slack:
            self.tokens -= 1.0
            return True
        return False

    def drain(self, now: float) -> None:
        """Empty the bucket (after a 429: the server's view is emptier than ours)."""
        self.refill(now)
        self.tokens = min(self.tokens, 0.0)


class Limiter(Protocol):
    """The client's port to its rate buckets: in memory (the station) or shared in a store (the hub)."""

    def wait_time(self, seller_id: str, operation: str) -> float:
        """Seconds until a call could go out without a 429 (0: now)."""
        ...

    def acquire(self, seller_id: str, operation: str) -> float:
        """Block until a token is taken; returns the seconds waited."""
        ...

    def update_rate(self, seller_id: str, operation: str, rate: float) -> None:
        """Apply the rate the server announced in ``x-amzn-RateLimit-Limit``."""
        ...

    def throttled(self, seller_id: str, operation: str) -> None:
        """A 429 arrived: empty the bucket."""
        ...


class RateLimiter:
    """Buckets keyed by (seller, operation); ``acquire`` sleeps on the clock until a token is free."""

    def __init__(
        self,
        clock: Clock,
        limits: dict[str, tuple[float, int]] | None = None,
        *,
        margin_s: float = 0.0,
    ) -> None:
        self._clock = clock
        self._limits = dict(DEFAULT_LIMITS if limits is None else limits)
        self._buckets: dict[tuple[str, str], TokenBucket] = {}
        self._lock = threading.Lock()
        # Extra wait after a refill, for real-time use where the server's clock differs slightly.
        self._margin_s = margin_s

    def bucket(self, seller_id: str, operation: str) -> TokenBucket:
        key = (seller_id, operation)
        with self._lock:
            found = self._buckets.get(key)
            if found is None:
                rate, burst = self._limits.get(operation, FALLBACK_LIMIT)
                found = self._buckets[key] = TokenBucket(rate, burst)
            return found

    def wait_time(self, seller_id: str, operation: str) -> float:
        """Seconds until a call of ``operation`` for ``seller_id`` could go out without a 429."""
        bucket = self.bucket(seller_id, operation)
        with self._lock:
            wait = bucket.wait_time(self._clock.monotonic())
        return wait + self._margin_s if wait > 0 else 0.0

    def acquire(self, seller_id: str, operation: str) -> float:
        """Block (on the clock) until a token is taken; returns the seconds waited."""
        bucket = self.bucket(seller_id, operation)
        waited = 0.0
        while True:
            with self._lock:
                now = self._clock.monotonic()
                wait = bucket.wait_time(now)
                if wait <= 0:
                    bucket.tokens -= 1.0
                    return waited
            wait += self._margin_s
            self._clock.sleep(wait)
            waited += wait

    def update_rate(self, seller_id: str, operation: str, rate: float) -> None:
        """Apply the rate the server announced in ``x-amzn-RateLimit-Limit``."""
        if rate <= 0:
            return
        bucket = self.bucket(seller_id, operation)
        with self._lock:
            bucket.refill(self._clock.monotonic())
            bucket.rate = rate

    def throttled(self, seller_id: str, operation: str) -> None:
        """A 429 arrived: our bucket was optimistic, so empty it."""
        bucket = self.bucket(seller_id, operation)
        with self._lock:
            bucket.drain(self._clock.monotonic())

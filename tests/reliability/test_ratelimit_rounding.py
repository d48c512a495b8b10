"""Regression: the client's rate limiter must not spin when a bucket is short by a rounding error.

Found by the soak: under a virtual clock at t ~ 5000 s, a searchOrders bucket at 0.9999999999999998
tokens asked for a 4e-14 s wait, which does not change a float near 5000, so acquire() looped forever.
"""

from __future__ import annotations

import threading

from station.clock import VirtualClock
from sync.spapi.ratelimit import RateLimiter


def test_acquire_returns_when_the_deficit_is_below_the_clock_resolution() -> None:
    clock = VirtualClock()
    clock.advance(5330.852375709011)
    limiter = RateLimiter(clock)
    bucket = limiter.bucket("A1SELLER", "searchOrders")
    bucket.stamp = clock.monotonic()
    bucket.tokens = 1.0 - 2.220446049250313e-16
    done = threading.Event()
    thread = threading.Thread(target=lambda: (limiter.acquire("A1SELLER", "searchOrders"), done.set()), daemon=True)
    thread.start()
    assert done.wait(5.0), "acquire() spun on a sub-ULP wait"


def test_a_real_deficit_still_waits_for_the_refill() -> None:
    clock = VirtualClock()
    limiter = RateLimiter(clock)
    for _ in range(20):
        limiter.acquire("A1SELLER", "searchOrders")
    waited = limiter.acquire("A1SELLER", "searchOrders")
    assert 170 < waited < 190  # one token every 1/0.0056 s

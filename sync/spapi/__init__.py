"""A small SP-API client on ``requests``: LWA tokens, rate limits, retries, one module per API family."""

from sync.spapi.http import SpApiClient, SpApiConfig
from sync.spapi.lwa import LwaCredentials, LwaTokenProvider
from sync.spapi.ratelimit import DEFAULT_LIMITS, RateLimiter, TokenBucket

__all__ = [
    "DEFAULT_LIMITS",
    "LwaCredentials",
    "LwaTokenProvider",
    "RateLimiter",
    "SpApiClient",
    "SpApiConfig",
    "TokenBucket",
]

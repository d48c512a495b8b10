"""Timestamps as the store keeps them (ISO-8601 UTC with microseconds and a Z), from any ``Clock``."""

from __future__ import annotations

from datetime import UTC, timedelta

from station.ports import Clock


def iso_now(clock: Clock, after_s: float = 0.0) -> str:
    moment = clock.now() + timedelta(seconds=after_s)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

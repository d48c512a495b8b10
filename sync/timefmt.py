"""Timestamps as the store keeps them (ISO-8601 UTC with microseconds and a Z), from any ``Clock``."""

from __future__ import annotations

from datetime import timedelta

from station.clock import iso
from station.ports import Clock


def iso_now(clock: Clock, after_s: float = 0.0) -> str:
    """The clock's now (plus ``after_s``) in the store's timestamp form."""
    return iso(clock.now() + timedelta(seconds=after_s))

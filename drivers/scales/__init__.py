"""Shipping scales: ``open_scale(config)`` returns a station.ports.Scale."""

from __future__ import annotations

from typing import Any

from drivers.scales.hidscale import HidScale, ScaleReading, parse_report


def open_scale(config: dict[str, Any]) -> HidScale:
    """Keys: vid, pid (ints or "0x0922"), backend (pyusb backend, tests), clock, readings (default 3),
    tolerance_lb, timeout_ms. Opening is lazy."""

    def num(v: Any) -> int:
        return int(v, 0) if isinstance(v, str) else int(v)

    return HidScale(
        num(config.get("vid", 0x0922)),
        num(config.get("pid", 0x8003)),
        backend=config.get("backend"),
        clock=config.get("clock"),
        readings=int(config.get("readings", 3)),
        tolerance_lb=float(config.get("tolerance_lb", 0.01)),
        timeout_ms=int(config.get("timeout_ms", 500)),
    )


__all__ = ["HidScale", "ScaleReading", "open_scale", "parse_report"]

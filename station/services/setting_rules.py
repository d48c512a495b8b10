"""What a setting may hold: checked before any change is stored, whoever makes it (screen or CLI)."""

from __future__ import annotations

import re
from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from station.errors import UsageError

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _whole(low: int, high: int, what: str) -> Callable[[object], object]:
    def check(value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise UsageError(f"{what} must be a whole number from {low} to {high}")
        return value

    return check


def _time(value: object) -> object:
    if not isinstance(value, str) or not _TIME.match(value):
        raise UsageError("Shift times are HH:MM, 24-hour (e.g. 06:00)")
    return value


def _zone(value: object) -> object:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UsageError("Give a time zone such as America/Los_Angeles") from exc
    return value


def _text(limit: int) -> Callable[[object], object]:
    def check(value: object) -> object:
        if not isinstance(value, str) or len(value) > limit or not value.isprintable():
            raise UsageError(f"Give plain text of at most {limit} characters")
        return value

    return check


def _mapping(value: object) -> object:
    if not isinstance(value, dict):
        raise UsageError("Give this setting as a JSON object")
    return value


RULES: dict[str, Callable[[object], object]] = {
    "retention_days": _whole(0, 30, "Retention (days)"),
    "idle_lock_minutes": _whole(1, 240, "Idle lock (minutes)"),
    "shift_start": _time,
    "shift_end": _time,
    "timezone": _zone,
    "backup_folder": _text(500),
    "backup_interval_hours": _whole(1, 168, "Backup interval (hours)"),
    "station_name": _text(60),
    "printer": _mapping,
    "scale": _mapping,
    "scanner": _mapping,
    "document_printer": _mapping,
    "ship_from": _mapping,
    "weight_tolerance_pct": _whole(0, 100, "Weight tolerance (%)"),
    "lockout_failures": _whole(3, 20, "Failures before lockout"),
    "lockout_minutes": _whole(1, 1440, "Lockout (minutes)"),
    "alert_failed_logins": _whole(2, 100, "Failed logins that raise an alert"),
    "alert_address_view_factor": _whole(2, 100, "Address-view alert factor"),
    "alert_address_view_min": _whole(1, 100_000, "Address views before an alert"),
    "label_format": lambda v: v if v in ("ZPL", "PDF", "PNG") else _refuse("Label format is ZPL, PDF or PNG"),
}


def _refuse(message: str) -> object:
    raise UsageError(message)


def check_setting(key: str, value: object) -> object:
    """The value if the setting may hold it; a UsageError saying what is allowed otherwise."""
    rule = RULES.get(key)
    return value if rule is None else rule(value)

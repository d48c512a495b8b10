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


PRESET_KEYS = ("F2", "F3", "F4", "F6")  # the packaging screen's box hotkeys
_PRESET_FIELDS = {"key", "name", "length_in", "width_in", "height_in", "tare_lb"}


def _number(value: object, low: float, high: float) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float) and low <= value <= high


def _box_presets(value: object) -> object:
    """One to four boxes on distinct hotkeys, each a short name, inside dimensions (in) and tare (lb)."""
    if not isinstance(value, list) or not 1 <= len(value) <= len(PRESET_KEYS):
        raise UsageError(f"Give one to {len(PRESET_KEYS)} box presets as a JSON list")
    keys = []
    for box in value:
        if not isinstance(box, dict) or set(box) != _PRESET_FIELDS:
            raise UsageError("Each box preset has exactly: " + ", ".join(sorted(_PRESET_FIELDS)))
        name = box["name"]
        if box["key"] not in PRESET_KEYS or not isinstance(name, str) or not 1 <= len(name) <= 20 \
                or not name.isprintable():  # fmt: skip
            raise UsageError(f"A box preset needs a hotkey ({', '.join(PRESET_KEYS)}) and a name of 1-20 characters")
        if not all(_number(box[d], 0.1, 120) for d in ("length_in", "width_in", "height_in")) \
                or not _number(box["tare_lb"], 0, 50):  # fmt: skip
            raise UsageError("Box dimensions are 0.1-120 in and the empty weight 0-50 lb")
        keys.append(box["key"])
    if len(set(keys)) != len(keys):
        raise UsageError("Two box presets share a hotkey")
    return value


def _lock_command_only(value: object) -> object:
    # The incident lock has its own commands, permissions and audit events; never `settings set`.
    raise UsageError("The incident lock changes only through the lock and unlock commands")


def _hub_join_only(value: object) -> object:
    # The hub link changes only by joining (`hub join`): its own permission, audit event and credential.
    raise UsageError("The hub link changes only through `hub join`")


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
    "box_presets": _box_presets,
    "station_locked": _lock_command_only,
    "hub": _hub_join_only,
    "hub_contact": _hub_join_only,
    "hub_hold_ahead": _whole(0, 200, "Orders held ahead for offline work"),
}


def _refuse(message: str) -> object:
    raise UsageError(message)


def check_setting(key: str, value: object) -> object:
    """The value if the setting may hold it; a UsageError saying what is allowed otherwise.

    A setting without a rule is refused: every setting says what it may hold.
    """
    rule = RULES.get(key)
    if rule is None:
        raise UsageError(f"{key} has no validation rule and cannot be changed")
    return rule(value)

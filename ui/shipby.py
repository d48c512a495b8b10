"""Ship-by buckets and words for the queue and the pack header (station local time)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

AT_RISK = timedelta(hours=3)


def parse(value: str) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def bucket(ship_by: str, now: datetime) -> str:
    """late | risk (due within 3 h) | today | later | unknown."""
    moment = parse(ship_by)
    if moment is None:
        return "unknown"
    if moment < now:
        return "late"
    if moment - now <= AT_RISK:
        return "risk"
    return "today" if moment.date() == now.date() else "later"


def words(ship_by: str, now: datetime, zone: str = "UTC") -> str:
    """e.g. "14:00 today", "Tue 23:59", "LATE 2 h"."""
    moment = parse(ship_by)
    if moment is None:
        return "—"
    try:
        tz = ZoneInfo(zone)
    except (KeyError, ValueError):
        tz = ZoneInfo("UTC")
    local, local_now = moment.astimezone(tz), now.astimezone(tz)
    if moment < now:
        hours = int((now - moment).total_seconds() // 3600)
        return f"LATE {hours} h" if hours else "LATE"
    if local.date() == local_now.date():
        return local.strftime("%H:%M today")
    if local.date() == (local_now + timedelta(days=1)).date():
        return local.strftime("%H:%M tomorrow")
    return local.strftime("%a %d %b %H:%M")


def arrival(promised: str, now: datetime, zone: str = "UTC") -> tuple[str, int] | None:
    """A rate's promised delivery as ("Thu 04 Dec", days in transit from today), or None without a date."""
    moment = parse(promised)
    if moment is None:
        return None
    try:
        tz = ZoneInfo(zone)
    except (KeyError, ValueError):
        tz = ZoneInfo("UTC")
    local, local_now = moment.astimezone(tz), now.astimezone(tz)
    return local.strftime("%a %d %b"), max(0, (local.date() - local_now.date()).days)

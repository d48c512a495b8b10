"""Ship-by buckets and words for the queue and the pack header (station local time)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

AT_RISK = timedelta(hours=3)
# Day and month names from the catalogue, not the C locale's strftime (always English).
_DAYS = (
    QT_TRANSLATE_NOOP("shipby", "Mon"), QT_TRANSLATE_NOOP("shipby", "Tue"), QT_TRANSLATE_NOOP("shipby", "Wed"),
    QT_TRANSLATE_NOOP("shipby", "Thu"), QT_TRANSLATE_NOOP("shipby", "Fri"), QT_TRANSLATE_NOOP("shipby", "Sat"),
    QT_TRANSLATE_NOOP("shipby", "Sun"),
)  # fmt: skip
_MONTHS = (
    QT_TRANSLATE_NOOP("shipby", "Jan"), QT_TRANSLATE_NOOP("shipby", "Feb"), QT_TRANSLATE_NOOP("shipby", "Mar"),
    QT_TRANSLATE_NOOP("shipby", "Apr"), QT_TRANSLATE_NOOP("shipby", "May"), QT_TRANSLATE_NOOP("shipby", "Jun"),
    QT_TRANSLATE_NOOP("shipby", "Jul"), QT_TRANSLATE_NOOP("shipby", "Aug"), QT_TRANSLATE_NOOP("shipby", "Sep"),
    QT_TRANSLATE_NOOP("shipby", "Oct"), QT_TRANSLATE_NOOP("shipby", "Nov"), QT_TRANSLATE_NOOP("shipby", "Dec"),
)  # fmt: skip


def tr(text: str) -> str:
    """Translate a word of ship-by and arrival times (context "shipby")."""
    return QCoreApplication.translate("shipby", text)


def _day(local: datetime) -> str:
    """ "Thu 04 Dec" in the operator's language."""
    return f"{tr(_DAYS[local.weekday()])} {local:%d} {tr(_MONTHS[local.month - 1])}"


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
        return tr("LATE {0} h").format(hours) if hours else tr("LATE")
    if local.date() == local_now.date():
        return tr("{0} today").format(f"{local:%H:%M}")
    if local.date() == (local_now + timedelta(days=1)).date():
        return tr("{0} tomorrow").format(f"{local:%H:%M}")
    return f"{_day(local)} {local:%H:%M}"


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
    return _day(local), max(0, (local.date() - local_now.date()).days)

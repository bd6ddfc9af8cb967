"""Small date helpers."""

from __future__ import annotations

import calendar
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier, clamped to the month's last day
    (31 March minus one month is 28 or 29 February)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_local_time(at: time, time_zone: str, after: datetime) -> datetime:
    """The first instant after `after` when the clock in `time_zone` shows `at`, in UTC. Across
    a daylight-saving change the wall-clock time is kept (20:00 stays 20:00)."""
    zone = zoneinfo.ZoneInfo(time_zone)
    day = after.astimezone(zone).date()
    while True:
        candidate = datetime.combine(day, at, tzinfo=zone)
        # A wall time skipped by the spring change (02:30) does not exist; zoneinfo maps it an
        # hour on, and round-tripping through UTC makes that explicit.
        candidate = candidate.astimezone(UTC)
        if candidate > after:
            return candidate
        day += timedelta(days=1)

"""Small date helpers."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

from headway.clinical.outcomes.schedule import months_after


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier, clamped to the month's last day
    (31 March minus one month is 28 or 29 February)."""
    return months_after(day, -months)


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

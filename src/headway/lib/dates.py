"""Small date helpers."""

from __future__ import annotations

import calendar
from datetime import date


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier, clamped to the month's last day
    (31 March minus one month is 28 or 29 February)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))

"""When questionnaires are due: at baseline and at follow-up points after the first treatment.

Defaults (issue 6): baseline, 4 and 12 weeks, 6, 12 and 18 months. Weeks are counted in days and
months in calendar months (the 31st plus one month is the month's last day). A questionnaire is
overdue when it is not in by GRACE_DAYS after its due date.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

GRACE_DAYS = 7
# The portal offers a questionnaire from this many days before its due date.
OPEN_DAYS_BEFORE = 7


class Timepoint(StrEnum):
    BASELINE = "baseline"
    WEEK_4 = "week_4"
    WEEK_12 = "week_12"
    MONTH_6 = "month_6"
    MONTH_12 = "month_12"
    MONTH_18 = "month_18"
    OTHER = "other"  # a date the practice chose


DEFAULT_TIMEPOINTS = (
    Timepoint.BASELINE,
    Timepoint.WEEK_4,
    Timepoint.WEEK_12,
    Timepoint.MONTH_6,
    Timepoint.MONTH_12,
    Timepoint.MONTH_18,
)
_WEEKS = {Timepoint.BASELINE: 0, Timepoint.WEEK_4: 4, Timepoint.WEEK_12: 12}
_MONTHS = {Timepoint.MONTH_6: 6, Timepoint.MONTH_12: 12, Timepoint.MONTH_18: 18}


def months_after(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(timepoint: Timepoint, first_treatment: date) -> date:
    """The due date of a timepoint; the baseline is due on the day of the first treatment
    (before it is given)."""
    if timepoint in _WEEKS:
        return first_treatment + timedelta(weeks=_WEEKS[timepoint])
    if timepoint in _MONTHS:
        return months_after(first_treatment, _MONTHS[timepoint])
    raise ValueError(f"{timepoint} has no default due date")


class State(StrEnum):
    DONE = "done"
    UPCOMING = "upcoming"  # not open yet
    OPEN = "open"  # can be filled in now
    OVERDUE = "overdue"
    UNSCHEDULED = "unscheduled"  # waits for the first treatment to set its date


@dataclass(frozen=True)
class Status:
    state: State
    due: date | None


def status(due: date | None, *, done: bool, today: date) -> Status:
    if done:
        return Status(State.DONE, due)
    if due is None:
        return Status(State.UNSCHEDULED, None)
    # Counted as a difference of dates, never as a date plus days: a due date stored at the
    # end of the calendar (9999-12-31) must not overflow (issue 12, point 2.1).
    days_late = (today - due).days
    if days_late > GRACE_DAYS:
        return Status(State.OVERDUE, due)
    if days_late >= -OPEN_DAYS_BEFORE:
        return Status(State.OPEN, due)
    return Status(State.UPCOMING, due)

"""When questionnaires are due, and when they count as overdue (issue 6, point 1)."""

from __future__ import annotations

from datetime import date

import pytest

from headway.clinical.outcomes.schedule import (
    DEFAULT_TIMEPOINTS,
    GRACE_DAYS,
    State,
    Timepoint,
    due_date,
    months_after,
    status,
)

FIRST = date(2026, 1, 31)


def test_the_default_schedule_from_the_first_treatment():
    assert [due_date(t, FIRST) for t in DEFAULT_TIMEPOINTS] == [
        date(2026, 1, 31),  # baseline: the day of the first treatment
        date(2026, 2, 28),  # 4 weeks
        date(2026, 4, 25),  # 12 weeks
        date(2026, 7, 31),  # 6 months
        date(2027, 1, 31),  # 12 months
        date(2027, 7, 31),  # 18 months
    ]


def test_a_month_after_the_31st_is_the_last_day_of_a_shorter_month():
    assert months_after(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert months_after(date(2027, 12, 31), 2) == date(2028, 2, 29)
    assert months_after(date(2026, 3, 15), -3) == date(2025, 12, 15)


def test_other_has_no_default_date():
    with pytest.raises(ValueError):
        due_date(Timepoint.OTHER, FIRST)


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2026, 2, 20), State.UPCOMING),
        (date(2026, 2, 21), State.OPEN),  # a week before
        (date(2026, 2, 28), State.OPEN),
        (date(2026, 3, 7), State.OPEN),  # the last day of grace
        (date(2026, 3, 8), State.OVERDUE),
    ],
)
def test_states_around_the_due_date(today, state):
    assert GRACE_DAYS == 7
    assert status(date(2026, 2, 28), done=False, today=today).state is state


def test_done_and_unscheduled():
    assert status(date(2026, 2, 28), done=True, today=date(2027, 1, 1)).state is State.DONE
    assert status(None, done=False, today=date(2027, 1, 1)).state is State.UNSCHEDULED


@pytest.mark.parametrize(("due", "state"), [(date.max, State.UPCOMING), (date.min, State.OVERDUE)])
def test_a_due_date_at_the_end_of_the_calendar_does_not_overflow(due: date, state: State):
    # Issue 12, point 2.1: a stored 9999-12-31 plus the week of grace broke six pages.
    assert status(due, done=False, today=date(2026, 11, 29)).state == state

"""Headache on days with and without a trigger, with 95% intervals, and the warning when there
are too few days (issue 6, point 5)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from headway.clinical.outcomes.measures import DiaryDay
from headway.clinical.outcomes.triggers import MIN_DAYS, trigger_comparisons

START = date(2026, 6, 1)


def day(n: int, headache: bool, *triggers: str) -> DiaryDay:
    return DiaryDay(START + timedelta(days=n), headache, triggers=frozenset(triggers))


def test_headache_days_with_and_without_a_trigger():
    # Stress on 20 days, headache on 10 of them; no stress on 29 days, headache on 1.
    days = [day(i, i < 10, "stress") for i in range(20)] + [day(20 + i, i == 0) for i in range(29)]
    (stress,) = trigger_comparisons(days)
    assert stress.trigger == "stress"
    assert (stress.with_trigger.successes, stress.with_trigger.total) == (10, 20)
    assert (stress.without_trigger.successes, stress.without_trigger.total) == (1, 29)
    assert stress.with_trigger.rate == 0.5
    # Newcombe 1998 table II: 1/29 gives 0.0061-0.1718.
    assert stress.without_trigger.low == pytest.approx(0.0061, abs=0.0001)
    assert stress.without_trigger.high == pytest.approx(0.1718, abs=0.0001)
    assert stress.enough_days
    assert stress.intervals_overlap is False


def test_too_few_days_on_either_side_is_said():
    few_with = [day(i, True, "alcohol") for i in range(MIN_DAYS - 1)] + [
        day(20 + i, False) for i in range(30)
    ]
    assert not trigger_comparisons(few_with)[0].enough_days
    few_without = [day(i, True, "alcohol") for i in range(30)] + [
        day(40 + i, False) for i in range(MIN_DAYS - 1)
    ]
    assert not trigger_comparisons(few_without)[0].enough_days
    enough = [day(i, True, "alcohol") for i in range(MIN_DAYS)] + [
        day(20 + i, False) for i in range(MIN_DAYS)
    ]
    assert trigger_comparisons(enough)[0].enough_days


def test_each_trigger_noted_is_compared_most_noted_first():
    days = [day(0, True, "sleep", "stress"), day(1, True, "stress"), day(2, False)]
    comparisons = trigger_comparisons(days)
    assert [c.trigger for c in comparisons] == ["stress", "sleep"]
    sleep = comparisons[1]
    assert (sleep.with_trigger.total, sleep.without_trigger.total) == (1, 2)
    assert trigger_comparisons([day(0, True)]) == []

"""What is possible (headway.clinical.checks): one set of limits for the command line, the intake
and the forms (issue 12, 1.6)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from headway.clinical import intake
from headway.clinical.checks import (
    Kind,
    Problem,
    classification_problems,
    profile_problems,
    red_flag_settings_problems,
)
from headway.clinical.ichd3.profile import ClassificationInput, HeadacheProfile
from headway.clinical.screening.red_flags import (
    RedFlagAnswers,
    RedFlagSettings,
    screen_red_flags,
)


@pytest.mark.parametrize(
    ("days", "problems"),
    [
        (0, []),
        (31, []),
        (31.5, [Problem("headache_days_per_month", Kind.ABOVE, 31)]),
        (32, [Problem("headache_days_per_month", Kind.ABOVE, 31)]),
        (-1, [Problem("headache_days_per_month", Kind.NEGATIVE)]),
        (math.nan, [Problem("headache_days_per_month", Kind.NOT_FINITE)]),
        (math.inf, [Problem("headache_days_per_month", Kind.NOT_FINITE)]),
    ],
)
def test_headache_days_a_month_at_the_boundaries(days, problems):
    assert profile_problems(HeadacheProfile(headache_days_per_month=days)) == problems


@pytest.mark.parametrize(
    ("settings", "fields"),
    [
        (RedFlagSettings(1, 0.1), []),
        (RedFlagSettings(0, 3), ["older_onset_age"]),
        (RedFlagSettings(50, 0), ["recent_onset_months"]),
        (RedFlagSettings(-1, -1), ["older_onset_age", "recent_onset_months"]),
        (RedFlagSettings(50, math.nan), ["recent_onset_months"]),
    ],
)
def test_thresholds_must_be_positive_and_finite(settings, fields):
    assert [p.field for p in red_flag_settings_problems(settings)] == fields


def test_why_nan_must_be_refused_before_the_rules():
    """The rules alone let a NaN switch P1 off: neither raised nor listed as unknown."""
    result = screen_red_flags(
        RedFlagAnswers(new_or_changed_headache=True, months_since_new_or_changed=math.nan)
    )
    assert "P1" not in [f.code for f in result.raised] + [code for code, _ in result.unknown]


days = st.floats(min_value=0, max_value=31)
hours = st.floats(min_value=0, max_value=1000)


@given(total=days, share=st.floats(0, 1), migraine=st.floats(0, 1), low=hours, extra=hours)
def test_possible_profiles_pass(total, share, migraine, low, extra):
    """Whatever is possible passes: no false alarm inside the limits."""
    profile = HeadacheProfile(
        headache_days_per_month=total * share,
        migraine_like_days_per_month=total * share * migraine,
        duration_min_hours=low,
        duration_max_hours=low + extra,
    )
    data = ClassificationInput(age=40, profiles=(profile,), total_headache_days_per_month=total)
    assert classification_problems(data) == []


def test_intake_problems_are_placed_on_the_question_and_the_one_it_conflicts_with():
    answers: dict[str, dict[str, object]] = {
        "general": {"headache_days_per_month": 10},
        "headache_1": {"days_per_month": 12, "duration_shortest": "2d", "duration_longest": "4h"},
        "medication": {"acute_days": 4, "opioid_days": 6},
    }
    found = {(p.section, p.question, p.other) for p in intake.answer_problems(answers, kinds=1)}
    assert found == {
        ("headache_1", "days_per_month", ("general", "headache_days_per_month")),
        ("headache_1", "duration_shortest", ("headache_1", "duration_longest")),
        ("medication", "opioid_days", ("medication", "acute_days")),
    }

"""Diary measures per 28-day period, checked against hand-computed examples, including periods
with missing diary days (issue 6, point 2)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from fractions import Fraction

import pytest

from headway.clinical.diary import DiaryAttack, Quality, Side
from headway.clinical.ichd3.profile import AuraSymptom, DrugClass
from headway.clinical.outcomes.measures import (
    DiaryDay,
    Measure,
    Period,
    PeriodMeasures,
    Sustained,
    change_from_baseline,
    diary_day,
    measure_period,
    measure_periods,
    period_at_month,
    period_index,
    periods,
    primary_measure,
    sustained_response,
)

# A Monday. The baseline is 2 February to 1 March 2026; period 1 is 2 to 29 March.
FIRST = date(2026, 3, 2)
BASELINE = Period(0, date(2026, 2, 2), date(2026, 3, 1))
P1 = Period(1, date(2026, 3, 2), date(2026, 3, 29))


def days(period: Period, recorded: int, headache: int, **extra) -> list[DiaryDay]:
    """`recorded` recorded days from the period's start, the first `headache` of them with
    headache; the rest of the period has no entry."""
    return [
        DiaryDay(period.start + timedelta(days=i), headache=i < headache, **extra)
        for i in range(recorded)
    ]


def test_the_periods_are_the_baseline_and_complete_28_day_blocks_from_the_first_treatment():
    found = periods(FIRST, until=date(2026, 4, 26))
    assert [(p.index, p.start, p.end) for p in found] == [
        (0, date(2026, 2, 2), date(2026, 3, 1)),
        (1, date(2026, 3, 2), date(2026, 3, 29)),
        (2, date(2026, 3, 30), date(2026, 4, 26)),
    ]
    # The period still running is not measured yet; nor is a baseline not yet over.
    assert [p.index for p in periods(FIRST, until=date(2026, 4, 25))] == [0, 1]
    assert periods(FIRST, until=date(2026, 2, 28)) == []
    # A longer baseline, by setting.
    assert periods(FIRST, until=FIRST, baseline_days=56)[0].start == date(2026, 1, 5)


def test_period_index_of_a_day():
    assert period_index(FIRST, date(2026, 2, 2)) == 0
    assert period_index(FIRST, date(2026, 2, 1)) == -1
    assert period_index(FIRST, FIRST) == 1
    assert period_index(FIRST, date(2026, 3, 29)) == 1
    assert period_index(FIRST, date(2026, 3, 30)) == 2


def test_a_fully_recorded_baseline_counts_its_headache_days():
    m = measure_period(BASELINE, days(BASELINE, 28, 12))
    assert m.recorded_days == 28 and m.missing_days == 0
    assert m.headache_days == 12
    assert m.value(Measure.HEADACHE_DAYS) == 12.0


def test_missing_days_are_left_out_and_the_count_is_scaled_to_28_days():
    # 20 days recorded, 5 with headache: 5 x 28 / 20 = 7 headache days per 28.
    m = measure_period(P1, days(P1, 20, 5))
    assert m.missing_days == 8
    assert m.headache_days == 5
    assert m.value(Measure.HEADACHE_DAYS) == 7.0


def test_a_period_with_fewer_than_half_its_days_recorded_is_not_evaluable():
    thirteen = measure_period(P1, days(P1, 13, 1))
    assert not thirteen.evaluable
    assert thirteen.value(Measure.HEADACHE_DAYS) is None
    fourteen = measure_period(P1, days(P1, 14, 3))
    assert fourteen.evaluable
    assert fourteen.value(Measure.HEADACHE_DAYS) == 6.0  # 3 x 28 / 14
    assert not measure_period(P1, []).evaluable


def test_change_and_responders_at_30_and_50_percent():
    baseline = measure_period(BASELINE, days(BASELINE, 28, 12))
    # 7 per 28 from 12: -5 days, -41.7%: a 30% responder, not a 50% one.
    change = change_from_baseline(
        baseline, measure_period(P1, days(P1, 20, 5)), Measure.HEADACHE_DAYS
    )
    assert change.delta == -5.0
    assert change.percent == -41.7
    assert change.responder_30 is True
    assert change.responder_50 is False
    # Exactly half (6 from 12) is a 50% responder.
    half = change_from_baseline(
        baseline, measure_period(P1, days(P1, 14, 3)), Measure.HEADACHE_DAYS
    )
    assert half.percent == -50.0 and half.responder_50 is True
    # 9 from 12 is -25%: neither.
    quarter = change_from_baseline(
        baseline, measure_period(P1, days(P1, 28, 9)), Measure.HEADACHE_DAYS
    )
    assert (quarter.responder_30, quarter.responder_50) == (False, False)
    # Worse is worse.
    worse = change_from_baseline(
        baseline, measure_period(P1, days(P1, 28, 14)), Measure.HEADACHE_DAYS
    )
    assert worse.percent == pytest.approx(16.7) and worse.responder_30 is False


def test_no_responder_status_from_a_zero_or_unevaluable_baseline_or_period():
    zero = measure_period(BASELINE, days(BASELINE, 28, 0))
    follow = measure_period(P1, days(P1, 28, 0))
    change = change_from_baseline(zero, follow, Measure.HEADACHE_DAYS)
    assert change.delta == 0.0 and change.percent is None and change.responder_50 is None
    thin = measure_period(P1, days(P1, 10, 0))
    baseline = measure_period(BASELINE, days(BASELINE, 28, 12))
    assert change_from_baseline(baseline, thin, Measure.HEADACHE_DAYS).responder_50 is None


def test_attacks_per_week_for_cluster_headache():
    # Baseline: 14 attacks over 28 recorded days = 3.5 a week.
    baseline = measure_period(
        BASELINE,
        [DiaryDay(BASELINE.start + timedelta(days=2 * i), True, 8, attacks=2) for i in range(7)]
        + [DiaryDay(BASELINE.start + timedelta(days=2 * i + 1), False) for i in range(7)]
        + [DiaryDay(BASELINE.start + timedelta(days=14 + i), False) for i in range(14)],
    )
    assert baseline.recorded_days == 28 and baseline.attacks == 14
    assert baseline.value(Measure.ATTACKS_PER_WEEK) == 3.5
    # Period 1: 3 attacks over 21 recorded days = 1 a week: -71.4%, a 50% responder.
    follow = measure_period(
        P1,
        [DiaryDay(P1.start + timedelta(days=i), i < 3, 6, attacks=int(i < 3)) for i in range(21)],
    )
    assert follow.value(Measure.ATTACKS_PER_WEEK) == 1.0
    change = change_from_baseline(baseline, follow, Measure.ATTACKS_PER_WEEK)
    assert change.percent == -71.4 and change.responder_50 is True


def test_intensity_is_the_mean_and_peak_of_the_worst_intensity_on_headache_days():
    m = measure_period(
        P1,
        [
            DiaryDay(P1.start, True, 4),
            DiaryDay(P1.start + timedelta(1), True, 6),
            DiaryDay(P1.start + timedelta(2), True, 8),
            # A headache day without an intensity counts as a headache day, not in the mean.
            DiaryDay(P1.start + timedelta(3), True, None),
            DiaryDay(P1.start + timedelta(4), False, 0),
        ],
    )
    assert m.headache_days == 4
    assert m.value(Measure.MEAN_INTENSITY) == 6.0
    assert m.value(Measure.PEAK_INTENSITY) == 8.0
    # Intensity does not depend on how many days were recorded.
    assert not m.evaluable


def test_medication_days_per_drug_class_and_in_total():
    m = measure_period(
        P1,
        [
            DiaryDay(
                P1.start,
                True,
                7,
                medication=frozenset({DrugClass.TRIPTAN, DrugClass.NON_OPIOID_ANALGESIC}),
            ),
            DiaryDay(
                P1.start + timedelta(1),
                True,
                5,
                medication=frozenset({DrugClass.NON_OPIOID_ANALGESIC}),
            ),
            DiaryDay(P1.start + timedelta(2), False),
        ]
        + [DiaryDay(P1.start + timedelta(3 + i), False) for i in range(25)],
    )
    assert m.days_with(DrugClass.TRIPTAN) == 1
    assert m.days_with(DrugClass.NON_OPIOID_ANALGESIC) == 2
    assert m.days_with(DrugClass.OPIOID) == 0
    # The day with both counts once in the total.
    assert m.acute_medication_days == 2
    assert m.value(Measure.ACUTE_MEDICATION_DAYS) == 2.0


def test_self_management_success_rate():
    m = measure_period(
        P1,
        [
            DiaryDay(
                P1.start, True, 9, attacks=2, self_management_used=2, self_management_stopped=2
            ),
            DiaryDay(
                P1.start + timedelta(1),
                True,
                9,
                attacks=2,
                self_management_used=2,
                self_management_stopped=1,
            ),
        ],
    )
    assert m.value(Measure.SELF_MANAGEMENT_SUCCESS) == 0.75
    assert (
        measure_period(P1, [DiaryDay(P1.start, True, 9, attacks=1)]).value(
            Measure.SELF_MANAGEMENT_SUCCESS
        )
        is None
    )


def test_migraine_like_days():
    m = measure_period(
        P1, [DiaryDay(P1.start + timedelta(i), True, 7, migraine_like=i < 4) for i in range(28)]
    )
    assert m.value(Measure.MIGRAINE_LIKE_DAYS) == 4.0
    assert m.value(Measure.HEADACHE_DAYS) == 28.0


def test_days_are_sorted_into_their_periods():
    found = periods(FIRST, until=date(2026, 4, 26))
    measured = measure_periods(
        found, days(BASELINE, 28, 10) + days(P1, 28, 4) + [DiaryDay(date(2026, 1, 1), True, 9)]
    )
    assert [m.headache_days for m in measured] == [10, 4, 0]
    assert measured[2].recorded_days == 0


def test_a_day_given_twice_is_an_error():
    with pytest.raises(ValueError):
        measure_period(P1, [DiaryDay(P1.start, True), DiaryDay(P1.start, False)])


def test_exact_values_avoid_rounding_at_the_threshold():
    # 28 x 7 / 26 against a baseline of 28 x 14 / 26: exactly half, which floats might miss.
    base = PeriodMeasures(BASELINE, recorded_days=26, headache_days=14)
    follow = PeriodMeasures(P1, recorded_days=26, headache_days=7)
    assert base.exact(Measure.HEADACHE_DAYS) == Fraction(28 * 14, 26)
    assert change_from_baseline(base, follow, Measure.HEADACHE_DAYS).responder_50 is True


@pytest.mark.parametrize(
    ("code", "measure"),
    [
        ("1.1", Measure.MIGRAINE_LIKE_DAYS),
        ("1.3", Measure.MIGRAINE_LIKE_DAYS),
        ("2.3", Measure.HEADACHE_DAYS),
        ("3.1.2", Measure.ATTACKS_PER_WEEK),
        ("11.2.1", Measure.HEADACHE_DAYS),
        ("13.1", Measure.HEADACHE_DAYS),
        (None, Measure.HEADACHE_DAYS),
    ],
)
def test_the_primary_measure_follows_the_diagnosis(code, measure):
    assert primary_measure(code) is measure


def test_the_follow_up_months_fall_in_these_periods():
    # 6 months = day 182.6 after the first treatment, in period 7 (days 168-195).
    assert period_at_month(6) == 7
    assert period_at_month(12) == 14
    assert period_at_month(18) == 20


def _course(values: dict[int, tuple[int, int]]) -> list[PeriodMeasures]:
    """Periods with (recorded days, headache days); baseline 28 recorded, 10 headache days."""
    found = periods(FIRST, until=FIRST + timedelta(days=28 * max(values)))
    return [
        PeriodMeasures(p, recorded_days=28, headache_days=10)
        if p.index == 0
        else PeriodMeasures(p, recorded_days=values[p.index][0], headache_days=values[p.index][1])
        for p in found
    ]


def test_a_response_sustained_at_6_months_holds_in_periods_5_to_7():
    course = _course({i: (28, 8 if i < 5 else 4) for i in range(1, 8)})
    result = sustained_response(course, Measure.HEADACHE_DAYS, months=6)
    assert result.status is Sustained.YES and result.periods == (5, 6, 7)
    # One period above half the baseline breaks it.
    broken = _course({i: (28, 6 if i == 6 else 4) for i in range(1, 8)})
    assert sustained_response(broken, Measure.HEADACHE_DAYS, months=6).status is Sustained.NO


def test_a_sustained_response_is_unknown_with_a_gap_and_not_yet_before_the_point():
    gap = _course({i: (5 if i == 6 else 28, 4) for i in range(1, 8)})
    assert sustained_response(gap, Measure.HEADACHE_DAYS, months=6).status is Sustained.UNKNOWN
    # A gap does not hide a clear non-response in another period.
    gap_and_miss = _course({i: (5 if i == 6 else 28, 9 if i == 7 else 4) for i in range(1, 8)})
    assert sustained_response(gap_and_miss, Measure.HEADACHE_DAYS, months=6).status is Sustained.NO
    early = _course({i: (28, 4) for i in range(1, 7)})
    assert sustained_response(early, Measure.HEADACHE_DAYS, months=6).status is Sustained.NOT_YET
    assert sustained_response(early, Measure.HEADACHE_DAYS, months=18).status is Sustained.NOT_YET


def _attack(**kw) -> DiaryAttack:
    at = datetime(2026, 3, 2, 8)
    return DiaryAttack(start=at, end=at + timedelta(hours=6), **kw)


def test_a_day_from_its_entries():
    day = diary_day(
        P1.start,
        checkins=[(True, 3)],
        attacks=[_attack(peak_intensity=6)],
        medication=[DrugClass.NON_OPIOID_ANALGESIC],
        self_management=[True, False, None],
        triggers=["stress"],
    )
    assert day.headache and day.worst_intensity == 6 and day.attacks == 1
    assert not day.migraine_like
    assert (day.self_management_used, day.self_management_stopped) == (2, 1)
    # A "no headache" check-in is a recorded headache-free day; its intensity is not used.
    quiet = diary_day(P1.start, checkins=[(False, 0)])
    assert not quiet.headache and quiet.worst_intensity is None
    # A check-in saying headache without an intensity is a headache day all the same.
    assert diary_day(P1.start, checkins=[(True, None)]).headache


def test_a_migraine_like_day_by_phenotype_aura_or_migraine_specific_medicine():
    migraine = _attack(peak_intensity=7, side=Side.LEFT, quality=Quality.PULSATING, nausea=True)
    assert diary_day(P1.start, attacks=[migraine]).migraine_like
    aura = _attack(peak_intensity=3, aura=frozenset({AuraSymptom.VISUAL}))
    assert diary_day(P1.start, attacks=[aura]).migraine_like
    assert diary_day(P1.start, checkins=[(True, 4)], medication=[DrugClass.TRIPTAN]).migraine_like
    tension = _attack(peak_intensity=4, side=Side.BOTH, quality=Quality.PRESSING, nausea=False)
    assert not diary_day(
        P1.start, attacks=[tension], medication=[DrugClass.NON_OPIOID_ANALGESIC]
    ).migraine_like


def test_a_zero_baseline_is_said_as_such_not_as_missing_diary():
    course = _course({i: (28, 0) for i in range(1, 8)})
    zero = [
        PeriodMeasures(m.period, recorded_days=28, headache_days=0) if m.period.index == 0 else m
        for m in course
    ]
    assert sustained_response(zero, Measure.HEADACHE_DAYS, months=6).status is Sustained.NO_BASELINE

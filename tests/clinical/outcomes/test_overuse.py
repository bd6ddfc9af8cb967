"""The medication-overuse alert at ICHD-3's thresholds over 3 months (issue 6, point 3):
10 days a month for triptans (and ergotamine, opioids, combination analgesics), 15 for
non-opioid analgesics, 10 in total for several classes none overused alone."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from headway.clinical.diary import MedicationDay
from headway.clinical.ichd3.profile import DrugClass
from headway.clinical.outcomes.overuse import alert_windows, medication_overuse_alert

TODAY = date(2026, 11, 24)
WINDOWS = alert_windows(TODAY)
LONG_AGO = date(2026, 1, 1)


def taken(
    drug_class: DrugClass, per_window: tuple[int, int, int], offset: int = 0
) -> list[MedicationDay]:
    """`per_window[i]` days with the class in window i (oldest first), from its start + offset."""
    return [
        MedicationDay(start + timedelta(days=offset + n), drug_class)
        for (start, _end), count in zip(WINDOWS, per_window, strict=True)
        for n in range(count)
    ]


def test_the_windows_are_three_30_day_months_ending_today():
    assert alert_windows(TODAY) == (
        (date(2026, 8, 27), date(2026, 9, 25)),
        (date(2026, 9, 26), date(2026, 10, 25)),
        (date(2026, 10, 26), date(2026, 11, 24)),
    )


@pytest.mark.parametrize(
    ("drug_class", "code", "threshold"),
    [
        (DrugClass.TRIPTAN, "8.2.2", 10),
        (DrugClass.ERGOTAMINE, "8.2.1", 10),
        (DrugClass.OPIOID, "8.2.4", 10),
        (DrugClass.COMBINATION_ANALGESIC, "8.2.5", 10),
        (DrugClass.NON_OPIOID_ANALGESIC, "8.2.3", 15),
    ],
)
def test_each_class_alerts_at_its_threshold_and_not_one_day_below(drug_class, code, threshold):
    at = medication_overuse_alert(
        taken(drug_class, (threshold,) * 3), today=TODAY, first_diary_day=LONG_AGO
    )
    assert at is not None
    (finding,) = at.findings
    assert finding.code == code and finding.drug_classes == (drug_class,)
    assert finding.days == (threshold,) * 3 and finding.average == threshold
    below = taken(drug_class, (threshold, threshold, threshold - 1))
    assert medication_overuse_alert(below, today=TODAY, first_diary_day=LONG_AGO) is None


def test_the_average_over_three_months_counts_not_each_month():
    # 8, 12, 10 triptan days: 30 in 3 months, 10 a month on average.
    alert = medication_overuse_alert(
        taken(DrugClass.TRIPTAN, (8, 12, 10)), today=TODAY, first_diary_day=LONG_AGO
    )
    assert alert is not None and alert.findings[0].days == (8, 12, 10)


def test_non_opioid_analgesics_at_14_days_do_not_alert():
    use = taken(DrugClass.NON_OPIOID_ANALGESIC, (14, 14, 14))
    assert medication_overuse_alert(use, today=TODAY, first_diary_day=LONG_AGO) is None


def test_several_classes_on_10_days_in_total_alert_as_8_2_6():
    # Triptans on days 0-4 and ibuprofen on days 5-9 of each month: 10 days in total.
    use = taken(DrugClass.TRIPTAN, (5, 5, 5)) + taken(
        DrugClass.NON_OPIOID_ANALGESIC, (5, 5, 5), offset=5
    )
    alert = medication_overuse_alert(use, today=TODAY, first_diary_day=LONG_AGO)
    assert alert is not None
    (finding,) = alert.findings
    assert finding.code == "8.2.6"
    assert finding.drug_classes == (DrugClass.TRIPTAN, DrugClass.NON_OPIOID_ANALGESIC)
    assert finding.days == (10, 10, 10)
    # Both on the same 5 days: 5 days in total, no alert.
    same_days = taken(DrugClass.TRIPTAN, (5, 5, 5)) + taken(
        DrugClass.NON_OPIOID_ANALGESIC, (5, 5, 5)
    )
    assert medication_overuse_alert(same_days, today=TODAY, first_diary_day=LONG_AGO) is None


def test_a_class_overused_alone_is_named_without_8_2_6():
    use = taken(DrugClass.TRIPTAN, (10, 10, 10)) + taken(
        DrugClass.NON_OPIOID_ANALGESIC, (5, 5, 5), offset=12
    )
    alert = medication_overuse_alert(use, today=TODAY, first_diary_day=LONG_AGO)
    assert alert is not None and [f.code for f in alert.findings] == ["8.2.2"]


def test_two_classes_each_overused_are_both_named():
    use = taken(DrugClass.TRIPTAN, (10, 10, 10)) + taken(
        DrugClass.NON_OPIOID_ANALGESIC, (15, 15, 15), offset=10
    )
    alert = medication_overuse_alert(use, today=TODAY, first_diary_day=LONG_AGO)
    assert alert is not None and [f.code for f in alert.findings] == ["8.2.2", "8.2.3"]


def test_no_alert_before_the_diary_covers_three_months_or_from_older_use():
    use = taken(DrugClass.TRIPTAN, (10, 10, 10))
    assert medication_overuse_alert(use, today=TODAY, first_diary_day=WINDOWS[0][0]) is not None
    assert (
        medication_overuse_alert(use, today=TODAY, first_diary_day=WINDOWS[0][0] + timedelta(1))
        is None
    )
    assert medication_overuse_alert(use, today=TODAY, first_diary_day=None) is None
    # The same use a month ago has partly left the windows.
    assert (
        medication_overuse_alert(use, today=TODAY + timedelta(days=30), first_diary_day=LONG_AGO)
        is None
    )

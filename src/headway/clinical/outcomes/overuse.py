"""The medication-overuse alert: acute headache medicine taken on as many days as ICHD-3's
medication-overuse headache (8.2) counts as overuse, over the last 3 months.

Thresholds: clinical-reference.md 8.2 (ICHD-3 2018): ergotamine, triptans, opioids,
combination analgesics and other medication on 10 or more days a month, non-opioid analgesics
(all together one class) on 15 or more; several of ergotamine, triptans, non-opioid analgesics
and opioids, none overused alone, on 10 or more days a month in total (8.2.6 [R]). The day
thresholds are expert opinion, not formal evidence [V].

This is an alert, not a diagnosis: 8.2 also needs headache on 15 or more days a month in a
pre-existing headache disorder, which the classification checks. A month is a 30-day window
counted back from today, as in the diary classification (clinical/diary.py); the alert needs 3
windows the diary fully covers and an average at the threshold over them. Days without any
diary entry count as days without medication, so the alert can only under-count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from headway.clinical.diary import WINDOW_DAYS, MedicationDay
from headway.clinical.ichd3.patient_level import OVERUSE_DAYS
from headway.clinical.ichd3.profile import DrugClass

ALERT_WINDOWS = 3
# 8.2.6 counts these classes together ([R]).
MULTIPLE_CLASSES = (
    DrugClass.ERGOTAMINE,
    DrugClass.TRIPTAN,
    DrugClass.NON_OPIOID_ANALGESIC,
    DrugClass.OPIOID,
)
MULTIPLE_THRESHOLD = 10


@dataclass(frozen=True)
class OveruseFinding:
    code: str  # the ICHD-3 subtype the level corresponds to
    drug_classes: tuple[DrugClass, ...]  # one class, or the classes counted together (8.2.6)
    threshold: int  # days a month
    days: tuple[int, ...]  # days with it in each window, oldest first

    @property
    def average(self) -> float:
        return round(sum(self.days) / len(self.days), 1)


@dataclass(frozen=True)
class OveruseAlert:
    windows: tuple[tuple[date, date], ...]  # oldest first, inclusive
    findings: tuple[OveruseFinding, ...]


def alert_windows(today: date) -> tuple[tuple[date, date], ...]:
    windows = []
    end = today
    for _ in range(ALERT_WINDOWS):
        start = end - timedelta(days=WINDOW_DAYS - 1)
        windows.append((start, end))
        end = start - timedelta(days=1)
    return tuple(reversed(windows))


def _counts(days: set[date], windows: Sequence[tuple[date, date]]) -> tuple[int, ...]:
    return tuple(sum(1 for d in days if start <= d <= end) for start, end in windows)


def medication_overuse_alert(
    medication: Sequence[MedicationDay], *, today: date, first_diary_day: date | None
) -> OveruseAlert | None:
    """The alert, or None when no class reaches its threshold or the diary is shorter than
    the 3 windows."""
    windows = alert_windows(today)
    if first_diary_day is None or first_diary_day > windows[0][0]:
        return None
    findings = []
    for drug_class, (code, _name, threshold) in OVERUSE_DAYS.items():
        counts = _counts({m.day for m in medication if m.drug_class is drug_class}, windows)
        if sum(counts) >= threshold * ALERT_WINDOWS:
            findings.append(OveruseFinding(code, (drug_class,), threshold, counts))
    overused = {c for f in findings for c in f.drug_classes}
    used = [
        c
        for c in MULTIPLE_CLASSES
        if any(m.drug_class is c and windows[0][0] <= m.day <= today for m in medication)
    ]
    if len(used) >= 2 and not overused & set(MULTIPLE_CLASSES):
        counts = _counts({m.day for m in medication if m.drug_class in used}, windows)
        if sum(counts) >= MULTIPLE_THRESHOLD * ALERT_WINDOWS:
            findings.append(OveruseFinding("8.2.6", tuple(used), MULTIPLE_THRESHOLD, counts))
    return OveruseAlert(windows, tuple(findings)) if findings else None

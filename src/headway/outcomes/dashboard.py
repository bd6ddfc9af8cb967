"""The practice dashboard: outcomes by diagnosis, technique or practitioner, read from the
patient x period rollup and the patients' courses only, never from the raw diary (design.md
section 8).

Per group: patients whose follow-up period is complete, how many of them have an evaluable
baseline and follow-up (enough diary days, a baseline above zero), the 50% and 30% responders
among those with a 95% Wilson interval, and the median change from baseline in percent. The
responder test is done in integers in SQL, exactly as the core's change_from_baseline does it
with fractions: f/f_rec <= (1 - share) x b/b_rec.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from django.db import connection, transaction

from headway.clinical.outcomes.measures import (
    PERIOD_DAYS,
    Change,
    Measure,
    Period,
    PeriodMeasures,
    change_from_baseline,
    period_at_month,
    period_of,
)
from headway.clinical.stats import Proportion, proportion


class GroupBy(StrEnum):
    DIAGNOSIS = "diagnosis"
    TECHNIQUE = "technique"
    PRACTITIONER = "practitioner"


# Follow-up points offered: 4 and 12 weeks, then the months of the questionnaire schedule.
FOLLOW_UPS = {
    "week_4": 1,
    "week_12": 3,
    "month_6": period_at_month(6),
    "month_12": period_at_month(12),
    "month_18": period_at_month(18),
}

_PRIMARY = """CASE c.primary_measure
    WHEN 'migraine_like_days' THEN {t}.migraine_like_days
    WHEN 'attacks_per_week' THEN {t}.attacks
    ELSE {t}.headache_days END"""

_GROUPS = {
    GroupBy.DIAGNOSIS: ("c.diagnosis", ""),
    GroupBy.PRACTITIONER: ("c.practitioner_id", ""),
    GroupBy.TECHNIQUE: (
        "ct.technique_id",
        "JOIN outcomes_patientcourse_techniques ct ON ct.patientcourse_id = c.id",
    ),
}


def _sql(group: GroupBy) -> str:
    key, join = _GROUPS[group]
    b, f = _PRIMARY.format(t="b"), _PRIMARY.format(t="f")
    evaluable = (
        f"(b.recorded_days * 2 >= c.baseline_days AND f.recorded_days * 2 >= {PERIOD_DAYS} "
        f"AND {b} > 0)"
    )
    # Only fixed fragments of this module are formatted in; every value is a query parameter.
    return f"""
SELECT grp, evaluable, r50, r30, pct, COUNT(*) FROM (
  SELECT {key} AS grp,
    CASE WHEN {evaluable} THEN 1 ELSE 0 END AS evaluable,
    CASE WHEN {evaluable} AND {f} * b.recorded_days * 2 <= {b} * f.recorded_days
      THEN 1 ELSE 0 END AS r50,
    CASE WHEN {evaluable} AND {f} * b.recorded_days * 10 <= {b} * f.recorded_days * 7
      THEN 1 ELSE 0 END AS r30,
    CASE WHEN {evaluable}
      THEN ROUND(100.0 * ({f} * b.recorded_days - {b} * f.recorded_days)
                 / ({b} * f.recorded_days))
      END AS pct
  FROM outcomes_patientcourse c
  {join}
  LEFT JOIN outcomes_periodrollup b ON b.patient_id = c.patient_id AND b."index" = 0
  LEFT JOIN outcomes_periodrollup f ON f.patient_id = c.patient_id AND f."index" = %s
  WHERE c.practice_id = %s AND c.first_treatment BETWEEN %s AND %s
) per_patient
GROUP BY grp, evaluable, r50, r30, pct
"""  # noqa: S608


@dataclass
class GroupOutcome:
    key: object
    label: str = ""
    patients: int = 0  # follow-up period complete
    evaluable: int = 0
    responders_50: int = 0
    responders_30: int = 0
    changes: dict[float, int] = field(default_factory=dict)  # percent -> patients

    @property
    def rate_50(self) -> Proportion:
        return proportion(self.responders_50, self.evaluable)

    @property
    def rate_30(self) -> Proportion:
        return proportion(self.responders_30, self.evaluable)

    @property
    def completeness(self) -> Proportion:
        return proportion(self.evaluable, self.patients)

    @property
    def median_change(self) -> float | None:
        """The median of the patients' percent changes (whole percents), from their counts."""
        total = sum(self.changes.values())
        if not total:
            return None
        ordered = sorted(self.changes.items())

        def at(position: int) -> float:
            seen = 0
            for value, count in ordered:
                seen += count
                if seen > position:
                    return value
            raise AssertionError

        if total % 2:
            return at(total // 2)
        return (at(total // 2 - 1) + at(total // 2)) / 2


@dataclass(frozen=True)
class DashboardQuery:
    practice_id: int
    group_by: GroupBy
    follow_up: str  # a key of FOLLOW_UPS
    started_from: date
    started_until: date
    today: date

    @property
    def period(self) -> int:
        return FOLLOW_UPS[self.follow_up]

    @property
    def latest_start(self) -> date:
        """The follow-up period must be over, its last day before today, as on the patient's
        page: period p ends on first + 28p - 1 <= today - 1."""
        return min(self.started_until, self.today - timedelta(days=PERIOD_DAYS * self.period))


def outcomes_by_group(query: DashboardQuery) -> list[GroupOutcome]:
    groups: dict[object, GroupOutcome] = {}
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One aggregation over ~100,000 rows: compiling it (JIT) costs more than it saves,
            # and grouping in memory beats a sort spilled to disk.
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute(
            _sql(query.group_by),
            [query.period, query.practice_id, query.started_from, query.latest_start],
        )
        for grp, evaluable, r50, r30, pct, count in cursor.fetchall():
            group = groups.setdefault(grp, GroupOutcome(grp))
            group.patients += count
            if evaluable:
                group.evaluable += count
                group.responders_50 += count * r50
                group.responders_30 += count * r30
                group.changes[float(pct)] = group.changes.get(float(pct), 0) + count
    return sorted(groups.values(), key=lambda g: (-g.patients, str(g.key)))


def total(groups: list[GroupOutcome]) -> GroupOutcome:
    """All patients (for diagnosis and practitioner each patient is in one group)."""
    whole = GroupOutcome("all")
    for g in groups:
        whole.patients += g.patients
        whole.evaluable += g.evaluable
        whole.responders_50 += g.responders_50
        whole.responders_30 += g.responders_30
        for value, count in g.changes.items():
            whole.changes[value] = whole.changes.get(value, 0) + count
    return whole


_PATIENT_ROWS = """
SELECT c.patient_id, c.first_treatment, c.diagnosis, c.primary_measure, c.practitioner_id,
  b.recorded_days, {b}, c.baseline_days, f.recorded_days, {f}
FROM outcomes_patientcourse c
LEFT JOIN outcomes_periodrollup b ON b.patient_id = c.patient_id AND b."index" = 0
LEFT JOIN outcomes_periodrollup f ON f.patient_id = c.patient_id AND f."index" = %s
WHERE c.practice_id = %s AND c.first_treatment BETWEEN %s AND %s
ORDER BY c.first_treatment, c.patient_id
"""


@dataclass(frozen=True)
class PatientOutcomeRow:
    """One patient of the selection, with the core's change between the two rollup rows."""

    patient_id: int
    first_treatment: date
    diagnosis: str
    measure: Measure
    practitioner_id: int | None
    baseline: PeriodMeasures
    follow_up: PeriodMeasures

    @property
    def change(self) -> Change:
        return change_from_baseline(self.baseline, self.follow_up, self.measure)

    @property
    def evaluable(self) -> bool:
        return self.change.responder_50 is not None


def _measures(period: Period, measure: Measure, recorded: int, count: int) -> PeriodMeasures:
    """A rollup row's recorded days and primary count as the core's PeriodMeasures."""
    if measure is Measure.MIGRAINE_LIKE_DAYS:
        return PeriodMeasures(period, recorded_days=recorded, migraine_like_days=count)
    if measure is Measure.ATTACKS_PER_WEEK:
        return PeriodMeasures(period, recorded_days=recorded, attacks=count)
    return PeriodMeasures(period, recorded_days=recorded, headache_days=count)


def patient_rows(query: DashboardQuery) -> Iterator[PatientOutcomeRow]:
    sql = _PATIENT_ROWS.format(b=_PRIMARY.format(t="b"), f=_PRIMARY.format(t="f"))
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [query.period, query.practice_id, query.started_from, query.latest_start]
        )
        for patient_id, first, diagnosis, name, practitioner_id, *counts in cursor.fetchall():
            if isinstance(first, str):  # SQLite gives dates as text in raw queries
                first = date.fromisoformat(first)
            b_rec, b_count, baseline_days, f_rec, f_count = (int(v or 0) for v in counts)
            measure = Measure(name)
            yield PatientOutcomeRow(
                patient_id,
                first,
                diagnosis,
                measure,
                practitioner_id,
                _measures(
                    period_of(first, 0, baseline_days=baseline_days), measure, b_rec, b_count
                ),
                _measures(period_of(first, query.period), measure, f_rec, f_count),
            )


def missing_diary(query: DashboardQuery) -> list[int]:
    """Patients in the selection whose baseline or follow-up lacks enough diary days."""
    return [r.patient_id for r in patient_rows(query) if not r.evaluable]

"""Reads for outcomes: the diary as recorded days for the core, the first treatment, and the
questionnaires of a patient with their state."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Min, Q, QuerySet

from headway.care.models import TreatmentSession
from headway.clinical import instruments
from headway.clinical.diary import DiaryAttack, MedicationDay
from headway.clinical.ichd3.profile import DrugClass
from headway.clinical.instruments.definitions import Instrument
from headway.clinical.outcomes import schedule
from headway.clinical.outcomes.measures import (
    SUSTAINED_MONTHS,
    Change,
    DiaryDay,
    Measure,
    Period,
    PeriodMeasures,
    SustainedResponse,
    change_from_baseline,
    diary_day,
    measure_periods,
    periods,
    primary_measure,
    sustained_response,
)
from headway.clinical.outcomes.overuse import OveruseAlert, medication_overuse_alert
from headway.clinical.outcomes.triggers import TriggerComparison, trigger_comparisons_counted
from headway.diary.models import DiaryEntry, EntryKind
from headway.diary.queries import attack_from_entry
from headway.lib.bounds import EARLIEST, LATEST
from headway.outcomes.models import (
    PatientCourse,
    PeriodRollup,
    QuestionnaireResponse,
    ScheduledQuestionnaire,
)
from headway.patients.models import Patient


def first_treatment(patient: Patient) -> date | None:
    # A session dated outside the sane range (stored before forms checked dates, issue 12
    # point 2.1) is a typing error, not a start the periods and due dates can count from.
    found: date | None = TreatmentSession.objects.filter(
        patient=patient, session_date__range=(EARLIEST, LATEST)
    ).aggregate(first=Min("session_date"))["first"]
    return found


def days_from_entries(rows: list[tuple[str, date, dict[str, Any]]]) -> list[DiaryDay]:
    """(kind, day, data) of the live entries, as the core's recorded days."""
    by_day: dict[date, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for kind, day, data in rows:
        by_day[day].append((kind, data))
    days = []
    for day, entries in sorted(by_day.items()):
        checkins: list[tuple[bool, int | None]] = []
        attacks: list[DiaryAttack] = []
        medication: set[DrugClass] = set()
        managed: list[bool | None] = []
        triggers: set[str] = set()
        for kind, data in entries:
            if kind == EntryKind.ATTACK:
                attacks.append(attack_from_entry(data))
                used = data.get("self_management") or {}
                if used.get("used"):
                    managed.append(used.get("stopped_attack"))
            else:
                checkins.append((bool(data.get("headache")), data.get("worst_intensity")))
            medication.update(DrugClass(m["drug_class"]) for m in data.get("medications") or [])
            triggers.update(data.get("triggers") or [])
        days.append(
            diary_day(
                day,
                checkins=checkins,
                attacks=attacks,
                medication=medication,
                self_management=managed,
                triggers=triggers,
            )
        )
    return days


def diary_days(
    patient: Patient, *, since: date | None = None, until: date | None = None
) -> list[DiaryDay]:
    rows = DiaryEntry.objects.filter(patient=patient, deleted=False)
    if since is not None:
        rows = rows.filter(day__gte=since)
    if until is not None:
        rows = rows.filter(day__lte=until)
    return days_from_entries(
        list(rows.order_by("day", "changed_at").values_list("kind", "day", "data"))
    )


def medication_days(days: list[DiaryDay]) -> list[MedicationDay]:
    return [MedicationDay(d.day, c) for d in days for c in sorted(d.medication)]


@dataclass(frozen=True)
class QuestionnaireRow:
    scheduled: ScheduledQuestionnaire
    status: schedule.Status
    response: QuestionnaireResponse | None


def scheduled_due(item: ScheduledQuestionnaire, first: date | None) -> date | None:
    """The practice's date, else the timepoint's date from the first treatment; the baseline
    is due when it was scheduled while there is no treatment yet."""
    return _due(item.due_on, item.timepoint, item.created_at.date(), first)


def _due(due_on: date | None, timepoint: str, created_on: date, first: date | None) -> date | None:
    if due_on is not None:
        return due_on
    if timepoint == schedule.Timepoint.OTHER:
        return None
    if first is None:
        if timepoint == schedule.Timepoint.BASELINE:
            return created_on
        return None
    return schedule.due_date(schedule.Timepoint(timepoint), first)


def questionnaires(patient: Patient, *, today: date) -> list[QuestionnaireRow]:
    first = first_treatment(patient)
    rows = []
    items = ScheduledQuestionnaire.objects.filter(patient=patient).select_related("response")
    for item in items:
        response = getattr(item, "response", None)
        due = scheduled_due(item, first)
        rows.append(
            QuestionnaireRow(
                item, schedule.status(due, done=response is not None, today=today), response
            )
        )
    rows.sort(key=lambda r: (r.status.due or date.max, r.scheduled.instrument))
    return rows


def primary_diagnosis(patient: Patient) -> str | None:
    """The confirmed (or amended) ICHD-3 code that decides the primary measure: a primary
    headache (migraine, tension-type, cluster) before any other."""
    from headway.care.services import diagnoses_current

    codes = [d.code or d.suggested_code for d in diagnoses_current(patient)]
    for code in codes:
        if code.split(".")[0] in {"1", "2", "3"}:
            return code
    return codes[0] if codes else None


@dataclass(frozen=True)
class PeriodRow:
    measures: PeriodMeasures
    change: Change | None  # of the primary measure; None for the baseline


@dataclass(frozen=True)
class QuestionnaireTrend:
    instrument: Instrument
    responses: list[QuestionnaireResponse]
    change: instruments.Change | None  # first to latest, against the minimal important change


@dataclass(frozen=True)
class PatientOutcomes:
    today: date
    first_treatment: date | None
    baseline_days: int
    diagnosis: str | None
    primary: Measure
    periods: list[PeriodRow]
    sustained: list[SustainedResponse]
    overuse: OveruseAlert | None
    triggers: list[TriggerComparison]
    sessions: list[date]
    questionnaires: list[QuestionnaireRow]
    trends: list[QuestionnaireTrend]
    recorded_days: int  # in the whole diary

    @property
    def baseline(self) -> PeriodMeasures | None:
        return self.periods[0].measures if self.periods else None


def questionnaire_trends(patient: Patient) -> list[QuestionnaireTrend]:
    by_instrument: dict[str, list[QuestionnaireResponse]] = defaultdict(list)
    for response in QuestionnaireResponse.objects.filter(patient=patient).order_by(
        "completed_on", "id"
    ):
        by_instrument[response.instrument].append(response)
    trends = []
    for key, responses in by_instrument.items():
        definition = instruments.instrument(key)
        change = None
        if len(responses) >= 2 and key != "pgic":
            first, last = (_score(definition, r) for r in (responses[0], responses[-1]))
            change = instruments.change_between(definition, first, last)
        trends.append(QuestionnaireTrend(definition, responses, change))
    return sorted(trends, key=lambda t: list(instruments.INSTRUMENTS).index(t.instrument.key))


def _score(definition: Instrument, response: QuestionnaireResponse) -> instruments.Score:
    return instruments.Score(
        definition.key,
        response.score,
        response.raw,
        response.band or None,
        response.answered,
        tuple(response.missing),
    )


def _rollup_measures(
    patient: Patient, found: list[Period], *, first: date, baseline_days: int
) -> list[PeriodMeasures] | None:
    """The periods' measures from the patient x period rollup (kept in the transaction of every
    diary change), or None when it was built on another first treatment or baseline length:
    then the page counts from the diary itself."""
    course = (
        PatientCourse.objects.filter(patient=patient)
        .values_list("first_treatment", "baseline_days")
        .first()
    )
    if course != (first, baseline_days):
        return None
    stored = {
        r.index: r for r in PeriodRollup.objects.filter(patient=patient, index__lte=len(found) - 1)
    }
    order = list(DrugClass)
    measured = []
    for period in found:
        r = stored.get(period.index)
        if r is None or (r.start, r.end) != (period.start, period.end):
            if r is not None:
                return None  # built on other periods: not to be trusted
            measured.append(PeriodMeasures(period))  # no diary day in it
            continue
        medication = sorted(
            ((DrugClass(c), n) for c, n in r.medication_days.items()),
            key=lambda kv: order.index(kv[0]),
        )
        measured.append(
            PeriodMeasures(
                period,
                recorded_days=r.recorded_days,
                headache_days=r.headache_days,
                migraine_like_days=r.migraine_like_days,
                attacks=r.attacks,
                intensity_sum=r.intensity_sum,
                intensity_count=r.intensity_count,
                intensity_peak=r.intensity_peak,
                medication_days=tuple(medication),
                acute_medication_days=r.acute_medication_days,
                self_management_used=r.self_management_used,
                self_management_stopped=r.self_management_stopped,
            )
        )
    return measured


def diary_triggers(patient: Patient) -> tuple[list[TriggerComparison], int]:
    """The trigger comparisons and the number of recorded days, reading day by day only the
    days that noted a trigger; the other days are counted in the database (issue 13, 2.1:
    reading 5 years of diary was most of the outcome page's time)."""
    live = DiaryEntry.objects.filter(patient=patient, deleted=False)
    # A headache day as the core's diary_day says: an attack, or a check-in with headache.
    totals = live.order_by().aggregate(
        recorded=Count("day", distinct=True),
        headache=Count(
            "day", distinct=True, filter=Q(kind=EntryKind.ATTACK) | Q(data__headache=True)
        ),
    )
    # Only entries with at least one trigger (the phone sends an empty list on the others).
    noted = live.filter(day__in=live.filter(data__triggers__0__isnull=False).values("day"))
    days = days_from_entries(
        list(noted.order_by("day", "changed_at").values_list("kind", "day", "data"))
    )
    comparisons = trigger_comparisons_counted(
        recorded_days=totals["recorded"], headache_days=totals["headache"], noted=days
    )
    return comparisons, totals["recorded"]


def patient_outcomes(patient: Patient, *, today: date) -> PatientOutcomes:
    """Everything the outcome page and the progress report show: the periods from the
    patient x period rollup, the medication alert from the last months of the diary and the
    triggers from the days that noted one, so the page does not grow with years of diary."""
    first = first_treatment(patient)
    baseline_days = patient.practice.baseline_days
    diagnosis = primary_diagnosis(patient)
    primary = primary_measure(diagnosis)
    rows: list[PeriodRow] = []
    sustained: list[SustainedResponse] = []
    if first is not None:
        # Complete periods only: a period still running would look better or worse than it is.
        found = periods(first, until=today - timedelta(days=1), baseline_days=baseline_days)
        measured = _rollup_measures(patient, found, first=first, baseline_days=baseline_days)
        if measured is None:
            measured = measure_periods(found, diary_days(patient))
        if measured:
            base = measured[0]
            rows = [
                PeriodRow(
                    m, None if m.period.index == 0 else change_from_baseline(base, m, primary)
                )
                for m in measured
            ]
            sustained = [sustained_response(measured, primary, months=n) for n in SUSTAINED_MONTHS]
    sessions = sorted(
        set(TreatmentSession.objects.filter(patient=patient).values_list("session_date", flat=True))
    )
    triggers, recorded_days = diary_triggers(patient)
    return PatientOutcomes(
        today=today,
        first_treatment=first,
        baseline_days=baseline_days,
        diagnosis=diagnosis,
        primary=primary,
        periods=rows,
        sustained=sustained,
        overuse=overuse_alert(patient, today=today),
        triggers=triggers,
        sessions=sessions,
        questionnaires=questionnaires(patient, today=today),
        trends=questionnaire_trends(patient),
        recorded_days=recorded_days,
    )


def instrument_text(key: str, language: str) -> instruments.InstrumentText | None:
    from pathlib import Path

    from django.conf import settings

    directory = settings.INSTRUMENT_TEXT_DIR
    try:
        return instruments.load_text(key, language, Path(directory) if directory else None)
    except instruments.TextNotInstalled:
        return None


def questionnaires_overdue(practice_id: int, *, today: date) -> QuerySet[ScheduledQuestionnaire]:
    """Every overdue questionnaire of the practice's active patients, oldest due first, as a
    query the page counts and slices in the database (issue 13, point 2.2: loading all 15,000
    at 5,000 patients and dating each in Python took 280-435 ms). It reads the stored due date
    (services.questionnaire_dues_refresh keeps it in step with the first treatment)."""
    # Overdue once more than GRACE_DAYS past due (schedule.status); today is a real date, so
    # the subtraction cannot leave the calendar.
    return (
        ScheduledQuestionnaire.objects.filter(
            practice_id=practice_id,
            response__isnull=True,
            patient__archived_at__isnull=True,
            due__lt=today - timedelta(days=schedule.GRACE_DAYS),
        )
        .select_related("patient")
        .order_by("due", "patient__last_name", "id")
    )


def questionnaire_rows(
    overdue: Iterable[ScheduledQuestionnaire], *, today: date
) -> list[tuple[Patient, QuestionnaireRow]]:
    """The overdue items of one page with their patients, in the page's order."""
    return [
        (
            item.patient,
            QuestionnaireRow(item, schedule.status(item.due, done=False, today=today), None),
        )
        for item in overdue
    ]


def overuse_alert(patient: Patient, *, today: date) -> OveruseAlert | None:
    """The alert from the last 3 months of the diary (the first day tells whether the diary
    covers them)."""
    first_day = (
        DiaryEntry.objects.filter(patient=patient, deleted=False)
        .order_by("day")
        .values_list("day", flat=True)
        .first()
    )
    recorded = diary_days(patient, since=today - timedelta(days=120))
    return medication_overuse_alert(
        medication_days(recorded), today=today, first_diary_day=first_day
    )


def questionnaires_open(patient: Patient, *, today: date) -> int:
    return sum(
        1
        for row in questionnaires(patient, today=today)
        if row.status.state in (schedule.State.OPEN, schedule.State.OVERDUE)
    )

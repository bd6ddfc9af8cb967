"""Writes for outcomes: the questionnaire schedule, answers scored by the core, and the patient x
period rollup of the diary."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from headway.accounts.models import Practice, User
from headway.audit.services import audit_record
from headway.care.models import SessionTechnique, TreatmentSession
from headway.clinical import instruments
from headway.clinical.outcomes import schedule
from headway.clinical.outcomes.measures import (
    PeriodMeasures,
    measure_periods,
    period_index,
    period_of,
    primary_measure,
)
from headway.lib.bounds import dates_check
from headway.outcomes.models import (
    PatientCharts,
    PatientCourse,
    PeriodRollup,
    QuestionnaireResponse,
    ScheduledQuestionnaire,
    Source,
)
from headway.outcomes.queries import (
    diary_days,
    first_treatment,
    primary_diagnosis,
    scheduled_due,
)
from headway.patients.models import Patient

# Rollup -------------------------------------------------------------------------------------


def _rollup_row(patient: Patient, m: PeriodMeasures) -> PeriodRollup:
    return PeriodRollup(
        practice_id=patient.practice_id,
        patient=patient,
        index=m.period.index,
        start=m.period.start,
        end=m.period.end,
        recorded_days=m.recorded_days,
        headache_days=m.headache_days,
        migraine_like_days=m.migraine_like_days,
        attacks=m.attacks,
        intensity_sum=m.intensity_sum,
        intensity_count=m.intensity_count,
        intensity_peak=m.intensity_peak,
        medication_days={c.value: n for c, n in m.medication_days},
        acute_medication_days=m.acute_medication_days,
        self_management_used=m.self_management_used,
        self_management_stopped=m.self_management_stopped,
    )


def _course(patient: Patient) -> tuple[date | None, int]:
    return first_treatment(patient), patient.practice.baseline_days


def charts_forget(*, patient: Patient) -> None:
    """The stored charts no longer show the patient's data: drawn again on the next view. Called
    in the transaction of every change they show (diary, sessions, diagnoses, answers), so no
    view after the change is served the old drawing."""
    PatientCharts.objects.filter(patient=patient).delete()


def _lock(patient: Patient) -> None:
    """Serialise rollup work per patient. Reads made after the lock see what other
    transactions committed meanwhile (a session saved while a diary sync waited), so the
    rollup is never built on a first treatment that has since moved."""
    Patient.objects.select_for_update().filter(pk=patient.pk).first()


@transaction.atomic
def course_refresh(*, patient: Patient) -> PatientCourse:
    """The dashboard's view of the patient's course: diagnosis, primary measure, practitioner
    and techniques. Called when sessions or diagnoses change."""
    _lock(patient)
    charts_forget(patient=patient)
    diagnosis = primary_diagnosis(patient) or ""
    sessions = TreatmentSession.objects.filter(patient=patient).order_by("session_date", "id")
    first_session = sessions.first()
    course, _created = PatientCourse.objects.update_or_create(
        patient=patient,
        defaults={
            "practice_id": patient.practice_id,
            "diagnosis": diagnosis,
            "primary_measure": primary_measure(diagnosis).value,
            "practitioner_id": first_session.practitioner_id if first_session else None,
            "updated_at": timezone.now(),
        },
        create_defaults={
            "practice_id": patient.practice_id,
            "diagnosis": diagnosis,
            "primary_measure": primary_measure(diagnosis).value,
            "practitioner_id": first_session.practitioner_id if first_session else None,
            # Not counted yet: rollup_refresh sees the difference and recounts.
            "first_treatment": None,
            "baseline_days": 0,
        },
    )
    course.techniques.set(
        set(
            SessionTechnique.objects.filter(session__patient=patient).values_list(
                "technique_id", flat=True
            )
        )
    )
    return course


@transaction.atomic
def rollup_refresh(*, patient: Patient, days: Iterable[date] | None = None) -> None:
    """Bring the patient's rollup up to date after the diary changed on `days` (None: recount
    everything, as after the first treatment moved). Only the periods holding those days are
    recounted, from the diary rows of those periods. When the first treatment or the baseline
    length differs from what the rollup was built on, all periods are recounted."""
    _lock(patient)
    charts_forget(patient=patient)
    first, baseline_days = _course(patient)
    course = PatientCourse.objects.filter(patient=patient).first()
    if course is None or (course.first_treatment, course.baseline_days) != (first, baseline_days):
        if course is None:
            course = course_refresh(patient=patient)
        PatientCourse.objects.filter(pk=course.pk).update(
            first_treatment=first, baseline_days=baseline_days, updated_at=timezone.now()
        )
        questionnaire_dues_refresh(patient=patient, first=first)
        days = None
    rows = PeriodRollup.objects.filter(patient=patient)
    if first is None:
        rows.delete()  # periods are counted from the first treatment
        return
    if days is None:
        since = first - timedelta(days=baseline_days)
        recorded = diary_days(patient, since=since)
        wanted = {period_index(first, d.day, baseline_days=baseline_days) for d in recorded}
    else:
        wanted = {period_index(first, d, baseline_days=baseline_days) for d in days} - {-1}
        if not wanted:
            return
        rows = rows.filter(index__in=wanted)
        found = [period_of(first, i, baseline_days=baseline_days) for i in wanted]
        recorded = diary_days(
            patient, since=min(p.start for p in found), until=max(p.end for p in found)
        )
    found = [period_of(first, i, baseline_days=baseline_days) for i in sorted(wanted)]
    measured = [m for m in measure_periods(found, recorded) if m.recorded_days]
    rows.delete()
    PeriodRollup.objects.bulk_create([_rollup_row(patient, m) for m in measured])


def rollups_rebuild(*, practice: Practice | None = None, missing_only: bool = False) -> int:
    """Build the rollup from scratch, for one practice or all (or only for patients that have
    none yet); returns the patients done."""
    patients = Patient.objects.select_related("practice").order_by("pk")
    if practice is not None:
        patients = patients.filter(practice=practice)
    if missing_only:
        patients = patients.filter(outcome_course__isnull=True)
    done = 0
    for patient in patients.iterator(chunk_size=500):
        with transaction.atomic():
            PatientCourse.objects.filter(patient=patient).delete()
            course_refresh(patient=patient)
            rollup_refresh(patient=patient)
        done += 1
    return done


def charts_store(
    *, patient: Patient, language: str, inputs: str, charts: list[dict[str, Any]]
) -> None:
    """Keep the charts drawn for `inputs`. Two first views at once both draw; the later one
    stores (same inputs, same drawing)."""
    with transaction.atomic():
        PatientCharts.objects.update_or_create(
            patient=patient,
            language=language,
            defaults={
                "practice_id": patient.practice_id,
                "inputs": inputs,
                "charts": charts,
                "drawn_at": timezone.now(),
            },
        )


# Questionnaires -----------------------------------------------------------------------------


def questionnaire_dues_refresh(*, patient: Patient, first: date | None) -> None:
    """The stored due dates follow the first treatment: called under the patient's lock in the
    transaction that moved it (rollup_refresh), so the overdue list never reads an old date.
    A patient has a few dozen questionnaires at most."""
    changed = []
    for item in ScheduledQuestionnaire.objects.filter(patient=patient, due_on__isnull=True):
        due = scheduled_due(item, first)
        if item.due != due:
            item.due = due
            changed.append(item)
    ScheduledQuestionnaire.objects.bulk_update(changed, ["due"])


def questionnaires_schedule(
    *,
    patient: Patient,
    instruments_chosen: Iterable[str],
    timepoints: Iterable[str],
    by: User,
    due_on: date | None = None,
) -> list[ScheduledQuestionnaire]:
    """Schedule each instrument at each timepoint; one already scheduled there is kept. PGIC
    asks about change since treatment began, so it is not scheduled at baseline."""
    dates_check(born=patient.date_of_birth, due_on=due_on)
    existing = set(
        ScheduledQuestionnaire.objects.filter(patient=patient, due_on=due_on).values_list(
            "instrument", "timepoint"
        )
    )
    made = []
    for key in instruments_chosen:
        for timepoint in timepoints:
            if key == "pgic" and timepoint == schedule.Timepoint.BASELINE:
                continue
            if (key, timepoint) in existing and timepoint != schedule.Timepoint.OTHER:
                continue
            made.append(
                ScheduledQuestionnaire(
                    practice_id=patient.practice_id,
                    patient=patient,
                    instrument=key,
                    timepoint=timepoint,
                    due_on=due_on,
                    created_by=by,
                )
            )
    with transaction.atomic():
        # Under the lock a session save takes before it refreshes the due dates: either it
        # sees these rows, or they are dated from the first treatment it stored.
        _lock(patient)
        first = first_treatment(patient)
        for item in made:
            item.due = scheduled_due(item, first)
        ScheduledQuestionnaire.objects.bulk_create(made)
        audit_record(
            instance=patient,
            action_code="questionnaire.scheduled",
            detail={"scheduled": [f"{m.instrument}:{m.timepoint}" for m in made]},
        )
    return made


class AlreadyAnswered(ValueError):
    """Answered questionnaires stay on the record."""


def questionnaire_unschedule(*, item: ScheduledQuestionnaire) -> None:
    """Take an unanswered questionnaire off the schedule (answers are never deleted). The
    patient may be sending answers at this moment: under the row's lock (the one
    questionnaire_record takes) it is checked again, so an answered one always stays."""
    with transaction.atomic():
        current = ScheduledQuestionnaire.objects.select_for_update().filter(pk=item.pk).first()
        if current is None:
            return  # already taken off, by a second click or a colleague
        if QuestionnaireResponse.objects.filter(scheduled=current).exists():
            raise AlreadyAnswered("answered questionnaires stay on the record")
        audit_record(
            instance=item.patient,
            action_code="questionnaire.unscheduled",
            detail={"questionnaire": f"{current.instrument}:{current.timepoint}"},
        )
        current.delete()


def questionnaire_record(
    *,
    patient: Patient,
    instrument_key: str,
    answers: dict[str, Any],
    completed_on: date,
    source: str,
    entered_by: User | None,
    scheduled: ScheduledQuestionnaire | None = None,
    timepoint: str = schedule.Timepoint.OTHER,
    language: str = "",
) -> QuestionnaireResponse:
    """Score the answers with the core and store both. Raises instruments.AnswerError (naming
    the item) for answers that cannot be scored; nothing is saved then. Answers to a scheduled
    questionnaire the practice has just taken off the schedule are kept all the same, at its
    timepoint, without the link (the response's `scheduled` is None then)."""
    dates_check(born=patient.date_of_birth, completed_on=completed_on)
    definition = instruments.instrument(instrument_key)
    result = instruments.score(definition, answers)
    if scheduled is not None:
        if scheduled.patient_id != patient.pk or scheduled.instrument != instrument_key:
            raise ValueError("the scheduled questionnaire belongs to another patient or form")
        timepoint = scheduled.timepoint
    with transaction.atomic():
        if scheduled is not None:
            # One answer per scheduled questionnaire, also when two devices send at once; and
            # never lost when the practice unschedules it meanwhile (it waits for this lock).
            locked = ScheduledQuestionnaire.objects.select_for_update().filter(pk=scheduled.pk)
            if locked.first() is None:
                scheduled = None
            elif QuestionnaireResponse.objects.filter(scheduled=scheduled).exists():
                raise AlreadyAnswered("this questionnaire has already been answered")
        response = QuestionnaireResponse.objects.create(
            practice_id=patient.practice_id,
            patient=patient,
            scheduled=scheduled,
            instrument=instrument_key,
            timepoint=timepoint,
            completed_on=completed_on,
            answers=answers,
            score=result.value,
            raw=result.raw,
            band=result.band or "",
            answered=result.answered,
            missing=list(result.missing),
            subscales=dict(result.subscales),
            source=Source(source),
            language=language,
            entered_by=entered_by,
        )
        charts_forget(patient=patient)
        audit_record(
            instance=patient,
            action_code="questionnaire.answered",
            detail={"questionnaire": instrument_key, "source": source},
        )
    return response

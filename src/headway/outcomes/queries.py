"""Reads for outcomes: the diary as recorded days for the core, the first treatment, and the
questionnaires of a patient with their state."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Min

from headway.care.models import TreatmentSession
from headway.clinical.diary import DiaryAttack, MedicationDay
from headway.clinical.ichd3.profile import DrugClass
from headway.clinical.outcomes import schedule
from headway.clinical.outcomes.measures import DiaryDay, diary_day
from headway.diary.models import DiaryEntry, EntryKind
from headway.diary.queries import attack_from_entry
from headway.outcomes.models import QuestionnaireResponse, ScheduledQuestionnaire
from headway.patients.models import Patient


def first_treatment(patient: Patient) -> date | None:
    found: date | None = TreatmentSession.objects.filter(patient=patient).aggregate(
        first=Min("session_date")
    )["first"]
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
    if item.due_on is not None:
        return item.due_on
    if item.timepoint == schedule.Timepoint.OTHER:
        return None
    if first is None:
        if item.timepoint == schedule.Timepoint.BASELINE:
            return item.created_at.date()
        return None
    return schedule.due_date(schedule.Timepoint(item.timepoint), first)


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

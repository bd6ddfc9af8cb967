"""Every list page answers in the same number of queries whatever the practice's size
(issue 13, point 2.2: the overdue list ran about 1.4 queries per patient, 6,842 queries at
5,000 patients). Each page is counted at 10 and at 200 patients, each patient with a
treatment, a confirmed diagnosis, unanswered questionnaires (overdue), an outcome course with
its rollup, audit entries and, one in ten, a team member."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import World, client_for, make_staff
from headway.accounts.models import Role
from headway.audit.services import audit_record
from headway.care.models import (
    ClassificationRun,
    Decision,
    DiagnosisDecision,
    Technique,
    TreatmentSession,
)
from headway.care.services import technique_catalogue
from headway.clinical.outcomes import schedule
from headway.outcomes.models import PatientCourse, PeriodRollup, ScheduledQuestionnaire
from headway.patients.models import Patient

DIAGNOSES = ("1.1", "2.2", "3.1")

LIST_PAGES = [
    ("patient_list", ""),
    ("patient_list", "?q=bench"),
    ("patient_list", "?diagnosis=1.1"),
    ("patient_list", "?archived=1"),
    ("practice_dashboard", ""),
    ("practice_dashboard", "?group_by=technique&follow_up=week_12"),
    ("practice_dashboard", "?group_by=practitioner&follow_up=week_12"),
    ("dashboard_csv", ""),
    ("questionnaires_overdue", ""),
    ("audit_trail", ""),
    ("audit_export", ""),
    ("team", ""),
    ("techniques", ""),
]


def _grow(world: World, n: int) -> None:
    practice = world.practice
    today = timezone.localdate()
    first = today - timedelta(days=200)
    for m in range(n // 10):
        make_staff(practice, f"staff{n}-{m}@example.org", Role.PRACTITIONER)
    techniques = technique_catalogue(practice)
    patients = Patient.objects.bulk_create(
        Patient(
            practice=practice,
            first_name="Bench",
            last_name=f"Patient {n}-{i:03}",
            date_of_birth=first.replace(year=1980),
            archived_at=timezone.now() if i % 10 == 9 else None,
        )
        for i in range(n)
    )
    TreatmentSession.objects.bulk_create(
        TreatmentSession(
            practice=practice, patient=p, session_date=first, practitioner=world.colleague
        )
        for p in patients
    )
    runs = ClassificationRun.objects.bulk_create(
        ClassificationRun(practice=practice, patient=p, source="intake") for p in patients
    )
    DiagnosisDecision.objects.bulk_create(
        DiagnosisDecision(
            practice=practice,
            patient=p,
            run=run,
            suggested_code=DIAGNOSES[i % 3],
            suggested_name="",
            decision=Decision.CONFIRMED,
            code=DIAGNOSES[i % 3],
            reason="fits",
            decided_by=world.colleague,
        )
        for i, (p, run) in enumerate(zip(patients, runs, strict=True))
    )
    ScheduledQuestionnaire.objects.bulk_create(
        ScheduledQuestionnaire(
            practice=practice,
            patient=p,
            instrument=instrument,
            timepoint=point,
            due=schedule.due_date(schedule.Timepoint(point), first),
        )
        for p in patients
        for instrument, point in (("hit6", "baseline"), ("hit6", "week_12"), ("pgic", "month_6"))
    )
    courses = PatientCourse.objects.bulk_create(
        PatientCourse(
            practice=practice,
            patient=p,
            first_treatment=first,
            baseline_days=28,
            diagnosis=DIAGNOSES[i % 3],
            practitioner=world.colleague,
        )
        for i, p in enumerate(patients)
    )
    links = PatientCourse.techniques.through
    links.objects.bulk_create(
        links(patientcourse=c, technique=techniques[i % len(techniques)])
        for i, c in enumerate(courses)
    )
    PeriodRollup.objects.bulk_create(
        PeriodRollup(
            practice=practice,
            patient=p,
            index=index,
            start=first + timedelta(days=28 * (index - 1)),
            end=first + timedelta(days=28 * index - 1),
            # Every second patient kept too little diary at follow-up: the "missing" list.
            recorded_days=28 if index == 0 or i % 2 else 5,
            headache_days=10 if index == 0 else 4,
            migraine_like_days=8 if index == 0 else 3,
            attacks=10 if index == 0 else 4,
            intensity_sum=0,
            intensity_count=0,
            acute_medication_days=0,
            self_management_used=0,
            self_management_stopped=0,
        )
        for i, p in enumerate(patients)
        for index in (0, 3)
    )
    for p in patients:
        audit_record(instance=p, action_code="patient.viewed")
    assert Technique.objects.filter(practice=practice).exists()


def _queries(world: World, n: int, name: str, query: str) -> int:
    _grow(world, n)
    client = client_for(world.owner)
    url = reverse(name) + query
    client.get(url)  # warm: sessions, the technique catalogue, caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return _count(captured.captured_queries)


def _count(queries: list[dict[str, str]]) -> int:
    """The queries, with one bulk insert counted once: SQLite takes at most 999 parameters in a
    statement, so Django sends an identified export's audit entries (one per patient) in
    batches of a few dozen rows there (PostgreSQL takes them in one)."""
    count, previous = 0, ""
    for query in queries:
        head = query["sql"].split(" VALUES ")[0]
        if not (head.startswith("INSERT") and head == previous):
            count += 1
        previous = head
    return count


@pytest.mark.parametrize(("name", "query"), LIST_PAGES)
@pytest.mark.django_db
def test_list_page_query_count_does_not_grow_with_patients(
    world: World, name: str, query: str
) -> None:
    small = _queries(world, 10, name, query)
    # A second, larger practice size in the same database: 200 more patients.
    large = _queries(world, 200, name, query)
    assert small == large, f"{name}{query}: {small} queries at 10 patients, {large} at 210"

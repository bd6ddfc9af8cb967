"""The overdue list reads a stored due date (issue 13, point 2.2): it must follow the first
treatment when a session is dated, moved or added, in the transaction of that change."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from conftest import World, client_for
from headway.care.models import TreatmentSession
from headway.outcomes.models import ScheduledQuestionnaire
from web.care.helpers import session_post


def _overdue(world: World) -> str:
    return client_for(world.colleague).get(reverse("questionnaires_overdue")).content.decode()


def _due(world: World, timepoint: str) -> date | None:
    return ScheduledQuestionnaire.objects.get(patient=world.patient, timepoint=timepoint).due


def test_the_stored_due_date_follows_a_session_moved_earlier(world: World):
    today = timezone.localdate()
    clinician = client_for(world.colleague)
    # Scheduled before any treatment: the 4-week questionnaire waits for the first session.
    clinician.post(
        reverse("questionnaires_schedule", args=[world.patient.pk]),
        {"instruments": ["hit6"], "timepoints": ["week_4"]},
    )
    assert _due(world, "week_4") is None
    recent = today - timedelta(days=20)
    clinician.post(
        reverse("session_create", args=[world.patient.pk]),
        session_post(session_date=recent.isoformat()),
    )
    session = TreatmentSession.objects.get(patient=world.patient)
    # Due in 8 days: not overdue.
    assert _due(world, "week_4") == recent + timedelta(weeks=4)
    assert "Paula Patient" not in _overdue(world)

    # The session was in fact 60 days ago: due 32 days ago, so overdue now.
    earlier = today - timedelta(days=60)
    response = clinician.post(
        reverse("session_edit", args=[world.patient.pk, session.pk]),
        session_post(session_date=earlier.isoformat()),
    )
    assert response.status_code == 302
    assert _due(world, "week_4") == earlier + timedelta(weeks=4)
    page = _overdue(world)
    assert "Paula Patient" in page
    assert f"{earlier + timedelta(weeks=4):%d/%m/%Y}" in page


def test_a_questionnaire_scheduled_after_the_first_treatment_is_dated_from_it(world: World):
    first = timezone.localdate() - timedelta(days=200)
    clinician = client_for(world.colleague)
    clinician.post(
        reverse("session_create", args=[world.patient.pk]),
        session_post(session_date=first.isoformat()),
    )
    clinician.post(
        reverse("questionnaires_schedule", args=[world.patient.pk]),
        {"instruments": ["hit6"], "timepoints": ["baseline", "week_12", "month_12"]},
    )
    assert _due(world, "baseline") == first
    assert _due(world, "week_12") == first + timedelta(weeks=12)
    page = _overdue(world)
    # Baseline and 12 weeks are overdue; 12 months is not due yet.
    assert page.count("Paula Patient") == 2

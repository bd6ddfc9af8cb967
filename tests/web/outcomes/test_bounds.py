"""Dates out of bounds in the outcome forms, and pages that survive one already stored (issue 12,
point 2.1). A due date of 9999-12-31 was saved, and then six pages of the whole practice failed
adding a week of grace to it."""

from __future__ import annotations

import html
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import World, client_for
from headway.care.models import TreatmentSession
from headway.outcomes import services
from headway.outcomes.models import QuestionnaireResponse, ScheduledQuestionnaire

RANGE = "give a date from 1900 to 2100"
# Paula, of the personas, was born on 17 May 1980.
BEFORE_BIRTH = "this date is before the patient's date of birth (17/05/1980)"


@pytest.mark.parametrize(
    ("day", "message"),
    [("9999-12-31", RANGE), ("0001-01-01", RANGE), ("1980-05-16", BEFORE_BIRTH)],
)
def test_a_due_date_out_of_bounds_is_a_form_error(world: World, day: str, message: str):
    response = client_for(world.colleague).post(
        reverse("questionnaires_schedule", args=[world.patient.pk]),
        {"instruments": ["hit6"], "timepoints": ["other"], "due_on": day},
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert f"Date (for “other date”)</a>: {message}" in page
    assert not ScheduledQuestionnaire.objects.exists()


def test_the_schedule_service_refuses_a_due_date_in_9999(world: World):
    with pytest.raises(ValidationError) as refused:
        services.questionnaires_schedule(
            patient=world.patient,
            instruments_chosen=["hit6"],
            timepoints=["other"],
            by=world.colleague,
            due_on=date(9999, 12, 31),
        )
    assert "due_on" in refused.value.message_dict
    assert not ScheduledQuestionnaire.objects.exists()


@pytest.mark.parametrize(("day", "message"), [("0001-01-01", RANGE), ("1980-05-16", BEFORE_BIRTH)])
def test_a_paper_form_dated_out_of_bounds_is_a_form_error(world: World, day: str, message: str):
    answers = dict.fromkeys(
        ["pain", "social", "role", "vitality", "cognition", "distress"], "never"
    )
    response = client_for(world.colleague).post(
        reverse("questionnaire_enter", args=[world.patient.pk, "hit6"]),
        {**answers, "completed_on": day},
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert f"Date the patient filled it in</a>: {message}" in page
    assert not QuestionnaireResponse.objects.exists()


def test_a_dashboard_filter_in_year_1_is_a_form_error(world: World):
    response = client_for(world.owner).get(
        reverse("practice_dashboard"), {"started_from": "0001-01-01"}
    )
    assert response.status_code < 500
    assert f"First treatment from</a>: {RANGE}" in html.unescape(response.content.decode())


PRACTICE_PAGES = ["questionnaires_overdue", "practice_dashboard"]
PORTAL_PAGES = ["portal_home", "portal_questionnaires"]


def _pages_load(world: World) -> dict[str, int]:
    staff, patient = client_for(world.owner), client_for(world.patient_user)
    codes = {
        "patient_outcomes": staff.get(
            reverse("patient_outcomes", args=[world.patient.pk])
        ).status_code
    }
    codes.update({name: staff.get(reverse(name)).status_code for name in PRACTICE_PAGES})
    codes.update({name: patient.get(reverse(name)).status_code for name in PORTAL_PAGES})
    return codes


@pytest.mark.parametrize("due", [date(9999, 12, 31), date(1, 1, 1)])
def test_the_outcome_pages_survive_a_stored_extreme_due_date(world: World, due: date):
    # Written as an older version could store it, past today's checks.
    ScheduledQuestionnaire.objects.create(
        practice=world.practice,
        patient=world.patient,
        instrument="hit6",
        timepoint="other",
        due_on=due,
    )
    codes = _pages_load(world)
    assert set(codes.values()) <= {200}, codes
    overdue = client_for(world.owner).get(reverse("questionnaires_overdue")).content.decode()
    # Year 1 is long overdue and listed; 9999 is not.
    assert ("Patient, Paula" in overdue or "Paula Patient" in overdue) == (due.year == 1)
    if due.year == 9999:
        outcomes = client_for(world.owner).get(reverse("patient_outcomes", args=[world.patient.pk]))
        assert "31/12/9999" in outcomes.content.decode()


@pytest.mark.parametrize("day", [date(9999, 12, 31), date(1, 1, 1)])
def test_the_outcome_pages_survive_a_stored_extreme_session_date(world: World, day: date):
    TreatmentSession.objects.create(
        practice=world.practice, patient=world.patient, session_date=day
    )
    ScheduledQuestionnaire.objects.create(
        practice=world.practice, patient=world.patient, instrument="hit6", timepoint="month_18"
    )
    codes = _pages_load(world)
    assert set(codes.values()) <= {200}, codes

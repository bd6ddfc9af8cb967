"""Dates and texts out of bounds in the clinical forms (issue 12, points 2.1, 2.4, 2.6, 4.5): a
date of 0001-01-01, 9999-12-31 or before the patient's birth, and a text longer than the field
keeps, are form errors naming the field; nothing is saved. Tampered formset counts are refused
with a message."""

from __future__ import annotations

import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from conftest import World, client_for
from headway.care import services
from headway.care.models import (
    CervicalScreen,
    Examination,
    NoteAmendment,
    TreatmentPlan,
    TreatmentSession,
)
from web.care.helpers import complete_screen_post, screen, session_post, technique

pytestmark = pytest.mark.django_db

RANGE = "give a date from 1900 to 2100"
# The patient of the personas was born on 17 May 1980.
BEFORE_BIRTH = "this date is before the patient's date of birth (17/05/1980)"
FUTURE = "this date is in the future"
BAD_DATES = [("0001-01-01", RANGE), ("9999-12-31", RANGE), ("1980-05-16", BEFORE_BIRTH)]
# A screen, an examination or a session cannot lie ahead: that more precise message comes first.
PAST_DATES = [("0001-01-01", RANGE), ("9999-12-31", FUTURE), ("1980-05-16", BEFORE_BIRTH)]


def _page(response) -> str:
    return html.unescape(response.content.decode())


def _named(page: str, label: str, message: str) -> bool:
    """The error summary links the field's label and gives the message after it."""
    return f"{label}</a>: {message}" in page


@pytest.mark.parametrize(("day", "message"), PAST_DATES)
def test_a_screen_date_out_of_bounds_is_a_form_error(world: World, day: str, message: str):
    response = client_for(world.colleague).post(
        reverse("cervical_screens", args=[world.patient.pk]), complete_screen_post(performed_on=day)
    )
    assert response.status_code == 400
    assert _named(_page(response), "Date of the screen", message)
    assert not CervicalScreen.objects.exists()


def test_the_screen_service_refuses_a_date_before_birth(world: World):
    with pytest.raises(ValidationError) as refused:
        screen(world.patient, world.colleague, day=world.patient.date_of_birth.replace(year=1979))
    assert "performed_on" in refused.value.message_dict
    assert not CervicalScreen.objects.exists()


def _exam_post(day: str, **fields: str) -> dict[str, str]:
    return {"examined_on": day, "tp-TOTAL_FORMS": "4", "tp-INITIAL_FORMS": "0", **fields}


@pytest.mark.parametrize(("day", "message"), PAST_DATES)
def test_an_examination_date_out_of_bounds_is_a_form_error(world: World, day: str, message: str):
    response = client_for(world.colleague).post(
        reverse("examination_create", args=[world.patient.pk]), _exam_post(day)
    )
    assert response.status_code == 400
    assert _named(_page(response), "Date of the examination", message)
    assert not Examination.objects.exists()


def test_examination_findings_longer_than_10000_characters_are_refused(world: World):
    response = client_for(world.colleague).post(
        reverse("examination_create", args=[world.patient.pk]),
        _exam_post(timezone.localdate().isoformat(), notes="x" * 10_001),
    )
    assert response.status_code == 400
    assert _named(
        _page(response),
        "Other findings",
        "Ensure this value has at most 10000 characters (it has 10001).",
    )
    assert not Examination.objects.exists()


# 25 rows were taken silently, 5000 refused without a word on the page.
@pytest.mark.parametrize("total", ["25", "5000"])
def test_tampered_trigger_point_rows_are_refused_with_a_message(world: World, total: str):
    response = client_for(world.colleague).post(
        reverse("examination_create", args=[world.patient.pk]),
        _exam_post(timezone.localdate().isoformat(), **{"tp-TOTAL_FORMS": total}),
    )
    assert response.status_code == 400
    assert "Trigger points: Please submit at most 20 forms." in _page(response)
    assert not Examination.objects.exists()


@pytest.mark.parametrize(("day", "message"), BAD_DATES)
def test_a_plan_date_out_of_bounds_is_a_form_error(world: World, day: str, message: str):
    response = client_for(world.colleague).post(
        reverse("treatment_plans", args=[world.patient.pk]),
        {"starts_on": timezone.localdate().isoformat(), "goals": "Fewer attacks", "review_on": day},
    )
    assert response.status_code == 400
    assert _named(_page(response), "Review date", message)
    assert not TreatmentPlan.objects.exists()


def test_a_plan_goal_of_a_megabyte_is_refused(world: World):
    response = client_for(world.colleague).post(
        reverse("treatment_plans", args=[world.patient.pk]),
        {"starts_on": timezone.localdate().isoformat(), "goals": "x" * 1_000_000},
    )
    assert response.status_code == 400
    assert _named(
        _page(response), "Goals", "Ensure this value has at most 10000 characters (it has 1000000)."
    )
    assert not TreatmentPlan.objects.exists()


@pytest.mark.parametrize(("day", "message"), PAST_DATES)
def test_a_session_date_out_of_bounds_is_a_form_error(world: World, day: str, message: str):
    response = client_for(world.colleague).post(
        reverse("session_create", args=[world.patient.pk]), session_post(session_date=day)
    )
    assert response.status_code == 400
    assert _named(_page(response), "Date of the session", message)
    assert not TreatmentSession.objects.exists()


def test_a_session_note_longer_than_20000_characters_is_refused(world: World):
    response = client_for(world.colleague).post(
        reverse("session_create", args=[world.patient.pk]), session_post(subjective="x" * 20_001)
    )
    assert response.status_code == 400
    assert not TreatmentSession.objects.exists()


def test_the_session_service_refuses_a_year_1_date(world: World):
    with pytest.raises(ValidationError) as refused:
        services.session_save(
            patient=world.patient,
            membership=world.colleague.memberships.get(),
            fields={"session_date": timezone.localdate().replace(year=1)},
            techniques=[],
            adverse_events=[],
        )
    assert "session_date" in refused.value.message_dict
    assert not TreatmentSession.objects.exists()


@pytest.mark.parametrize("total", ["25", "5000"])
@pytest.mark.parametrize(
    ("prefix", "label", "limit"), [("t", "Techniques", 20), ("ae", "Adverse events", 10)]
)
def test_tampered_session_rows_are_refused_with_a_message(
    world: World, prefix: str, label: str, limit: int, total: str
):
    advice = technique(world.patient, "advice")
    response = client_for(world.colleague).post(
        reverse("session_create", args=[world.patient.pk]),
        session_post([{"technique": advice.pk}], **{f"{prefix}-TOTAL_FORMS": total}),
    )
    assert response.status_code == 400
    assert f"{label}: Please submit at most {limit} forms." in _page(response)
    assert not TreatmentSession.objects.exists()


def test_an_amendment_longer_than_20000_characters_is_refused(world: World):
    advice = technique(world.patient, "advice")
    clinician = client_for(world.colleague)
    clinician.post(
        reverse("session_create", args=[world.patient.pk]),
        session_post([{"technique": advice.pk}]),
    )
    session = TreatmentSession.objects.get()
    clinician.post(reverse("session_sign", args=[world.patient.pk, session.pk]))
    response = clinician.post(
        reverse("session_detail", args=[world.patient.pk, session.pk]),
        {"reason": "Typo", "text": "x" * 20_001},
    )
    assert not NoteAmendment.objects.exists()
    assert "at most 20000 characters" in _page(response)

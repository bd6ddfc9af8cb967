"""Dates and texts out of bounds in the patient record (issue 12, points 2.1 and 4.5): a consent
dated in year 1, in 9999 or before the birth, and an address of two megabytes, are form errors
naming the field; nothing is saved."""

from __future__ import annotations

import html
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import World, client_for
from headway.patients import services
from headway.patients.models import Consent, Patient

# Otto, of the personas, was born on 17 May 1980.
BEFORE_BIRTH = "this date is before the patient's date of birth (17/05/1980)"


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("0001-01-01", "give a date from 1900 to 2100"),
        ("9999-12-31", "Date given: this date is in the future."),
        ("1980-05-16", BEFORE_BIRTH),
    ],
)
def test_a_consent_date_out_of_bounds_is_a_form_error(world: World, day: str, message: str):
    response = client_for(world.reception).post(
        reverse("consent_create", args=[world.other_patient.pk]),
        {"kind": "treatment", "text_version": "v2", "given_on": day},
    )
    assert response.status_code == 400
    assert f"Date given</a>: {message}" in html.unescape(response.content.decode())
    assert not Consent.objects.filter(patient=world.other_patient).exists()


def test_the_consent_service_refuses_a_date_before_birth(world: World):
    with pytest.raises(ValidationError) as refused:
        services.consent_record(
            patient=world.other_patient,
            kind="treatment",
            text_version="v2",
            given_on=date(1970, 1, 1),
            recorded_by=world.reception,
        )
    assert "given_on" in refused.value.message_dict
    assert not Consent.objects.filter(patient=world.other_patient).exists()


def test_an_address_of_two_megabytes_is_refused(world: World):
    response = client_for(world.reception).post(
        reverse("patient_edit", args=[world.other_patient.pk]),
        {
            "first_name": "Otto",
            "last_name": "Other",
            "date_of_birth": "1980-05-17",
            "sex": "male",
            "preferred_language": "en",
            "address": "x" * 2_000_000,
        },
    )
    assert response.status_code == 200  # the form page again, with the error
    assert (
        "Address</a>: Ensure this value has at most 500 characters (it has 2000000)."
        in response.content.decode()
    )
    assert Patient.objects.get(pk=world.other_patient.pk).address == ""


def test_the_patient_service_refuses_a_year_1_birth(world: World):
    with pytest.raises(ValidationError) as refused:
        services.patient_create(
            practice=world.practice, first_name="Old", last_name="Ow", date_of_birth=date(1, 1, 1)
        )
    assert "date_of_birth" in refused.value.message_dict
    assert not Patient.objects.filter(last_name="Ow").exists()


def test_the_patient_service_refuses_a_birth_in_the_future(world: World):
    from datetime import timedelta

    from django.utils import timezone

    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.patient_update(patient=world.patient, date_of_birth=tomorrow)
    assert "date_of_birth" in refused.value.message_dict
    assert Patient.objects.get(pk=world.patient.pk).date_of_birth == date(1980, 5, 17)

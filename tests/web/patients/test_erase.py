"""Erasure is all or nothing (issue 12, 3.5): an error midway erases nothing, and a diary sync
arriving at the same moment neither fails with a server error nor leaves rows behind."""

from __future__ import annotations

from datetime import date
from functools import partial
from unittest import mock

import pytest
from django.urls import reverse

from conftest import PASSWORD, World, client_for, make_patient
from headway.accounts.models import User
from headway.audit.models import AuditEntry
from headway.care.models import ClinicalNote, TreatmentPlan
from headway.care.services import clinical_record_erase
from headway.diary.models import DiaryEntry
from headway.patients.models import Consent, Patient
from web.concurrency import needs_postgresql, run_together
from web.diary.helpers import attack, post

ERASE = {"confirm_name": "Paula Patient", "reason": "Asked for erasure; retention checked."}


class Midway(Exception):
    pass


def _erase_clinical_then_fail(patient: Patient) -> None:
    clinical_record_erase(patient)
    raise Midway


@pytest.mark.django_db(transaction=True)  # real commits: no test transaction to hide behind
def test_an_error_midway_leaves_nothing_erased(world: World):
    TreatmentPlan.objects.create(
        practice=world.practice,
        patient=world.patient,
        author=world.colleague,
        starts_on=date(2026, 2, 1),
        goals="Fewer headache days.",
    )
    post(client_for(world.patient_user), [attack()])
    with (
        mock.patch("headway.patients.services.clinical_record_erase", _erase_clinical_then_fail),
        pytest.raises(Midway),
    ):
        client_for(world.owner).post(reverse("patient_erase", args=[world.patient.pk]), ERASE)
    # The notes were deleted and the clinical record erased before the error: all is back.
    assert Patient.objects.filter(pk=world.patient.pk).exists()
    assert ClinicalNote.objects.filter(pk=world.note.pk).exists()
    assert TreatmentPlan.objects.filter(patient=world.patient).exists()
    assert Consent.objects.filter(pk=world.consent.pk).exists()
    assert DiaryEntry.objects.filter(patient=world.patient).count() == 1
    world.patient_user.refresh_from_db()
    assert world.patient_user.is_active and world.patient_user.email == "paula@example.org"
    assert not AuditEntry.objects.filter(action_code="patient.erased").exists()


ROUNDS = 6


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_diary_sync_during_the_erasure_leaves_nothing_behind(world: World):
    owner = client_for(world.owner)
    for round_ in range(ROUNDS):
        email = f"ema{round_}@example.org"
        user = User.objects.create_user(email, PASSWORD)
        patient = make_patient(world.practice, "Ema", f"Erased{round_}", user=user)
        phone = client_for(user)
        post(phone, [attack()])  # a diary to erase
        answers = run_together(
            partial(
                owner.post,
                reverse("patient_erase", args=[patient.pk]),
                {**ERASE, "confirm_name": f"Ema Erased{round_}"},
            ),
            partial(post, phone, [attack(), attack(peak_intensity=3)]),
        )
        assert not [a for a in answers if isinstance(a, Exception)], answers
        erased, synced = answers
        assert erased.status_code == 302
        # Before the erasure: saved, then erased with the rest. After: the login is gone.
        assert synced.status_code in (200, 401), synced.content
        assert not Patient.objects.filter(pk=patient.pk).exists()
        assert not DiaryEntry.objects.filter(patient_id=patient.pk).exists()

"""Personas, as in healthchecks: an owner, a colleague (practitioner), reception, an outsider
who owns another practice, and two portal patients of the owner's practice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.test import Client

from headway.accounts.models import Membership, Practice, Role, User
from headway.care.models import ClinicalNote
from headway.patients.models import Consent, Patient

PASSWORD = "correct horse battery staple"


@dataclass
class World:
    practice: Practice
    other_practice: Practice
    owner: User
    colleague: User
    reception: User
    outsider: User
    patient_user: User
    other_patient_user: User
    patient: Patient
    other_patient: Patient
    foreign_patient: Patient
    note: ClinicalNote
    consent: Consent


def make_staff(practice: Practice, email: str, role: str, name: str = "") -> User:
    user = User.objects.create_user(email, PASSWORD, full_name=name or email.split("@")[0].title())
    Membership.objects.create(practice=practice, user=user, role=role)
    return user


def make_patient(practice: Practice, first: str, last: str, **extra: object) -> Patient:
    fields: dict[str, object] = {"date_of_birth": date(1980, 5, 17), "sex": "female"}
    fields.update(extra)
    return Patient.objects.create(practice=practice, first_name=first, last_name=last, **fields)


@pytest.fixture
def world(db: None) -> World:
    practice = Practice.objects.create(name="Alpenblick Physio")
    other = Practice.objects.create(name="Other Practice")
    owner = make_staff(practice, "alice@example.org", Role.OWNER, "Alice Owner")
    colleague = make_staff(practice, "bob@example.org", Role.PRACTITIONER, "Bob Practitioner")
    reception = make_staff(practice, "rita@example.org", Role.RECEPTION, "Rita Reception")
    outsider = make_staff(other, "charlie@example.org", Role.OWNER, "Charlie Outsider")
    patient_user = User.objects.create_user(
        "paula@example.org", PASSWORD, full_name="Paula Patient"
    )
    other_patient_user = User.objects.create_user("otto@example.org", PASSWORD)
    patient = make_patient(
        practice, "Paula", "Patient", user=patient_user, email="paula@example.org"
    )
    other_patient = make_patient(practice, "Otto", "Other", user=other_patient_user, sex="male")
    foreign_patient = make_patient(other, "Fiona", "Foreign")
    note = ClinicalNote.objects.create(
        practice=practice,
        patient=patient,
        author=colleague,
        body="Active trigger point in right SCM.",
    )
    consent = Consent.objects.create(
        practice=practice,
        patient=patient,
        kind="treatment",
        text_version="v1",
        given_on=date(2026, 1, 5),
    )
    return World(
        practice,
        other,
        owner,
        colleague,
        reception,
        outsider,
        patient_user,
        other_patient_user,
        patient,
        other_patient,
        foreign_patient,
        note,
        consent,
    )


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client

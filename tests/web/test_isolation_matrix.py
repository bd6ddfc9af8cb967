"""Every URL that reaches patient data, tried by everyone who must not reach it.

design.md section 6: outsiders get 404 (never a hint), anonymous users go to the login page,
reception is kept out of clinical content, a patient sees only their own record.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import World, client_for
from headway.audit.models import AuditEntry
from headway.outcomes.models import ScheduledQuestionnaire
from headway.patients.models import Consent, Patient

# (name, method, needs patient id, extra kwargs builder)
PATIENT_URLS = [
    ("patient_detail", "get"),
    ("patient_edit", "get"),
    ("patient_edit", "post"),
    ("patient_archive", "post"),
    ("consent_create", "post"),
    ("consent_withdraw", "post"),
    ("portal_invite", "post"),
    ("patient_export", "get"),
    ("patient_erase", "get"),
    ("patient_erase", "post"),
    ("clinical_notes", "get"),
    ("clinical_notes", "post"),
    ("audit_patient", "get"),
    ("intake_manage", "get"),
    ("intake_manage", "post"),
    ("classification_run", "post"),
    ("cervical_screens", "get"),
    ("cervical_screens", "post"),
    ("cervical_screens_invalidate", "post"),
    ("examinations", "get"),
    ("examination_create", "get"),
    ("examination_create", "post"),
    ("pain_candidates", "post"),
    ("treatment_plans", "get"),
    ("treatment_plans", "post"),
    ("session_create", "get"),
    ("session_create", "post"),
    ("patient_timeline", "get"),
    ("patient_diary", "get"),
    ("diary_classify", "post"),
    ("patient_outcomes", "get"),
    ("outcome_report", "get"),
    ("questionnaires_schedule", "post"),
    ("questionnaire_unschedule", "post"),
    ("questionnaire_enter", "get"),
    ("questionnaire_enter", "post"),
]
PRACTICE_URLS = [
    ("patient_list", "get"),
    ("patient_create", "get"),
    ("patient_create", "post"),
    ("team", "get"),
    ("practice_settings", "get"),
    ("audit_trail", "get"),
    ("audit_export", "get"),
    ("techniques", "get"),
    ("techniques", "post"),
    ("questionnaires_overdue", "get"),
    ("practice_dashboard", "get"),
    ("dashboard_csv", "get"),
]
# Reception books and sends the intake link; everything clinical is closed to them.
CLINICAL_ONLY = {
    "clinical_notes",
    "patient_export",
    "portal_invite",
    "classification_run",
    "cervical_screens",
    "cervical_screens_invalidate",
    "examinations",
    "examination_create",
    "pain_candidates",
    "treatment_plans",
    "session_create",
    "patient_timeline",
    "patient_diary",
    "diary_classify",
    "patient_outcomes",
    "outcome_report",
    "questionnaires_schedule",
    "questionnaire_unschedule",
    "questionnaire_enter",
    "questionnaires_overdue",
    "practice_dashboard",
    "dashboard_csv",
}
OWNER_ONLY = {
    "patient_erase",
    "audit_patient",
    "team",
    "practice_settings",
    "audit_trail",
    "audit_export",
    "techniques",
}


def patient_url(name: str, world: World, patient: Patient) -> str:
    kwargs = {"patient_id": patient.pk}
    if name == "consent_withdraw":
        consent = patient.consents.first() or Consent.objects.create(
            practice=patient.practice,
            patient=patient,
            kind="treatment",
            text_version="v1",
            given_on="2026-01-01",
        )
        kwargs["consent_id"] = consent.pk
    if name == "questionnaire_enter":
        kwargs["instrument"] = "nprs"
    if name == "questionnaire_unschedule":
        item = ScheduledQuestionnaire.objects.create(
            practice=patient.practice, patient=patient, instrument="nprs", timepoint="baseline"
        )
        kwargs["item_id"] = item.pk
    return reverse(name, kwargs=kwargs)


def call(client, method: str, url: str):
    return client.get(url) if method == "get" else client.post(url, {"body": "x", "archived": "1"})


@pytest.mark.parametrize(("name", "method"), PATIENT_URLS)
def test_outsider_gets_404_for_another_practices_patient(world: World, name, method):
    response = call(client_for(world.outsider), method, patient_url(name, world, world.patient))
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "method"), PATIENT_URLS)
def test_staff_get_404_for_a_patient_of_another_practice(world: World, name, method):
    # The owner of practice A may do everything in A, and nothing with B's patient.
    response = call(
        client_for(world.owner), method, patient_url(name, world, world.foreign_patient)
    )
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "method"), PATIENT_URLS + PRACTICE_URLS)
def test_anonymous_is_sent_to_login(world: World, name, method):
    url = (
        patient_url(name, world, world.patient) if (name, method) in PATIENT_URLS else reverse(name)
    )
    response = call(client_for(None), method, url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "method"), PATIENT_URLS + PRACTICE_URLS)
def test_a_portal_patient_cannot_reach_staff_pages(world: World, name, method):
    url = (
        patient_url(name, world, world.patient) if (name, method) in PATIENT_URLS else reverse(name)
    )
    response = call(client_for(world.patient_user), method, url)
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "method"),
    [(n, m) for n, m in PATIENT_URLS + PRACTICE_URLS if n in CLINICAL_ONLY | OWNER_ONLY],
)
def test_reception_is_kept_out_of_clinical_and_owner_pages(world: World, name, method):
    url = (
        patient_url(name, world, world.patient) if (name, method) in PATIENT_URLS else reverse(name)
    )
    response = call(client_for(world.reception), method, url)
    assert response.status_code == 403
    assert world.note.body not in response.content.decode()


@pytest.mark.parametrize(("name", "method"), [(n, m) for n, m in PATIENT_URLS if n in OWNER_ONLY])
def test_a_practitioner_is_kept_out_of_owner_pages(world: World, name, method):
    response = call(client_for(world.colleague), method, patient_url(name, world, world.patient))
    assert response.status_code == 403


def test_reception_sees_the_record_but_not_the_notes(world: World):
    response = client_for(world.reception).get(reverse("patient_detail", args=[world.patient.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Paula Patient" in page
    assert world.note.body not in page
    assert reverse("clinical_notes", args=[world.patient.pk]) not in page


def test_a_patient_sees_only_their_own_record(world: World):
    page = client_for(world.other_patient_user).get(reverse("portal_home")).content.decode()
    assert "Otto" in page
    assert "Paula" not in page
    export = client_for(world.other_patient_user).get(reverse("portal_export")).json()
    assert export["patient"]["first_name"] == "Otto"
    assert "Active trigger point" not in str(export)


def test_the_list_shows_only_the_own_practice(world: World):
    page = client_for(world.outsider).get(reverse("patient_list")).content.decode()
    assert "Foreign" in page
    assert "Paula" not in page and "Otto" not in page


def test_search_does_not_leak_across_practices(world: World):
    page = client_for(world.outsider).get(reverse("patient_list"), {"q": "Paula"}).content.decode()
    assert reverse("patient_detail", args=[world.patient.pk]) not in page
    assert "No patient matches" in page


def test_posting_another_practices_consent_id_is_404(world: World):
    foreign_consent = Consent.objects.create(
        practice=world.other_practice,
        patient=world.foreign_patient,
        kind="treatment",
        text_version="v1",
        given_on="2026-01-01",
    )
    url = reverse("consent_withdraw", args=[world.patient.pk, foreign_consent.pk])
    response = client_for(world.owner).post(url)
    assert response.status_code == 404
    foreign_consent.refresh_from_db()
    assert foreign_consent.withdrawn_on is None


def test_posting_another_practice_id_when_creating_a_patient_is_ignored(world: World):
    response = client_for(world.owner).post(
        reverse("patient_create"),
        {
            "first_name": "Nina",
            "last_name": "New",
            "date_of_birth": "1990-02-03",
            "sex": "female",
            "preferred_language": "de",
            "practice": world.other_practice.pk,
        },
    )
    assert response.status_code == 302
    assert Patient.objects.get(first_name="Nina").practice == world.practice


def test_an_owner_cannot_change_another_practices_membership(world: World):
    foreign = world.outsider.memberships.get()
    response = client_for(world.owner).post(
        reverse("membership_update", args=[foreign.pk]), {"active": "0"}
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.is_active


def test_switching_to_a_practice_one_does_not_belong_to_is_404(world: World):
    response = client_for(world.owner).post(
        reverse("practice_switch"), {"practice": world.other_practice.pk}
    )
    assert response.status_code == 404


def test_the_audit_trail_shows_no_other_practices_entries(world: World):
    client_for(world.outsider).get(reverse("patient_detail", args=[world.foreign_patient.pk]))
    assert AuditEntry.objects.filter(
        practice=world.other_practice, action_code="patient.viewed"
    ).exists()
    page = client_for(world.owner).get(reverse("audit_trail")).content.decode()
    assert "Fiona" not in page
    csv_text = b"".join(
        client_for(world.owner).get(reverse("audit_export")).streaming_content
    ).decode()
    assert "Fiona" not in csv_text and "charlie@example.org" not in csv_text


def test_team_actions_by_id_are_closed_to_everyone_but_the_owner(world: World):
    from headway.accounts import services

    membership = world.colleague.memberships.get()
    invitation = services.invitation_create(
        practice=world.practice,
        email="new@example.org",
        invited_by=world.owner,
        base_url="http://testserver/",
        role="reception",
    )
    urls = [
        reverse("membership_update", args=[membership.pk]),
        reverse("invitation_revoke", args=[invitation.pk]),
    ]
    for url in urls:
        assert client_for(None).post(url, {"active": "0"})["Location"].startswith(reverse("login"))
        assert client_for(world.patient_user).post(url, {"active": "0"}).status_code == 404
        assert client_for(world.outsider).post(url, {"active": "0"}).status_code == 404
        assert client_for(world.reception).post(url, {"active": "0"}).status_code == 403
        assert client_for(world.colleague).post(url, {"active": "0"}).status_code == 403
    membership.refresh_from_db()
    invitation.refresh_from_db()
    assert membership.is_active and invitation.is_usable

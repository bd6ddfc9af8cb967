from __future__ import annotations

import json

from django.urls import reverse
from django.utils import translation

from conftest import World, client_for
from headway.audit.models import AuditEntry
from headway.care.models import ClinicalNote
from headway.patients.models import Consent, Patient

VALID = {
    "first_name": "Nina",
    "last_name": "Neu",
    "date_of_birth": "1990-02-03",
    "sex": "female",
    "preferred_language": "fr",
    "physician_name": "Dr. Haas",
    "physician_email": "haas@example.org",
}


def test_list_searches_by_name(world: World):
    client = client_for(world.reception)
    page = client.get(reverse("patient_list"), {"q": "otto"}).content.decode()
    assert "Other, Otto" in page and "Patient, Paula" not in page


def test_live_search_answers_htmx_with_the_table_only(world: World):
    response = client_for(world.reception).get(
        reverse("patient_list"), {"q": "pau"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert "Patient, Paula" in page and "<html" not in page


def test_archived_patients_leave_the_working_list(world: World):
    client = client_for(world.reception)
    client.post(reverse("patient_archive", args=[world.other_patient.pk]), {"archived": "1"})
    assert "Other, Otto" not in client.get(reverse("patient_list")).content.decode()
    assert "Other, Otto" in client.get(reverse("patient_list"), {"archived": "1"}).content.decode()
    client.post(reverse("patient_archive", args=[world.other_patient.pk]), {"archived": "0"})
    assert "Other, Otto" in client.get(reverse("patient_list")).content.decode()
    assert Patient.objects.filter(pk=world.other_patient.pk).exists()


def test_reception_creates_a_patient_with_physician_contact(world: World):
    response = client_for(world.reception).post(reverse("patient_create"), VALID)
    patient = Patient.objects.get(last_name="Neu")
    assert response["Location"] == reverse("patient_detail", args=[patient.pk])
    assert patient.physician_email == "haas@example.org" and patient.preferred_language == "fr"
    assert AuditEntry.objects.filter(action_code="patient.created", actor=world.reception).exists()


def test_a_future_date_of_birth_is_refused_naming_the_field(world: World):
    response = client_for(world.reception).post(
        reverse("patient_create"), {**VALID, "date_of_birth": "2999-01-01"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Date of birth" in page and "in the future" in page
    assert not Patient.objects.filter(last_name="Neu").exists()


def test_missing_and_malformed_fields_are_named_in_the_message(world: World):
    bad = {
        **VALID,
        "first_name": "",
        "physician_email": "not-an-email",
        "date_of_birth": "17.13.1990",
    }
    page = client_for(world.reception).post(reverse("patient_create"), bad).content.decode()
    assert "First name</a>: This field is required." in page
    assert "Physician&#x27;s email</a>: Enter a valid email address." in page
    assert "Date of birth</a>: Enter a valid date." in page
    assert not Patient.objects.filter(last_name="Neu").exists()


def test_errors_are_translated(world: World):
    client = client_for(world.reception)
    client.cookies["django_language"] = "de"
    page = client.post(reverse("patient_create"), {**VALID, "first_name": ""}).content.decode()
    with translation.override("de"):
        assert "Vorname" in page
        assert "Dieses Feld ist zwingend erforderlich." in page


def test_edit_saves_changes(world: World):
    client_for(world.reception).post(
        reverse("patient_edit", args=[world.patient.pk]), {**VALID, "first_name": "Paulina"}
    )
    world.patient.refresh_from_db()
    assert world.patient.first_name == "Paulina"


def test_unknown_patient_id_is_404_not_500(world: World):
    assert client_for(world.owner).get(reverse("patient_detail", args=[999999])).status_code == 404
    assert client_for(world.owner).get("/patients/abc/").status_code == 404


def test_consent_is_recorded_with_version_and_date(world: World):
    response = client_for(world.reception).post(
        reverse("consent_create", args=[world.other_patient.pk]),
        {"kind": "data_processing", "text_version": "2026-03", "given_on": "2026-03-02"},
    )
    assert response.status_code == 302
    consent = Consent.objects.get(patient=world.other_patient)
    assert (consent.kind, consent.text_version, str(consent.given_on)) == (
        "data_processing",
        "2026-03",
        "2026-03-02",
    )
    assert consent.recorded_by == world.reception and consent.practice == world.practice


def test_a_consent_without_version_is_refused(world: World):
    response = client_for(world.reception).post(
        reverse("consent_create", args=[world.other_patient.pk]),
        {"kind": "treatment", "text_version": "", "given_on": "2026-03-02"},
    )
    assert response.status_code == 400
    assert "Version of the text shown</a>: This field is required." in response.content.decode()
    assert not Consent.objects.filter(patient=world.other_patient).exists()


def test_withdrawal_is_recorded_and_the_consent_kept(world: World):
    client_for(world.reception).post(
        reverse("consent_withdraw", args=[world.patient.pk, world.consent.pk])
    )
    world.consent.refresh_from_db()
    assert world.consent.withdrawn_on is not None


def test_export_holds_the_whole_record_and_is_audited(world: World):
    response = client_for(world.colleague).get(reverse("patient_export", args=[world.patient.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["patient"]["last_name"] == "Patient"
    assert data["consents"][0]["text_version"] == "v1"
    assert data["clinical_notes"][0]["body"] == world.note.body
    assert AuditEntry.objects.filter(action_code="patient.exported", actor=world.colleague).exists()


def test_erasure_needs_the_name_and_a_reason(world: World):
    response = client_for(world.owner).post(
        reverse("patient_erase", args=[world.patient.pk]), {"confirm_name": "Paula", "reason": ""}
    )
    page = response.content.decode()
    assert "does not match" in page and "Reason for erasure</a>: This field is required." in page
    assert Patient.objects.filter(pk=world.patient.pk).exists()


def test_erasure_removes_the_record_and_keeps_a_redacted_trail(world: World):
    owner = client_for(world.owner)
    owner.get(reverse("patient_detail", args=[world.patient.pk]))
    response = owner.post(
        reverse("patient_erase", args=[world.patient.pk]),
        {
            "confirm_name": " paula  patient ",
            "reason": "Patient asked for erasure; retention checked.",
        },
    )
    assert response.status_code == 302
    assert not Patient.objects.filter(pk=world.patient.pk).exists()
    assert not ClinicalNote.objects.filter(patient_id=world.patient.pk).exists()
    assert not Consent.objects.filter(patient_id=world.patient.pk).exists()
    world.patient_user.refresh_from_db()
    assert not world.patient_user.is_active and "paula" not in world.patient_user.email
    trail = AuditEntry.objects.filter(patient_ref=world.patient.pk)
    assert trail.filter(action_code="patient.viewed", actor=world.owner).exists()
    assert trail.get(action_code="patient.erased").additional_data == {
        "reason": "Patient asked for erasure; retention checked."
    }
    assert not any("Paula" in (e.object_repr + str(e.changes)) for e in trail)
    page = owner.get(reverse("audit_trail"), {"patient": world.patient.pk}).content.decode()
    assert "patient.erased" in page


def test_portal_invitation_links_the_login_to_the_record(world: World, mailoutbox):
    new = Patient.objects.create(
        practice=world.practice,
        first_name="Ida",
        last_name="Invite",
        email="ida@example.org",
        date_of_birth="1970-01-01",
        preferred_language="es",
    )
    client_for(world.colleague).post(
        reverse("portal_invite", args=[new.pk]), {"email": "x@evil.example"}
    )
    assert len(mailoutbox) == 1
    # The link goes to the address on file, whatever is posted, in the patient's language.
    assert mailoutbox[0].to == ["ida@example.org"]
    assert "Alpenblick Physio" in mailoutbox[0].body and "portal" in mailoutbox[0].body.lower()
    assert "Headway" in mailoutbox[0].subject and "invitación" in mailoutbox[0].subject.lower()
    link = next(line for line in mailoutbox[0].body.splitlines() if "/accounts/invitation/" in line)
    assert link.startswith("http://testserver/")
    path = link[link.index("/accounts/") :].strip()
    anonymous = client_for(None)
    anonymous.post(
        path,
        {
            "full_name": "Ida Invite",
            "password1": "a-long-enough-pass",
            "password2": "a-long-enough-pass",
        },
    )
    new.refresh_from_db()
    assert new.user is not None and new.user.email == "ida@example.org"
    assert "Ida" in anonymous.get(reverse("portal_home")).content.decode()
    accepted = AuditEntry.objects.get(action_code="patient.changed", patient_ref=new.pk)
    assert accepted.actor == new.user


def test_reception_cannot_open_a_portal_login_for_anyone(world: World, mailoutbox):
    # The portal shows clinical notes; reception could otherwise invite itself to read them.
    response = client_for(world.reception).post(
        reverse("portal_invite", args=[world.other_patient.pk])
    )
    assert response.status_code == 403
    assert mailoutbox == []


def test_a_patient_without_email_cannot_be_invited(world: World, mailoutbox):
    new = Patient.objects.create(
        practice=world.practice, first_name="Ned", last_name="NoMail", date_of_birth="1970-01-01"
    )
    response = client_for(world.colleague).post(
        reverse("portal_invite", args=[new.pk]), follow=True
    )
    assert "add the patient&#x27;s email address first" in response.content.decode()
    assert mailoutbox == []


def test_an_account_that_is_already_a_patient_cannot_take_a_second_record(world: World, mailoutbox):
    twin = Patient.objects.create(
        practice=world.other_practice,
        first_name="Paula",
        last_name="Twin",
        email="paula@example.org",
        date_of_birth="1980-05-17",
    )
    client_for(world.outsider).post(reverse("portal_invite", args=[twin.pk]))
    link = next(line for line in mailoutbox[0].body.splitlines() if "/accounts/invitation/" in line)
    response = client_for(world.patient_user).post(link[link.index("/accounts/") :].strip())
    assert response.status_code == 409
    assert "already in use" in response.content.decode()
    twin.refresh_from_db()
    assert twin.user is None


def test_an_errored_field_points_screen_readers_to_its_message(world: World):
    page = (
        client_for(world.reception)
        .post(reverse("patient_create"), {**VALID, "last_name": ""})
        .content.decode()
    )
    assert 'aria-describedby="id_last_name_error"' in page
    assert 'aria-invalid="true"' in page
    assert page.count('id="id_last_name_error"') == 1

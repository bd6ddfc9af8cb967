"""Every URL that shows a patient's record, in one list: opening it leaves an audit entry that
names the reader and the patient (issue 12, point 4.1; design.md section 6, "reads of records
included"). A new URL with a patient in it fails `test_every_patient_url_is_classified` until it
is put in RECORD_VIEWS (and audited) or in ACTIONS (a POST that shows nothing of the record)."""

from __future__ import annotations

from datetime import timedelta
from functools import cached_property
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

from conftest import World, client_for
from headway import urls
from headway.accounts.models import User
from headway.audit.models import AuditEntry
from headway.care.models import ClassificationRun, Examination, Referral, TreatmentSession
from headway.diary.models import DiaryEntry
from headway.diary.services import api_token_create, diary_entries_upsert
from web.care.helpers import screen, submitted_intake
from web.outcomes.helpers import checkin


class Records:
    """The records the URLs point at, made only when a case needs them."""

    def __init__(self, world: World) -> None:
        self.world = world

    @cached_property
    def intake(self) -> Any:
        return submitted_intake(self.world.patient, {"red_flags": {"sudden_onset": "yes"}})

    @cached_property
    def run(self) -> ClassificationRun:
        client_for(self.world.colleague).post(
            reverse("classification_run", args=[self.world.patient.pk]), {"intake": self.intake.pk}
        )
        return ClassificationRun.objects.get(patient=self.world.patient)

    @cached_property
    def referral(self) -> Referral:
        return Referral.objects.get(run=self.run)

    @cached_property
    def screen(self) -> Any:
        return screen(self.world.patient, self.world.colleague)

    @cached_property
    def exam(self) -> Examination:
        return Examination.objects.create(
            practice=self.world.practice,
            patient=self.world.patient,
            examiner=self.world.colleague,
            examined_on=timezone.localdate(),
            pain_regions=[{"region": "temple", "side": "left", "intensity": 6}],
        )

    @cached_property
    def session(self) -> TreatmentSession:
        return TreatmentSession.objects.create(
            practice=self.world.practice,
            patient=self.world.patient,
            practitioner=self.world.colleague,
            session_date=timezone.localdate(),
            subjective="Headache eased since Tuesday.",
        )

    @cached_property
    def entry(self) -> Any:
        day = timezone.localdate() - timedelta(days=1)
        synced = diary_entries_upsert(patient=self.world.patient, entries=[checkin(day, True, 6)])
        return DiaryEntry.objects.get(patient=self.world.patient, client_id=synced[0].id)

    def course(self) -> None:
        """A first treatment 3 periods ago, with a baseline diary: a row in the dashboard CSV."""
        from web.outcomes.test_dashboard import course

        course(self.world, self.world.patient, recorded=28, headache=4)


def _kwargs(name: str, records: Records) -> dict[str, Any]:
    values = {
        "patient_id": lambda: records.world.patient.pk,
        "intake_id": lambda: records.intake.pk,
        "run_id": lambda: records.run.pk,
        "referral_id": lambda: records.referral.pk,
        "screen_id": lambda: records.screen.pk,
        "exam_id": lambda: records.exam.pk,
        "session_id": lambda: records.session.pk,
        "instrument": lambda: "nprs",
    }
    return {key: values[key]() for key in _PATTERNS[name].pattern.converters}


_PATTERNS = {p.name: p for p in urls.urlpatterns if isinstance(p, URLPattern) and p.name}

# (URL name or API path, who opens it, the action recorded). The reader is the persona least
# entitled to the page who still may open it.
RECORD_VIEWS: list[tuple[str, str, str]] = [
    ("patient_detail", "reception", "patient.viewed"),
    ("patient_edit", "reception", "patient.viewed"),
    ("patient_export", "colleague", "patient.exported"),
    ("patient_erase", "owner", "patient.erase.viewed"),
    ("clinical_notes", "colleague", "patient.notes.viewed"),
    ("audit_patient", "owner", "patient.audit.viewed"),
    ("intake_manage", "reception", "patient.intakes.viewed"),
    ("intake_detail", "colleague", "intake.viewed"),
    ("classification_review", "colleague", "classification.viewed"),
    ("referral_letter", "colleague", "referral.letter.downloaded"),
    ("cervical_screens", "colleague", "patient.screens.viewed"),
    ("cervical_screen_detail", "colleague", "screen.viewed"),
    ("examinations", "colleague", "patient.examinations.viewed"),
    ("examination_create", "colleague", "examination.form.viewed"),
    ("examination_detail", "colleague", "examination.viewed"),
    ("treatment_plans", "colleague", "patient.plans.viewed"),
    ("session_create", "colleague", "session.form.viewed"),
    ("session_detail", "colleague", "session.note.viewed"),
    ("session_edit", "colleague", "session.note.viewed"),
    ("patient_diary", "colleague", "diary.viewed"),
    ("patient_outcomes", "colleague", "outcomes.viewed"),
    ("outcome_report", "colleague", "outcomes.report.downloaded"),
    ("questionnaire_enter", "colleague", "questionnaire.form.viewed"),
    ("patient_timeline", "colleague", "patient.timeline.viewed"),
    # Practice-wide pages that show several patients' records.
    ("audit_trail", "owner", "audit.viewed"),
    ("audit_export", "owner", "audit.exported"),
    ("dashboard_csv", "colleague", "patient.outcomes.exported"),
    ("outcome_chart", "colleague", "outcomes.chart.viewed"),
    # The patient reading their own record, on the portal and through the API.
    ("portal_home", "patient_user", "patient.portal.viewed"),
    ("portal_export", "patient_user", "patient.exported"),
    ("/api/diary/entries", "patient_user", "diary.entries.viewed"),
    ("/api/diary/entries/{entry}", "patient_user", "diary.entry.viewed"),
]
# URLs with a patient in them that only act (POST) and show nothing of the record.
ACTIONS = {
    "patient_archive",
    "consent_create",
    "consent_withdraw",
    "portal_invite",
    "classification_run",
    "referral_close",
    "cervical_screens_invalidate",
    "pain_candidates",
    "session_sign",
    "diary_classify",
    "questionnaires_schedule",
    "questionnaire_unschedule",
}


def _url(name: str, records: Records) -> str:
    if name.startswith("/api/"):
        return name.replace("{entry}", str(records.entry.client_id))
    if name == "audit_export":
        return reverse(name) + f"?patient={records.world.patient.pk}"
    if name == "dashboard_csv":
        records.course()
        return reverse(name) + "?follow_up=week_12"
    if name == "outcome_chart":
        records.course()  # periods of diary: something to draw
        return reverse(name, kwargs={"patient_id": records.world.patient.pk, "number": 0})
    return reverse(name, kwargs=_kwargs(name, records))


def _read(client: Client, url: str) -> Any:
    response = client.get(url)
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return response


@pytest.mark.parametrize(("name", "reader", "action"), RECORD_VIEWS)
def test_opening_a_record_view_is_audited_and_kept_by_no_cache(
    world: World, name: str, reader: str, action: str
):
    records = Records(world)
    url = _url(name, records)
    before = AuditEntry.objects.filter(action_code=action).count()
    response = _read(client_for(getattr(world, reader)), url)
    assert response.status_code == 200, url
    # ASVS 4.0 V8.2.1: no browser or proxy cache keeps a copy (issue 12, point 4.2).
    assert "no-store" in response["Cache-Control"], url
    entries = AuditEntry.objects.filter(action_code=action).order_by("id")[before:]
    about_paula = [
        e
        for e in entries
        if e.patient_ref == world.patient.pk
        or world.patient.pk in (e.additional_data or {}).get("patients", [])
    ]
    assert about_paula, f"{url} left no {action} entry about the patient"
    reader_user: User = getattr(world, reader)
    assert {(e.actor_id, e.actor_email, e.practice_id) for e in about_paula} == {
        (reader_user.pk, reader_user.email, world.practice.pk)
    }


def test_every_patient_url_is_classified():
    listed = {name for name, _reader, _action in RECORD_VIEWS}
    with_patient = {
        name
        for name, pattern in _PATTERNS.items()
        if "patient_id" in pattern.pattern.converters or str(pattern.pattern).startswith("portal/")
    }
    # The portal's own forms and its diary app page hold no record to read (see the report).
    portal_forms = {
        "portal_intake",
        "portal_questionnaires",
        "portal_questionnaire",
        "portal_reminders",
        "diary_home",
        "diary_sw",
        "diary_manifest",
    }
    unclassified = with_patient - listed - ACTIONS - portal_forms
    assert not unclassified, f"audit these reads or list them as actions: {sorted(unclassified)}"
    assert not (listed & ACTIONS)


def test_a_native_apps_reads_name_the_patient_as_the_reader(world: World):
    # An app token signs in no session user: the entry still says who read what.
    records = Records(world)
    token = api_token_create(user=world.patient_user, name="phone")
    for path in ("/api/diary/entries", f"/api/diary/entries/{records.entry.client_id}"):
        response = Client().get(path, HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 200
    entries = AuditEntry.objects.filter(
        action_code__in=["diary.entries.viewed", "diary.entry.viewed"]
    )
    assert entries.count() == 2
    assert {(e.actor_id, e.actor_email, e.patient_ref) for e in entries} == {
        (world.patient_user.pk, "paula@example.org", world.patient.pk)
    }


def test_reading_the_whole_trail_names_the_patients_on_the_page(world: World):
    client_for(world.reception).get(reverse("patient_detail", args=[world.other_patient.pk]))
    client_for(world.owner).get(reverse("audit_trail"))
    entry = AuditEntry.objects.get(action_code="audit.viewed")
    assert set(entry.additional_data["patients"]) == {world.patient.pk, world.other_patient.pk}
    # The next look at the trail shows that look.
    page = client_for(world.owner).get(reverse("audit_trail")).content.decode()
    assert "audit.viewed" in page


def test_every_other_page_and_file_is_kept_by_no_cache_either(world: World):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from headway.accounts.models import Credential
    from headway.patients import services as patient_services

    credential = Credential.objects.create(
        practice=world.practice,
        user=world.colleague,
        method="Upper cervical therapy",
        issuing_body="Academy",
        issued_on=timezone.localdate(),
        document=SimpleUploadedFile("cert.pdf", b"%PDF-1.7 certificate"),
    )
    intake = patient_services.intake_start(patient=world.patient, created_by=world.reception)
    tablet = patient_services.intake_link_issue(
        intake=intake, base_url="http://testserver/", send_to="", language="en"
    )
    pages = [
        (world.reception, reverse("credential_document", args=[credential.pk])),
        (world.reception, reverse("patient_list")),
        (world.colleague, reverse("practice_dashboard")),
        (world.colleague, reverse("questionnaires_overdue")),
        (world.patient_user, reverse("portal_questionnaires")),
        (world.patient_user, reverse("diary_home")),
        (world.patient_user, "/api/diary/me"),
        (None, reverse("login")),
        # The intake on the practice tablet needs no sign-in: the link is the key.
        (None, tablet.split("testserver", 1)[1]),
    ]
    for user, url in pages:
        response = _read(client_for(user), url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url

"""The cervical screen gates neck techniques; credentials gate techniques; notes lock on signing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import World, client_for
from headway.accounts.models import Credential
from headway.audit.models import AuditEntry
from headway.care import services
from headway.care.models import (
    CervicalScreen,
    NoteAmendment,
    Referral,
    Technique,
    TreatmentSession,
)
from web.care.helpers import complete_screen_post, screen, session_post, technique

pytestmark = pytest.mark.django_db


def test_a_complete_screen_with_nothing_found_says_so_and_never_safe(world: World):
    response = client_for(world.colleague).post(
        reverse("cervical_screens", args=[world.patient.pk]), complete_screen_post()
    )
    assert response.status_code == 302
    recorded = CervicalScreen.objects.get(patient=world.patient)
    assert recorded.outcome == "no_contraindication_found"
    assert recorded.practitioner == world.colleague
    page = client_for(world.colleague).get(response["Location"]).content.decode()
    assert "no contraindication found in what was checked" in page
    assert "safe" not in page.lower().replace("safety", "")


def test_neurological_signs_with_new_pain_say_do_not_treat_and_refer(world: World):
    response = client_for(world.colleague).post(
        reverse("cervical_screens", args=[world.patient.pk]),
        complete_screen_post(
            **{"symptom__diplopia": "yes", "new_severe_or_unusual_head_or_neck_pain": "yes"}
        ),
    )
    recorded = CervicalScreen.objects.get(patient=world.patient)
    assert recorded.outcome == "do_not_treat" and recorded.urgency == "urgent"
    page = client_for(world.colleague).get(response["Location"]).content.decode()
    assert "possible arterial dissection" in page
    referral = Referral.objects.get(patient=world.patient, source="cervical_screen")
    assert referral.screen == recorded and referral.urgency == "urgent"


def test_bad_screen_input_names_the_field_and_saves_nothing(world: World):
    response = client_for(world.colleague).post(
        reverse("cervical_screens", args=[world.patient.pk]),
        complete_screen_post(systolic_bp="120", diastolic_bp="", performed_on="2999-01-01"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Date of the screen" in page and "this date is in the future" in page
    assert "give both blood pressure values, or neither" in page
    assert not CervicalScreen.objects.exists()


def test_the_intake_prefills_the_history(world: World):
    from web.care.helpers import submitted_intake

    submitted_intake(world.patient, {"neck": {"hypertension": "yes", "smoking": "no"}})
    page = client_for(world.colleague).get(reverse("cervical_screens", args=[world.patient.pk]))
    html = page.content.decode()
    assert 'name="risk__hypertension" value="yes" id="id_risk__hypertension_0" checked' in html
    assert 'name="risk__smoking" value="no" id="id_risk__smoking_1" checked' in html


def test_a_screen_is_current_for_the_practices_period_until_new_symptoms(world: World):
    today = timezone.localdate()
    old = screen(world.patient, world.colleague, day=today - timedelta(days=370))
    assert services.cervical_screen_current(world.patient, today) is None
    assert services.cervical_screen_current(world.patient, today - timedelta(days=10)) == old
    recent = screen(world.patient, world.colleague, day=today - timedelta(days=45))
    assert services.cervical_screen_current(world.patient, today) == recent
    world.practice.screen_valid_months = 1
    world.practice.save()
    world.patient.refresh_from_db()
    assert services.cervical_screen_current(world.patient, today) is None
    world.practice.screen_valid_months = 12
    world.practice.save()
    world.patient.refresh_from_db()
    client_for(world.colleague).post(
        reverse("cervical_screens_invalidate", args=[world.patient.pk]),
        {"reason": "New dizziness since Friday"},
    )
    recent.refresh_from_db()
    assert recent.invalidated_reason == "New dizziness since Friday"
    assert services.cervical_screen_current(world.patient, today) is None


def test_a_neck_technique_without_a_current_screen_is_refused_and_nothing_saved(world: World):
    upper_cervical = technique(world.patient, "upper_cervical")
    response = client_for(world.colleague).post(
        reverse("session_create", args=[world.patient.pk]),
        session_post([{"technique": upper_cervical.pk}]),
    )
    assert response.status_code == 400
    # One technique: "touches the neck and needs" (issue 13, 1.11).
    assert (
        "upper cervical therapy touches the neck and needs a current neck screening before "
        "treatment" in response.content.decode()
    )
    assert not TreatmentSession.objects.exists()
    manipulation = technique(world.patient, "cervical_manipulation")
    both = client_for(world.colleague).post(
        reverse("session_create", args=[world.patient.pk]),
        session_post([{"technique": upper_cervical.pk}, {"technique": manipulation.pk}]),
    )
    assert "touch the neck and need a current neck screening" in both.content.decode()


def test_a_do_not_treat_screen_blocks_the_neck_technique(world: World):
    screen(world.patient, world.colleague, diplopia=True, new_pain=True)
    mobilisation = technique(world.patient, "oa_mobilisation")
    response = client_for(world.colleague).post(
        reverse("session_create", args=[world.patient.pk]),
        session_post([{"technique": mobilisation.pk}]),
    )
    assert response.status_code == 400
    assert "says do not treat the neck" in response.content.decode()
    assert not TreatmentSession.objects.exists()


def test_techniques_away_from_the_neck_need_no_screen(world: World):
    advice = technique(world.patient, "advice")
    response = client_for(world.colleague).post(
        reverse("session_create", args=[world.patient.pk]),
        session_post([{"technique": advice.pk}]),
    )
    assert response.status_code == 302
    assert TreatmentSession.objects.get().techniques.get().technique == advice


def test_with_a_current_screen_the_neck_technique_is_recorded_with_it(world: World):
    current = screen(world.patient, world.colleague)
    upper_cervical = technique(world.patient, "upper_cervical")
    client_for(world.colleague).post(
        reverse("session_create", args=[world.patient.pk]),
        session_post([{"technique": upper_cervical.pk}]),
    )
    assert TreatmentSession.objects.get().screen == current


def test_only_the_owner_overrides_with_a_reason_and_it_is_audited(world: World):
    screen(world.patient, world.colleague, diplopia=True, new_pain=True)
    mobilisation = technique(world.patient, "oa_mobilisation")
    data = session_post(
        [{"technique": mobilisation.pk}], override_reason="Neurologist cleared: MRI normal."
    )
    refused = client_for(world.colleague).post(
        reverse("session_create", args=[world.patient.pk]), data
    )
    assert refused.status_code == 400
    assert "only the practice owner can override" in refused.content.decode()
    allowed = client_for(world.owner).post(reverse("session_create", args=[world.patient.pk]), data)
    assert allowed.status_code == 302
    session = TreatmentSession.objects.get()
    assert session.override_by == world.owner
    entry = AuditEntry.objects.get(action_code="session.screen.overridden")
    assert entry.actor == world.owner
    assert entry.additional_data["reason"] == "Neurologist cleared: MRI normal."


def test_a_technique_needing_a_credential_needs_a_current_one(world: World):
    sot = technique(world.patient, "sot_blocking")
    sot.credential_method = "SOT"
    sot.save()
    row = {"technique": sot.pk, "sot_category": "2", "block_placement": "left PI block"}
    url = reverse("session_create", args=[world.patient.pk])
    response = client_for(world.colleague).post(url, session_post([row]))
    assert response.status_code == 400
    assert "needs a current credential in SOT" in response.content.decode()
    Credential.objects.create(
        practice=world.practice,
        user=world.colleague,
        method="sot",
        issuing_body="SOTO",
        issued_on=date(2020, 1, 1),
        expires_on=timezone.localdate() - timedelta(days=1),
        verified_at=timezone.now(),
    )
    assert client_for(world.colleague).post(url, session_post([row])).status_code == 400
    # Self-declared is not enough: the owner verifies the certificate first.
    current = Credential.objects.create(
        practice=world.practice,
        user=world.colleague,
        method="SOT",
        issuing_body="SOTO",
        issued_on=date(2024, 1, 1),
    )
    assert client_for(world.colleague).post(url, session_post([row])).status_code == 400
    verify = reverse("credential_verify", args=[current.pk])
    assert client_for(world.colleague).post(verify).status_code == 403
    assert client_for(world.outsider).post(verify).status_code == 404
    assert client_for(world.owner).post(verify).status_code == 302
    current.refresh_from_db()
    assert current.verified_by == world.owner
    assert client_for(world.colleague).post(url, session_post([row])).status_code == 302


def test_sot_blocking_needs_category_and_block_placement(world: World):
    sot = technique(world.patient, "sot_blocking")
    response = client_for(world.colleague).post(
        reverse("session_create", args=[world.patient.pk]), session_post([{"technique": sot.pk}])
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "give the SOT category of the blocking" in page
    assert "describe where the blocks were placed" in page


def test_a_signed_note_is_locked_and_amendments_keep_the_history(world: World):
    advice = technique(world.patient, "advice")
    clinician = client_for(world.colleague)
    clinician.post(
        reverse("session_create", args=[world.patient.pk]),
        session_post([{"technique": advice.pk}]),
    )
    session = TreatmentSession.objects.get()
    clinician.post(reverse("session_sign", args=[world.patient.pk, session.pk]))
    session.refresh_from_db()
    assert session.is_signed and session.signed_by == world.colleague
    edit = reverse("session_edit", args=[world.patient.pk, session.pk])
    clinician.post(edit, session_post([{"technique": advice.pk}], subjective="changed"))
    session.refresh_from_db()
    assert session.subjective == "Attacks less often this week."
    detail = reverse("session_detail", args=[world.patient.pk, session.pk])
    clinician.post(detail, {"reason": "Typo", "text": "Pain after was 2, not 3."})
    amendment = NoteAmendment.objects.get()
    assert amendment.session == session and amendment.author == world.colleague
    page = clinician.get(detail).content.decode()
    assert "Pain after was 2, not 3." in page and "Attacks less often this week." in page
    assert AuditEntry.objects.filter(action_code="session.note.signed").count() == 1


def test_a_serious_adverse_event_alerts_the_owner(world: World, mailoutbox):
    advice = technique(world.patient, "advice")
    client_for(world.colleague).post(
        reverse("session_create", args=[world.patient.pk]),
        session_post(
            [{"technique": advice.pk}],
            **{
                "ae-0-kind": "neurological",
                "ae-0-severity": "serious",
                "ae-0-duration": "2 hours",
                "ae-0-follow_up": "Sent to the emergency department",
            },
        ),
    )
    assert [m.to for m in mailoutbox] == [["alice@example.org"]]
    assert "Paula" not in mailoutbox[0].body
    assert AuditEntry.objects.filter(action_code="session.adverse_event.serious").exists()


def test_a_mild_adverse_event_is_recorded_without_an_alert(world: World, mailoutbox):
    advice = technique(world.patient, "advice")
    response = client_for(world.colleague).post(
        reverse("session_create", args=[world.patient.pk]),
        session_post(
            [{"technique": advice.pk}],
            **{"ae-0-kind": "soreness", "ae-0-severity": "mild", "ae-0-duration": "1 day"},
        ),
    )
    assert response.status_code == 302
    assert TreatmentSession.objects.get().adverse_events.get().kind == "soreness"
    assert mailoutbox == []


def test_session_pages_are_closed_to_reception_and_outsiders(world: World):
    advice = technique(world.patient, "advice")
    client_for(world.colleague).post(
        reverse("session_create", args=[world.patient.pk]),
        session_post([{"technique": advice.pk}]),
    )
    session = TreatmentSession.objects.get()
    for name in ("session_detail", "session_edit"):
        url = reverse(name, args=[world.patient.pk, session.pk])
        assert client_for(world.reception).get(url).status_code == 403
        assert client_for(world.outsider).get(url).status_code == 404
        assert client_for(None).get(url).status_code == 302
    sign = reverse("session_sign", args=[world.patient.pk, session.pk])
    assert client_for(world.outsider).post(sign).status_code == 404
    session.refresh_from_db()
    assert not session.is_signed


def test_credentials_show_on_the_profile_and_documents_stay_in_the_practice(world: World):
    from django.core.files.uploadedfile import SimpleUploadedFile

    for kind, method in (("upper_cervical", "Upper cervical therapy"), ("sot_blocking", "SOT")):
        Technique.objects.create(practice=world.practice, kind=kind, credential_method=method)
    membership = world.colleague.memberships.get()
    url = reverse("practitioner_profile", args=[membership.pk])
    response = client_for(world.colleague).post(
        url,
        {
            "method": "Upper cervical therapy",
            "issuing_body": "Academy",
            "issued_on": "2024-03-01",
            "expires_on": "2027-03-01",
            "document": SimpleUploadedFile("cert.pdf", b"%PDF-1.4 test", "application/pdf"),
        },
    )
    assert response.status_code == 302
    credential = Credential.objects.get()
    page = client_for(world.owner).get(url).content.decode()
    assert "Upper cervical therapy" in page and "not verified yet" in page
    document = reverse("credential_document", args=[credential.pk])
    assert client_for(world.reception).get(document).status_code == 200
    assert client_for(world.outsider).get(document).status_code == 404
    assert client_for(world.outsider).get(url).status_code == 404
    # Only the practitioner records their own credentials.
    assert client_for(world.owner).post(url, {"method": "x"}).status_code == 404
    bad = client_for(world.colleague).post(
        url,
        {
            "method": "SOT",
            "issuing_body": "SOTO",
            "issued_on": "2024-03-01",
            "expires_on": "2023-03-01",
            "document": SimpleUploadedFile("cert.exe", b"MZ", "application/octet-stream"),
        },
    )
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "the expiry date is before the date issued" in page
    assert "upload a PDF, PNG or JPEG file" in page
    assert Credential.objects.count() == 1


def test_the_owner_extends_the_catalogue(world: World):
    owner = client_for(world.owner)
    response = owner.post(
        reverse("techniques"),
        {
            "name": "Atlas correction (NUCCA)",
            "kind": "upper_cervical",
            "touches_neck": "on",
            "credential_method": "NUCCA",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    page = owner.get(reverse("techniques")).content.decode()
    assert "Atlas correction (NUCCA)" in page and "NUCCA" in page
    # Practitioners read the catalogue and cannot change it (issue 13, 1.12).
    colleague = client_for(world.colleague)
    assert "Atlas correction (NUCCA)" in colleague.get(reverse("techniques")).content.decode()
    assert colleague.post(reverse("techniques"), {"name": "x"}).status_code == 403


def test_export_and_erasure_cover_the_clinical_record(world: World):
    from headway.patients import services as patient_services

    screen(world.patient, world.colleague)
    upper_cervical = technique(world.patient, "upper_cervical")
    client_for(world.colleague).post(
        reverse("session_create", args=[world.patient.pk]),
        session_post([{"technique": upper_cervical.pk}]),
    )
    exported = (
        client_for(world.colleague).get(reverse("patient_export", args=[world.patient.pk])).json()
    )
    assert exported["sessions"][0]["techniques"][0]["technique"] == "upper cervical therapy"
    assert exported["cervical_screens"][0]["outcome"] == "no_contraindication_found"
    patient_services.patient_erase(patient=world.patient, reason="Request of the patient")
    assert not TreatmentSession.objects.exists()
    assert not CervicalScreen.objects.exists()


def test_a_treatment_plan_names_goals_pathway_and_planned_techniques(world: World):
    upper_cervical = technique(world.patient, "upper_cervical")
    advice = technique(world.patient, "advice")
    url = reverse("treatment_plans", args=[world.patient.pk])
    response = client_for(world.colleague).post(
        url,
        {
            "starts_on": timezone.localdate().isoformat(),
            "goals": "Shorter bouts; sleep through the night",
            "care_pathway": "long_term",
            "techniques": [upper_cervical.pk, advice.pk],
            "frequency": "weekly during bouts",
        },
    )
    assert response.status_code == 302
    page = client_for(world.colleague).get(url).content.decode()
    assert "Shorter bouts" in page and "long-term care" in page
    assert "upper cervical therapy" in page
    missing = client_for(world.colleague).post(url, {"starts_on": "", "goals": ""})
    assert missing.status_code == 400
    assert client_for(world.reception).get(url).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 404


def test_the_timeline_puts_every_step_in_order(world: World):
    from web.care.helpers import submitted_intake

    today = timezone.localdate()
    intake = submitted_intake(world.patient, {"red_flags": {"sudden_onset": "no"}})
    intake.submitted_at = timezone.now() - timedelta(days=20)
    intake.save()
    screen(world.patient, world.colleague, day=today - timedelta(days=10))
    advice = technique(world.patient, "advice")
    client_for(world.colleague).post(
        reverse("session_create", args=[world.patient.pk]),
        session_post([{"technique": advice.pk}]),
    )
    page = (
        client_for(world.colleague)
        .get(reverse("patient_timeline", args=[world.patient.pk]))
        .content.decode()
    )
    start = page.index('id="timeline"')
    session_at = page.index("posture and ergonomic advice", start)
    screen_at = page.index("no contraindication found in what was checked", start)
    intake_at = page.index("Intake questionnaire sent by the patient", start)
    assert session_at < screen_at < intake_at  # newest first
    assert (
        client_for(world.reception)
        .get(reverse("patient_timeline", args=[world.patient.pk]))
        .status_code
        == 403
    )


def test_a_neck_kind_needs_the_screen_even_when_the_owner_unticks_the_box(world: World):
    client_for(world.owner).post(
        reverse("techniques"),
        {"name": "Atlas correction", "kind": "upper_cervical", "is_active": "on"},
    )
    from headway.care.models import Technique

    atlas = Technique.objects.get(name="Atlas correction")
    assert atlas.touches_neck  # forced by its kind
    Technique.objects.filter(pk=atlas.pk).update(touches_neck=False)  # even if forced off
    response = client_for(world.colleague).post(
        reverse("session_create", args=[world.patient.pk]),
        session_post([{"technique": atlas.pk}]),
    )
    assert response.status_code == 400
    assert not TreatmentSession.objects.exists()


def test_an_open_referral_blocks_neck_techniques_until_its_outcome_is_recorded(world: World):
    screen(world.patient, world.colleague)
    services.referral_open(
        patient=world.patient,
        source="red_flags",
        urgency="urgent",
        findings=["O1 thunderclap"],
        referred_by=world.colleague,
    )
    manipulation = technique(world.patient, "cervical_manipulation")
    url = reverse("session_create", args=[world.patient.pk])
    response = client_for(world.colleague).post(url, session_post([{"technique": manipulation.pk}]))
    assert response.status_code == 400
    assert "the patient is referred to a physician" in response.content.decode()
    referral = Referral.objects.get()
    services.referral_close(referral=referral, note="Cleared by the neurologist")
    response = client_for(world.colleague).post(url, session_post([{"technique": manipulation.pk}]))
    assert response.status_code == 302


def test_a_backdated_note_cannot_slip_past_a_later_do_not_treat_screen(world: World):
    today = timezone.localdate()
    screen(world.patient, world.colleague, day=today - timedelta(days=30))
    later = screen(world.patient, world.colleague, diplopia=True)
    Referral.objects.filter(screen=later).update(closed_at=timezone.now())
    upper_cervical = technique(world.patient, "upper_cervical")
    response = client_for(world.colleague).post(
        reverse("session_create", args=[world.patient.pk]),
        session_post(
            [{"technique": upper_cervical.pk}],
            session_date=(today - timedelta(days=1)).isoformat(),
        ),
    )
    assert response.status_code == 400
    assert "says do not treat the neck" in response.content.decode()


def test_a_red_flag_in_a_sent_intake_refers_before_anyone_reviews_it(world: World):
    from headway.patients import services as patient_services
    from headway.patients.models import Intake

    intake = Intake.objects.create(
        practice=world.practice,
        patient=world.patient,
        answers={"red_flags": {"neurological_deficit": "yes"}},
    )
    patient_services.intake_submit(intake=intake)
    referral = Referral.objects.get(patient=world.patient)
    assert referral.urgency == "urgent" and referral.source == "red_flags"


def test_only_the_author_edits_and_signs_a_draft(world: World):
    advice = technique(world.patient, "advice")
    client_for(world.colleague).post(
        reverse("session_create", args=[world.patient.pk]),
        session_post([{"technique": advice.pk}]),
    )
    session = TreatmentSession.objects.get()
    edit = reverse("session_edit", args=[world.patient.pk, session.pk])
    assert client_for(world.owner).get(edit).status_code == 403
    assert client_for(world.owner).post(edit, session_post([])).status_code == 403
    client_for(world.owner).post(reverse("session_sign", args=[world.patient.pk, session.pk]))
    session.refresh_from_db()
    assert not session.is_signed


def test_a_signed_note_keeps_the_technique_name_it_was_recorded_with(world: World):
    advice = technique(world.patient, "advice")
    clinician = client_for(world.colleague)
    clinician.post(
        reverse("session_create", args=[world.patient.pk]),
        session_post([{"technique": advice.pk}]),
    )
    session = TreatmentSession.objects.get()
    clinician.post(reverse("session_sign", args=[world.patient.pk, session.pk]))
    advice.name = "Cervical manipulation HVLA"
    advice.save()
    page = clinician.get(reverse("session_detail", args=[world.patient.pk, session.pk]))
    html = page.content.decode()
    assert "posture and ergonomic advice" in html and "HVLA" not in html


def test_malformed_ids_and_formsets_get_a_clear_answer_never_a_500(world: World):
    owner = client_for(world.owner)
    assert owner.get(reverse("techniques") + "?edit=abc").status_code == 404
    response = owner.post(reverse("classification_run", args=[world.patient.pk]), {"intake": "abc"})
    assert response.status_code == 404
    response = owner.post(
        reverse("session_create", args=[world.patient.pk]),
        {"session_date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    assert "Techniques" in response.content.decode()
    assert not TreatmentSession.objects.exists()


def test_reading_screens_plans_and_a_draft_is_audited(world: World):
    advice = technique(world.patient, "advice")
    clinician = client_for(world.colleague)
    clinician.post(
        reverse("session_create", args=[world.patient.pk]),
        session_post([{"technique": advice.pk}]),
    )
    session = TreatmentSession.objects.get()
    clinician.get(reverse("cervical_screens", args=[world.patient.pk]))
    clinician.get(reverse("treatment_plans", args=[world.patient.pk]))
    clinician.get(reverse("session_edit", args=[world.patient.pk, session.pk]))
    codes = set(AuditEntry.objects.values_list("action_code", flat=True))
    assert {"patient.screens.viewed", "patient.plans.viewed", "session.note.viewed"} <= codes

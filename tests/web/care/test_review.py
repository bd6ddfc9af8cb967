"""Review of the intake: red flags first, then ICHD-3 suggestions and the practitioner's word."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pypdf
import pytest
from django.urls import reverse

from conftest import World, client_for
from headway.care import services
from headway.care.demo import HEADACHES
from headway.care.models import ClassificationRun, DiagnosisDecision, Referral
from headway.clinical.diary import DiaryAttack, Side
from web.care.helpers import submitted_intake

pytestmark = pytest.mark.django_db

CLUSTER = HEADACHES["cluster"]
NO_FLAGS = {
    key: "no"
    for key in (
        "systemic_symptoms",
        "neoplasm_history",
        "neurological_deficit",
        "sudden_onset",
        "new_or_changed_headache",
        "positional",
        "precipitated_by_valsalva_or_exercise",
        "progressive_or_atypical",
        "pregnant_or_postpartum",
        "painful_eye_with_autonomic_features",
        "post_traumatic_onset",
        "immune_pathology",
        "painkiller_overuse_or_new_drug",
    )
}


def _review(world: World, answers: dict) -> tuple[ClassificationRun, str]:
    intake = submitted_intake(world.patient, answers)
    response = client_for(world.colleague).post(
        reverse("classification_run", args=[world.patient.pk]), {"intake": intake.pk}
    )
    assert response.status_code == 302
    run = ClassificationRun.objects.get(patient=world.patient)
    page = client_for(world.colleague).get(response["Location"]).content.decode()
    return run, page


def test_the_review_shows_the_suggestion_with_each_criterion(world: World):
    run, page = _review(
        world, {"headache_1": CLUSTER, "red_flags": {**NO_FLAGS, "age_at_onset": 25}}
    )
    assert "3.1.1" in [e["code"] for e in run.result["profiles"][0]["suggested"]]
    assert "Episodic cluster headache" in page
    assert "attacks behind the right eye" in page
    assert "No red flag was raised" in page
    assert "criteria-based suggestions" in page
    assert "✓" in page  # criteria shown as met
    assert not Referral.objects.filter(patient=world.patient).exists()


def test_red_flags_come_first_and_open_a_referral(world: World):
    _, page = _review(
        world, {"headache_1": CLUSTER, "red_flags": {"sudden_onset": "yes", "age_at_onset": 25}}
    )
    assert page.index("Red flags") < page.index("Suggested diagnoses")
    assert "Onset sudden or abrupt (thunderclap)" in page
    assert "Urgent referral" in page
    referral = Referral.objects.get(patient=world.patient)
    assert referral.urgency == "urgent" and referral.closed_at is None
    assert any(finding["flag"] == "O1" for finding in referral.findings)
    # The record shows "referred" wherever the clinician works on it.
    timeline = client_for(world.colleague).get(reverse("patient_timeline", args=[world.patient.pk]))
    assert 'id="referred-badge"' in timeline.content.decode()


def test_running_twice_keeps_one_open_referral(world: World):
    answers = {"red_flags": {"sudden_onset": "yes"}}
    _review(world, answers)
    intake = submitted_intake(world.patient, answers)
    services.classification_run_from_intake(intake=intake, run_by=world.colleague)
    assert Referral.objects.filter(patient=world.patient, closed_at__isnull=True).count() == 1


def test_the_referral_letter_is_a_pdf_in_the_physicians_language(world: World):
    world.patient.physician_name = "Dr. Hanna Berg"
    world.patient.physician_language = "de"
    world.patient.save()
    _review(world, {"red_flags": {"sudden_onset": "yes"}})
    referral = Referral.objects.get(patient=world.patient)
    url = reverse("referral_letter", args=[world.patient.pk, referral.pk])
    response = client_for(world.colleague).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Paula Patient" in text and "Dr. Hanna Berg" in text
    assert "O1" in text  # the finding
    assert "Referral:" not in text  # German, not English
    english = client_for(world.colleague).get(url + "?lang=en")
    text = pypdf.PdfReader(io.BytesIO(english.content)).pages[0].extract_text()
    assert "Referral: Paula Patient" in text and "Urgent" in text
    assert client_for(world.reception).get(url).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 404


def test_closing_a_referral_keeps_it_in_the_record(world: World):
    _review(world, {"red_flags": {"sudden_onset": "yes"}})
    referral = Referral.objects.get(patient=world.patient)
    client_for(world.colleague).post(
        reverse("referral_close", args=[world.patient.pk, referral.pk]),
        {"note": "CT normal; physician cleared manual therapy."},
    )
    referral.refresh_from_db()
    assert referral.closed_at is not None
    assert services.referrals_open(world.patient) == []
    page = client_for(world.colleague).get(reverse("patient_timeline", args=[world.patient.pk]))
    assert "CT normal" in page.content.decode()


def test_confirm_change_and_reject_are_kept_beside_the_suggestion(world: World):
    run, _ = _review(world, {"headache_1": CLUSTER})
    url = reverse("classification_review", args=[world.patient.pk, run.pk])
    clinician = client_for(world.colleague)
    response = clinician.post(
        url, {"suggested_code": "3.1.1", "decision": "confirmed", "reason": "Typical history."}
    )
    assert response.status_code == 302
    response = clinician.post(
        url, {"suggested_code": "3.1.1", "decision": "changed", "code": "", "reason": "x"}
    )
    assert response.status_code == 400
    assert "ICHD-3 code, if changed" in response.content.decode()
    clinician.post(
        url,
        {
            "suggested_code": "3.1.1",
            "decision": "changed",
            "code": "3.1.2",
            "reason": "No remission",
        },
    )
    decisions = list(DiagnosisDecision.objects.filter(run=run).order_by("id"))
    assert [(d.decision, d.code) for d in decisions] == [
        ("confirmed", "3.1.1"),
        ("changed", "3.1.2"),
    ]
    assert decisions[1].name == "Chronic cluster headache"
    assert decisions[1].suggested_code == "3.1.1"  # the suggestion stays as it was
    assert [d.code for d in services.diagnoses_current(world.patient)] == ["3.1.2"]
    clinician.post(url, {"suggested_code": "3.1.1", "decision": "rejected", "reason": "Other"})
    assert services.diagnoses_current(world.patient) == []
    # A code that was never suggested cannot be decided on.
    response = clinician.post(
        url, {"suggested_code": "9.9", "decision": "confirmed", "reason": "x"}
    )
    assert response.status_code == 404


def test_the_review_is_closed_to_reception_and_outsiders(world: World):
    run, _ = _review(world, {"headache_1": CLUSTER})
    url = reverse("classification_review", args=[world.patient.pk, run.pk])
    assert client_for(world.reception).get(url).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
    foreign = submitted_intake(world.foreign_patient, {})
    response = client_for(world.owner).post(
        reverse("classification_run", args=[world.patient.pk]), {"intake": foreign.pk}
    )
    assert response.status_code == 404


def test_classification_can_be_rerun_from_the_diary(world: World):
    start = datetime(2026, 5, 1, 2, 0, tzinfo=UTC)
    attacks = [
        DiaryAttack(
            start=start + timedelta(days=day, hours=hour),
            end=start + timedelta(days=day, hours=hour, minutes=60),
            peak_intensity=9,
            side=Side.RIGHT,
            around_eye_or_temple=True,
            autonomic_features=True,
            restlessness=True,
        )
        for day in range(0, 40)
        for hour in (0, 12)
    ]
    run = services.classification_run_from_diary(
        patient=world.patient,
        attacks=attacks,
        headache_days=[],
        medication=[],
        first_diary_day=date(2026, 5, 1),
        today=date(2026, 9, 1),
        run_by=world.colleague,
    )
    assert run.source == "diary"
    codes = [e["code"] for p in run.result["profiles"] for e in p["suggested"]]
    assert any(code.startswith("3.") for code in codes)


def test_an_intake_with_aura_is_kept_as_json(world: World):
    run, _ = _review(world, {"headache_1": {"aura": "yes", "aura_symptoms": ["visual", "sensory"]}})
    assert run.input["profiles"][0]["aura"]["symptoms"] == ["sensory", "visual"]

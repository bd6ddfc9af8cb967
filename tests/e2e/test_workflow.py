"""Each practice type takes a new patient from intake to a signed session note in the browser,
in each of the four languages; and a red flag leads to a referral letter and a blocked neck
technique (design.md section 1)."""

from __future__ import annotations

import io
from typing import Any

import pypdf
import pytest
from django.utils import timezone, translation

from conftest import make_patient, make_staff
from e2e import workflow
from headway.accounts.models import Credential, Practice, Role
from headway.care import vocabulary
from headway.care.demo import NO_RED_FLAGS
from headway.care.models import (
    DiagnosisDecision,
    Examination,
    Referral,
    Technique,
    TreatmentSession,
)
from headway.care.services import technique_catalogue

pytestmark = pytest.mark.e2e

LOCALES = {"en": "en-GB", "de": "de-DE", "es": "es-ES", "fr": "fr-FR"}
in_every_language = pytest.mark.parametrize("language", list(LOCALES))


@pytest.fixture
def practice(transactional_db):  # type: ignore[no-untyped-def]
    practice = Practice.objects.create(name="Alpenblick Praxis")
    make_staff(practice, "owner@example.org", Role.OWNER, "Olga Owner")
    technique_catalogue(practice)
    return practice


def _technique(practice: Practice, kind: str) -> str:
    return str(Technique.objects.get(practice=practice, kind=kind, name="").pk)


@pytest.fixture
def contexts(browser, live_server, transactional_db):  # type: ignore[no-untyped-def]
    """Browser contexts in a language, closed before the live server stops, so no request is
    still running when the test database goes away."""
    opened: list[Any] = []

    def open_context(language: str, phone: bool = False) -> Any:
        size = {"viewport": {"width": 390, "height": 844}, "has_touch": True} if phone else {}
        context = browser.new_context(base_url=live_server.url, locale=language, **size)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


def _walk_to_review(contexts, language, patient, email, answers):  # type: ignore[no-untyped-def]
    page = contexts(language).new_page()
    page.set_default_timeout(15_000)
    workflow.sign_in(page, email)
    link = workflow.tablet_link(page, patient.pk)
    # The patient answers on a phone-sized screen.
    tablet = contexts(language, phone=True).new_page()
    tablet.set_default_timeout(15_000)
    workflow.fill_intake(tablet, link, answers)
    workflow.review(page, patient.pk)
    return page


@in_every_language
def test_upper_cervical_care_for_cluster_headache(contexts, practice, language):  # type: ignore[no-untyped-def]
    practitioner = make_staff(practice, "uc@example.org", Role.PRACTITIONER, "Uwe Cervical")
    Credential.objects.create(
        practice=practice,
        user=practitioner,
        method="Upper cervical",
        issuing_body="Academy",
        issued_on="2020-01-01",
        verified_at=timezone.now(),
    )
    Technique.objects.filter(practice=practice, kind="upper_cervical").update(
        credential_method="Upper cervical"
    )
    patient = make_patient(practice, "Klaus", "Cluster", sex="male", preferred_language=language)
    answers = {
        "general": {"kinds": "1", "headache_days_per_month": "20", "months": "36"},
        "headache_1": {
            "label": "Augenattacken",
            "lifetime_attacks": "20+",
            "duration_shortest": "30m",
            "duration_longest": "2h",
            "location": "one_side",
            "eye_or_temple": "yes",
            "intensity_mildest": "severe",
            "intensity_worst": "very_severe",
            "autonomic": "yes",
            "restless": "yes",
            "attacks_per_day_least": "1",
            "attacks_per_day_most": "3",
            "bouts": "yes",
            "bouts_count": "4",
            "bout_shortest_days": "28",
            "bout_longest_days": "70",
            "remission_shortest_months": "9",
        },
        "red_flags": {**NO_RED_FLAGS, "age_at_onset": "31"},
        "neck": {"neck_pain": "yes", "smoking": "yes"},
        "medication": {"acute_days": "6", "triptan_days": "6", "medication_months": "2"},
        "goals": {"goals": "Kürzere Episoden"},
    }
    page = _walk_to_review(contexts, LOCALES[language], patient, "uc@example.org", answers)
    assert page.locator("html").get_attribute("lang") == language
    workflow.decide(page, "3.1.1", "confirmed", "Typische Anamnese")
    workflow.screen_all_clear(page, patient.pk)
    workflow.examine(
        page,
        patient.pk,
        ["behind_ear__right", "jaw_angle__right"],
        {
            "uc_findings": "Atlas rechts lateral",
            "uc_judgement": "decompensated",
            "care_pathway": "long_term",
            "frt_left": "40",
            "frt_right": "26",
        },
    )
    workflow.session(
        page,
        patient.pk,
        [
            {"technique": _technique(practice, "upper_cervical")},
            {"technique": _technique(practice, "self_management"), "details": "Manöver gezeigt"},
        ],
        {"pain_before": "4", "pain_after": "1", "subjective": "Attacke gestern Nacht"},
    )
    workflow.sign(page)
    session = TreatmentSession.objects.get(patient=patient)
    assert session.is_signed and session.screen is not None
    assert DiagnosisDecision.objects.get(patient=patient).code == "3.1.1"
    assert Examination.objects.get(patient=patient).uc_judgement == "decompensated"


@in_every_language
def test_trigger_point_headache_massage(contexts, practice, language):  # type: ignore[no-untyped-def]
    make_staff(practice, "tp@example.org", Role.PRACTITIONER, "Tina Trigger")
    patient = make_patient(practice, "Teresa", "Tension", preferred_language=language)
    answers = {
        "general": {"kinds": "1", "headache_days_per_month": "8", "months": "24"},
        "headache_1": {
            "lifetime_attacks": "20+",
            "duration_shortest": "2h",
            "duration_longest": "1d",
            "days_per_month": "8",
            "months": "24",
            "location": "both_sides",
            "eye_or_temple": "yes",
            "quality": "pressing",
            "intensity_mildest": "mild",
            "intensity_worst": "moderate",
            "worse_with_activity": "no",
            "nausea": "none",
            "vomiting": "no",
            "light": "no",
            "sound": "yes",
            "aura": "no",
        },
        "red_flags": {**NO_RED_FLAGS, "age_at_onset": "28"},
        "neck": {"neck_pain": "yes"},
    }
    page = _walk_to_review(contexts, LOCALES[language], patient, "tp@example.org", answers)
    assert page.locator("html").get_attribute("lang") == language
    workflow.decide(page, "2.2", "confirmed", "Cefalea tensional frecuente")
    workflow.screen_all_clear(page, patient.pk)
    candidates = workflow.examine(
        page,
        patient.pk,
        ["temple__right", "eyebrow__right", "occiput__right"],
        {
            "tp-0-muscle": "scm_sternal",
            "tp-0-side": "right",
            "tp-0-state": "active",
            "tp-0-reproduces_familiar_pain": True,
            "tp-1-muscle": "suboccipitals",
            "tp-1-side": "right",
            "tp-1-state": "latent",
            "oa_mobility_right": "restricted",
        },
    )
    with translation.override(language):
        assert str(vocabulary.MUSCLES["scm_sternal"]) in candidates
    workflow.session(
        page,
        patient.pk,
        [
            {
                "technique": _technique(practice, "trigger_point"),
                "muscle": "scm_sternal",
                "side": "right",
            },
            {"technique": _technique(practice, "oa_mobilisation")},
        ],
        {"pain_before": "5", "pain_after": "2"},
    )
    workflow.sign(page)
    assert TreatmentSession.objects.get(patient=patient).techniques.count() == 2
    assert Examination.objects.get(patient=patient).trigger_points.count() == 2


@in_every_language
def test_sot_chiropractic_for_tension_type_headache_and_low_back_pain(contexts, practice, language):  # type: ignore[no-untyped-def]
    make_staff(practice, "sot@example.org", Role.PRACTITIONER, "Sophie Sot")
    patient = make_patient(practice, "Louis", "Lombaire", sex="male", preferred_language=language)
    answers = {
        "general": {"kinds": "1", "headache_days_per_month": "18", "months": "12"},
        "headache_1": {
            "lifetime_attacks": "20+",
            "duration_shortest": "4h",
            "duration_longest": "2d",
            "days_per_month": "18",
            "months": "12",
            "location": "both_sides",
            "quality": "pressing",
            "intensity_mildest": "mild",
            "intensity_worst": "moderate",
            "worse_with_activity": "no",
            "nausea": "none",
            "vomiting": "no",
            "light": "yes",
            "sound": "no",
            "aura": "no",
        },
        "red_flags": {**NO_RED_FLAGS, "age_at_onset": "35"},
        "low_back": {
            "low_back_pain": "yes",
            "low_back_months": "8",
            "low_back_intensity": "6",
            "low_back_leg": "no",
        },
    }
    page = _walk_to_review(contexts, LOCALES[language], patient, "sot@example.org", answers)
    assert page.locator("html").get_attribute("lang") == language
    workflow.decide(page, "2.3", "confirmed", "Céphalée de tension chronique")
    workflow.examine(
        page,
        patient.pk,
        ["low_back__left", "low_back__left", "occiput__left"],
        {
            "sot_category": "2",
            "sot_indicators": ["arm_fossa_positive", "pelvic_side_sway"],
            "leg_length": "left_short",
            "leg_length_difference_mm": "6",
            "psoas_tension": "left",
            "lumbar_cervical": "Compensation cervicale haute",
            "posture": "Antéposition de la tête",
        },
    )
    workflow.session(
        page,
        patient.pk,
        [
            {
                "technique": _technique(practice, "sot_blocking"),
                "sot_category": "2",
                "block_placement": "bloc gauche sous l'EIAS",
            },
            {"technique": _technique(practice, "advice")},
        ],
        {"pain_before": "6", "pain_after": "4"},
    )
    workflow.sign(page)
    exam = Examination.objects.get(patient=patient)
    assert exam.sot_category == "2" and exam.psoas_tension == "left"
    assert {"region": "low_back", "side": "left", "intensity": 4} in exam.pain_regions
    assert TreatmentSession.objects.get(patient=patient).is_signed


@in_every_language
def test_cervicogenic_headache(contexts, practice, language):  # type: ignore[no-untyped-def]
    make_staff(practice, "physio@example.org", Role.PRACTITIONER, "Paul Physio")
    patient = make_patient(practice, "Carla", "Cervico", preferred_language=language)
    answers = {
        "general": {"kinds": "1", "headache_days_per_month": "12", "months": "10"},
        "headache_1": {
            "lifetime_attacks": "20+",
            "duration_shortest": "3h",
            "duration_longest": "2d",
            "days_per_month": "12",
            "months": "10",
            "location": "one_side",
            "quality": "pressing",
            "intensity_mildest": "moderate",
            "intensity_worst": "moderate",
            "worse_with_activity": "no",
            "nausea": "none",
            "vomiting": "no",
            "light": "no",
            "sound": "no",
            "aura": "no",
        },
        "red_flags": {**NO_RED_FLAGS, "age_at_onset": "41"},
        "neck": {"neck_pain": "yes", "neck_trauma_whiplash": "yes"},
    }
    page = _walk_to_review(contexts, LOCALES[language], patient, "physio@example.org", answers)
    suggested = page.locator(".suggestion").first.get_attribute("id")
    code = suggested.removeprefix("suggestion-")
    workflow.decide(
        page, code, "changed", "Provoked by neck movement; FRT 22 degrees right", "11.2.1"
    )
    workflow.screen_all_clear(page, patient.pk, **{"condition__neck_trauma_whiplash": "yes"})
    workflow.examine(
        page,
        patient.pk,
        ["occiput__right", "posterior_neck__right"],
        {"frt_left": "41", "frt_right": "22", "ccft_mmhg": "24", "rom_rotation_right": "55"},
    )
    workflow.session(
        page,
        patient.pk,
        [
            {"technique": _technique(practice, "oa_mobilisation")},
            {
                "technique": _technique(practice, "home_exercise"),
                "details": "Craniocervical flexion",
            },
        ],
        {"pain_before": "5", "pain_after": "3"},
    )
    workflow.sign(page)
    decision = DiagnosisDecision.objects.get(patient=patient)
    assert (decision.decision, decision.code) == ("changed", "11.2.1")
    assert decision.name == "Cervicogenic headache"
    assert TreatmentSession.objects.get(patient=patient).is_signed


def test_a_red_flag_leads_to_a_referral_letter_and_a_blocked_neck_technique(contexts, practice):  # type: ignore[no-untyped-def]
    make_staff(practice, "uc@example.org", Role.PRACTITIONER, "Uwe Cervical")
    patient = make_patient(
        practice,
        "Rolf",
        "Redflag",
        sex="male",
        preferred_language="de",
        physician_name="Dr. Hanna Berg",
        physician_language="en",
    )
    answers = {
        "general": {"kinds": "1"},
        "red_flags": {**NO_RED_FLAGS, "sudden_onset": "yes", "age_at_onset": "58"},
    }
    page = _walk_to_review(contexts, "de-DE", patient, "uc@example.org", answers)
    assert page.locator("#red-flags .notice-alert").count() == 1
    assert page.locator("#referred-badge").count() == 1
    with page.expect_download() as download:
        page.locator(".referral-letter").first.click()
    with open(download.value.path(), "rb") as letter:
        text = pypdf.PdfReader(io.BytesIO(letter.read())).pages[0].extract_text()
    assert "Referral: Rolf Redflag" in text and "Dr. Hanna Berg" in text
    assert "O1" in text and "O2" in text
    workflow.screen_all_clear(
        page,
        patient.pk,
        **{"symptom__dizziness": "yes", "new_severe_or_unusual_head_or_neck_pain": "yes"},
    )
    workflow.session(
        page,
        patient.pk,
        [{"technique": _technique(practice, "upper_cervical")}],
        {"pain_before": "7"},
    )
    page.locator("#session-refused").wait_for()
    assert not TreatmentSession.objects.filter(patient=patient).exists()
    assert Referral.objects.filter(patient=patient, closed_at__isnull=True).count() == 2


def test_the_c_spine_rule_is_asked_after_recent_trauma_and_counts(contexts, practice):  # type: ignore[no-untyped-def]
    """Issue 12, 1.7: the rule is offered only after a "yes" to recent trauma, and then counts."""
    from headway.care.models import CervicalScreen

    make_staff(practice, "physio@example.org", Role.PRACTITIONER, "Petra Physio")
    patient = make_patient(practice, "Tom", "Trauma", sex="male")
    page = contexts("en-GB").new_page()
    workflow.sign_in(page, "physio@example.org")
    page.goto(f"/patients/{patient.pk}/screens/")
    rule = page.locator("#c-spine")
    assert not rule.is_visible()
    page.locator('input[name="recent_trauma"][value="no"]').check()
    assert not rule.is_visible()
    page.locator('input[name="recent_trauma"][value="yes"]').check()
    rule.wait_for()
    page.locator('input[name="recent_trauma"][value="no"]').check()
    rule.wait_for(state="hidden")
    workflow.screen_all_clear(
        page,
        patient.pk,
        **{"recent_trauma": "yes", "c_spine__dangerous_mechanism": "yes"},
    )
    screen = CervicalScreen.objects.get(patient=patient)
    assert screen.outcome == "do_not_treat"
    assert "imaging" in page.locator("#screen-reasons").inner_text().lower()

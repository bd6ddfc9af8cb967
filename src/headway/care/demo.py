"""The demo patients' clinical histories, made through the same services the pages use, so the
demo shows what the workflow really records. Everything here is invented."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from headway.accounts.models import Credential, Membership, Practice
from headway.care import services
from headway.care.models import (
    ClassificationRun,
    DiagnosisDecision,
    Referral,
    Technique,
    TreatmentPlan,
    TreatmentSession,
)
from headway.care.services import SessionRefused
from headway.clinical import intake as intake_rules
from headway.clinical.screening.cervical import (
    INSTABILITY_CONDITIONS,
    INSTABILITY_SYMPTOMS,
    NEUROVASCULAR_SYMPTOMS,
    VASCULAR_RISK_FACTORS,
    CervicalScreenInput,
    SpecialTestResult,
)
from headway.patients.models import Intake, Patient

# Every red-flag question a patient answers, answered "no" (the numbers are asked apart).
NO_RED_FLAGS = {
    key: "no"
    for key in intake_rules.RED_FLAG_QUESTIONS
    if key not in {"age_at_onset", "months_since_new_or_changed"}
}

HEADACHES: dict[str, dict[str, Any]] = {
    "cluster": {
        "label": "attacks behind the right eye",
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
        "bouts_count": 4,
        "bout_shortest_days": 21,
        "bout_longest_days": 70,
        "remission_shortest_months": 7,
    },
    "tension": {
        "label": "pressure like a band",
        "lifetime_attacks": "20+",
        "duration_shortest": "2h",
        "duration_longest": "1d",
        "location": "both_sides",
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
    "cervicogenic": {
        "label": "starts in the neck",
        "lifetime_attacks": "20+",
        "duration_shortest": "3h",
        "duration_longest": "2d",
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
}


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _intake_answers(care: str, rng: random.Random) -> dict[str, Any]:
    headache = dict(HEADACHES["tension" if care.startswith("tth") else care])
    days = {"cluster": 20, "tth_trigger_points": rng.choice([8, 10, 12]), "tth_sot": 18}.get(
        care, rng.choice([8, 12])
    )
    if care != "cluster":
        headache.update({"days_per_month": days, "months": rng.choice([8, 14, 30])})
    answers: dict[str, Any] = {
        "general": {"kinds": "1", "headache_days_per_month": days, "months": 24},
        "headache_1": headache,
        "red_flags": {**NO_RED_FLAGS, "age_at_onset": rng.randint(19, 44)},
        "neck": {"neck_pain": "yes" if care != "cluster" else "no", "smoking": "no"},
        "medication": {
            "acute_days": 6 if care == "cluster" else 4,
            ("triptan_days" if care == "cluster" else "non_opioid_analgesic_days"): (
                6 if care == "cluster" else 4
            ),
            "medication_months": 6,
        },
        "goals": {"goals": "Fewer and milder headaches; back to work without breaks."},
    }
    if care == "tth_sot":
        answers["low_back"] = {
            "low_back_pain": "yes",
            "low_back_months": rng.choice([6, 12, 24]),
            "low_back_intensity": rng.choice([4, 5, 6]),
            "low_back_leg": "no",
            "low_back_daily_life": "yes",
        }
    return answers


EXPECTED = {"cluster": "3.1.1", "tth_trigger_points": "2.2", "tth_sot": "2.3", "cervicogenic": ""}


def _screen(patient: Patient, by: Any, day: date, rng: random.Random) -> None:
    screen = services.cervical_screen_record(
        patient=patient,
        practitioner=by,
        performed_on=day,
        screen_input=CervicalScreenInput(
            vascular_risk_factors={
                k: (k == "migraine_history" and rng.random() < 0.1) for k in VASCULAR_RISK_FACTORS
            },
            instability_conditions={k: False for k in INSTABILITY_CONDITIONS},
            recent_trauma=False,
            neurovascular_symptoms={k: False for k in NEUROVASCULAR_SYMPTOMS},
            instability_symptoms={k: False for k in INSTABILITY_SYMPTOMS},
            new_severe_or_unusual_head_or_neck_pain=False,
            systolic_bp=rng.randint(112, 136),
            diastolic_bp=rng.randint(70, 86),
            cranial_nerves_normal=True,
            gait_and_coordination_normal=True,
            sharp_purser=SpecialTestResult.NEGATIVE,
            alar_ligament=SpecialTestResult.NEGATIVE,
        ),
        answers={"source": "demo"},
    )
    screen.created_at = _at(day)
    screen.save(update_fields=["created_at"])


def _exam_fields(care: str, day: date, progress: float, rng: random.Random) -> tuple[dict, list]:
    """Findings for one examination; progress 0 at the start, 1 after a course of care."""

    def level(start: int) -> int:
        return max(0, round(start * (1 - 0.5 * progress)))

    fields: dict[str, Any] = {"examined_on": day}
    points: list[dict[str, Any]] = []
    if care == "cluster":
        fields["pain_regions"] = [
            {"region": "eye", "side": "right", "intensity": 10},
            {"region": "temple", "side": "right", "intensity": level(8)},
            {"region": "behind_ear", "side": "right", "intensity": level(4)},
        ]
        fields.update(
            uc_findings="Atlas laterality right; posterior digastric tender on the right.",
            uc_judgement="compensated" if progress else "decompensated",
            care_pathway="prophylactic" if progress else "long_term",
            frt_left=40,
            frt_right=30 + round(8 * progress),
        )
        points.append(
            {
                "muscle": "digastric_posterior",
                "side": "right",
                "state": "active" if not progress else "latent",
                "reproduces_familiar_pain": not progress,
            }
        )
    elif care == "tth_trigger_points":
        fields["pain_regions"] = [
            {"region": "temple", "side": "right", "intensity": level(6)},
            {"region": "eyebrow", "side": "right", "intensity": level(5)},
            {"region": "occiput", "side": "right", "intensity": level(5)},
            {"region": "occiput", "side": "left", "intensity": level(3)},
        ]
        fields.update(
            oa_mobility_left="normal",
            oa_mobility_right="normal" if progress else "restricted",
            rom_rotation_left=70,
            rom_rotation_right=58 + round(12 * progress),
        )
        points += [
            {
                "muscle": "scm_sternal",
                "side": "right",
                "state": "latent" if progress else "active",
                "reproduces_familiar_pain": not progress,
            },
            {
                "muscle": "suboccipitals",
                "side": "right",
                "state": "active",
                "reproduces_familiar_pain": rng.random() < 0.5,
            },
        ]
    elif care == "tth_sot":
        fields["pain_regions"] = [
            {"region": "forehead", "side": "left", "intensity": level(4)},
            {"region": "forehead", "side": "right", "intensity": level(4)},
            {"region": "occiput", "side": "left", "intensity": level(4)},
            {"region": "low_back", "side": "left", "intensity": level(6)},
            {"region": "buttock", "side": "left", "intensity": level(3)},
        ]
        fields.update(
            posture="Forward head posture; left shoulder high.",
            sot_category="2",
            sot_indicators=["arm_fossa_positive", "pelvic_side_sway"],
            leg_length="left_short",
            leg_length_difference_mm=max(0, round(8 * (1 - progress))),
            psoas_tension="none" if progress else "left",
            lumbar_cervical="Upper cervical tension on the side of the short leg.",
        )
    else:
        fields["pain_regions"] = [
            {"region": "occiput", "side": "left", "intensity": level(6)},
            {"region": "posterior_neck", "side": "left", "intensity": level(6)},
            {"region": "temple", "side": "left", "intensity": level(3)},
        ]
        fields.update(
            rom_flexion=50,
            rom_extension=55,
            rom_rotation_left=50 + round(15 * progress),
            rom_rotation_right=72,
            frt_left=24 + round(12 * progress),
            frt_right=42,
            ccft_mmhg=24 + round(2 * progress),
            oa_mobility_left="restricted" if not progress else "normal",
            oa_mobility_right="normal",
        )
    fields["pain_regions"] = [r for r in fields["pain_regions"] if r["intensity"]]
    return fields, points


def _techniques(care: str, practice: Practice) -> list[dict[str, Any]]:
    def kind(k: str) -> Technique:
        return Technique.objects.get(practice=practice, kind=k, name="")

    if care == "cluster":
        return [
            {"technique": kind("upper_cervical")},
            {"technique": kind("self_management"), "details": "movement practised twice"},
        ]
    if care == "tth_trigger_points":
        return [
            {"technique": kind("trigger_point"), "muscle": "scm_sternal", "side": "right"},
            {"technique": kind("trigger_point"), "muscle": "suboccipitals", "side": "right"},
            {"technique": kind("oa_mobilisation")},
        ]
    if care == "tth_sot":
        return [
            {
                "technique": kind("sot_blocking"),
                "sot_category": "2",
                "block_placement": "left block under the ASIS, right under the acetabulum",
            },
            {"technique": kind("advice"), "details": "screen height, breaks every 45 minutes"},
        ]
    return [
        {"technique": kind("oa_mobilisation")},
        {"technique": kind("home_exercise"), "details": "craniocervical flexion, 10 x 10 s"},
    ]


def demo_credentials(practice: Practice, staff: dict[str, Any], today: date) -> None:
    """Jonas holds upper cervical training, Lucía SOT; the catalogue asks for them."""
    services.technique_catalogue(practice)
    Technique.objects.filter(practice=practice, kind="upper_cervical").update(
        credential_method="Upper cervical therapy"
    )
    Technique.objects.filter(practice=practice, kind="sot_blocking").update(credential_method="SOT")
    for email, method, body in (
        ("uc@demo.headway.test", "Upper cervical therapy", "Upper Cervical Academy"),
        ("sot@demo.headway.test", "SOT", "SOTO Europe"),
    ):
        Credential.objects.create(
            practice=practice,
            user=staff[email],
            method=method,
            issuing_body=body,
            issued_on=today - timedelta(days=3 * 365),
            expires_on=today + timedelta(days=2 * 365),
            verified_by=staff["owner@demo.headway.test"],
            verified_at=timezone.now(),
        )


def clinical_history_create(
    *, patient: Patient, care: str, membership: Membership, started: date, rng: random.Random
) -> None:
    """Intake, review, screen, examinations, plan and signed sessions from `started` on."""
    today = timezone.localdate()
    by = membership.user
    intake = Intake.objects.create(
        practice=patient.practice,
        patient=patient,
        answers=_intake_answers(care, rng),
        status=Intake.Status.SUBMITTED,
        submitted_at=_at(started - timedelta(days=3), 20),
        created_at=_at(started - timedelta(days=5)),
    )
    run = services.classification_run_from_intake(intake=intake, run_by=by)
    ClassificationRun.objects.filter(pk=run.pk).update(created_at=_at(started, 9))
    suggested = [e["code"] for p in run.result["profiles"] for e in p["suggested"]]
    expected = EXPECTED[care]
    if care == "cervicogenic" and suggested:
        services.diagnosis_decide(
            run=run,
            suggested_code=suggested[0],
            suggested_name="",
            decision="changed",
            code="11.2.1",
            name="Cervicogenic headache",
            reason="Provoked by sustained neck posture; flexion-rotation test reduced on the "
            "painful side; began after a whiplash injury.",
            decided_by=by,
        )
    elif expected in suggested:
        services.diagnosis_decide(
            run=run,
            suggested_code=expected,
            suggested_name="",
            decision="confirmed",
            code="",
            name="",
            reason="History fits; examination consistent.",
            decided_by=by,
        )
    DiagnosisDecision.objects.filter(run=run).update(created_at=_at(started, 9))

    neck = care != "tth_sot"
    if neck:
        _screen(patient, by, started, rng)
        if (today - started).days > 330:
            _screen(patient, by, started + timedelta(days=330), rng)
    for index, offset in enumerate((0, 42)):
        day = started + timedelta(days=offset)
        if day > today:
            break
        fields, points = _exam_fields(care, day, float(index), rng)
        exam = services.examination_record(
            patient=patient, examiner=by, fields=fields, trigger_points=points
        )
        exam.created_at = _at(day)
        exam.save(update_fields=["created_at"])
    plan = TreatmentPlan.objects.create(
        practice=patient.practice,
        patient=patient,
        author=by,
        starts_on=started,
        goals="Fewer headache days; measured with the diary and questionnaires.",
        care_pathway="long_term" if care == "cluster" else "",
        frequency="weekly for 4 weeks, then every 2 weeks" if care != "cluster" else "during bouts",
        review_on=started + timedelta(days=42),
    )
    plan.techniques.set([row["technique"] for row in _techniques(care, patient.practice)])

    offsets = [0, 7, 14, 28] + ([210, 540] if care == "cluster" else [42])
    pain = rng.randint(5, 7)
    for number, offset in enumerate(offsets):
        day = started + timedelta(days=offset)
        if day > today:
            break
        after = max(0, pain - rng.randint(1, 3))
        try:
            session = services.session_save(
                patient=patient,
                membership=membership,
                fields={
                    "session_date": day,
                    "subjective": "Fewer headache days this week." if number else "First visit.",
                    "objective": "Findings as in the examination.",
                    "assessment": "Responding; continue." if number else "Plan agreed.",
                    "plan": "Next visit as planned; keep the diary.",
                    "pain_before": pain,
                    "pain_after": after,
                    "response": "better" if after < pain else "unchanged",
                },
                techniques=_techniques(care, patient.practice),
                adverse_events=[]
                if number != 1 or rng.random() > 0.3
                else [{"kind": "soreness", "severity": "mild", "duration": "1 day"}],
            )
        except SessionRefused:
            continue
        TreatmentSession.objects.filter(pk=session.pk).update(created_at=_at(day))
        services.session_sign(session=session, by=by)
        TreatmentSession.objects.filter(pk=session.pk).update(signed_at=_at(day, 18))
        pain = max(2, pain - rng.randint(0, 1))


def red_flag_patient_create(*, patient: Patient, membership: Membership, day: date) -> None:
    """A patient whose new headache began after 50 and changed recently: referred, not treated."""
    answers = {
        "general": {"kinds": "1", "headache_days_per_month": 15, "months": 2},
        "headache_1": {"label": "new pressure headache", "location": "both_sides"},
        "red_flags": {
            **NO_RED_FLAGS,
            "new_or_changed_headache": "yes",
            "months_since_new_or_changed": 2,
            "age_at_onset": 61,
        },
    }
    intake = Intake.objects.create(
        practice=patient.practice,
        patient=patient,
        answers=answers,
        status=Intake.Status.SUBMITTED,
        submitted_at=_at(day - timedelta(days=1)),
    )
    run = services.classification_run_from_intake(intake=intake, run_by=membership.user)
    ClassificationRun.objects.filter(pk=run.pk).update(created_at=_at(day))
    Referral.objects.filter(patient=patient).update(created_at=_at(day, 11))

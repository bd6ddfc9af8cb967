"""Building blocks for the clinical workflow tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from headway.accounts.models import User
from headway.care import services
from headway.care.models import CervicalScreen, Technique
from headway.clinical.screening.cervical import (
    INSTABILITY_CONDITIONS,
    INSTABILITY_SYMPTOMS,
    NEUROVASCULAR_SYMPTOMS,
    VASCULAR_RISK_FACTORS,
    CervicalScreenInput,
    SpecialTestResult,
)
from headway.patients.models import Intake, Patient


def submitted_intake(patient: Patient, answers: dict[str, Any], kinds: int = 1) -> Intake:
    return Intake.objects.create(
        practice=patient.practice,
        patient=patient,
        answers=answers,
        headache_kinds=kinds,
        status=Intake.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )


def complete_screen_post(**overrides: str) -> dict[str, str]:
    """A screen form with every item checked and nothing found."""
    data = {
        "performed_on": timezone.localdate().isoformat(),
        "new_severe_or_unusual_head_or_neck_pain": "no",
        "recent_trauma": "no",
        "systolic_bp": "125",
        "diastolic_bp": "80",
        "cranial_nerves_normal": "yes",
        "gait_and_coordination_normal": "yes",
        "sharp_purser": "not_done",
        "alar_ligament": "not_done",
    }
    for prefix, vocabulary in (
        ("symptom", NEUROVASCULAR_SYMPTOMS),
        ("instability_symptom", INSTABILITY_SYMPTOMS),
        ("risk", VASCULAR_RISK_FACTORS),
        ("condition", INSTABILITY_CONDITIONS),
    ):
        data.update({f"{prefix}__{key}": "no" for key in vocabulary})
    data.update(overrides)
    return data


def screen(
    patient: Patient, by: User, *, day: date | None = None, **symptoms: bool
) -> CervicalScreen:
    """A complete screen; neurovascular symptoms given as keyword arguments."""
    return services.cervical_screen_record(
        patient=patient,
        practitioner=by,
        performed_on=day or timezone.localdate(),
        screen_input=CervicalScreenInput(
            vascular_risk_factors={k: False for k in VASCULAR_RISK_FACTORS},
            instability_conditions={k: False for k in INSTABILITY_CONDITIONS},
            recent_trauma=False,
            neurovascular_symptoms={k: symptoms.get(k, False) for k in NEUROVASCULAR_SYMPTOMS},
            instability_symptoms={k: False for k in INSTABILITY_SYMPTOMS},
            new_severe_or_unusual_head_or_neck_pain=bool(symptoms.get("new_pain")),
            systolic_bp=120,
            diastolic_bp=80,
            cranial_nerves_normal=True,
            gait_and_coordination_normal=True,
            sharp_purser=SpecialTestResult.NEGATIVE,
            alar_ligament=SpecialTestResult.NEGATIVE,
        ),
        answers={},
    )


def technique(patient: Patient, kind: str) -> Technique:
    services.technique_catalogue(patient.practice)
    return Technique.objects.get(practice=patient.practice, kind=kind, name="")


def session_post(techniques: list[dict[str, Any]] | None = None, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "session_date": timezone.localdate().isoformat(),
        "subjective": "Attacks less often this week.",
        "objective": "",
        "assessment": "",
        "plan": "Review in two weeks.",
        "pain_before": "5",
        "pain_after": "3",
        "response": "better",
        "t-TOTAL_FORMS": "3",
        "t-INITIAL_FORMS": "0",
        "ae-TOTAL_FORMS": "1",
        "ae-INITIAL_FORMS": "0",
    }
    for index, row in enumerate(techniques or []):
        for key, value in row.items():
            data[f"t-{index}-{key}"] = value
    data.update(fields)
    return data

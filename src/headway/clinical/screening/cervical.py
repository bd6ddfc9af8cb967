"""Cervical safety screen before neck treatment.

Follows the IFOMPT International Cervical Framework as summarised in clinical-reference.md
section 3 (Rushton et al., JOSPT 2023;53(1):7-22): history, then symptoms, then examination, then
a reasoned decision. No single test decides, and no screen excludes vascular pathology, so the
outcome never says "safe": at best it says that no contraindication was found in what was
checked, and it lists what was not checked.

Outcomes:
- DO_NOT_TREAT: refer, urgently or routinely, with the reasons;
- PRECAUTION: adapt the technique, review (risk factors without signs, incomplete screen);
- NO_CONTRAINDICATION_FOUND: in what was checked.

An unanswered question never counts as "no": a screen with key parts missing is at best a
precaution, never "no contraindication found".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from headway.clinical.findings import Answer, Urgency
from headway.clinical.messages import Message, message


class Outcome(StrEnum):
    NO_CONTRAINDICATION_FOUND = "no_contraindication_found"
    PRECAUTION = "precaution"
    DO_NOT_TREAT = "do_not_treat"


# Risk factors for cervical arterial dysfunction listed in the framework
# (clinical-reference.md 3.1, [R] list; individual factors corroborated there).
VASCULAR_RISK_FACTORS: dict[str, str] = {
    "past_cervical_trauma": "past trauma to the cervical spine or its vessels",
    "recent_minor_trauma_or_manipulation": "recent minor neck trauma or neck manipulation",
    "migraine_history": "history of migraine-type headache",
    "hypertension": "hypertension",
    "hypercholesterolaemia": "hypercholesterolaemia or hyperlipidaemia",
    "cardiovascular_disease": "cardiac or vascular disease, previous stroke or TIA",
    "diabetes": "diabetes",
    "clotting_disorder": "clotting disorder or altered blood properties",
    "anticoagulants": "anticoagulant therapy",
    "long_term_steroids": "long-term corticosteroids",
    "smoking": "smoking",
    "recent_infection": "recent infection, especially respiratory",
    "postpartum": "immediately post-partum",
    "connective_tissue_disorder": "connective tissue disorder (vascular Ehlers-Danlos, Marfan)",
    "fibromuscular_dysplasia_or_vessel_anomaly": "fibromuscular dysplasia or vessel anomaly",
    "family_history_vascular": "family history of vascular disease",
    "head_neck_surgery": "previous head or neck surgery",
}

# Conditions predisposing to upper cervical instability (clinical-reference.md 3.2).
INSTABILITY_CONDITIONS: dict[str, str] = {
    "rheumatoid_arthritis": "rheumatoid arthritis",
    "down_syndrome": "Down syndrome",
    "neck_trauma_whiplash": "neck trauma such as whiplash",
    "os_odontoideum": "os odontoideum",
    "ankylosing_spondylitis": "ankylosing spondylitis",
    "psoriatic_arthritis": "psoriatic arthritis",
    "ehlers_danlos": "Ehlers-Danlos syndrome",
}

# Symptoms that prompt instability testing (clinical-reference.md 3.2).
INSTABILITY_SYMPTOMS: dict[str, str] = {
    "giving_way": "feeling of the head giving way",
    "clunking": "clunking in the upper neck",
    "facial_or_lip_paraesthesia": "facial or lip paraesthesia",
    "lump_in_throat": "sensation of a lump in the throat",
}

# Posterior-circulation signs: the 5 Ds, the 3 Ns and ataxia; with Horner's signs and
# cranial nerve signs of carotid dissection (clinical-reference.md 3.1, Kerry & Taylor 2009).
NEUROVASCULAR_SYMPTOMS: dict[str, str] = {
    "dizziness": "dizziness",
    "diplopia": "double vision (diplopia)",
    "dysarthria": "difficulty speaking (dysarthria)",
    "dysphagia": "difficulty swallowing (dysphagia)",
    "drop_attacks": "drop attacks",
    "nausea": "nausea",
    "numbness": "numbness",
    "nystagmus": "nystagmus",
    "ataxia": "ataxia",
    "horners_signs": "Horner's signs (ptosis, miosis)",
    "pulsatile_tinnitus": "pulsatile tinnitus",
}

# Blood pressure. The reference names blood pressure as an examination item without numbers;
# these are the ACC/AHA 2017 guideline's stage 2 hypertension (>=140/90) and hypertensive
# crisis (>=180/120) thresholds, encoded as settings for a clinician to review.
BP_PRECAUTION = (140, 90)
BP_REFER = (180, 120)


@dataclass(frozen=True)
class CanadianCSpine:
    """The Canadian C-spine rule (Stiell et al., JAMA 2001; NEJM 2003; clinical-reference.md 3.3),
    for an alert (GCS 15), stable adult after trauma. Answers follow the rule's three steps."""

    age: int | None = None
    dangerous_mechanism: Answer = None
    paraesthesias_in_extremities: Answer = None
    # Low-risk factors that allow range-of-motion testing.
    simple_rear_end_collision: Answer = None
    sitting_position: Answer = None
    ambulatory_at_any_time: Answer = None
    delayed_onset_of_neck_pain: Answer = None
    no_midline_cervical_tenderness: Answer = None
    can_rotate_45_degrees_both_ways: Answer = None


class CSpineResult(StrEnum):
    IMAGING_NEEDED = "imaging_needed"
    NO_IMAGING_NEEDED = "no_imaging_needed"
    UNDETERMINED = "undetermined"


def canadian_c_spine(rule: CanadianCSpine) -> tuple[CSpineResult, Message]:
    """The rule's answer and its reason. [!] Age: the original rule says >=65 (reference 3.3)."""
    high_risk = []
    if rule.age is not None and rule.age >= 65:
        high_risk.append(message("age_65_or_over", age=rule.age))
    if rule.dangerous_mechanism:
        high_risk.append(message("dangerous_mechanism"))
    if rule.paraesthesias_in_extremities:
        high_risk.append(message("paraesthesias"))
    if high_risk:
        return CSpineResult.IMAGING_NEEDED, message("high_risk", factors=high_risk)
    if None in (rule.age, rule.dangerous_mechanism, rule.paraesthesias_in_extremities):
        return CSpineResult.UNDETERMINED, message("high_risk_unchecked")
    low_risk = (
        rule.simple_rear_end_collision,
        rule.sitting_position,
        rule.ambulatory_at_any_time,
        rule.delayed_onset_of_neck_pain,
        rule.no_midline_cervical_tenderness,
    )
    if not any(low_risk):
        if None in low_risk:
            return CSpineResult.UNDETERMINED, message("low_risk_unchecked")
        return CSpineResult.IMAGING_NEEDED, message("no_low_risk")
    if rule.can_rotate_45_degrees_both_ways is None:
        return CSpineResult.UNDETERMINED, message("rotation_not_tested")
    if not rule.can_rotate_45_degrees_both_ways:
        return CSpineResult.IMAGING_NEEDED, message("cannot_rotate")
    return CSpineResult.NO_IMAGING_NEEDED, message("low_risk_rotates")


class SpecialTestResult(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    NOT_DONE = "not_done"


@dataclass(frozen=True)
class CervicalScreenInput:
    # History. Each dictionary maps a key of the vocabularies above to an answer.
    vascular_risk_factors: dict[str, Answer] = field(default_factory=dict)
    instability_conditions: dict[str, Answer] = field(default_factory=dict)
    recent_trauma: Answer = None
    c_spine: CanadianCSpine | None = None
    # Symptoms: new or unexplained, not the patient's familiar migraine nausea.
    neurovascular_symptoms: dict[str, Answer] = field(default_factory=dict)
    instability_symptoms: dict[str, Answer] = field(default_factory=dict)
    new_severe_or_unusual_head_or_neck_pain: Answer = None
    # Examination.
    systolic_bp: int | None = None
    diastolic_bp: int | None = None
    cranial_nerves_normal: Answer = None
    gait_and_coordination_normal: Answer = None
    sharp_purser: SpecialTestResult = SpecialTestResult.NOT_DONE
    alar_ligament: SpecialTestResult = SpecialTestResult.NOT_DONE


@dataclass(frozen=True)
class Reason:
    outcome: Outcome
    message: Message
    urgency: Urgency | None = None

    @property
    def text(self) -> str:
        """In English; the web shell words `message` in the reader's language."""
        return str(self.message)


@dataclass(frozen=True)
class CervicalScreenResult:
    outcome: Outcome
    urgency: Urgency | None
    reasons: tuple[Reason, ...]
    not_checked: tuple[Message, ...]

    @property
    def wording(self) -> str:
        """Plain words for the record. Never "safe": no screen excludes vascular pathology."""
        if self.outcome is Outcome.DO_NOT_TREAT:
            assert self.urgency is not None
            return f"Do not treat the neck: refer ({self.urgency.value})."
        if self.outcome is Outcome.PRECAUTION:
            return "Precaution: adapt the technique and review."
        return "No contraindication found in what was checked."


def _present(answers: dict[str, Answer], vocabulary: dict[str, str]) -> list[str]:
    """The keys answered yes, in the vocabulary's order (the messages word them)."""
    unknown_keys = set(answers) - set(vocabulary)
    if unknown_keys:
        raise ValueError(f"unknown keys: {', '.join(sorted(unknown_keys))}")
    return [key for key in vocabulary if answers.get(key) is True]


def _unasked(answers: dict[str, Answer], vocabulary: dict[str, str]) -> list[str]:
    return [key for key in vocabulary if answers.get(key) is None]


def screen_cervical(screen: CervicalScreenInput) -> CervicalScreenResult:
    reasons: list[Reason] = []
    not_checked: list[Message] = []

    def refer(why: Message, urgency: Urgency) -> None:
        reasons.append(Reason(Outcome.DO_NOT_TREAT, why, urgency))

    def precaution(why: Message) -> None:
        reasons.append(Reason(Outcome.PRECAUTION, why))

    # Symptoms of possible acute vascular pathology: stop, no manual therapy, refer
    # (reference 3.1, "When to refer"). With new severe or unusual pain, or Horner's signs or
    # cranial nerve signs, the referral is urgent; other new neurological symptoms go to a
    # physician before any neck treatment.
    signs = _present(screen.neurovascular_symptoms, NEUROVASCULAR_SYMPTOMS)
    new_pain = screen.new_severe_or_unusual_head_or_neck_pain is True
    carotid_signs = screen.neurovascular_symptoms.get("horners_signs") is True
    if signs and (new_pain or carotid_signs):
        code = "neuro_dissection_with_pain" if new_pain else "neuro_dissection"
        refer(message(code, symptoms=signs), Urgency.URGENT)
    elif signs:
        refer(message("neuro_symptoms", symptoms=signs), Urgency.ROUTINE)
    elif new_pain:
        # Early dissection can present with head and neck pain only (Kerry & Taylor 2009).
        precaution(message("new_pain_only"))
    not_checked += [
        message("unchecked_symptom", item=key)
        for key in _unasked(screen.neurovascular_symptoms, NEUROVASCULAR_SYMPTOMS)
    ]
    if screen.new_severe_or_unusual_head_or_neck_pain is None:
        not_checked.append(message("unchecked_new_pain"))

    # Examination.
    if screen.cranial_nerves_normal is False:
        refer(message("cranial_nerves_abnormal"), Urgency.URGENT)
    elif screen.cranial_nerves_normal is None:
        not_checked.append(message("unchecked_cranial_nerves"))
    if screen.gait_and_coordination_normal is False:
        refer(message("gait_abnormal"), Urgency.URGENT)
    elif screen.gait_and_coordination_normal is None:
        not_checked.append(message("unchecked_gait"))
    if screen.systolic_bp is None or screen.diastolic_bp is None:
        not_checked.append(message("unchecked_blood_pressure"))
    else:
        bp = {"systolic": screen.systolic_bp, "diastolic": screen.diastolic_bp}
        if screen.systolic_bp >= BP_REFER[0] or screen.diastolic_bp >= BP_REFER[1]:
            refer(message("bp_crisis", **bp), Urgency.URGENT)
        elif screen.systolic_bp >= BP_PRECAUTION[0] or screen.diastolic_bp >= BP_PRECAUTION[1]:
            precaution(message("bp_raised", **bp))

    # Upper cervical instability: predisposing conditions, symptoms and tests (reference 3.2).
    # The tests have limited accuracy, so a positive one is a reason to refer, not a diagnosis.
    conditions = _present(screen.instability_conditions, INSTABILITY_CONDITIONS)
    uci_symptoms = _present(screen.instability_symptoms, INSTABILITY_SYMPTOMS)
    positive_tests = [
        name
        for name, result in (
            ("sharp_purser", screen.sharp_purser),
            ("alar_ligament", screen.alar_ligament),
        )
        if result is SpecialTestResult.POSITIVE
    ]
    if positive_tests:
        refer(message("uci_test_positive", tests=positive_tests), Urgency.ROUTINE)
    if uci_symptoms and conditions:
        refer(
            message("uci_symptoms_with_condition", symptoms=uci_symptoms, conditions=conditions),
            Urgency.ROUTINE,
        )
    elif uci_symptoms:
        precaution(message("uci_symptoms", symptoms=uci_symptoms))
    elif conditions:
        precaution(message("uci_condition", conditions=conditions))
    if (conditions or uci_symptoms) and SpecialTestResult.NOT_DONE in (
        screen.sharp_purser,
        screen.alar_ligament,
    ):
        not_checked.append(message("unchecked_uci_tests"))
    not_checked += [
        message("unchecked_condition", item=key)
        for key in _unasked(screen.instability_conditions, INSTABILITY_CONDITIONS)
    ]

    # Vascular risk factors without signs: precaution, adapt, review (reference 3.1).
    risks = _present(screen.vascular_risk_factors, VASCULAR_RISK_FACTORS)
    if risks:
        precaution(message("vascular_risk_factors", factors=risks))
    not_checked += [
        message("unchecked_risk_factor", item=key)
        for key in _unasked(screen.vascular_risk_factors, VASCULAR_RISK_FACTORS)
    ]

    # Recent trauma: the Canadian C-spine rule decides whether imaging comes first (reference 3.3).
    if screen.recent_trauma is None:
        not_checked.append(message("unchecked_recent_trauma"))
    elif screen.recent_trauma:
        if screen.c_spine is None:
            refer(message("trauma_no_c_spine"), Urgency.ROUTINE)
        else:
            verdict, why = canadian_c_spine(screen.c_spine)
            if verdict is CSpineResult.IMAGING_NEEDED:
                refer(message("c_spine_imaging", why=why), Urgency.URGENT)
            elif verdict is CSpineResult.UNDETERMINED:
                refer(message("c_spine_incomplete", why=why), Urgency.ROUTINE)
            else:
                precaution(message("c_spine_no_imaging", why=why))

    # The decision.
    if any(r.outcome is Outcome.DO_NOT_TREAT for r in reasons):
        outcome = Outcome.DO_NOT_TREAT
        urgent = any(r.urgency is Urgency.URGENT for r in reasons)
        urgency: Urgency | None = Urgency.URGENT if urgent else Urgency.ROUTINE
    else:
        urgency = None
        if not_checked:
            # An incomplete screen cannot find "no contraindication"; it says what is missing.
            precaution(message("screen_incomplete", count=len(not_checked)))
        outcome = Outcome.PRECAUTION if reasons else Outcome.NO_CONTRAINDICATION_FOUND
    return CervicalScreenResult(outcome, urgency, tuple(reasons), tuple(not_checked))

"""Cervical screen (IFOMPT framework, clinical-reference.md section 3): every outcome, the
blood-pressure and C-spine thresholds, and the rule that unknown never means "no"."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from headway.clinical.findings import Urgency
from headway.clinical.screening.cervical import (
    INSTABILITY_CONDITIONS,
    INSTABILITY_SYMPTOMS,
    NEUROVASCULAR_SYMPTOMS,
    VASCULAR_RISK_FACTORS,
    CanadianCSpine,
    CervicalScreenInput,
    CSpineResult,
    Outcome,
    SpecialTestResult,
    canadian_c_spine,
    screen_cervical,
)

CLEAN = CervicalScreenInput(
    vascular_risk_factors=dict.fromkeys(VASCULAR_RISK_FACTORS, False),
    instability_conditions=dict.fromkeys(INSTABILITY_CONDITIONS, False),
    recent_trauma=False,
    neurovascular_symptoms=dict.fromkeys(NEUROVASCULAR_SYMPTOMS, False),
    instability_symptoms=dict.fromkeys(INSTABILITY_SYMPTOMS, False),
    new_severe_or_unusual_head_or_neck_pain=False,
    systolic_bp=124,
    diastolic_bp=78,
    cranial_nerves_normal=True,
    gait_and_coordination_normal=True,
)


def with_symptoms(screen: CervicalScreenInput, **symptoms: bool) -> CervicalScreenInput:
    return replace(screen, neurovascular_symptoms={**screen.neurovascular_symptoms, **symptoms})


def test_a_complete_clean_screen_finds_no_contraindication_and_never_says_safe():
    result = screen_cervical(CLEAN)
    assert result.outcome is Outcome.NO_CONTRAINDICATION_FOUND and result.urgency is None
    assert result.reasons == () and result.not_checked == ()
    assert result.wording == "No contraindication found in what was checked."
    assert "safe" not in result.wording.lower()


def test_an_empty_screen_is_only_a_precaution_listing_what_is_missing():
    result = screen_cervical(CervicalScreenInput())
    assert result.outcome is Outcome.PRECAUTION
    assert "examination: blood pressure" in [str(m) for m in result.not_checked]
    assert "symptom: dizziness" in [str(m) for m in result.not_checked]
    assert "history: recent trauma" in [str(m) for m in result.not_checked]
    assert any("screen incomplete" in r.text for r in result.reasons)


@pytest.mark.parametrize("symptom", sorted(NEUROVASCULAR_SYMPTOMS))
def test_each_neurological_symptom_stops_neck_treatment(symptom):
    result = screen_cervical(with_symptoms(CLEAN, **{symptom: True}))
    assert result.outcome is Outcome.DO_NOT_TREAT
    expected = Urgency.URGENT if symptom == "horners_signs" else Urgency.ROUTINE
    assert result.urgency is expected
    assert NEUROVASCULAR_SYMPTOMS[symptom] in result.reasons[0].text


def test_neurological_symptoms_with_new_severe_pain_are_urgent():
    screen = replace(
        with_symptoms(CLEAN, dizziness=True, diplopia=True),
        new_severe_or_unusual_head_or_neck_pain=True,
    )
    result = screen_cervical(screen)
    assert (result.outcome, result.urgency) == (Outcome.DO_NOT_TREAT, Urgency.URGENT)
    assert "possible arterial dissection" in result.reasons[0].text


def test_new_severe_pain_alone_is_a_precaution_naming_early_dissection():
    result = screen_cervical(replace(CLEAN, new_severe_or_unusual_head_or_neck_pain=True))
    assert result.outcome is Outcome.PRECAUTION
    assert "early arterial dissection" in result.reasons[0].text


@pytest.mark.parametrize("field", ["cranial_nerves_normal", "gait_and_coordination_normal"])
def test_abnormal_examination_is_an_urgent_referral(field):
    result = screen_cervical(replace(CLEAN, **{field: False}))
    assert (result.outcome, result.urgency) == (Outcome.DO_NOT_TREAT, Urgency.URGENT)


@pytest.mark.parametrize(
    ("systolic", "diastolic", "outcome"),
    [
        (139, 89, Outcome.NO_CONTRAINDICATION_FOUND),
        (140, 80, Outcome.PRECAUTION),
        (130, 90, Outcome.PRECAUTION),
        (179, 119, Outcome.PRECAUTION),
        (180, 100, Outcome.DO_NOT_TREAT),
        (150, 120, Outcome.DO_NOT_TREAT),
        (181, 121, Outcome.DO_NOT_TREAT),
    ],
)
def test_blood_pressure_thresholds(systolic, diastolic, outcome):
    result = screen_cervical(replace(CLEAN, systolic_bp=systolic, diastolic_bp=diastolic))
    assert result.outcome is outcome
    if outcome is Outcome.DO_NOT_TREAT:
        assert result.urgency is Urgency.URGENT


@pytest.mark.parametrize("factor", sorted(VASCULAR_RISK_FACTORS))
def test_each_vascular_risk_factor_is_a_precaution(factor):
    screen = replace(CLEAN, vascular_risk_factors={**CLEAN.vascular_risk_factors, factor: True})
    result = screen_cervical(screen)
    assert result.outcome is Outcome.PRECAUTION
    assert VASCULAR_RISK_FACTORS[factor] in result.reasons[0].text


@pytest.mark.parametrize("condition", sorted(INSTABILITY_CONDITIONS))
def test_an_instability_condition_alone_is_a_precaution(condition):
    screen = replace(
        CLEAN, instability_conditions={**CLEAN.instability_conditions, condition: True}
    )
    result = screen_cervical(screen)
    assert result.outcome is Outcome.PRECAUTION
    assert "examination: upper cervical instability tests" in [str(m) for m in result.not_checked]


def test_instability_symptoms_with_a_predisposing_condition_mean_refer():
    screen = replace(
        CLEAN,
        instability_conditions={**CLEAN.instability_conditions, "rheumatoid_arthritis": True},
        instability_symptoms={**CLEAN.instability_symptoms, "clunking": True},
    )
    result = screen_cervical(screen)
    assert (result.outcome, result.urgency) == (Outcome.DO_NOT_TREAT, Urgency.ROUTINE)
    assert "rheumatoid arthritis" in result.reasons[0].text


@pytest.mark.parametrize("test", ["sharp_purser", "alar_ligament"])
def test_a_positive_instability_test_means_refer(test):
    result = screen_cervical(replace(CLEAN, **{test: SpecialTestResult.POSITIVE}))
    assert (result.outcome, result.urgency) == (Outcome.DO_NOT_TREAT, Urgency.ROUTINE)


def test_unknown_vocabulary_keys_are_refused():
    with pytest.raises(ValueError, match="unknown keys: dizzyness"):
        screen_cervical(replace(CLEAN, neurovascular_symptoms={"dizzyness": True}))


LOW_RISK_ROTATES = CanadianCSpine(
    age=40,
    dangerous_mechanism=False,
    paraesthesias_in_extremities=False,
    simple_rear_end_collision=True,
    sitting_position=False,
    ambulatory_at_any_time=False,
    delayed_onset_of_neck_pain=False,
    no_midline_cervical_tenderness=False,
    can_rotate_45_degrees_both_ways=True,
)


@pytest.mark.parametrize(
    ("change", "verdict"),
    [
        ({}, CSpineResult.NO_IMAGING_NEEDED),
        ({"age": 64}, CSpineResult.NO_IMAGING_NEEDED),
        ({"age": 65}, CSpineResult.IMAGING_NEEDED),  # the original rule: 65 or over
        ({"age": 66}, CSpineResult.IMAGING_NEEDED),
        ({"dangerous_mechanism": True}, CSpineResult.IMAGING_NEEDED),
        ({"paraesthesias_in_extremities": True}, CSpineResult.IMAGING_NEEDED),
        ({"simple_rear_end_collision": False}, CSpineResult.IMAGING_NEEDED),
        ({"can_rotate_45_degrees_both_ways": False}, CSpineResult.IMAGING_NEEDED),
        ({"can_rotate_45_degrees_both_ways": None}, CSpineResult.UNDETERMINED),
        ({"dangerous_mechanism": None}, CSpineResult.UNDETERMINED),
    ],
)
def test_canadian_c_spine_rule(change, verdict):
    assert canadian_c_spine(replace(LOW_RISK_ROTATES, **change))[0] is verdict


def test_recent_trauma_needing_imaging_is_an_urgent_referral():
    screen = replace(
        CLEAN, recent_trauma=True, c_spine=replace(LOW_RISK_ROTATES, dangerous_mechanism=True)
    )
    result = screen_cervical(screen)
    assert (result.outcome, result.urgency) == (Outcome.DO_NOT_TREAT, Urgency.URGENT)
    assert "imaging needed" in result.reasons[0].text


def test_recent_trauma_without_the_rule_applied_means_refer():
    result = screen_cervical(replace(CLEAN, recent_trauma=True))
    assert result.outcome is Outcome.DO_NOT_TREAT


def test_recent_low_risk_trauma_is_a_precaution():
    result = screen_cervical(replace(CLEAN, recent_trauma=True, c_spine=LOW_RISK_ROTATES))
    assert result.outcome is Outcome.PRECAUTION


answers = st.sampled_from([True, False, None])
screens = st.builds(
    CervicalScreenInput,
    vascular_risk_factors=st.fixed_dictionaries({k: answers for k in VASCULAR_RISK_FACTORS}),
    instability_conditions=st.fixed_dictionaries({k: answers for k in INSTABILITY_CONDITIONS}),
    neurovascular_symptoms=st.fixed_dictionaries({k: answers for k in NEUROVASCULAR_SYMPTOMS}),
    instability_symptoms=st.fixed_dictionaries({k: answers for k in INSTABILITY_SYMPTOMS}),
    recent_trauma=st.sampled_from([False, None]),
    new_severe_or_unusual_head_or_neck_pain=answers,
    systolic_bp=st.one_of(st.none(), st.integers(80, 230)),
    diastolic_bp=st.one_of(st.none(), st.integers(40, 140)),
    cranial_nerves_normal=answers,
    gait_and_coordination_normal=answers,
    sharp_purser=st.sampled_from(list(SpecialTestResult)),
    alar_ligament=st.sampled_from(list(SpecialTestResult)),
)
SEVERITY = {Outcome.NO_CONTRAINDICATION_FOUND: 0, Outcome.PRECAUTION: 1, Outcome.DO_NOT_TREAT: 2}


@given(screens)
def test_the_screen_is_deterministic_and_consistent(screen):
    result = screen_cervical(screen)
    assert result == screen_cervical(screen)
    assert (result.urgency is not None) == (result.outcome is Outcome.DO_NOT_TREAT)
    if result.outcome is Outcome.NO_CONTRAINDICATION_FOUND:
        assert result.not_checked == () and result.reasons == ()
    assert "safe" not in result.wording.lower()


@given(screens, st.sampled_from(sorted(NEUROVASCULAR_SYMPTOMS)))
def test_a_reported_symptom_never_makes_the_outcome_milder(screen, symptom):
    before = screen_cervical(screen)
    after = screen_cervical(with_symptoms(screen, **{symptom: True}))
    assert SEVERITY[after.outcome] >= SEVERITY[before.outcome]
    assert after.outcome is Outcome.DO_NOT_TREAT

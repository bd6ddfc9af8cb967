"""The intake's plain-word answers turned into the rules' inputs."""

from __future__ import annotations

import pytest

from headway.clinical import intake
from headway.clinical.ichd3.classify import classify
from headway.clinical.ichd3.profile import DrugClass, Intensity, Nausea

CLUSTER = {
    "label": "the eye attacks",
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
    "bouts_count": 3,
    "bout_shortest_days": 30,
    "bout_longest_days": 60,
    "remission_shortest_months": 8,
}
TENSION = {
    "lifetime_attacks": "20+",
    "duration_shortest": "2h",
    "duration_longest": "1d",
    "days_per_month": 6,
    "months": 12,
    "location": "both_sides",
    "quality": "pressing",
    "intensity_mildest": "mild",
    "intensity_worst": "moderate",
    "worse_with_activity": "no",
    "nausea": "none",
    "vomiting": "no",
    "light": "yes",
    "sound": "no",
}


def test_cluster_answers_give_the_cluster_profile_and_episodic_cluster_headache():
    profile = intake.headache_profile(CLUSTER)
    assert profile.attack_count == 20
    assert (profile.duration_min_hours, profile.duration_max_hours) == (0.5, 2)
    assert profile.unilateral is True and profile.bilateral is False
    assert profile.intensity_max is Intensity.VERY_SEVERE
    assert (profile.attacks_per_day_min, profile.attacks_per_day_max) == (1.0, 3.0)
    assert profile.cluster_periods == 3 and profile.shortest_remission_months == 8
    data = intake.classification_input({"headache_1": CLUSTER}, kinds=1, age=40, sex="male")
    assert "3.1.1" in classify(data).suggested_codes


def test_tension_answers_give_frequent_episodic_tension_type_headache():
    data = intake.classification_input({"headache_1": TENSION}, kinds=1, age=35, sex="female")
    assert data.profiles[0].nausea is Nausea.NONE
    assert data.profiles[0].pressing_or_tightening is True
    assert data.profiles[0].pulsating is False
    codes = classify(data).suggested_codes
    assert any(code.startswith("2.2") for code in codes)


@pytest.mark.parametrize("value", ["unsure", "", None])
def test_not_sure_and_unanswered_stay_unknown_never_no(value):
    profile = intake.headache_profile({"light": value, "location": value, "quality": value})
    assert profile.photophobia is None
    assert profile.unilateral is None and profile.bilateral is None
    assert profile.pulsating is None and profile.pressing_or_tightening is None


def test_sometimes_one_side_sometimes_both_is_left_for_the_practitioner():
    profile = intake.headache_profile({"location": "either"})
    assert profile.unilateral is None and profile.bilateral is None


def test_attack_ranges_count_their_lower_bound():
    # "5 to 9" attacks never claims more than 5: enough for migraine criterion A, not for
    # tension-type headache's 10.
    assert intake.headache_profile({"lifetime_attacks": "5-9"}).attack_count == 5
    assert intake.headache_profile({"lifetime_attacks": "2-4"}).attack_count == 2


def test_aura_answered_no_is_no_aura_and_unanswered_is_not_asked():
    assert intake.headache_profile({"aura": "no"}).aura.symptoms == frozenset()  # type: ignore[union-attr]
    assert intake.headache_profile({}).aura is None
    with_aura = intake.headache_profile(
        {"aura": "yes", "aura_symptoms": ["visual", "sensory"], "aura_reversible": "yes"}
    )
    assert with_aura.aura is not None
    assert {s.value for s in with_aura.aura.symptoms or ()} == {"visual", "sensory"}


def test_medication_days_per_class_become_medication_use():
    data = intake.classification_input(
        {
            "medication": {
                "acute_days": 18,
                "triptan_days": 12,
                "non_opioid_analgesic_days": 6,
                "medication_months": 5,
            }
        },
        kinds=0,
        age=30,
        sex=None,
    )
    uses = {use.drug_class: use.days_per_month for use in data.medication}
    assert uses == {DrugClass.TRIPTAN: 12, DrugClass.NON_OPIOID_ANALGESIC: 6}
    assert data.acute_medication_days_per_month == 18
    assert all(use.months == 5 for use in data.medication)


def test_red_flag_answers_map_one_to_one_and_papilledema_is_never_asked():
    answers = intake.red_flag_answers(
        {"red_flags": {"sudden_onset": "yes", "age_at_onset": 57, "systemic_symptoms": "no"}}
    )
    assert answers.sudden_onset is True
    assert answers.age_at_onset == 57
    assert answers.systemic_symptoms is False
    assert answers.papilledema is None
    assert "papilledema" not in intake.RED_FLAG_QUESTIONS


def test_cervical_history_prefills_only_what_was_answered():
    history = intake.cervical_history(
        {"neck": {"hypertension": "yes", "smoking": "no", "rheumatoid_arthritis": "unsure"}}
    )
    assert history["vascular_risk_factors"] == {"hypertension": True, "smoking": False}
    assert history["instability_conditions"] == {"rheumatoid_arthritis": None}
    assert history["recent_trauma"] is None


def test_a_blank_count_of_bouts_stays_unknown_and_keeps_the_suggestion_open():
    profile = intake.headache_profile({**CLUSTER, "bouts_count": None})
    assert profile.cluster_periods is None
    data = intake.classification_input(
        {"headache_1": {**CLUSTER, "bouts_count": None}}, kinds=1, age=40, sex="male"
    )
    result = classify(data)
    episodic = next(e for e in result.profiles[0].evaluations if e.code == "3.1.1")
    assert episodic.outcome.value != "not_met"


def test_medication_days_without_months_are_kept_with_the_duration_unknown():
    data = intake.classification_input(
        {"medication": {"triptan_days": 15}}, kinds=0, age=30, sex=None
    )
    assert [(u.drug_class, u.days_per_month, u.months) for u in data.medication] == [
        (DrugClass.TRIPTAN, 15, None)
    ]
    triptan = next(e for e in classify(data).patient_evaluations if e.code == "8.2.2")
    criterion_b = next(c for c in triptan.criteria if c.label == "B")
    assert criterion_b.status.value == "unknown"

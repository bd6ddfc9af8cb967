"""ICHD-3 migraine and tension-type criteria at every threshold (clinical-reference.md 1.1-2.4)."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from headway.clinical.ichd3.classify import classify, evaluate_profile
from headway.clinical.ichd3.criteria import Status
from headway.clinical.ichd3.profile import (
    Aura,
    AuraSymptom,
    ClassificationInput,
    HeadacheProfile,
    Intensity,
    Nausea,
)

NO_AURA = Aura(symptoms=frozenset())
MIGRAINE = HeadacheProfile(
    attack_count=20,
    duration_min_hours=6,
    duration_max_hours=24,
    unilateral=True,
    bilateral=False,
    pulsating=True,
    pressing_or_tightening=False,
    intensity_max=Intensity.SEVERE,
    aggravated_by_routine_activity=True,
    nausea=Nausea.MODERATE_OR_SEVERE,
    vomiting=False,
    photophobia=True,
    phonophobia=True,
    aura=NO_AURA,
    headache_days_per_month=3,
    months_at_this_frequency=24,
    pericranial_tenderness=False,
)
TTH = HeadacheProfile(
    attack_count=60,
    duration_min_hours=1,
    duration_max_hours=6,
    unilateral=False,
    bilateral=True,
    pulsating=False,
    pressing_or_tightening=True,
    intensity_max=Intensity.MODERATE,
    aggravated_by_routine_activity=False,
    nausea=Nausea.NONE,
    vomiting=False,
    photophobia=False,
    phonophobia=True,
    aura=NO_AURA,
    headache_days_per_month=6,
    months_at_this_frequency=12,
    pericranial_tenderness=True,
)
VISUAL_AURA = Aura(
    symptoms=frozenset({AuraSymptom.VISUAL}),
    fully_reversible=True,
    spreads_gradually_over_5_min=True,
    symptoms_in_succession=False,
    each_symptom_5_to_60_min=True,
    unilateral=True,
    positive=True,
    headache_within_60_min=True,
)


def suggested(profile: HeadacheProfile, age: int | None = 35) -> list[str]:
    return list(classify(ClassificationInput(age=age, profiles=(profile,))).suggested_codes)


def outcome(profile: HeadacheProfile, code: str, age: int | None = 35) -> Status:
    return next(e for e in evaluate_profile(profile, age) if e.code == code).outcome


def criterion(profile: HeadacheProfile, code: str, label: str, age: int | None = 35) -> Status:
    evaluation = next(e for e in evaluate_profile(profile, age) if e.code == code)
    return next(c for c in evaluation.criteria if c.label == label).status


def test_typical_migraine_without_aura_is_suggested_as_1_1():
    assert suggested(MIGRAINE) == ["1.1"]


@pytest.mark.parametrize(("count", "code"), [(4, "1.5.1"), (5, "1.1"), (6, "1.1")])
def test_migraine_needs_five_attacks_fewer_is_probable(count, code):
    assert suggested(replace(MIGRAINE, attack_count=count)) == [code]


@pytest.mark.parametrize(
    ("low", "high", "status"),
    [
        (3.9, 10, Status.UNKNOWN),
        (4, 10, Status.MET),
        (4, 72, Status.MET),
        (10, 72.1, Status.UNKNOWN),
        (73, 90, Status.NOT_MET),
        (1, 3.9, Status.NOT_MET),
    ],
)
def test_migraine_duration_4_to_72_hours(low, high, status):
    profile = replace(MIGRAINE, duration_min_hours=low, duration_max_hours=high)
    assert criterion(profile, "1.1", "B") is status


@pytest.mark.parametrize(("age", "status"), [(17, Status.MET), (18, Status.UNKNOWN)])
def test_under_18_attacks_of_2_hours_count(age, status):
    profile = replace(MIGRAINE, duration_min_hours=2, duration_max_hours=8)
    assert criterion(profile, "1.1", "B", age=age) is status


def test_two_of_four_pain_features_are_needed():
    one = replace(
        MIGRAINE,
        pulsating=False,
        intensity_max=Intensity.MILD,
        aggravated_by_routine_activity=False,
    )
    assert criterion(one, "1.1", "C") is Status.NOT_MET
    two = replace(one, pulsating=True)
    assert criterion(two, "1.1", "C") is Status.MET


def test_light_or_sound_alone_is_not_enough_without_nausea():
    profile = replace(MIGRAINE, nausea=Nausea.NONE, vomiting=False, phonophobia=False)
    assert criterion(profile, "1.1", "D") is Status.NOT_MET
    assert suggested(profile) == ["1.5.1"]  # all but one criterion met


def test_unknown_answers_leave_the_diagnosis_undecided_with_what_is_missing():
    profile = replace(MIGRAINE, attack_count=None)
    result = classify(ClassificationInput(age=35, profiles=(profile,))).profiles[0]
    assert result.suggested == ()
    undecided = {e.code: e for e in result.undecided}
    assert "1.1" in undecided
    assert "how many attacks of this kind so far" in undecided["1.1"].to_settle


@pytest.mark.parametrize(
    ("characteristics", "status"),
    [(2, Status.NOT_MET), (3, Status.MET), (6, Status.MET)],
)
def test_aura_needs_3_of_6_characteristics_2018_rule(characteristics, status):
    names = [
        "spreads_gradually_over_5_min",
        "symptoms_in_succession",
        "each_symptom_5_to_60_min",
        "unilateral",
        "positive",
        "headache_within_60_min",
    ]
    aura = Aura(
        symptoms=frozenset({AuraSymptom.VISUAL}),
        fully_reversible=True,
        **{n: i < characteristics for i, n in enumerate(names)},
    )
    assert criterion(replace(MIGRAINE, aura=aura), "1.2", "C") is status


def test_typical_aura_with_headache_is_1_2_1_1():
    assert "1.2.1.1" in suggested(replace(MIGRAINE, aura=VISUAL_AURA))


def test_typical_aura_without_headache_is_1_2_1_2():
    aura = replace(VISUAL_AURA, headache_within_60_min=False, symptoms_in_succession=True)
    assert "1.2.1.2" in suggested(replace(MIGRAINE, aura=aura))


def with_aura(*symptoms: AuraSymptom, relative: bool | None = None) -> HeadacheProfile:
    aura = replace(
        VISUAL_AURA, symptoms=frozenset(symptoms), relative_with_hemiplegic_aura=relative
    )
    return replace(MIGRAINE, aura=aura)


def aura_codes(profile: HeadacheProfile) -> list[str]:
    return [c for c in suggested(profile) if c.startswith("1.2")]


V, S, SP, M, R = (
    AuraSymptom.VISUAL,
    AuraSymptom.SENSORY,
    AuraSymptom.SPEECH,
    AuraSymptom.MOTOR,
    AuraSymptom.RETINAL,
)
VERTIGO, DIPLOPIA, DYSARTHRIA, TINNITUS = (
    AuraSymptom.VERTIGO,
    AuraSymptom.DIPLOPIA,
    AuraSymptom.DYSARTHRIA,
    AuraSymptom.TINNITUS,
)


# ICHD-3 (2018) 1.2.2 B: at least two of the seven brainstem symptoms, no motor or retinal.
@pytest.mark.parametrize(
    ("symptoms", "status"),
    [
        ((V, VERTIGO), Status.NOT_MET),  # one brainstem symptom is not enough
        ((VERTIGO,), Status.NOT_MET),
        ((V, VERTIGO, DIPLOPIA), Status.MET),  # two
        ((VERTIGO, DIPLOPIA), Status.MET),  # typical symptoms are usual, not required
        ((DYSARTHRIA, VERTIGO, TINNITUS, AuraSymptom.HYPACUSIS), Status.MET),
        ((AuraSymptom.ATAXIA, AuraSymptom.DECREASED_CONSCIOUSNESS), Status.MET),
        ((V, VERTIGO, DIPLOPIA, M), Status.NOT_MET),  # motor: hemiplegic instead
        ((V, VERTIGO, DIPLOPIA, R), Status.NOT_MET),
        ((V, SP), Status.NOT_MET),  # aphasia is not dysarthria
        # Stored before the symptoms were named: brainstem, which ones not known.
        ((V, AuraSymptom.BRAINSTEM), Status.UNKNOWN),
        ((V, AuraSymptom.BRAINSTEM, VERTIGO), Status.UNKNOWN),
        ((AuraSymptom.BRAINSTEM, VERTIGO, DIPLOPIA), Status.MET),
        ((V, AuraSymptom.BRAINSTEM, M), Status.NOT_MET),
    ],
)
def test_brainstem_aura_needs_two_brainstem_symptoms(symptoms, status):
    assert criterion(with_aura(*symptoms), "1.2.2", "S") is status
    assert outcome(with_aura(*symptoms), "1.2.2") is status


def test_brainstem_aura_is_1_2_2_not_typical():
    codes = suggested(with_aura(V, VERTIGO, DIPLOPIA))
    assert "1.2.2" in codes and not any(c.startswith("1.2.1") for c in codes)


def test_one_brainstem_symptom_is_migraine_with_aura_neither_typical_nor_brainstem():
    assert aura_codes(with_aura(V, VERTIGO)) == ["1.2"]


def test_unnamed_brainstem_symptoms_leave_1_2_2_open_and_ask_which():
    result = classify(ClassificationInput(age=35, profiles=(with_aura(V, AuraSymptom.BRAINSTEM),)))
    assert [c for c in result.suggested_codes if c.startswith("1.2")] == ["1.2"]
    undecided = {e.code: e for e in result.profiles[0].undecided}
    assert any("which brainstem symptoms" in s for s in undecided["1.2.2"].to_settle)


# ICHD-3 (2018) 1.2.3 B: fully reversible motor weakness *and* fully reversible visual, sensory
# and/or speech/language symptoms.
@pytest.mark.parametrize(
    ("symptoms", "status"),
    [
        ((M, V), Status.MET),
        ((M, S), Status.MET),
        ((M, SP), Status.MET),
        ((M, V, VERTIGO, DIPLOPIA), Status.MET),  # brainstem symptoms may come with it
        ((M,), Status.NOT_MET),  # motor weakness alone
        ((M, VERTIGO, DIPLOPIA), Status.NOT_MET),  # motor with brainstem symptoms only
        ((M, AuraSymptom.BRAINSTEM), Status.NOT_MET),
        ((M, R), Status.NOT_MET),
        ((V, S), Status.NOT_MET),  # no motor weakness
    ],
)
def test_hemiplegic_migraine_needs_motor_and_typical_aura_symptoms(symptoms, status):
    assert criterion(with_aura(*symptoms), "1.2.3", "S") is status
    assert outcome(with_aura(*symptoms), "1.2.3") is status


@pytest.mark.parametrize("symptoms", [(M,), (M, VERTIGO, DIPLOPIA)])
def test_motor_weakness_without_typical_symptoms_is_not_hemiplegic(symptoms):
    assert aura_codes(with_aura(*symptoms, relative=True)) == ["1.2"]


@pytest.mark.parametrize(
    ("relative", "code"), [(True, "1.2.3.1"), (False, "1.2.3.2"), (None, "1.2.3")]
)
def test_motor_aura_is_hemiplegic_familial_or_sporadic(relative, code):
    assert aura_codes(with_aura(M, S, relative=relative)) == [code]


def test_a_single_aura_attack_is_probable_migraine_with_aura():
    assert "1.5.2" in suggested(replace(MIGRAINE, aura=VISUAL_AURA, attack_count=1))


def test_frequent_episodic_tth_with_tenderness_is_2_2_1():
    assert suggested(TTH) == ["2.2.1"]
    assert suggested(replace(TTH, pericranial_tenderness=False)) == ["2.2.2"]


def test_tenderness_not_examined_leaves_the_subform_undecided():
    result = classify(
        ClassificationInput(age=35, profiles=(replace(TTH, pericranial_tenderness=None),))
    ).profiles[0]
    assert [e.code for e in result.suggested] == ["2.2"]
    assert {"2.2.1", "2.2.2"} <= {e.code for e in result.undecided}


@pytest.mark.parametrize(
    ("days", "months", "code"),
    [
        (0.9, 12, "2.1.1"),
        (1, 12, "2.2.1"),
        (14, 12, "2.2.1"),
        (15, 12, "2.3.1"),
        (14, 3, "2.4.2"),  # frequent, but not yet for more than 3 months: all but one
        (14, 3.1, "2.2.1"),
    ],
)
def test_tth_frequency_thresholds(days, months, code):
    profile = replace(TTH, headache_days_per_month=days, months_at_this_frequency=months)
    assert suggested(profile) == [code]


@pytest.mark.parametrize(("episodes", "code"), [(9, "2.4.2"), (10, "2.2.1")])
def test_episodic_tth_needs_ten_episodes(episodes, code):
    assert suggested(replace(TTH, attack_count=episodes)) == [code]


# 2.4.1 and 2.4.2 are told apart by the headache days a month alone (ICHD-3 2.1 A, 2.2 A).
@pytest.mark.parametrize(
    ("days", "code"),
    [(0.9, "2.4.1"), (1, "2.4.2"), (14, "2.4.2"), (15, "2.3.1"), (None, "2.4")],
)
def test_probable_episodic_tth_type_follows_the_days_a_month(days, code):
    profile = replace(TTH, attack_count=9, headache_days_per_month=days)
    assert suggested(profile) == [code]


def test_without_the_days_a_month_probable_tth_is_2_4_and_says_what_settles_the_type():
    profile = replace(TTH, attack_count=9, headache_days_per_month=None)
    result = classify(ClassificationInput(age=35, profiles=(profile,))).profiles[0]
    # Not both 2.4.1 and 2.4.2: they exclude each other.
    assert [e.code for e in result.suggested] == ["2.4"]
    undecided = {e.code: e for e in result.undecided}
    for code in ("2.4.1", "2.4.2"):
        assert undecided[code].outcome is Status.UNKNOWN
        assert "headache days a month" in undecided[code].to_settle
    assert "headache days a month" in result.suggested[0].to_settle
    assert outcome(profile, "2.4.1") is outcome(profile, "2.4.2") is Status.UNKNOWN


def test_probable_migraine_still_comes_before_probable_tth_of_undecided_type():
    # Migraine: only D fails (1.5.1). TTH: only A fails, on the count of episodes (2.4).
    profile = replace(
        TTH,
        attack_count=5,
        headache_days_per_month=None,
        duration_min_hours=4,
        duration_max_hours=8,
        unilateral=True,
        bilateral=False,
    )
    assert outcome(profile, "1.5.1") is Status.MET and outcome(profile, "2.4") is Status.MET
    assert suggested(profile) == ["1.5.1"]


def test_chronic_tth_allows_mild_nausea_but_episodic_does_not():
    chronic = replace(TTH, headache_days_per_month=20, nausea=Nausea.MILD, phonophobia=False)
    assert suggested(chronic) == ["2.3.1"]
    episodic = replace(TTH, nausea=Nausea.MILD)
    assert criterion(episodic, "2.2", "D") is Status.NOT_MET


def test_chronic_tth_refuses_two_of_light_sound_and_mild_nausea():
    profile = replace(
        TTH, headache_days_per_month=20, nausea=Nausea.MILD, photophobia=False, phonophobia=True
    )
    assert criterion(profile, "2.3", "D") is Status.NOT_MET


def test_definite_tth_beats_probable_migraine():
    # Meets 2.2 and, being pulsating, one-sided in part and with both sensitivities, 1.5.1 too.
    profile = replace(
        TTH,
        unilateral=True,
        pulsating=True,
        aggravated_by_routine_activity=False,
        photophobia=False,
        phonophobia=True,
        duration_min_hours=4,
        duration_max_hours=8,
    )
    assert outcome(profile, "2.2") is Status.MET
    assert suggested(profile) == ["2.2.1"]


def test_probable_migraine_beats_probable_tth():
    # Migraine: only C fails (one feature: moderate). TTH: only D fails (light and sound).
    profile = replace(
        TTH,
        attack_count=12,
        duration_min_hours=4,
        duration_max_hours=8,
        photophobia=True,
        phonophobia=True,
    )
    assert outcome(profile, "1.5.1") is Status.MET and outcome(profile, "2.4.2") is Status.MET
    assert suggested(profile) == ["1.5.1"]


def test_each_kind_of_headache_is_classified_separately():
    result = classify(ClassificationInput(age=35, profiles=(MIGRAINE, TTH)))
    assert [list(e.code for e in p.suggested) for p in result.profiles] == [["1.1"], ["2.2.1"]]


answers = st.sampled_from([True, False, None])
profiles = st.builds(
    HeadacheProfile,
    attack_count=st.one_of(st.none(), st.integers(0, 40)),
    duration_min_hours=st.one_of(st.none(), st.sampled_from([0.25, 1, 2, 4, 12, 72])),
    duration_max_hours=st.one_of(st.none(), st.sampled_from([1, 4, 24, 72, 100, 200])),
    headache_days_per_month=st.one_of(st.none(), st.sampled_from([0.5, 1, 4, 14, 15, 25])),
    months_at_this_frequency=st.one_of(st.none(), st.sampled_from([1, 3, 4, 12])),
    unilateral=answers,
    bilateral=answers,
    pulsating=answers,
    pressing_or_tightening=answers,
    intensity_max=st.one_of(st.none(), st.sampled_from(list(Intensity))),
    aggravated_by_routine_activity=answers,
    nausea=st.one_of(st.none(), st.sampled_from(list(Nausea))),
    vomiting=answers,
    photophobia=answers,
    phonophobia=answers,
    pericranial_tenderness=answers,
    aura=st.one_of(st.none(), st.just(NO_AURA), st.just(VISUAL_AURA)),
)


@given(profiles)
def test_classification_is_deterministic_and_never_definite_and_probable_of_one_type(profile):
    first = classify(ClassificationInput(age=35, profiles=(profile,)))
    assert first == classify(ClassificationInput(age=35, profiles=(profile,)))
    codes = first.suggested_codes
    for group, probable_prefix in (("1.1", "1.5.1"), ("1.2", "1.5.2"), ("2.", "2.4")):
        has_definite = any(c.startswith(group) for c in codes if not c.startswith("2.4"))
        has_probable = any(c.startswith(probable_prefix) for c in codes)
        assert not (has_definite and has_probable)


YES_NO = [
    "unilateral",
    "bilateral",
    "pulsating",
    "pressing_or_tightening",
    "aggravated_by_routine_activity",
    "vomiting",
    "photophobia",
    "phonophobia",
    "pericranial_tenderness",
]


@given(profiles, st.sampled_from(YES_NO), st.booleans())
def test_answering_a_missing_question_never_turns_a_met_criterion_into_not_met(
    profile, name, value
):
    if getattr(profile, name) is not None:
        return
    before = evaluate_profile(profile, 35)
    after = evaluate_profile(replace(profile, **{name: value}), 35)
    for old, new in zip(before, after, strict=True):
        for c_old, c_new in zip(old.criteria, new.criteria, strict=True):
            if c_old.status is Status.MET:
                assert c_new.status is Status.MET, (old.code, c_old.label, name, value)


def test_every_yes_no_field_of_the_profile_is_exercised_by_the_property():
    answer_fields = {f.name for f in fields(HeadacheProfile) if f.type == "Answer"}
    assert set(YES_NO) <= answer_fields

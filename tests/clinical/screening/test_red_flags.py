"""SNNOOP10 (Do et al., Neurology 2019): every flag, both thresholds, unknowns kept visible."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from headway.clinical.findings import Urgency
from headway.clinical.screening.red_flags import (
    FLAGS,
    Action,
    RedFlagAnswers,
    RedFlagSettings,
    screen_red_flags,
)

ALL_NO = RedFlagAnswers(
    **{f.name: False for f in fields(RedFlagAnswers) if f.type in ("Answer",)},
    age_at_onset=30,
    months_since_new_or_changed=None,
)

YES_NO_FIELDS = {
    "S": "systemic_symptoms",
    "N1": "neoplasm_history",
    "N2": "neurological_deficit",
    "O1": "sudden_onset",
    "P2": "positional",
    "P3": "precipitated_by_valsalva_or_exercise",
    "P4": "papilledema",
    "P5": "progressive_or_atypical",
    "P6": "pregnant_or_postpartum",
    "P7": "painful_eye_with_autonomic_features",
    "P8": "post_traumatic_onset",
    "P9": "immune_pathology",
    "P10": "painkiller_overuse_or_new_drug",
}
URGENT = {"S", "N2", "O1", "O2", "P4", "P6", "P7", "P8"}


def test_a_fully_answered_clean_history_raises_nothing_and_leaves_nothing_unknown():
    result = screen_red_flags(ALL_NO)
    assert result.raised == () and result.unknown == ()
    assert result.action is None and not result.refer


def test_the_list_has_all_fifteen_snnoop10_items():
    assert len(FLAGS) == 15
    assert {f.code for f in FLAGS} == set(YES_NO_FIELDS) | {"O2", "P1"}


@pytest.mark.parametrize(("code", "name"), YES_NO_FIELDS.items())
def test_each_yes_no_flag_is_raised_with_its_action(code, name):
    result = screen_red_flags(replace(ALL_NO, **{name: True}))
    assert [f.code for f in result.raised] == [code]
    expected = Action.URGENT_REFERRAL if code in URGENT else Action.MEDICAL_REVIEW
    assert result.raised[0].action is expected and result.action is expected
    assert result.raised[0].reason and result.raised[0].think_of


@pytest.mark.parametrize(("age", "raised"), [(49, False), (50, True), (51, True)])
def test_older_age_at_onset_threshold_default_50(age, raised):
    result = screen_red_flags(replace(ALL_NO, age_at_onset=age))
    assert ("O2" in [f.code for f in result.raised]) is raised


@pytest.mark.parametrize(("age", "raised"), [(64, False), (65, True), (66, True)])
def test_older_age_threshold_is_a_setting(age, raised):
    result = screen_red_flags(
        replace(ALL_NO, age_at_onset=age), RedFlagSettings(older_onset_age=65)
    )
    assert ("O2" in [f.code for f in result.raised]) is raised


@pytest.mark.parametrize(("months", "raised"), [(2.9, True), (3.0, True), (3.1, False)])
def test_recent_onset_window_default_3_months(months, raised):
    answers = replace(ALL_NO, new_or_changed_headache=True, months_since_new_or_changed=months)
    assert ("P1" in [f.code for f in screen_red_flags(answers).raised]) is raised


@pytest.mark.parametrize(("months", "raised"), [(5.9, True), (6.0, True), (6.1, False)])
def test_recent_onset_window_is_a_setting(months, raised):
    answers = replace(ALL_NO, new_or_changed_headache=True, months_since_new_or_changed=months)
    result = screen_red_flags(answers, RedFlagSettings(recent_onset_months=6))
    assert ("P1" in [f.code for f in result.raised]) is raised


def test_a_change_with_unknown_timing_is_raised_not_hidden():
    answers = replace(ALL_NO, new_or_changed_headache=True, months_since_new_or_changed=None)
    raised = screen_red_flags(answers).raised
    assert [f.code for f in raised] == ["P1"] and "not known" in str(raised[0].reason)


def test_unanswered_questions_are_listed_not_taken_as_no():
    result = screen_red_flags(RedFlagAnswers())
    assert result.raised == ()
    assert {code for code, _ in result.unknown} == {f.code for f in FLAGS}


def test_any_urgent_flag_makes_the_whole_result_urgent():
    answers = replace(ALL_NO, positional=True, papilledema=True)
    result = screen_red_flags(answers)
    assert result.action is Action.URGENT_REFERRAL and result.urgency is Urgency.URGENT
    assert [f.code for f in result.raised] == ["P2", "P4"]


answers_strategy = st.builds(
    RedFlagAnswers,
    **{name: st.sampled_from([True, False, None]) for name in YES_NO_FIELDS.values()},
    new_or_changed_headache=st.sampled_from([True, False, None]),
    age_at_onset=st.one_of(st.none(), st.integers(0, 110)),
    months_since_new_or_changed=st.one_of(st.none(), st.floats(0, 600)),
)


@given(answers_strategy, st.sampled_from(list(YES_NO_FIELDS.values())), st.booleans())
def test_answering_an_open_question_never_removes_a_raised_flag(answers, name, value):
    if getattr(answers, name) is not None:
        return
    before = {f.code for f in screen_red_flags(answers).raised}
    after = {f.code for f in screen_red_flags(replace(answers, **{name: value})).raised}
    assert before <= after


@given(answers_strategy)
def test_the_screen_is_deterministic_and_every_flag_is_judged_once(answers):
    first, second = screen_red_flags(answers), screen_red_flags(answers)
    assert first == second
    codes = [f.code for f in first.raised] + [code for code, _ in first.unknown]
    assert len(codes) == len(set(codes)) <= 15

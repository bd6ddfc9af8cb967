"""Trigger-point referral map (Travell & Simons; clinical-reference.md section 6)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from headway.clinical.referral import (
    MIDLINE,
    REGION_LABELS,
    PainfulRegion,
    Region,
    Side,
    candidate_muscles,
    referral_map,
)

R = Side.RIGHT
L = Side.LEFT


def keys(candidates):  # type: ignore[no-untyped-def]
    return [(c.muscle.key, c.side) for c in candidates]


def test_the_map_holds_every_muscle_of_the_reference():
    assert {m.key for m in referral_map()} == {
        "scm_sternal",
        "scm_clavicular",
        "upper_trapezius",
        "suboccipitals",
        "splenius_capitis",
        "splenius_cervicis",
        "semispinalis_capitis",
        "temporalis",
        "masseter",
        "lateral_pterygoid",
        "digastric_posterior",
    }
    assert all(m.primary for m in referral_map())
    assert set(REGION_LABELS) == set(Region)


def test_ranking_hand_computed_for_right_temple_occiput_and_eye():
    # temple, occiput, eye on the right. Scores (primary 2, secondary 1):
    # upper trapezius: temple 2 + occiput 1 + eye 1 = 4 (explains 3 regions)
    # SCM sternal: occiput 2 + eye 2 = 4 (2 regions); suboccipitals: occiput 2 + eye 2 = 4
    # semispinalis capitis: temple 2 + occiput 1 = 3; splenius cervicis: eye 2 + occiput 1 = 3
    result = candidate_muscles(
        [
            PainfulRegion(Region.TEMPLE, R),
            PainfulRegion(Region.OCCIPUT, R),
            PainfulRegion(Region.EYE, R),
        ]
    )
    assert [(c.muscle.key, c.score) for c in result[:5]] == [
        ("upper_trapezius", 4),
        ("scm_sternal", 4),
        ("suboccipitals", 4),
        ("semispinalis_capitis", 3),
        ("splenius_cervicis", 3),
    ]
    assert all(c.side is R for c in result)
    assert [p.region for p in result[0].explains] == [Region.TEMPLE, Region.OCCIPUT, Region.EYE]


def test_referral_is_to_the_same_side():
    result = candidate_muscles([PainfulRegion(Region.TEMPLE, L)])
    assert result and all(c.side is L for c in result)
    assert ("temporalis", L) in keys(result) and ("temporalis", R) not in keys(result)


def test_pain_on_both_sides_gives_candidates_on_both_sides():
    result = candidate_muscles([PainfulRegion(Region.TEMPLE, L), PainfulRegion(Region.TEMPLE, R)])
    assert ("temporalis", L) in keys(result) and ("temporalis", R) in keys(result)


def test_midline_pain_leaves_the_side_open():
    result = candidate_muscles([PainfulRegion(Region.VERTEX)])
    # Equal scores: alphabetical by name (Splenius capitis, Sternocleidomastoid).
    assert keys(result) == [("splenius_capitis", None), ("scm_sternal", None)]


def test_midline_pain_joins_a_sided_candidate():
    result = candidate_muscles([PainfulRegion(Region.VERTEX), PainfulRegion(Region.OCCIPUT, R)])
    top = result[0]
    assert (top.muscle.key, top.side, top.score) == ("scm_sternal", R, 4)


def test_a_midline_region_cannot_have_a_side():
    with pytest.raises(ValueError, match="midline"):
        PainfulRegion(Region.THROAT, R)


def test_no_pain_no_candidates():
    assert candidate_muscles([]) == []


def test_secondary_source_muscles_rank_after_equal_checked_ones():
    # TMJ: masseter (V, primary) and lateral pterygoid (R, primary) both score 2.
    result = candidate_muscles([PainfulRegion(Region.TMJ, R)])
    order = [c.muscle.key for c in result]
    assert order.index("masseter") < order.index("lateral_pterygoid")


painful_regions = st.lists(
    st.sampled_from(list(Region)).flatmap(
        lambda region: (
            st.just(PainfulRegion(region))
            if region in MIDLINE
            else st.sampled_from([None, L, R]).map(lambda side: PainfulRegion(region, side))
        )
    ),
    max_size=8,
)


@given(painful_regions)
def test_candidates_are_deterministic_sorted_and_explain_something(painful):
    result = candidate_muscles(painful)
    assert result == candidate_muscles(painful)
    assert [c.score for c in result] == sorted((c.score for c in result), reverse=True)
    for c in result:
        assert c.explains and set(c.explains) <= set(painful)
    assert len(set(keys(result))) == len(result)


@given(painful_regions, painful_regions)
def test_more_pain_never_lowers_a_candidates_score(first, more):
    before = {(c.muscle.key, c.side): c.score for c in candidate_muscles(first)}
    after = {(c.muscle.key, c.side): c.score for c in candidate_muscles(first + more)}
    for key, score in before.items():
        if key in after:
            assert after[key] >= score

"""3.1 Cluster headache, 3.1.1 episodic and 3.1.2 chronic (2018: remissions of 3 months), and
3.5.1 probable cluster headache. Source: clinical-reference.md 3.1 and 3.5."""

from __future__ import annotations

from headway.clinical.ichd3.criteria import (
    Criterion,
    Evaluation,
    Status,
    all_of,
    any_of,
    definite,
    in_range,
    of_answer,
    probable,
    range_within,
)
from headway.clinical.ichd3.profile import HeadacheProfile, Intensity
from headway.clinical.messages import known, message, parts, span


def _criteria(profile: HeadacheProfile) -> tuple[Criterion, ...]:
    severe = (
        Status.UNKNOWN
        if profile.intensity_max is None
        else Status.MET
        if profile.intensity_max in (Intensity.SEVERE, Intensity.VERY_SEVERE)
        else Status.NOT_MET
    )
    # 15-180 minutes untreated.
    duration = range_within(profile.duration_min_hours, profile.duration_max_hours, 0.25, 3)
    features = {
        "severe_or_very_severe": severe,
        "one_sided": of_answer(profile.unilateral),
        "around_eye_or_temple": of_answer(profile.orbital_supraorbital_or_temporal),
        "lasting_15_to_180_min": duration,
    }
    b = all_of(features.values())
    c = any_of(
        [
            of_answer(profile.cranial_autonomic_features),
            of_answer(profile.restlessness_or_agitation),
        ]
    )
    # From one every other day to 8 a day.
    d = range_within(profile.attacks_per_day_min, profile.attacks_per_day_max, 0.5, 8)
    missing_b = [name for name, status in features.items() if status is not Status.MET]
    return (
        Criterion(
            "A",
            "at least 5 attacks",
            in_range(profile.attack_count, 5, None),
            known("attacks", profile.attack_count),
            "how many attacks so far",
        ),
        Criterion(
            "B",
            "severe one-sided pain around the eye or temple, 15-180 minutes",
            b,
            message("not_shown", features=missing_b) if missing_b else message("all_present"),
            "intensity, side, site and untreated duration of attacks",
        ),
        Criterion(
            "C",
            "same-side cranial autonomic features and/or restlessness",
            c,
            message(
                "autonomic",
                autonomic=profile.cranial_autonomic_features,
                restlessness=profile.restlessness_or_agitation,
            ),
            "tearing, red eye, blocked or runny nose, eyelid swelling, sweating, small "
            "pupil or drooping lid; restlessness",
        ),
        Criterion(
            "D",
            "from one attack every other day to 8 a day",
            d,
            span("attacks_a_day", profile.attacks_per_day_min, profile.attacks_per_day_max),
            "how many attacks a day at the least and the most, during a bout",
        ),
    )


def cluster_headache(profile: HeadacheProfile) -> list[Evaluation]:
    criteria = _criteria(profile)
    main = definite("3.1", "Cluster headache", criteria)
    # 3.1.1: at least 2 bouts of 7 days to 1 year, separated by remissions of 3 months or more.
    periods = all_of(
        [
            in_range(profile.cluster_periods, 2, None),
            range_within(
                profile.cluster_period_shortest_days, profile.cluster_period_longest_days, 7, 365
            ),
            in_range(profile.shortest_remission_months, 3, None),
        ]
    )
    episodic = Criterion(
        "E",
        "at least 2 bouts of 7 days to 1 year, with pain-free remissions of 3 months or more",
        periods,
        parts(
            known("bouts", profile.cluster_periods),
            span(
                "bout_length",
                profile.cluster_period_shortest_days,
                profile.cluster_period_longest_days,
            ),
            known("shortest_remission", profile.shortest_remission_months),
        ),
        "number and length of bouts, and the shortest pain-free remission",
    )
    # 3.1.2: attacks for a year or more without remission, or with remissions under 3 months.
    chronic = Criterion(
        "E",
        "attacks for a year or more without a remission of 3 months",
        in_range(profile.months_of_attacks_without_3_month_remission, 12, None),
        known("months_without_remission", profile.months_of_attacks_without_3_month_remission),
        "how long attacks have gone on without a 3-month remission",
    )
    return [
        main,
        definite("3.1.1", "Episodic cluster headache", (*criteria, episodic)),
        definite("3.1.2", "Chronic cluster headache", (*criteria, chronic)),
        probable("3.5.1", "Probable cluster headache", criteria),
    ]

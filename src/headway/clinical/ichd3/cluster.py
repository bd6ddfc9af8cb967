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
    parts = {
        "severe or very severe": severe,
        "one-sided": of_answer(profile.unilateral),
        "around the eye or temple": of_answer(profile.orbital_supraorbital_or_temporal),
        "15-180 minutes": duration,
    }
    b = all_of(parts.values())
    c = any_of(
        [
            of_answer(profile.cranial_autonomic_features),
            of_answer(profile.restlessness_or_agitation),
        ]
    )
    # From one every other day to 8 a day.
    d = range_within(profile.attacks_per_day_min, profile.attacks_per_day_max, 0.5, 8)
    missing_b = [name for name, status in parts.items() if status is not Status.MET]
    return (
        Criterion(
            "A",
            "at least 5 attacks",
            in_range(profile.attack_count, 5, None),
            f"{profile.attack_count} attacks"
            if profile.attack_count is not None
            else "number of attacks not known",
            "how many attacks so far",
        ),
        Criterion(
            "B",
            "severe one-sided pain around the eye or temple, 15-180 minutes",
            b,
            "not (yet) shown: " + ", ".join(missing_b) if missing_b else "all present",
            "intensity, side, site and untreated duration of attacks",
        ),
        Criterion(
            "C",
            "same-side cranial autonomic features and/or restlessness",
            c,
            f"autonomic features: {profile.cranial_autonomic_features}, restlessness: "
            f"{profile.restlessness_or_agitation}".replace("None", "not known"),
            "tearing, red eye, blocked or runny nose, eyelid swelling, sweating, small "
            "pupil or drooping lid; restlessness",
        ),
        Criterion(
            "D",
            "from one attack every other day to 8 a day",
            d,
            f"{profile.attacks_per_day_min} to {profile.attacks_per_day_max} a day".replace(
                "None", "?"
            ),
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
        f"{profile.cluster_periods} bouts; remissions of at least "
        f"{profile.shortest_remission_months} months".replace("None", "?"),
        "number and length of bouts, and the shortest pain-free remission",
    )
    # 3.1.2: attacks for a year or more without remission, or with remissions under 3 months.
    chronic = Criterion(
        "E",
        "attacks for a year or more without a remission of 3 months",
        in_range(profile.months_of_attacks_without_3_month_remission, 12, None),
        f"{profile.months_of_attacks_without_3_month_remission} months without such a "
        "remission".replace("None", "?"),
        "how long attacks have gone on without a 3-month remission",
    )
    return [
        main,
        definite("3.1.1", "Episodic cluster headache", (*criteria, episodic)),
        definite("3.1.2", "Chronic cluster headache", (*criteria, chronic)),
        probable("3.5.1", "Probable cluster headache", criteria),
    ]

"""Putting the criteria together: every profile tried against every diagnosis, then the
hierarchy rules of ICHD-3 (clinical-reference.md 1.0) decide what is suggested."""

from __future__ import annotations

from dataclasses import dataclass, replace

from headway.clinical.ichd3.cluster import cluster_headache
from headway.clinical.ichd3.criteria import Evaluation, Status, all_of, any_of, in_range
from headway.clinical.ichd3.migraine import migraine_with_aura, migraine_without_aura
from headway.clinical.ichd3.patient_level import (
    cervicogenic,
    chronic_migraine,
    medication_overuse,
)
from headway.clinical.ichd3.profile import ClassificationInput, HeadacheProfile
from headway.clinical.ichd3.tension import tension_type


@dataclass(frozen=True)
class ProfileResult:
    index: int  # position of the profile in the input
    suggested: tuple[Evaluation, ...]  # what the practitioner is asked to confirm
    undecided: tuple[Evaluation, ...]  # could apply; the criteria say what would settle it
    evaluations: tuple[Evaluation, ...]  # everything tried, for the full criterion view


@dataclass(frozen=True)
class Classification:
    profiles: tuple[ProfileResult, ...]
    # Across kinds of headache: 1.3 chronic migraine, 8.2.x medication overuse, 11.2.1.
    patient_suggested: tuple[Evaluation, ...] = ()
    patient_undecided: tuple[Evaluation, ...] = ()
    patient_evaluations: tuple[Evaluation, ...] = ()

    @property
    def suggested_codes(self) -> tuple[str, ...]:
        return tuple(e.code for p in self.profiles for e in p.suggested) + tuple(
            e.code for e in self.patient_suggested
        )


def _group(code: str) -> str:
    return code.split(".")[0]


def _is_ancestor(code: str, other: str) -> bool:
    return other.startswith(code + ".")


def _leaves(evaluations: list[Evaluation]) -> list[Evaluation]:
    """Most specific codes only: 1.2.1.1 stands for 1.2.1 and 1.2 as well."""
    return [e for e in evaluations if not any(_is_ancestor(e.code, o.code) for o in evaluations)]


def evaluate_profile(profile: HeadacheProfile, age: int | None) -> list[Evaluation]:
    return [
        *migraine_without_aura(profile, age),
        *migraine_with_aura(profile),
        *tension_type(profile),
        *cluster_headache(profile),
    ]


def _suggest(evaluations: list[Evaluation]) -> tuple[list[Evaluation], list[Evaluation]]:
    met = [e for e in evaluations if e.outcome is Status.MET]
    definite = [e for e in met if not e.probable]
    probable = [e for e in met if e.probable]
    if definite:
        # Definite beats probable: a definite TTH outranks probable migraine (1.0 rule 5).
        chosen = _leaves(definite)
    else:
        # Probable against probable: migraine (group 1) before TTH (group 2) (1.0 rule 6).
        groups = sorted({_group(e.code) for e in probable}, key=int)
        chosen = [e for e in probable if groups and _group(e.code) == groups[0]]
    suggested_codes = {e.code for e in chosen}
    undecided = [
        e
        for e in evaluations
        if e.outcome is Status.UNKNOWN
        # A probable form is moot once a definite diagnosis is suggested for this headache, and
        # so is any other diagnosis: one kind of headache gets one diagnosis (1.0 rule 3).
        and not (e.probable and definite)
        and not (definite and not any(e.code.startswith(c + ".") for c in suggested_codes))
        # So is a broader code of a suggested one; a narrower one (2.2.1 under 2.2) is kept.
        and not any(e.code == c or _is_ancestor(e.code, c) for c in suggested_codes)
    ]
    # A broad undecided code speaks for its subtypes ("1.2: aura not asked" covers 1.2.1 ...).
    undecided = [e for e in undecided if not any(_is_ancestor(o.code, e.code) for o in undecided)]
    return chosen, undecided


def _code(evaluations: tuple[Evaluation, ...] | list[Evaluation], code: str) -> Evaluation:
    return next(e for e in evaluations if e.code == code)


def classify(data: ClassificationInput) -> Classification:
    results = []
    for index, profile in enumerate(data.profiles):
        evaluations = evaluate_profile(profile, data.age)
        suggested, undecided = _suggest(evaluations)
        results.append(ProfileResult(index, tuple(suggested), tuple(undecided), tuple(evaluations)))

    # 1.3 B: at least 5 attacks meeting 1.1 B-D or 1.2 B-C; C: migraine-like on 8 or more days a
    # month for more than 3 months (without a count of migraine-like days, the days of a kind
    # that meets 1.1 are taken as migraine-like).
    attacks, days = [], []
    for profile, result in zip(data.profiles, results, strict=True):
        without = _code(result.evaluations, "1.1").outcome
        with_aura = all_of(
            [_code(result.evaluations, "1.2").outcome, in_range(profile.attack_count, 5, None)]
        )
        is_migraine = any_of([without, with_aura])
        attacks.append(is_migraine)
        migraine_days = profile.migraine_like_days_per_month
        if migraine_days is None and is_migraine is Status.MET:
            migraine_days = profile.headache_days_per_month
        months = profile.months_at_this_frequency
        days.append(
            all_of(
                [
                    in_range(migraine_days, 8, None),
                    Status.UNKNOWN
                    if months is None
                    else Status.MET
                    if months > 3
                    else Status.NOT_MET,
                ]
            )
        )
    chronic = chronic_migraine(data, any_of(attacks), any_of(days))
    primary = (
        Status.MET
        if any(r.suggested for r in results)
        else Status.UNKNOWN
        if data.profiles
        else Status.NOT_MET
    )
    patient = [chronic, *medication_overuse(data, primary), cervicogenic(data)]

    if chronic.outcome is Status.MET:
        # 1.3 takes in the tension-like days and the episodic migraine (reference 1.0 rule 8).
        results = [
            replace(
                r,
                suggested=tuple(
                    e for e in r.suggested if not e.code.startswith(("2.", "1.1", "1.5.1"))
                ),
                undecided=tuple(
                    e for e in r.undecided if not e.code.startswith(("2.", "1.1", "1.5.1"))
                ),
            )
            for r in results
        ]
    patient_suggested = tuple(e for e in patient if e.outcome is Status.MET)
    patient_undecided = tuple(e for e in patient if e.outcome is Status.UNKNOWN)
    return Classification(tuple(results), patient_suggested, patient_undecided, tuple(patient))

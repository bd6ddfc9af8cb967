"""Putting the criteria together: every profile tried against every diagnosis, then the
hierarchy rules of ICHD-3 (clinical-reference.md 1.0) decide what is suggested."""

from __future__ import annotations

from dataclasses import dataclass

from headway.clinical.ichd3.criteria import Evaluation, Status
from headway.clinical.ichd3.migraine import migraine_with_aura, migraine_without_aura
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

    @property
    def suggested_codes(self) -> tuple[str, ...]:
        return tuple(e.code for p in self.profiles for e in p.suggested)


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
        # A probable form is moot once a definite diagnosis is suggested for this headache.
        and not (e.probable and definite)
        # So is a broader code of a suggested one; a narrower one (2.2.1 under 2.2) is kept.
        and not any(e.code == c or _is_ancestor(e.code, c) for c in suggested_codes)
    ]
    # A broad undecided code speaks for its subtypes ("1.2: aura not asked" covers 1.2.1 ...).
    undecided = [e for e in undecided if not any(_is_ancestor(o.code, e.code) for o in undecided)]
    return chosen, undecided


def classify(data: ClassificationInput) -> Classification:
    results = []
    for index, profile in enumerate(data.profiles):
        evaluations = evaluate_profile(profile, data.age)
        suggested, undecided = _suggest(evaluations)
        results.append(ProfileResult(index, tuple(suggested), tuple(undecided), tuple(evaluations)))
    return Classification(tuple(results))

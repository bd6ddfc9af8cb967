"""What is possible: the limits every input of the rules must keep, one function per input.

Each function returns the problems it finds, each naming the field (as a dotted path:
"profiles.0.headache_days_per_month") and what is wrong with it. The rules themselves do not call
these: the edges do, before calling the rules, so that the command line (exit 2, "field:
problem"), the intake questionnaire and the practitioner's forms (an error on the field) refuse
the same impossible answers. Without them an impossible answer is not caught by the rules: a NaN
compares False with every threshold, so a red flag would silently stay down.

Only what cannot be true is refused (a negative count, a 32nd day in a month, a shortest attack
longer than the longest); unusual but possible answers are the practitioner's to judge.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from headway.clinical.ichd3.profile import (
    ClassificationInput,
    HeadacheProfile,
    Intensity,
    MedicationUse,
)
from headway.clinical.screening.cervical import CanadianCSpine, CervicalScreenInput
from headway.clinical.screening.red_flags import RedFlagAnswers, RedFlagSettings

DAYS_IN_MONTH = 31  # "days a month" counts calendar days, so 31 at most
# The oldest documented human lived to 122; an age beyond this is a typing error.
MAX_AGE = 130


class Kind(StrEnum):
    NOT_FINITE = "not_finite"  # NaN or infinity
    NEGATIVE = "negative"
    NOT_POSITIVE = "not_positive"
    ABOVE = "above"  # above a fixed limit (`limit`)
    ABOVE_OTHER = "above_other"  # above another answer (`other`, whose value is `limit`)
    BOTH_TRUE = "both_true"  # true together with `other`, which excludes it
    ONLY_AFTER_TRAUMA = "only_after_trauma"  # the Canadian C-spine rule without recent trauma


@dataclass(frozen=True)
class Problem:
    field: str
    kind: Kind
    limit: float | None = None
    other: str | None = None

    @property
    def text(self) -> str:
        """In English, for the command line; the web shell words it in the reader's language."""
        limit = f"{self.limit:g}" if self.limit is not None else ""
        value_of_other = f" ({limit})" if limit else ""
        return {
            Kind.NOT_FINITE: "must be a finite number, not NaN or infinity",
            Kind.NEGATIVE: "cannot be negative",
            Kind.NOT_POSITIVE: "must be more than 0",
            Kind.ABOVE: f"cannot be more than {limit}",
            Kind.ABOVE_OTHER: f"cannot be more than {self.other}{value_of_other}",
            Kind.BOTH_TRUE: f"cannot be true together with {self.other}",
            Kind.ONLY_AFTER_TRAUMA: (
                "the Canadian C-spine rule applies only after recent trauma; "
                "set recent_trauma to true, or leave c_spine out"
            ),
        }[self.kind]

    def __str__(self) -> str:
        return f"{self.field}: {self.text}"


def _number(
    field: str,
    value: float | None,
    *,
    maximum: float | None = None,
    positive: bool = False,
) -> list[Problem]:
    if value is None:
        return []
    if not math.isfinite(value):
        return [Problem(field, Kind.NOT_FINITE)]
    if positive and value <= 0:
        return [Problem(field, Kind.NOT_POSITIVE)]
    if value < 0:
        return [Problem(field, Kind.NEGATIVE)]
    if maximum is not None and value > maximum:
        return [Problem(field, Kind.ABOVE, maximum)]
    return []


def _not_above(field: str, value: float | None, other: str, bound: float | None) -> list[Problem]:
    """`value` may not exceed `bound` (another answer); reported on the field given first."""
    if value is None or bound is None or not math.isfinite(value) or not math.isfinite(bound):
        return []
    return [Problem(field, Kind.ABOVE_OTHER, bound, other)] if value > bound else []


def _range(
    prefix: str, low: str, high: str, low_value: float | None, high_value: float | None
) -> list[Problem]:
    """A minimum above its maximum: reported on the minimum."""
    return _not_above(f"{prefix}{low}", low_value, f"{prefix}{high}", high_value)


_INTENSITY_ORDER = {intensity: rank for rank, intensity in enumerate(Intensity)}


def profile_problems(
    profile: HeadacheProfile, *, prefix: str = "", total_days: float | None = None
) -> list[Problem]:
    """One kind of headache. total_days: the headache days a month over all kinds, which no
    kind's days can exceed."""
    p = profile
    problems: list[Problem] = []
    for name, value, maximum in (
        ("attack_count", p.attack_count, None),
        ("duration_min_hours", p.duration_min_hours, None),
        ("duration_max_hours", p.duration_max_hours, None),
        ("headache_days_per_month", p.headache_days_per_month, DAYS_IN_MONTH),
        ("months_at_this_frequency", p.months_at_this_frequency, None),
        ("attacks_per_day_min", p.attacks_per_day_min, None),
        ("attacks_per_day_max", p.attacks_per_day_max, None),
        ("migraine_like_days_per_month", p.migraine_like_days_per_month, DAYS_IN_MONTH),
        ("cluster_periods", p.cluster_periods, None),
        ("cluster_period_shortest_days", p.cluster_period_shortest_days, None),
        ("cluster_period_longest_days", p.cluster_period_longest_days, None),
        ("shortest_remission_months", p.shortest_remission_months, None),
        (
            "months_of_attacks_without_3_month_remission",
            p.months_of_attacks_without_3_month_remission,
            None,
        ),
    ):
        problems += _number(f"{prefix}{name}", value, maximum=maximum)
    if problems:
        return problems  # comparisons between fields only once each field is possible
    problems += _range(
        prefix, "duration_min_hours", "duration_max_hours", p.duration_min_hours,
        p.duration_max_hours,
    )  # fmt: skip
    problems += _range(
        prefix, "attacks_per_day_min", "attacks_per_day_max", p.attacks_per_day_min,
        p.attacks_per_day_max,
    )  # fmt: skip
    problems += _range(
        prefix, "cluster_period_shortest_days", "cluster_period_longest_days",
        p.cluster_period_shortest_days, p.cluster_period_longest_days,
    )  # fmt: skip
    if (
        p.intensity_min is not None
        and p.intensity_max is not None
        and _INTENSITY_ORDER[p.intensity_min] > _INTENSITY_ORDER[p.intensity_max]
    ):
        problems.append(
            Problem(f"{prefix}intensity_min", Kind.ABOVE_OTHER, None, f"{prefix}intensity_max")
        )
    if p.unilateral is True and p.bilateral is True:
        problems.append(Problem(f"{prefix}unilateral", Kind.BOTH_TRUE, None, f"{prefix}bilateral"))
    # Migraine-like days are some of this kind's days; this kind's days some of all days.
    problems += _not_above(
        f"{prefix}migraine_like_days_per_month",
        p.migraine_like_days_per_month,
        f"{prefix}headache_days_per_month",
        p.headache_days_per_month,
    )
    problems += _not_above(
        f"{prefix}headache_days_per_month",
        p.headache_days_per_month,
        "total_headache_days_per_month",
        total_days,
    )
    return problems


def medication_problems(
    use: MedicationUse, *, prefix: str = "", acute_days: float | None = None
) -> list[Problem]:
    """acute_days: days a month with any acute medication, which no one class can exceed."""
    problems = _number(f"{prefix}days_per_month", use.days_per_month, maximum=DAYS_IN_MONTH)
    problems += _number(f"{prefix}months", use.months)
    if not problems:
        problems += _not_above(
            f"{prefix}days_per_month",
            use.days_per_month,
            "acute_medication_days_per_month",
            acute_days,
        )
    return problems


def classification_problems(data: ClassificationInput) -> list[Problem]:
    problems = _number("age", data.age, maximum=MAX_AGE)
    problems += _number(
        "total_headache_days_per_month", data.total_headache_days_per_month, maximum=DAYS_IN_MONTH
    )
    problems += _number("total_headache_months", data.total_headache_months)
    problems += _number(
        "acute_medication_days_per_month",
        data.acute_medication_days_per_month,
        maximum=DAYS_IN_MONTH,
    )
    total = None if problems else data.total_headache_days_per_month
    acute = None if problems else data.acute_medication_days_per_month
    for index, profile in enumerate(data.profiles):
        problems += profile_problems(profile, prefix=f"profiles.{index}.", total_days=total)
    for index, use in enumerate(data.medication):
        problems += medication_problems(use, prefix=f"medication.{index}.", acute_days=acute)
    return problems


def red_flag_problems(answers: RedFlagAnswers) -> list[Problem]:
    return _number("age_at_onset", answers.age_at_onset, maximum=MAX_AGE) + _number(
        "months_since_new_or_changed", answers.months_since_new_or_changed
    )


def red_flag_settings_problems(settings: RedFlagSettings) -> list[Problem]:
    # A threshold of 0 would raise O2 for everyone, or P1 for no one: not a setting, a mistake.
    return _number(
        "older_onset_age", settings.older_onset_age, maximum=MAX_AGE, positive=True
    ) + _number("recent_onset_months", settings.recent_onset_months, positive=True)


def _answered(rule: CanadianCSpine) -> Iterable[str]:
    return (name for name, value in vars(rule).items() if value is not None)


def cervical_screen_problems(screen: CervicalScreenInput) -> list[Problem]:
    problems = _number("systolic_bp", screen.systolic_bp, positive=True)
    problems += _number("diastolic_bp", screen.diastolic_bp, positive=True)
    if not problems:
        # The diastolic pressure is the lower one by definition.
        problems += _not_above(
            "diastolic_bp", screen.diastolic_bp, "systolic_bp", screen.systolic_bp
        )
    if screen.c_spine is not None:
        problems += _number("c_spine.age", screen.c_spine.age, maximum=MAX_AGE)
        # The rule is validated only for alert, stable patients after trauma (Stiell 2001;
        # clinical-reference.md 3.3): its answers without recent trauma are a contradiction
        # (a dangerous mechanism is a trauma), not something to ignore or to act on.
        if screen.recent_trauma is not True and any(_answered(screen.c_spine)):
            problems.append(Problem("c_spine", Kind.ONLY_AFTER_TRAUMA, None, "recent_trauma"))
    return problems

"""From the intake questionnaire's plain-word answers to the inputs of the rules.

The patient answers in everyday words ("throbbing", "one side", "2 hours"); this module turns
those answers into the classification's HeadacheProfile, the red-flag answers and the history
part of the cervical screen. "Not sure" and unanswered questions become None (unknown), never
"no", so the criteria they feed stay open and say what would settle them.

Answers are a mapping of section -> question key -> value, as the intake stores them: yes/no
questions are "yes", "no" or "unsure"; choices are the codes below; numbers are numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from headway.clinical.checks import Kind, Problem, classification_problems, red_flag_problems
from headway.clinical.findings import Answer
from headway.clinical.ichd3.profile import (
    Aura,
    AuraSymptom,
    ClassificationInput,
    DrugClass,
    HeadacheProfile,
    Intensity,
    MedicationUse,
    Nausea,
)
from headway.clinical.screening.cervical import INSTABILITY_CONDITIONS, VASCULAR_RISK_FACTORS
from headway.clinical.screening.red_flags import RedFlagAnswers

Section = Mapping[str, Any]

# Lifetime attacks, asked as ranges; the lower bound is used, so a range never claims more
# attacks than the patient reported (ICHD-3 criterion A counts attacks: 5 for 1.1, 10 for 2.x).
ATTACK_COUNTS: dict[str, int] = {"1": 1, "2-4": 2, "5-9": 5, "10-19": 10, "20+": 20}

# Durations, asked as a list of plain lengths, in hours.
DURATIONS: dict[str, float] = {
    "lt15m": 0.2,
    "15m": 0.25,
    "30m": 0.5,
    "1h": 1,
    "2h": 2,
    "3h": 3,
    "4h": 4,
    "8h": 8,
    "12h": 12,
    "1d": 24,
    "2d": 48,
    "3d": 72,
    "7d": 168,
    "gt7d": 24 * 8,
}

# Cluster attack frequency: "every other day" is 0.5 a day (ICHD-3 3.1 C).
ATTACKS_PER_DAY: dict[str, float] = {
    "0.5": 0.5,
    **{str(n): float(n) for n in range(1, 9)},
    "9+": 9.0,
}

LOCATIONS = ("one_side", "both_sides", "either", "unsure")
QUALITIES = ("throbbing", "pressing", "stabbing", "other", "unsure")
NAUSEA = {"none": Nausea.NONE, "mild": Nausea.MILD, "strong": Nausea.MODERATE_OR_SEVERE}
AURA_SYMPTOMS = tuple(symptom.value for symptom in AuraSymptom)

# Acute medication days a month per drug class (ICHD-3 8.2 counts days per class).
MEDICATION_DAYS: dict[str, DrugClass] = {
    "triptan_days": DrugClass.TRIPTAN,
    "non_opioid_analgesic_days": DrugClass.NON_OPIOID_ANALGESIC,
    "combination_analgesic_days": DrugClass.COMBINATION_ANALGESIC,
    "opioid_days": DrugClass.OPIOID,
    "ergotamine_days": DrugClass.ERGOTAMINE,
    "other_days": DrugClass.OTHER,
}

RED_FLAG_QUESTIONS = tuple(
    f.name for f in fields(RedFlagAnswers) if f.name not in {"papilledema"}
)  # papilledema is found on examination, never asked of the patient


def answer(value: Any) -> Answer:
    if value == "yes":
        return True
    if value == "no":
        return False
    return None


def _number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    return float(value)


def _whole(value: Any) -> int | None:
    number = _number(value)
    return None if number is None else int(number)


def _choice(value: Any, table: Mapping[str, Any]) -> Any:
    return table.get(value) if isinstance(value, str) else None


def _intensity(value: Any) -> Intensity | None:
    try:
        return Intensity(value)
    except ValueError:
        return None


def headache_profile(section: Section) -> HeadacheProfile:
    """One kind of headache, as the patient described it."""
    location = section.get("location")
    unilateral: Answer = None
    bilateral: Answer = None
    if location == "one_side":
        unilateral, bilateral = True, False
    elif location == "both_sides":
        unilateral, bilateral = False, True
    # "either" (sometimes one side, sometimes both) and "unsure" stay unknown: the practitioner
    # settles which is typical in the review.
    quality = section.get("quality")
    pulsating: Answer = None
    pressing: Answer = None
    if quality in {"throbbing", "pressing", "stabbing", "other"}:
        pulsating = quality == "throbbing"
        pressing = quality == "pressing"

    aura: Aura | None = None
    has_aura = answer(section.get("aura"))
    if has_aura is False:
        aura = Aura(symptoms=frozenset())
    elif has_aura is True:
        chosen = section.get("aura_symptoms") or []
        aura = Aura(
            symptoms=frozenset(AuraSymptom(s) for s in chosen if s in AURA_SYMPTOMS) or None,
            fully_reversible=answer(section.get("aura_reversible")),
            spreads_gradually_over_5_min=answer(section.get("aura_spreads")),
            symptoms_in_succession=answer(section.get("aura_succession")),
            each_symptom_5_to_60_min=answer(section.get("aura_5_to_60_min")),
            unilateral=answer(section.get("aura_one_side")),
            positive=answer(section.get("aura_positive")),
            headache_within_60_min=answer(section.get("aura_headache_within_60_min")),
        )

    bouts = answer(section.get("bouts"))
    return HeadacheProfile(
        attack_count=_choice(section.get("lifetime_attacks"), ATTACK_COUNTS),
        duration_min_hours=_choice(section.get("duration_shortest"), DURATIONS),
        duration_max_hours=_choice(section.get("duration_longest"), DURATIONS),
        headache_days_per_month=_number(section.get("days_per_month")),
        months_at_this_frequency=_number(section.get("months")),
        attacks_per_day_min=_choice(section.get("attacks_per_day_least"), ATTACKS_PER_DAY),
        attacks_per_day_max=_choice(section.get("attacks_per_day_most"), ATTACKS_PER_DAY),
        unilateral=unilateral,
        bilateral=bilateral,
        orbital_supraorbital_or_temporal=answer(section.get("eye_or_temple")),
        pulsating=pulsating,
        pressing_or_tightening=pressing,
        intensity_min=_intensity(section.get("intensity_mildest")),
        intensity_max=_intensity(section.get("intensity_worst")),
        aggravated_by_routine_activity=answer(section.get("worse_with_activity")),
        nausea=_choice(section.get("nausea"), NAUSEA),
        vomiting=answer(section.get("vomiting")),
        photophobia=answer(section.get("light")),
        phonophobia=answer(section.get("sound")),
        cranial_autonomic_features=answer(section.get("autonomic")),
        restlessness_or_agitation=answer(section.get("restless")),
        aura=aura,
        cluster_periods=_whole(section.get("bouts_count")) if bouts else None,
        cluster_period_shortest_days=_number(section.get("bout_shortest_days")) if bouts else None,
        cluster_period_longest_days=_number(section.get("bout_longest_days")) if bouts else None,
        shortest_remission_months=_number(section.get("remission_shortest_months"))
        if bouts
        else None,
        months_of_attacks_without_3_month_remission=_number(section.get("months_without_remission"))
        if bouts is False
        else None,
    )


def classification_input(
    answers: Mapping[str, Section], *, kinds: int, age: int | None, sex: str | None
) -> ClassificationInput:
    general = answers.get("general", {})
    medication = answers.get("medication", {})
    months = _number(medication.get("medication_months"))
    uses = []
    for key, drug_class in MEDICATION_DAYS.items():
        days = _number(medication.get(key))
        if days:
            # Without the number of months the use is kept; 8.2's "more than 3 months" then
            # stays unknown instead of the overuse going unseen.
            uses.append(MedicationUse(drug_class, days, months))
    return ClassificationInput(
        age=age,
        sex=sex,
        profiles=tuple(
            headache_profile(answers.get(f"headache_{n}", {})) for n in range(1, kinds + 1)
        ),
        medication=tuple(uses),
        total_headache_days_per_month=_number(general.get("headache_days_per_month")),
        total_headache_months=_number(general.get("months")),
        acute_medication_days_per_month=_number(medication.get("acute_days")),
    )


def red_flag_answers(answers: Mapping[str, Section]) -> RedFlagAnswers:
    section = answers.get("red_flags", {})
    values: dict[str, Any] = {}
    for name in RED_FLAG_QUESTIONS:
        if name in {"age_at_onset", "months_since_new_or_changed"}:
            number = _number(section.get(name))
            values[name] = int(number) if name == "age_at_onset" and number is not None else number
        else:
            values[name] = answer(section.get(name))
    return RedFlagAnswers(**values)


def cervical_history(answers: Mapping[str, Section]) -> dict[str, dict[str, Answer] | Answer]:
    """The history part of the cervical screen, as the patient reported it, for the
    practitioner to check in the screen (it prefills the form, it does not replace it)."""
    neck = answers.get("neck", {})
    return {
        "vascular_risk_factors": {
            key: answer(neck.get(key)) for key in VASCULAR_RISK_FACTORS if key in neck
        },
        "instability_conditions": {
            key: answer(neck.get(key)) for key in INSTABILITY_CONDITIONS if key in neck
        },
        "recent_trauma": answer(neck.get("recent_trauma")),
    }


# Where each field of the rules' input is asked in the intake: for the problems of checks.py.
PROFILE_QUESTIONS: dict[str, str] = {
    "attack_count": "lifetime_attacks",
    "duration_min_hours": "duration_shortest",
    "duration_max_hours": "duration_longest",
    "headache_days_per_month": "days_per_month",
    "months_at_this_frequency": "months",
    "attacks_per_day_min": "attacks_per_day_least",
    "attacks_per_day_max": "attacks_per_day_most",
    "intensity_min": "intensity_mildest",
    "intensity_max": "intensity_worst",
    "unilateral": "location",
    "bilateral": "location",
    "cluster_periods": "bouts_count",
    "cluster_period_shortest_days": "bout_shortest_days",
    "cluster_period_longest_days": "bout_longest_days",
    "shortest_remission_months": "remission_shortest_months",
    "months_of_attacks_without_3_month_remission": "months_without_remission",
}
TOP_QUESTIONS: dict[str, tuple[str, str]] = {
    "total_headache_days_per_month": ("general", "headache_days_per_month"),
    "total_headache_months": ("general", "months"),
    "acute_medication_days_per_month": ("medication", "acute_days"),
    "age_at_onset": ("red_flags", "age_at_onset"),
    "months_since_new_or_changed": ("red_flags", "months_since_new_or_changed"),
}


@dataclass(frozen=True)
class AnswerProblem:
    """A problem of checks.py, placed on the intake question (section, key) it comes from;
    `other` places the answer it conflicts with, when there is one."""

    problem: Problem
    section: str
    question: str
    other: tuple[str, str] | None = None


def answer_problems(answers: Mapping[str, Section], *, kinds: int) -> list[AnswerProblem]:
    """The impossible answers in an intake (a shortest headache longer than the longest, more
    days with one kind of headache than with any), by the same rules as the command line."""
    data = classification_input(answers, kinds=kinds, age=None, sex=None)
    medication_keys = {drug_class: key for key, drug_class in MEDICATION_DAYS.items()}

    def place(field: str | None) -> tuple[str, str] | None:
        if field is None:
            return None
        if field in TOP_QUESTIONS:
            return TOP_QUESTIONS[field]
        parts = field.split(".")
        if parts[0] == "profiles" and parts[2] in PROFILE_QUESTIONS:
            return f"headache_{int(parts[1]) + 1}", PROFILE_QUESTIONS[parts[2]]
        if parts[0] == "medication":
            use = data.medication[int(parts[1])]
            if parts[2] == "months":
                return "medication", "medication_months"
            return "medication", medication_keys.get(use.drug_class, "other_days")
        return None

    # The cluster-period figures count only after "bouts: yes", but a shortest bout longer than
    # the longest is impossible whatever was answered there, so it is refused as typed.
    bout_problems: list[Problem] = []
    for n in range(kinds):
        section = answers.get(f"headache_{n + 1}", {})
        if answer(section.get("bouts")) is True:
            continue  # checked with the profile itself
        typed = ClassificationInput(profiles=(headache_profile({**section, "bouts": "yes"}),))
        for problem in classification_problems(typed):
            if problem.field.startswith("profiles.0.cluster_period"):
                nth = f"profiles.{n}."
                bout_problems.append(
                    replace(
                        problem,
                        field=problem.field.replace("profiles.0.", nth, 1),
                        other=problem.other.replace("profiles.0.", nth, 1)
                        if problem.other
                        else None,
                    )
                )
    found = []
    for problem in (
        classification_problems(data) + bout_problems + red_flag_problems(red_flag_answers(answers))
    ):
        where = place(problem.field)
        if where is not None:
            other = place(problem.other) if problem.kind is not Kind.ONLY_AFTER_TRAUMA else None
            found.append(AnswerProblem(problem, *where, other=other))
    return found

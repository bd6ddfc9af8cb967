"""Why a rule came out as it did, as a message code with parameters, not as finished English.

The core explains each criterion, red flag and screen finding with a `Message`: a code from
`TEMPLATES` and the values it speaks of (a count, days a month, hours, a yes/no answer, the keys
of a vocabulary). The web shell words it in the reader's language through gettext and writes
numbers the locale's way; the command line and the tests use the English wording here
(`str(message)`). The values stay the program's own (a float 6.0, an answer None) until they are
worded, and the wording is where "6.0 months" becomes "6 months" and None becomes "not known".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeAlias


class Kind(StrEnum):
    """How a parameter is worded. Vocabulary kinds take one key or a list of keys."""

    COUNT = "count"  # a whole number: attacks, bouts, mmHg
    NUMBER = "number"  # days, months, attacks a day: no trailing ".0"
    HOURS = "hours"  # a duration in hours: minutes under one hour
    ANSWER = "answer"  # True / False / None: yes / no / not known
    NAUSEA = "nausea"  # profile.Nausea value or None
    DRUG = "drug"  # profile.DrugClass value
    FEATURE = "feature"  # keys of FEATURES
    AURA = "aura"  # profile.AuraSymptom values
    NEUROVASCULAR = "neurovascular"  # keys of cervical.NEUROVASCULAR_SYMPTOMS
    INSTABILITY_SYMPTOM = "instability_symptom"  # keys of cervical.INSTABILITY_SYMPTOMS
    INSTABILITY_CONDITION = "instability_condition"  # keys of cervical.INSTABILITY_CONDITIONS
    VASCULAR_RISK = "vascular_risk"  # keys of cervical.VASCULAR_RISK_FACTORS
    UCI_TEST = "uci_test"  # keys of UCI_TESTS
    MESSAGE = "message"  # another Message, or a list of them (joined with ", ")


Param: TypeAlias = (
    "int | float | str | bool | tuple[str, ...] | Message | tuple[Message, ...] | None"
)


@dataclass(frozen=True)
class Template:
    english: str  # str.format placeholders, one per parameter
    plural: str = ""  # the English plural, chosen by the `counted` parameter
    counted: str = ""
    kinds: Mapping[str, Kind] = field(default_factory=dict)


def _t(english: str, plural: str = "", counted: str = "", **kinds: Kind) -> Template:
    return Template(english, plural, counted, kinds)


C, N, H, A = Kind.COUNT, Kind.NUMBER, Kind.HOURS, Kind.ANSWER

TEMPLATES: dict[str, Template] = {
    # Several parts of one reason, joined with ", ".
    "parts": _t("{parts}", parts=Kind.MESSAGE),
    # ICHD-3 criteria (headway.clinical.ichd3).
    "attacks": _t("{count} attack", "{count} attacks", "count", count=C),
    "attacks_unknown": _t("number of attacks not known"),
    "episodes": _t("{count} episode", "{count} episodes", "count", count=C),
    "episodes_unknown": _t("number of episodes not known"),
    "days_a_month": _t("{days} day a month", "{days} days a month", "days", days=N),
    "days_a_month_unknown": _t("days a month not known"),
    "headache_days_a_month": _t(
        "{days} headache day a month", "{days} headache days a month", "days", days=N
    ),
    "headache_days_a_month_unknown": _t("headache days a month not known"),
    "for_months": _t("for {months} month", "for {months} months", "months", months=N),
    "for_months_unknown": _t("for an unknown number of months"),
    "duration": _t("lasting {low} to {high}", low=H, high=H),
    "duration_at_least": _t("lasting at least {low}; the longest not known", low=H),
    "duration_up_to": _t("lasting up to {high}; the shortest not known", high=H),
    "duration_unknown": _t("duration not known"),
    "present": _t("present: {features}", features=Kind.FEATURE),
    "not_shown": _t("not (yet) shown: {features}", features=Kind.FEATURE),
    "all_present": _t("all present"),
    "associated": _t(
        "nausea: {nausea}; vomiting: {vomiting}; light sensitivity: {photophobia}; "
        "sound sensitivity: {phonophobia}",
        nausea=Kind.NAUSEA,
        vomiting=A,
        photophobia=A,
        phonophobia=A,
    ),
    "aura_not_asked": _t("aura not asked"),
    "aura_none": _t("no aura symptoms"),
    "aura_reversible": _t(
        "aura: {symptoms}; fully reversible: {reversible}", symptoms=Kind.AURA, reversible=A
    ),
    "aura_symptoms": _t("aura: {symptoms}", symptoms=Kind.AURA),
    "aura_symptoms_unknown": _t("aura symptoms not known"),
    "relative_hemiplegic": _t("relative with hemiplegic aura: {relative}", relative=A),
    "tenderness": _t("pericranial tenderness: {tenderness}", tenderness=A),
    "tenderness_not_examined": _t("pericranial tenderness not examined"),
    "autonomic": _t(
        "cranial autonomic features: {autonomic}; restlessness: {restlessness}",
        autonomic=A,
        restlessness=A,
    ),
    "attacks_a_day": _t("attacks a day: {low} to {high}", low=N, high=N),
    "attacks_a_day_at_least": _t("attacks a day: at least {low}; the most not known", low=N),
    "attacks_a_day_up_to": _t("attacks a day: up to {high}; the fewest not known", high=N),
    "attacks_a_day_unknown": _t("attacks a day not known"),
    "bouts": _t("{count} bout", "{count} bouts", "count", count=C),
    "bouts_unknown": _t("number of bouts not known"),
    "bout_length": _t(
        "bouts of {low} to {high} day", "bouts of {low} to {high} days", "high", low=N, high=N
    ),
    "bout_length_at_least": _t(
        "bouts of at least {low} day; the longest not known",
        "bouts of at least {low} days; the longest not known",
        "low",
        low=N,
    ),
    "bout_length_up_to": _t(
        "bouts of up to {high} day; the shortest not known",
        "bouts of up to {high} days; the shortest not known",
        "high",
        high=N,
    ),
    "bout_length_unknown": _t("length of the bouts not known"),
    "shortest_remission": _t(
        "shortest remission {months} month",
        "shortest remission {months} months",
        "months",
        months=N,
    ),
    "shortest_remission_unknown": _t("shortest remission not known"),
    "months_without_remission": _t(
        "{months} month without a 3-month remission",
        "{months} months without a 3-month remission",
        "months",
        months=N,
    ),
    "months_without_remission_unknown": _t("time without a 3-month remission not known"),
    "from_migraine_kind": _t("from the migraine-like kind of headache"),
    "from_migraine_days": _t("from the diary or history of migraine-like days"),
    "no_drug_recorded": _t("no {drug} recorded", drug=Kind.DRUG),
    "medication_days_total": _t(
        "{days} medication day a month in total",
        "{days} medication days a month in total",
        "days",
        days=N,
    ),
    "one_class_reaches_10": _t("one class alone reaches 10 days a month"),
    "classes_under_10": _t("all classes together stay under 10 days a month"),
    "classes_may_share_days": _t(
        "the classes may share days; the total days a month are not known"
    ),
    # Several entries of one drug class (ICHD-3 8.2 counts days with the class).
    "class_entries": _t(
        "{count} entry: {low} to {high} days a month, as they may share days",
        "{count} entries: {low} to {high} days a month, as they may share days",
        "count",
        count=C,
        low=N,
        high=N,
    ),
    "for_months_range": _t("for {low} to {high} months", low=N, high=N),
    "trigger_points_only": _t(
        "the neck findings are myofascial trigger points: coded as tension-type headache with "
        "pericranial tenderness where its criteria are met (ICHD-3 11.2.1 note)"
    ),
    "evidence_recorded": _t("evidence recorded"),
    "no_evidence": _t("no evidence"),
    "not_recorded": _t("not recorded"),
    "kinds_described": _t(
        "{count} kind of headache described",
        "{count} kinds of headache described",
        "count",
        count=C,
    ),
    # SNNOOP10 red flags (headway.clinical.screening.red_flags).
    "answered_yes": _t("answered yes"),
    "not_asked": _t("not asked"),
    "onset_age": _t("headache began at age {age}, at or over {threshold}", age=C, threshold=C),
    "onset_age_unknown": _t("age at onset of this headache not known"),
    "new_or_changed_timing_unknown": _t("new or changed headache; when it began is not known"),
    "new_or_changed_recent": _t(
        "new or changed headache {months} month ago, within the {window}-month window",
        "new or changed headache {months} months ago, within the {window}-month window",
        "months",
        months=N,
        window=N,
    ),
    # Cervical safety screen (headway.clinical.screening.cervical).
    "neuro_dissection_with_pain": _t(
        "new neurological symptoms ({symptoms}) with new severe or unusual head or neck pain: "
        "possible arterial dissection",
        symptoms=Kind.NEUROVASCULAR,
    ),
    "neuro_dissection": _t(
        "new neurological symptoms ({symptoms}): possible arterial dissection",
        symptoms=Kind.NEUROVASCULAR,
    ),
    "neuro_symptoms": _t(
        "new or unexplained neurological symptoms: {symptoms}", symptoms=Kind.NEUROVASCULAR
    ),
    "new_pain_only": _t(
        "new severe or unusual head or neck pain without other signs: early arterial dissection "
        "can present this way; consider a medical opinion before neck treatment"
    ),
    "cranial_nerves_abnormal": _t("abnormal cranial nerve examination"),
    "gait_abnormal": _t("abnormal gait or coordination"),
    "bp_crisis": _t(
        "blood pressure {systolic}/{diastolic} mmHg is in the hypertensive-crisis range",
        systolic=C,
        diastolic=C,
    ),
    "bp_raised": _t("raised blood pressure {systolic}/{diastolic} mmHg", systolic=C, diastolic=C),
    "uci_test_positive": _t(
        "positive upper cervical instability test: {tests}", tests=Kind.UCI_TEST
    ),
    "uci_symptoms_with_condition": _t(
        "symptoms of upper cervical instability ({symptoms}) with a predisposing condition "
        "({conditions})",
        symptoms=Kind.INSTABILITY_SYMPTOM,
        conditions=Kind.INSTABILITY_CONDITION,
    ),
    "uci_symptoms": _t(
        "symptoms suggesting upper cervical instability: {symptoms}",
        symptoms=Kind.INSTABILITY_SYMPTOM,
    ),
    "uci_condition": _t(
        "condition predisposing to upper cervical instability: {conditions}",
        conditions=Kind.INSTABILITY_CONDITION,
    ),
    "vascular_risk_factors": _t(
        "risk factors for cervical arterial dysfunction: {factors}", factors=Kind.VASCULAR_RISK
    ),
    "trauma_no_c_spine": _t("recent trauma and the Canadian C-spine rule was not applied"),
    "c_spine_imaging": _t("Canadian C-spine rule: imaging needed ({why})", why=Kind.MESSAGE),
    "c_spine_incomplete": _t("Canadian C-spine rule not completed ({why})", why=Kind.MESSAGE),
    "c_spine_no_imaging": _t(
        "recent trauma; Canadian C-spine rule: no imaging needed ({why})", why=Kind.MESSAGE
    ),
    "high_risk": _t("high-risk factor: {factors}", factors=Kind.MESSAGE),
    "age_65_or_over": _t("age {age} (65 or over)", age=C),
    "dangerous_mechanism": _t("dangerous mechanism"),
    "paraesthesias": _t("paraesthesias in the extremities"),
    "high_risk_unchecked": _t("high-risk factors not all checked"),
    "low_risk_unchecked": _t("low-risk factors not all checked"),
    "no_low_risk": _t("no low-risk factor allows range-of-motion testing"),
    "rotation_not_tested": _t("active rotation of 45 degrees not tested"),
    "cannot_rotate": _t("cannot actively rotate 45 degrees left and right"),
    "low_risk_rotates": _t("low risk and rotates 45 degrees both ways"),
    "screen_incomplete": _t(
        "screen incomplete: {count} item not checked",
        "screen incomplete: {count} items not checked",
        "count",
        count=C,
    ),
    # What a cervical screen did not check.
    "unchecked_symptom": _t("symptom: {item}", item=Kind.NEUROVASCULAR),
    "unchecked_new_pain": _t("symptom: new severe or unusual head or neck pain"),
    "unchecked_cranial_nerves": _t("examination: cranial nerves"),
    "unchecked_gait": _t("examination: gait and coordination"),
    "unchecked_blood_pressure": _t("examination: blood pressure"),
    "unchecked_uci_tests": _t("examination: upper cervical instability tests"),
    "unchecked_condition": _t("history: {item}", item=Kind.INSTABILITY_CONDITION),
    "unchecked_risk_factor": _t("history: {item}", item=Kind.VASCULAR_RISK),
    "unchecked_recent_trauma": _t("history: recent trauma"),
}

# Features a criterion counts ("present: one-sided, pulsating"), in English.
FEATURES: dict[str, str] = {
    # 1.1 C
    "one_sided": "one-sided",
    "pulsating": "pulsating",
    "moderate_or_severe": "moderate or severe",
    "worse_with_activity": "worse with routine activity",
    # 2.x C
    "both_sides": "both sides",
    "pressing_or_tightening": "pressing or tightening",
    "mild_or_moderate": "mild or moderate",
    "not_worse_with_activity": "not worse with routine activity",
    # 1.2 C (ICHD-3 2018)
    "spreads_gradually": "spreads gradually over 5 min or more",
    "in_succession": "two or more symptoms in succession",
    "each_5_to_60_min": "each symptom lasts 5-60 min",
    "aura_one_sided": "at least one symptom one-sided",
    "positive_symptom": "at least one positive symptom",
    "headache_within_60_min": "headache during or within 60 min",
    # 3.1 B
    "severe_or_very_severe": "severe or very severe",
    "around_eye_or_temple": "around the eye or temple",
    "lasting_15_to_180_min": "15-180 minutes",
    # 11.2.1 C
    "temporal_relation": "began with the neck disorder",
    "parallel_improvement": "improves in parallel",
    "reduced_motion_and_provocation": "reduced motion and provocation",
    "diagnostic_block": "abolished by diagnostic block",
}
AURA_SYMPTOMS: dict[str, str] = {
    "visual": "visual",
    "sensory": "sensory",
    "speech": "speech and/or language",
    "motor": "motor",
    "retinal": "retinal",
    "dysarthria": "dysarthria",
    "vertigo": "vertigo",
    "tinnitus": "tinnitus",
    "hypacusis": "hypacusis",
    "diplopia": "diplopia",
    "ataxia": "ataxia",
    "decreased_consciousness": "decreased level of consciousness",
    "brainstem": "brainstem (which symptoms not known)",
}
NAUSEA: dict[str, str] = {"none": "no", "mild": "mild", "moderate_or_severe": "moderate or severe"}
UCI_TESTS: dict[str, str] = {"sharp_purser": "Sharp-Purser", "alar_ligament": "alar ligament"}


@dataclass(frozen=True)
class Message:
    code: str
    params: tuple[tuple[str, Param], ...] = ()

    @property
    def args(self) -> dict[str, Param]:
        return dict(self.params)

    def __str__(self) -> str:
        return english(self)

    def as_json(self) -> dict[str, Any]:
        """The code and parameters as JSON, nested messages included, for storing and output."""
        return {"code": self.code, "params": {k: _json(v) for k, v in self.params}}


def message(code: str, **params: Any) -> Message:
    """A message with its parameters checked against the template (lists become tuples)."""
    template = TEMPLATES[code]
    if set(params) != set(template.kinds):
        raise ValueError(f"{code}: parameters {sorted(params)} != {sorted(template.kinds)}")
    return Message(
        code,
        tuple(
            (k, tuple(sorted(v)) if isinstance(v, set | frozenset) else _tuple(v))
            for k, v in sorted(params.items())
        ),
    )


def _tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list | tuple) else value


def parts(*items: Message) -> Message:
    """Several messages as one reason: "10 episodes, 3 days a month, for 6 months"."""
    return message("parts", parts=items) if len(items) != 1 else items[0]


def span(code: str, low: float | None, high: float | None) -> Message:
    """A reported range: both ends, one end ("_at_least", "_up_to") or neither ("_unknown")."""
    if low is not None and high is not None:
        return message(code, low=low, high=high)
    if low is not None:
        return message(code + "_at_least", low=low)
    if high is not None:
        return message(code + "_up_to", high=high)
    return message(code + "_unknown")


def known(code: str, value: float | None, **params: Any) -> Message:
    """`code` with the value when it is known, `code + "_unknown"` when not."""
    if value is None:
        return message(code + "_unknown")
    name = next(k for k in TEMPLATES[code].kinds if k not in params)
    return message(code, **{name: value}, **params)


def _json(value: Any) -> Any:
    if isinstance(value, Message):
        return value.as_json()
    if isinstance(value, tuple):
        return [_json(v) for v in value]
    return value


def plain_number(value: float) -> str:
    """6.0 as "6", 1.5 as "1.5", 1/3 as "0.33": numbers as people write them."""
    rounded = round(float(value), 2)
    return str(int(rounded)) if rounded.is_integer() else f"{rounded:g}"


def english_hours(hours: float) -> str:
    if hours < 1:
        minutes = round(hours * 60)
        return f"{minutes} minute" if minutes == 1 else f"{minutes} minutes"
    text = plain_number(hours)
    return f"{text} hour" if text == "1" else f"{text} hours"


def _vocabulary(kind: Kind) -> Mapping[str, str]:
    # Imported here: the screening modules build their reasons from this module.
    from headway.clinical.screening import cervical

    return {
        Kind.NAUSEA: NAUSEA,
        Kind.FEATURE: FEATURES,
        Kind.AURA: AURA_SYMPTOMS,
        Kind.NEUROVASCULAR: cervical.NEUROVASCULAR_SYMPTOMS,
        Kind.INSTABILITY_SYMPTOM: cervical.INSTABILITY_SYMPTOMS,
        Kind.INSTABILITY_CONDITION: cervical.INSTABILITY_CONDITIONS,
        Kind.VASCULAR_RISK: cervical.VASCULAR_RISK_FACTORS,
        Kind.UCI_TEST: UCI_TESTS,
    }.get(kind, {})


def _english_value(kind: Kind, value: Any) -> str:
    if kind is Kind.MESSAGE:
        items = value if isinstance(value, tuple) else (value,)
        return ", ".join(english(item) for item in items)
    if value is None:
        return "not known"
    if kind is Kind.ANSWER:
        return "yes" if value else "no"
    if kind is Kind.COUNT or kind is Kind.NUMBER:
        return plain_number(value)
    if kind is Kind.HOURS:
        return english_hours(value)
    if kind is Kind.DRUG:
        return str(value).replace("_", " ")
    words = _vocabulary(kind)
    if isinstance(value, tuple):
        return ", ".join(words.get(v, v) for v in value) or "none"
    return words.get(value, value)


def english(item: Message) -> str:
    template = TEMPLATES[item.code]
    args = item.args
    text = template.english
    if template.counted and _english_value(Kind.NUMBER, args[template.counted]) != "1":
        text = template.plural
    return text.format(**{k: _english_value(template.kinds[k], v) for k, v in args.items()})

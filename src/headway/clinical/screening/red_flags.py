"""SNNOOP10 red flags for secondary headache.

Source: Do TP et al. Red and orange flags for secondary headaches in clinical practice: SNNOOP10
list. Neurology 2019;92(3):134-144 (clinical-reference.md section 2). The flags prompt medical
evaluation; they do not diagnose. A raised flag leads to referral, never to treatment.

What Headway adds, and says so: the paper's split into red and orange flags was not verified, so
the action per flag (urgent referral or medical review) is Headway's triage choice, listed in
FLAGS below for a clinician to review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from headway.clinical.findings import Answer, Urgency
from headway.clinical.messages import Message, message


class Action(StrEnum):
    URGENT_REFERRAL = "urgent_referral"
    MEDICAL_REVIEW = "medical_review"


@dataclass(frozen=True)
class FlagDefinition:
    code: str
    name: str
    action: Action
    think_of: str  # typical secondary causes (clinical-reference.md section 2 table)


FLAGS: tuple[FlagDefinition, ...] = (
    FlagDefinition(
        "S",
        "Systemic symptoms including fever",
        Action.URGENT_REFERRAL,
        "infection, inflammatory disease",
    ),
    FlagDefinition("N1", "Neoplasm in history", Action.MEDICAL_REVIEW, "metastasis, brain tumour"),
    FlagDefinition(
        "N2",
        "Neurologic deficit or dysfunction, including decreased consciousness",
        Action.URGENT_REFERRAL,
        "vascular, infection, mass",
    ),
    FlagDefinition(
        "O1",
        "Onset sudden or abrupt (thunderclap)",
        Action.URGENT_REFERRAL,
        "subarachnoid haemorrhage, other vascular",
    ),
    FlagDefinition(
        "O2", "Older age at onset", Action.URGENT_REFERRAL, "giant cell arteritis, neoplasm"
    ),
    FlagDefinition(
        "P1",
        "Pattern change or recent onset of new headache",
        Action.MEDICAL_REVIEW,
        "neoplasm, vascular, non-vascular",
    ),
    FlagDefinition(
        "P2", "Positional headache", Action.MEDICAL_REVIEW, "intracranial hypo- or hypertension"
    ),
    FlagDefinition(
        "P3",
        "Precipitated by sneezing, coughing or exercise",
        Action.MEDICAL_REVIEW,
        "posterior fossa lesion, Chiari malformation",
    ),
    FlagDefinition("P4", "Papilledema", Action.URGENT_REFERRAL, "raised intracranial pressure"),
    FlagDefinition(
        "P5",
        "Progressive headache and atypical presentations",
        Action.MEDICAL_REVIEW,
        "secondary headache of several kinds",
    ),
    FlagDefinition(
        "P6",
        "Pregnancy or puerperium",
        Action.URGENT_REFERRAL,
        "cerebral venous thrombosis, pre-eclampsia, RCVS, pituitary apoplexy",
    ),
    FlagDefinition(
        "P7",
        "Painful eye with autonomic features",
        Action.URGENT_REFERRAL,
        "glaucoma, cavernous sinus or posterior fossa pathology",
    ),
    FlagDefinition(
        "P8",
        "Post-traumatic onset of headache",
        Action.URGENT_REFERRAL,
        "subdural haematoma, arterial dissection",
    ),
    FlagDefinition(
        "P9",
        "Pathology of the immune system, e.g. HIV",
        Action.MEDICAL_REVIEW,
        "opportunistic infection",
    ),
    FlagDefinition(
        "P10",
        "Painkiller overuse or new drug at onset of headache",
        Action.MEDICAL_REVIEW,
        "medication-overuse headache, drug side effect",
    ),
)
_BY_CODE = {flag.code: flag for flag in FLAGS}


@dataclass(frozen=True)
class RedFlagSettings:
    # [!] The published abstract says onset after 65, the accepted manuscript and tools say 50;
    # 50 is the more sensitive choice (clinical-reference.md section 2, age-threshold note).
    older_onset_age: int = 50
    # "Recent onset" operationalised as newly developed within 3 months (vtdheadache.com, [R]).
    recent_onset_months: float = 3.0


@dataclass(frozen=True)
class RedFlagAnswers:
    """What was asked. None means not asked or not known: it is listed, never taken as "no"."""

    systemic_symptoms: Answer = None
    neoplasm_history: Answer = None
    neurological_deficit: Answer = None
    sudden_onset: Answer = None
    age_at_onset: int | None = None
    new_or_changed_headache: Answer = None
    months_since_new_or_changed: float | None = None
    positional: Answer = None
    precipitated_by_valsalva_or_exercise: Answer = None
    papilledema: Answer = None
    progressive_or_atypical: Answer = None
    pregnant_or_postpartum: Answer = None
    painful_eye_with_autonomic_features: Answer = None
    post_traumatic_onset: Answer = None
    immune_pathology: Answer = None
    painkiller_overuse_or_new_drug: Answer = None


# Flags answered by one yes/no question: code -> field of RedFlagAnswers.
_SIMPLE = {
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


@dataclass(frozen=True)
class RaisedFlag:
    code: str
    name: str
    reason: Message
    action: Action
    think_of: str


@dataclass(frozen=True)
class RedFlagResult:
    raised: tuple[RaisedFlag, ...]
    # Flags that could not be judged, with what is missing.
    unknown: tuple[tuple[str, Message], ...]
    action: Action | None = field(default=None)

    @property
    def refer(self) -> bool:
        return bool(self.raised)

    @property
    def urgency(self) -> Urgency | None:
        if self.action is Action.URGENT_REFERRAL:
            return Urgency.URGENT
        if self.action is Action.MEDICAL_REVIEW:
            return Urgency.ROUTINE
        return None


def screen_red_flags(
    answers: RedFlagAnswers, settings: RedFlagSettings | None = None
) -> RedFlagResult:
    """Every raised flag with its reason and action; every flag that could not be judged."""
    settings = settings or RedFlagSettings()
    raised: list[RaisedFlag] = []
    unknown: list[tuple[str, Message]] = []

    def raise_flag(code: str, reason: Message) -> None:
        definition = _BY_CODE[code]
        raised.append(
            RaisedFlag(code, definition.name, reason, definition.action, definition.think_of)
        )

    for code, name in _SIMPLE.items():
        value = getattr(answers, name)
        if value is True:
            raise_flag(code, message("answered_yes"))
        elif value is None:
            unknown.append((code, message("not_asked")))

    # O2: onset at or after the threshold age.
    if answers.age_at_onset is None:
        unknown.append(("O2", message("onset_age_unknown")))
    elif answers.age_at_onset >= settings.older_onset_age:
        raise_flag(
            "O2",
            message("onset_age", age=answers.age_at_onset, threshold=settings.older_onset_age),
        )

    # P1: a new or changed headache within the recent-onset window. When the change is reported
    # but its timing is not known, the flag is raised: a missing date must not hide it.
    if answers.new_or_changed_headache is None:
        unknown.append(("P1", message("not_asked")))
    elif answers.new_or_changed_headache:
        months = answers.months_since_new_or_changed
        if months is None:
            raise_flag("P1", message("new_or_changed_timing_unknown"))
        elif months <= settings.recent_onset_months:
            raise_flag(
                "P1",
                message(
                    "new_or_changed_recent", months=months, window=settings.recent_onset_months
                ),
            )

    order = {flag.code: index for index, flag in enumerate(FLAGS)}
    raised.sort(key=lambda flag: order[flag.code])
    unknown.sort(key=lambda item: order[item[0]])
    action = None
    if raised:
        urgent = any(flag.action is Action.URGENT_REFERRAL for flag in raised)
        action = Action.URGENT_REFERRAL if urgent else Action.MEDICAL_REVIEW
    return RedFlagResult(tuple(raised), tuple(unknown), action)

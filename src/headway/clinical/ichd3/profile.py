"""What the classification needs to know. Every answer may be None (unknown)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from headway.clinical.findings import Answer


class Intensity(StrEnum):
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"
    VERY_SEVERE = "very_severe"


class Nausea(StrEnum):
    NONE = "none"
    MILD = "mild"
    MODERATE_OR_SEVERE = "moderate_or_severe"


class AuraSymptom(StrEnum):
    """An aura symptom. The brainstem ones are named one by one (dysarthria to
    decreased_consciousness): 1.2.2 needs at least two of them. "brainstem" (which ones not
    known) is what earlier versions stored: it rules out a typical aura and leaves 1.2.2
    undecided."""

    VISUAL = "visual"
    SENSORY = "sensory"
    SPEECH = "speech"  # speech and/or language (aphasia), not dysarthria
    MOTOR = "motor"
    RETINAL = "retinal"
    # The brainstem aura symptoms of ICHD-3 (2018) 1.2.2 B1, named one by one because 1.2.2
    # needs at least two of them.
    DYSARTHRIA = "dysarthria"
    VERTIGO = "vertigo"  # not mere dizziness (1.2.2 note 2)
    TINNITUS = "tinnitus"
    HYPACUSIS = "hypacusis"  # not a sense of ear fullness (note 3)
    DIPLOPIA = "diplopia"
    ATAXIA = "ataxia"  # not attributable to sensory deficit
    DECREASED_CONSCIOUSNESS = "decreased_consciousness"  # GCS 13 or less (note 5)
    # Brainstem symptoms, which ones not known: what earlier versions stored (one yes/no). It
    # still rules out a typical aura, but cannot decide 1.2.2.
    BRAINSTEM = "brainstem"


TYPICAL_AURA = frozenset({AuraSymptom.VISUAL, AuraSymptom.SENSORY, AuraSymptom.SPEECH})
BRAINSTEM_AURA = frozenset(
    {
        AuraSymptom.DYSARTHRIA,
        AuraSymptom.VERTIGO,
        AuraSymptom.TINNITUS,
        AuraSymptom.HYPACUSIS,
        AuraSymptom.DIPLOPIA,
        AuraSymptom.ATAXIA,
        AuraSymptom.DECREASED_CONSCIOUSNESS,
    }
)


@dataclass(frozen=True)
class Aura:
    symptoms: frozenset[AuraSymptom] | None = None
    fully_reversible: Answer = None
    # The six characteristics of ICHD-3 (2018) 1.2 criterion C.
    spreads_gradually_over_5_min: Answer = None
    symptoms_in_succession: Answer = None
    each_symptom_5_to_60_min: Answer = None
    unilateral: Answer = None
    positive: Answer = None
    headache_within_60_min: Answer = None
    # For 1.2.3: a first- or second-degree relative with hemiplegic aura.
    relative_with_hemiplegic_aura: Answer = None


@dataclass(frozen=True)
class HeadacheProfile:
    """One kind of headache the patient has (ICHD-3 codes each kind separately)."""

    attack_count: int | None = None  # lifetime attacks (or episodes) of this kind
    duration_min_hours: float | None = None  # untreated or unsuccessfully treated
    duration_max_hours: float | None = None
    headache_days_per_month: float | None = None
    months_at_this_frequency: float | None = None
    attacks_per_day_min: float | None = None  # cluster: one every other day is 0.5
    attacks_per_day_max: float | None = None
    unilateral: Answer = None
    bilateral: Answer = None
    orbital_supraorbital_or_temporal: Answer = None
    pulsating: Answer = None
    pressing_or_tightening: Answer = None
    intensity_min: Intensity | None = None
    intensity_max: Intensity | None = None
    aggravated_by_routine_activity: Answer = None
    nausea: Nausea | None = None
    vomiting: Answer = None
    photophobia: Answer = None
    phonophobia: Answer = None
    cranial_autonomic_features: Answer = None  # ipsilateral, during attacks
    restlessness_or_agitation: Answer = None
    aura: Aura | None = None  # None: aura not asked; Aura(symptoms=frozenset()): no aura
    # Chronic migraine C: days a month with migraine features (or triptan-relieved), and months.
    migraine_like_days_per_month: float | None = None
    # Cluster periods: count, their lengths, and pain-free remissions between them.
    cluster_periods: int | None = None
    cluster_period_shortest_days: float | None = None
    cluster_period_longest_days: float | None = None
    shortest_remission_months: float | None = None
    months_of_attacks_without_3_month_remission: float | None = None
    pericranial_tenderness: Answer = None


class DrugClass(StrEnum):
    ERGOTAMINE = "ergotamine"
    TRIPTAN = "triptan"
    NON_OPIOID_ANALGESIC = "non_opioid_analgesic"  # paracetamol, NSAIDs incl. ASA: one class
    OPIOID = "opioid"
    COMBINATION_ANALGESIC = "combination_analgesic"
    OTHER = "other"
    UNVERIFIED = "unverified"  # several classes, not reliably identified (8.2.7)


@dataclass(frozen=True)
class MedicationUse:
    """Days a month with one drug class. Several entries of one class (two products, or one
    entered twice) may share days: together they count as at least the largest and at most
    their sum, capped at 31."""

    drug_class: DrugClass
    days_per_month: float
    months: float | None  # for how many months at this level; None when not known


@dataclass(frozen=True)
class CervicalFindings:
    """11.2.1 Cervicogenic headache, criteria B and C."""

    evidence_of_cervical_disorder: Answer = None
    temporal_relation_to_onset: Answer = None
    improves_in_parallel: Answer = None
    reduced_motion_and_provocation: Answer = None
    abolished_by_diagnostic_block: Answer = None
    # Rule 12 of reference 1.0: headache from cervical myofascial trigger points is coded as
    # tension-type headache with pericranial tenderness, not as cervicogenic headache.
    myofascial_trigger_points_only: Answer = None


@dataclass(frozen=True)
class ClassificationInput:
    age: int | None = None
    sex: str | None = None
    profiles: tuple[HeadacheProfile, ...] = ()
    medication: tuple[MedicationUse, ...] = ()
    cervical: CervicalFindings = field(default_factory=CervicalFindings)
    # Headache days a month over all kinds together (chronic migraine A, MOH A); when None,
    # the largest profile figure is used as a lower bound.
    total_headache_days_per_month: float | None = None
    total_headache_months: float | None = None
    # Days a month with any acute headache medication (8.2.6 needs the total, not the sum).
    acute_medication_days_per_month: float | None = None

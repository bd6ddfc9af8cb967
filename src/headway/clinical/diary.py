"""From a headache diary to classification input: the patient's recorded attacks and days,
grouped into kinds of headache by their phenotype, summarised as ICHD-3 needs them.

Months are 30-day windows counted back from `today`, and only windows the diary fully covers
count. Days a month are the average over those windows (ICHD-3 speaks of days a month "on
average"); "for more than 3 months" needs 4 windows (clinical-reference 1.3, 2.2, 2.3, 8.2).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from itertools import pairwise

from headway.clinical.findings import Answer
from headway.clinical.ichd3.profile import (
    BRAINSTEM_AURA,
    Aura,
    AuraSymptom,
    ClassificationInput,
    DrugClass,
    HeadacheProfile,
    Intensity,
    MedicationUse,
    Nausea,
)

WINDOW_DAYS = 30
WINDOWS = 4  # more than 3 months
# A pain-free gap this long separates two cluster bouts; 3 months is the 2018 remission rule.
BOUT_GAP_DAYS = 14
REMISSION_DAYS = 91


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class Quality(StrEnum):
    PULSATING = "pulsating"
    PRESSING = "pressing"
    STABBING = "stabbing"
    OTHER = "other"


class Kind(StrEnum):
    """The phenotype an attack is grouped by."""

    CLUSTER_LIKE = "cluster_like"
    MIGRAINE_LIKE = "migraine_like"
    TENSION_LIKE = "tension_like"


@dataclass(frozen=True)
class DiaryAttack:
    start: datetime
    end: datetime | None  # None: still going, or not recorded
    peak_intensity: int  # 0-10
    side: Side | None = None
    around_eye_or_temple: Answer = None
    quality: Quality | None = None
    aggravated_by_activity: Answer = None
    nausea: Answer = None
    vomiting: Answer = None
    photophobia: Answer = None
    phonophobia: Answer = None
    autonomic_features: Answer = None
    restlessness: Answer = None
    aura: frozenset[AuraSymptom] | None = None  # None: not asked; empty: no aura
    headache_followed_aura: Answer = None


@dataclass(frozen=True)
class MedicationDay:
    day: date
    drug_class: DrugClass


@dataclass(frozen=True)
class KindSummary:
    kind: Kind
    attacks: tuple[DiaryAttack, ...]
    profile: HeadacheProfile


def intensity_band(peak: int) -> Intensity | None:
    """0-10 to ICHD-3's words: 1-3 mild, 4-6 moderate, 7-8 severe, 9-10 very severe (Headway's
    mapping of the numeric scale; 0 is no pain)."""
    if peak <= 0:
        return None
    if peak <= 3:
        return Intensity.MILD
    if peak <= 6:
        return Intensity.MODERATE
    if peak <= 8:
        return Intensity.SEVERE
    return Intensity.VERY_SEVERE


def _hours(attack: DiaryAttack) -> float | None:
    if attack.end is None:
        return None
    return (attack.end - attack.start).total_seconds() / 3600


def kind_of(attack: DiaryAttack) -> Kind:
    """Cluster-like: severe, one-sided, at most 3 hours, with autonomic features or
    restlessness. Migraine-like: at least 2 of the 1.1 C features and a 1.1 D feature.
    Everything else: tension-like."""
    hours = _hours(attack)
    one_sided = attack.side in (Side.LEFT, Side.RIGHT)
    if (
        attack.peak_intensity >= 7
        and one_sided
        and hours is not None
        and hours <= 3
        and (attack.autonomic_features or attack.restlessness)
    ):
        return Kind.CLUSTER_LIKE
    features = sum(
        [
            one_sided,
            attack.quality is Quality.PULSATING,
            attack.peak_intensity >= 4,
            attack.aggravated_by_activity is True,
        ]
    )
    associated = bool(
        attack.nausea or attack.vomiting or (attack.photophobia and attack.phonophobia)
    )
    if features >= 2 and associated:
        return Kind.MIGRAINE_LIKE
    return Kind.TENSION_LIKE


def _majority(values: Iterable[Answer]) -> Answer:
    """True if most of the answered attacks say yes; None if none answered."""
    answered = [v for v in values if v is not None]
    if not answered:
        return None
    return sum(answered) * 2 > len(answered)


def _windows(today: date, first_day: date) -> list[tuple[date, date]]:
    """The complete 30-day windows the diary covers, newest first, at most 4."""
    windows: list[tuple[date, date]] = []
    end = today
    while len(windows) < WINDOWS:
        start = end - timedelta(days=WINDOW_DAYS - 1)
        if start < first_day:
            break
        windows.append((start, end))
        end = start - timedelta(days=1)
    return windows


def _per_window(
    days: set[date], windows: list[tuple[date, date]]
) -> tuple[float | None, float | None]:
    """Average days per 30-day window, and over how many months."""
    if not windows:
        return None, None
    counts = [sum(1 for d in days if start <= d <= end) for start, end in windows]
    return round(sum(counts) / len(counts), 1), float(len(windows))


def _bouts(attack_days: Sequence[date]) -> list[tuple[date, date]]:
    bouts: list[tuple[date, date]] = []
    for day in sorted(set(attack_days)):
        if bouts and (day - bouts[-1][1]).days <= BOUT_GAP_DAYS:
            bouts[-1] = (bouts[-1][0], day)
        else:
            bouts.append((day, day))
    return bouts


def _aura_symptoms(auras: Sequence[frozenset[AuraSymptom]]) -> frozenset[AuraSymptom]:
    """The aura symptoms of a kind of headache: every symptom any attack had, except that
    brainstem symptoms count only as far as one attack had them together. ICHD-3 (2018) 1.2.2
    B1 asks for two brainstem symptoms in one aura: vertigo in one attack and tinnitus in
    another are not two. Without such an attack, the kind keeps the brainstem symptoms of one
    attack (so it still is no typical aura) and 1.2.2 is not met."""
    everything = frozenset().union(*auras)
    brainstem = [aura & BRAINSTEM_AURA for aura in auras]
    together = [named for named in brainstem if len(named) >= 2]
    empty: frozenset[AuraSymptom] = frozenset()
    kept = empty.union(*together) if together else max(brainstem, key=len, default=empty)
    return (everything - BRAINSTEM_AURA) | kept


def _profile(
    kind: Kind, attacks: Sequence[DiaryAttack], windows: list[tuple[date, date]]
) -> HeadacheProfile:
    durations = [h for a in attacks if (h := _hours(a)) is not None]
    attack_days = [a.start.date() for a in attacks]
    days, months = _per_window(set(attack_days), windows)
    sides = [a.side for a in attacks if a.side is not None]
    qualities = [a.quality for a in attacks if a.quality is not None]
    peak = max((a.peak_intensity for a in attacks), default=0)
    per_day: dict[date, int] = {}
    for day in attack_days:
        per_day[day] = per_day.get(day, 0) + 1
    nausea_answers = [a.nausea for a in attacks]
    nausea = _majority(nausea_answers)
    auras = [a for a in attacks if a.aura is not None]
    aura: Aura | None = None
    if auras:
        symptoms = _aura_symptoms([a.aura or frozenset() for a in auras])
        with_aura = [a for a in auras if a.aura]
        aura = Aura(
            symptoms=symptoms,
            fully_reversible=True if symptoms else None,
            headache_within_60_min=_majority(a.headache_followed_aura for a in with_aura),
        )
    profile = HeadacheProfile(
        attack_count=len(attacks),
        duration_min_hours=min(durations) if durations else None,
        duration_max_hours=max(durations) if durations else None,
        headache_days_per_month=days,
        months_at_this_frequency=months,
        unilateral=_majority(s in (Side.LEFT, Side.RIGHT) for s in sides) if sides else None,
        bilateral=_majority(s is Side.BOTH for s in sides) if sides else None,
        orbital_supraorbital_or_temporal=_majority(a.around_eye_or_temple for a in attacks),
        pulsating=_majority(q is Quality.PULSATING for q in qualities) if qualities else None,
        pressing_or_tightening=_majority(q is Quality.PRESSING for q in qualities)
        if qualities
        else None,
        intensity_max=intensity_band(peak),
        aggravated_by_routine_activity=_majority(a.aggravated_by_activity for a in attacks),
        nausea=None if nausea is None else Nausea.MILD if nausea else Nausea.NONE,
        vomiting=_majority(a.vomiting for a in attacks),
        photophobia=_majority(a.photophobia for a in attacks),
        phonophobia=_majority(a.phonophobia for a in attacks),
        cranial_autonomic_features=_majority(a.autonomic_features for a in attacks),
        restlessness_or_agitation=_majority(a.restlessness for a in attacks),
        aura=aura,
        migraine_like_days_per_month=days if kind is Kind.MIGRAINE_LIKE else None,
    )
    if kind is Kind.CLUSTER_LIKE:
        bouts = _bouts(attack_days)
        lengths = [(end - start).days + 1 for start, end in bouts]
        gaps = [(b[0] - a[1]).days for a, b in pairwise(bouts)]
        # The longest stretch of attacks without a 3-month pain-free remission.
        stretch_start = bouts[0][0]
        longest = 0
        for (_, previous_end), (start, _end) in pairwise(bouts):
            if (start - previous_end).days >= REMISSION_DAYS:
                longest = max(longest, (previous_end - stretch_start).days)
                stretch_start = start
        longest = max(longest, (bouts[-1][1] - stretch_start).days)
        profile = replace(
            profile,
            attacks_per_day_min=float(min(per_day.values())),
            attacks_per_day_max=float(max(per_day.values())),
            cluster_periods=len(bouts),
            cluster_period_shortest_days=float(min(lengths)),
            cluster_period_longest_days=float(max(lengths)),
            shortest_remission_months=round(min(gaps) / 30.44, 1) if gaps else None,
            months_of_attacks_without_3_month_remission=round(longest / 30.44, 1),
        )
    return profile


def profiles_from_diary(
    attacks: Sequence[DiaryAttack],
    headache_days: Iterable[date],
    medication: Sequence[MedicationDay],
    *,
    first_diary_day: date,
    today: date,
    age: int | None = None,
    sex: str | None = None,
) -> tuple[ClassificationInput, tuple[KindSummary, ...]]:
    """Classification input from the diary, and which attacks went into which kind."""
    windows = _windows(today, first_diary_day)
    groups: dict[Kind, list[DiaryAttack]] = {}
    for attack in sorted(attacks, key=lambda a: a.start):
        groups.setdefault(kind_of(attack), []).append(attack)
    summaries = tuple(
        KindSummary(kind, tuple(group), _profile(kind, group, windows))
        for kind, group in sorted(groups.items(), key=lambda item: list(Kind).index(item[0]))
    )
    all_days = set(headache_days) | {a.start.date() for a in attacks}
    total, total_months = _per_window(all_days, windows)
    uses = []
    for drug_class in DrugClass:
        class_days = {m.day for m in medication if m.drug_class is drug_class}
        if class_days:
            days, months = _per_window(class_days, windows)
            if days is not None and months is not None:
                uses.append(MedicationUse(drug_class, days, months))
    any_days, _ = _per_window({m.day for m in medication}, windows)
    data = ClassificationInput(
        age=age,
        sex=sex,
        profiles=tuple(s.profile for s in summaries),
        medication=tuple(uses),
        total_headache_days_per_month=total,
        total_headache_months=total_months,
        acute_medication_days_per_month=any_days,
    )
    return data, summaries

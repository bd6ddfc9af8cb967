"""1.1 Migraine without aura, 1.2 Migraine with aura and its subtypes, 1.5 Probable migraine.

Source: ICHD-3 (2018), clinical-reference.md 1.1, 1.2 and 1.5. For 1.2 criterion C the 2018 rule
(at least 3 of 6 characteristics) is encoded, not the beta 2-of-4 rule (reference 1.2 [!]).
"""

from __future__ import annotations

from headway.clinical.ichd3.criteria import (
    Criterion,
    Evaluation,
    Status,
    all_of,
    any_of,
    at_least,
    definite,
    in_range,
    not_,
    of_answer,
    probable,
    range_within,
)
from headway.clinical.ichd3.profile import (
    BRAINSTEM_AURA,
    TYPICAL_AURA,
    AuraSymptom,
    HeadacheProfile,
    Intensity,
    Nausea,
)
from headway.clinical.messages import Message, known, message, span

MODERATE_OR_WORSE = {Intensity.MODERATE, Intensity.SEVERE, Intensity.VERY_SEVERE}


def _intensity_at_least_moderate(profile: HeadacheProfile) -> Status:
    if profile.intensity_max is None:
        return Status.UNKNOWN
    return Status.MET if profile.intensity_max in MODERATE_OR_WORSE else Status.NOT_MET


def _any_nausea_or_vomiting(profile: HeadacheProfile) -> Status:
    nausea = None if profile.nausea is None else profile.nausea is not Nausea.NONE
    return any_of([of_answer(nausea), of_answer(profile.vomiting)])


def _criteria_without_aura(profile: HeadacheProfile, age: int | None) -> tuple[Criterion, ...]:
    count = profile.attack_count
    a = in_range(count, 5, None)
    # 1.1 B: 4-72 h; in children and adolescents (under 18) 2-72 h.
    shortest = 2 if age is not None and age < 18 else 4
    b = range_within(profile.duration_min_hours, profile.duration_max_hours, shortest, 72)
    features = {
        "one_sided": of_answer(profile.unilateral),
        "pulsating": of_answer(profile.pulsating),
        "moderate_or_severe": _intensity_at_least_moderate(profile),
        "worse_with_activity": of_answer(profile.aggravated_by_routine_activity),
    }
    c = at_least(2, features.values())
    nausea = _any_nausea_or_vomiting(profile)
    light_and_sound = all_of([of_answer(profile.photophobia), of_answer(profile.phonophobia)])
    d = any_of([nausea, light_and_sound])
    present = [name for name, status in features.items() if status is Status.MET]
    return (
        Criterion(
            "A",
            "at least 5 attacks",
            a,
            known("attacks", count),
            "how many attacks of this kind so far",
        ),
        Criterion(
            "B",
            f"attacks last {shortest}-72 hours untreated",
            b,
            span("duration", profile.duration_min_hours, profile.duration_max_hours),
            "how long attacks last without (effective) treatment",
        ),
        Criterion(
            "C",
            "at least 2 of: one-sided, pulsating, moderate or severe, worse with routine activity",
            c,
            message("present", features=present),
            "side, quality, intensity and effect of activity",
        ),
        Criterion(
            "D",
            "nausea and/or vomiting, or both light and sound sensitivity",
            d,
            _associated_reason(profile),
            "nausea, vomiting, sensitivity to light and to sound",
        ),
    )


def _associated_reason(profile: HeadacheProfile) -> Message:
    return message(
        "associated",
        nausea=None if profile.nausea is None else profile.nausea.value,
        vomiting=profile.vomiting,
        photophobia=profile.photophobia,
        phonophobia=profile.phonophobia,
    )


def _criteria_with_aura(profile: HeadacheProfile) -> tuple[Criterion, ...]:
    aura = profile.aura
    a = in_range(profile.attack_count, 2, None)
    if aura is None or aura.symptoms is None:
        b = Status.UNKNOWN
        b_reason = message("aura_not_asked")
    elif not aura.symptoms:
        b = Status.NOT_MET
        b_reason = message("aura_none")
    else:
        b = of_answer(aura.fully_reversible)
        b_reason = message(
            "aura_reversible",
            symptoms=[s.value for s in aura.symptoms],
            reversible=aura.fully_reversible,
        )
    characteristics = (
        {
            "spreads_gradually": of_answer(aura.spreads_gradually_over_5_min),
            "in_succession": of_answer(aura.symptoms_in_succession),
            "each_5_to_60_min": of_answer(aura.each_symptom_5_to_60_min),
            "aura_one_sided": of_answer(aura.unilateral),
            "positive_symptom": of_answer(aura.positive),
            "headache_within_60_min": of_answer(aura.headache_within_60_min),
        }
        if aura is not None and aura.symptoms
        else {}
    )
    c = (
        at_least(3, characteristics.values())
        if characteristics
        else (Status.UNKNOWN if b is Status.UNKNOWN else Status.NOT_MET)
    )
    present = [name for name, status in characteristics.items() if status is Status.MET]
    return (
        Criterion(
            "A",
            "at least 2 attacks with aura",
            a,
            known("attacks", profile.attack_count),
            "how many attacks with aura so far",
        ),
        Criterion(
            "B",
            "at least one fully reversible aura symptom",
            b,
            b_reason,
            "which aura symptoms, and whether they go away completely",
        ),
        Criterion(
            "C",
            "at least 3 of the 6 aura characteristics (ICHD-3 2018)",
            c,
            message("present", features=present),
            "spread, succession, duration, side, positive symptoms, headache within 60 min",
        ),
    )


def migraine_without_aura(profile: HeadacheProfile, age: int | None) -> list[Evaluation]:
    criteria = _criteria_without_aura(profile, age)
    return [
        definite("1.1", "Migraine without aura", criteria),
        probable("1.5.1", "Probable migraine without aura", criteria),
    ]


def migraine_with_aura(profile: HeadacheProfile) -> list[Evaluation]:
    criteria = _criteria_with_aura(profile)
    main = definite("1.2", "Migraine with aura", criteria)
    evaluations = [main, probable("1.5.2", "Probable migraine with aura", criteria)]
    aura = profile.aura
    symptoms = aura.symptoms if aura is not None and aura.symptoms is not None else None

    def subtype(
        code: str,
        name: str,
        label: str,
        summary: str,
        status: Status,
        reason: Message,
        to_settle: str = "the kinds of aura symptom",
        more: tuple[Criterion, ...] = (),
    ) -> Criterion:
        extra = Criterion(label, summary, status, reason, to_settle)
        evaluations.append(definite(code, name, (*criteria, *more, extra)))
        return extra

    brainstem_to_settle = "the kinds of aura symptom"
    if symptoms is None:
        kinds = brainstem = hemiplegic = Status.UNKNOWN
        reason = message("aura_symptoms_unknown")
    else:
        kinds = Status.MET if symptoms and symptoms <= TYPICAL_AURA else Status.NOT_MET
        # ICHD-3 (2018) 1.2.2 B: (1) at least two of the fully reversible brainstem symptoms
        # dysarthria, vertigo, tinnitus, hypacusis, diplopia, ataxia not attributable to sensory
        # deficit, decreased level of consciousness; (2) no motor or retinal symptoms.
        named = len(symptoms & BRAINSTEM_AURA)
        if symptoms & {AuraSymptom.MOTOR, AuraSymptom.RETINAL}:
            brainstem = Status.NOT_MET
        elif named >= 2:
            brainstem = Status.MET
        elif AuraSymptom.BRAINSTEM in symptoms:
            # Brainstem symptoms recorded without naming them (the earlier single yes/no): one
            # or several, so 1.2.2 stays open until they are named.
            brainstem = Status.UNKNOWN
            brainstem_to_settle = (
                "which brainstem symptoms: dysarthria, vertigo, tinnitus, hypacusis, diplopia, "
                "ataxia, decreased consciousness"
            )
        else:
            brainstem = Status.NOT_MET
        # ICHD-3 (2018) 1.2.3 B: both (1) fully reversible motor weakness and (2) fully
        # reversible visual, sensory and/or speech/language symptoms (full reversibility is 1.2
        # B). Motor weakness alone, or with brainstem symptoms only, is not 1.2.3.
        hemiplegic = (
            Status.MET
            if AuraSymptom.MOTOR in symptoms and symptoms & TYPICAL_AURA
            else Status.NOT_MET
        )
        reason = message("aura_symptoms", symptoms=[s.value for s in symptoms])
    headache = of_answer(aura.headache_within_60_min) if aura is not None else Status.UNKNOWN
    typical = "only visual, sensory and/or speech symptoms; no motor, brainstem or retinal"
    subtype("1.2.1", "Migraine with typical aura", "T", typical, kinds, reason)
    subtype(
        "1.2.1.1",
        "Typical aura with headache",
        "T",
        typical + "; headache during or within 60 min",
        all_of([kinds, headache]),
        reason,
    )
    subtype(
        "1.2.1.2",
        "Typical aura without headache",
        "T",
        typical + "; no headache within 60 min",
        all_of([kinds, not_(headache)]),
        reason,
    )
    subtype(
        "1.2.2",
        "Migraine with brainstem aura",
        "S",
        "at least 2 of: dysarthria, vertigo, tinnitus, hypacusis, diplopia, ataxia, decreased "
        "consciousness; no motor or retinal",
        brainstem,
        reason,
        brainstem_to_settle,
    )
    hemiplegic_criterion = subtype(
        "1.2.3",
        "Hemiplegic migraine",
        "S",
        "motor weakness, and visual, sensory and/or speech symptoms",
        hemiplegic,
        reason,
    )
    if hemiplegic is not Status.NOT_MET and aura is not None:
        # ICHD-3 1.2.3.1 B: a first- or second-degree relative has had attacks meeting 1.2.3;
        # 1.2.3.2 B: none has.
        relative = of_answer(aura.relative_with_hemiplegic_aura)
        relative_reason = message(
            "relative_hemiplegic", relative=aura.relative_with_hemiplegic_aura
        )
        family = "whether a first- or second-degree relative has had hemiplegic aura"
        subtype(
            "1.2.3.1",
            "Familial hemiplegic migraine",
            "F",
            "a first- or second-degree relative has had hemiplegic aura",
            relative,
            relative_reason,
            family,
            (hemiplegic_criterion,),
        )
        subtype(
            "1.2.3.2",
            "Sporadic hemiplegic migraine",
            "F",
            "no first- or second-degree relative has had hemiplegic aura",
            not_(relative),
            relative_reason,
            family,
            (hemiplegic_criterion,),
        )
    return evaluations

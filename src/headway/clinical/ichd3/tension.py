"""2. Tension-type headache: 2.1 infrequent, 2.2 frequent episodic, 2.3 chronic, each with or
without pericranial tenderness (x.1 / x.2), and 2.4 probable TTH.

Source: ICHD-3, clinical-reference.md section 2 (table and notes).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from headway.clinical.ichd3.criteria import (
    Criterion,
    Evaluation,
    Status,
    all_of,
    at_least,
    definite,
    in_range,
    not_,
    of_answer,
    probable,
    range_within,
)
from headway.clinical.ichd3.profile import HeadacheProfile, Intensity, Nausea
from headway.clinical.messages import Message, known, message, parts, span


@dataclass(frozen=True)
class _Type:
    code: str
    name: str
    probable_code: str
    frequency: str
    days_low: float | None  # inclusive
    days_high: float | None  # exclusive upper bound, as "< 1 day" and "< 15 days"
    needs_months: bool


TYPES = (
    _Type(
        "2.1",
        "Infrequent episodic tension-type headache",
        "2.4.1",
        "at least 10 episodes, on fewer than 1 day a month",
        None,
        1,
        False,
    ),
    _Type(
        "2.2",
        "Frequent episodic tension-type headache",
        "2.4.2",
        "at least 10 episodes, on 1-14 days a month for more than 3 months",
        1,
        15,
        True,
    ),
    _Type(
        "2.3",
        "Chronic tension-type headache",
        "2.4.3",
        "headache on 15 or more days a month for more than 3 months",
        15,
        None,
        True,
    ),
)


def _frequency(profile: HeadacheProfile, kind: _Type) -> Criterion:
    days, months = profile.headache_days_per_month, profile.months_at_this_frequency
    statuses = []
    if kind.code != "2.3":
        statuses.append(in_range(profile.attack_count, 10, None))
    if days is None:
        statuses.append(Status.UNKNOWN)
    else:
        low_ok = kind.days_low is None or days >= kind.days_low
        high_ok = kind.days_high is None or days < kind.days_high
        statuses.append(Status.MET if low_ok and high_ok else Status.NOT_MET)
    if kind.needs_months:
        statuses.append(
            Status.UNKNOWN if months is None else Status.MET if months > 3 else Status.NOT_MET
        )
    reason = parts(
        *([known("episodes", profile.attack_count)] if kind.code != "2.3" else []),
        known("days_a_month", days),
        *([known("for_months", months)] if kind.needs_months else []),
    )
    return Criterion(
        "A",
        kind.frequency,
        all_of(statuses),
        reason,
        "number of episodes, headache days a month, and for how many months",
    )


def _features(profile: HeadacheProfile) -> Criterion:
    mild_or_moderate = (
        Status.UNKNOWN
        if profile.intensity_max is None
        else Status.MET
        if profile.intensity_max in (Intensity.MILD, Intensity.MODERATE)
        else Status.NOT_MET
    )
    features = {
        "both_sides": of_answer(profile.bilateral),
        "pressing_or_tightening": of_answer(profile.pressing_or_tightening),
        "mild_or_moderate": mild_or_moderate,
        "not_worse_with_activity": not_(of_answer(profile.aggravated_by_routine_activity)),
    }
    present = [name for name, status in features.items() if status is Status.MET]
    return Criterion(
        "C",
        "at least 2 of: both sides, pressing or tightening, mild or moderate, not worse with "
        "routine activity",
        at_least(2, features.values()),
        message("present", features=present),
        "side, quality, intensity and effect of activity",
    )


def _associated(profile: HeadacheProfile, chronic: bool) -> Criterion:
    light, sound = of_answer(profile.photophobia), of_answer(profile.phonophobia)
    no_vomiting = not_(of_answer(profile.vomiting))
    if chronic:
        # 2.3 D: at most one of light sensitivity, sound sensitivity and mild nausea; no
        # moderate or severe nausea, no vomiting.
        mild_nausea = (
            Status.UNKNOWN
            if profile.nausea is None
            else Status.MET
            if profile.nausea is Nausea.MILD
            else Status.NOT_MET
        )
        no_strong_nausea = (
            Status.UNKNOWN
            if profile.nausea is None
            else Status.NOT_MET
            if profile.nausea is Nausea.MODERATE_OR_SEVERE
            else Status.MET
        )
        at_most_one = not_(at_least(2, [light, sound, mild_nausea]))
        status = all_of([at_most_one, no_strong_nausea, no_vomiting])
        summary = (
            "at most one of light sensitivity, sound sensitivity, mild nausea; no "
            "moderate or severe nausea; no vomiting"
        )
    else:
        no_nausea = (
            Status.UNKNOWN
            if profile.nausea is None
            else Status.MET
            if profile.nausea is Nausea.NONE
            else Status.NOT_MET
        )
        at_most_one = not_(all_of([light, sound]))
        status = all_of([no_nausea, no_vomiting, at_most_one])
        summary = "no nausea or vomiting; not both light and sound sensitivity"
    # The nausea answer as given (none, mild, moderate or severe): 2.x D turns on how strong it is.
    reason = message(
        "associated",
        nausea=None if profile.nausea is None else profile.nausea.value,
        vomiting=profile.vomiting,
        photophobia=profile.photophobia,
        phonophobia=profile.phonophobia,
    )
    return Criterion(
        "D",
        summary,
        status,
        reason,
        "nausea (and how strong), vomiting, light and sound sensitivity",
    )


def tension_type(profile: HeadacheProfile) -> list[Evaluation]:
    evaluations: list[Evaluation] = []
    probable_forms: list[Evaluation] = []
    for kind in TYPES:
        chronic = kind.code == "2.3"
        if chronic:
            # 2.3 B: lasting hours to days, or unremitting (taken as at least 30 minutes).
            b = range_within(
                profile.duration_min_hours, profile.duration_max_hours, 0.5, float("inf")
            )
            b_summary = "lasting hours to days, or unremitting"
        else:
            b = range_within(profile.duration_min_hours, profile.duration_max_hours, 0.5, 168)
            b_summary = "lasting 30 minutes to 7 days"
        criteria = (
            _frequency(profile, kind),
            Criterion("B", b_summary, b, _duration(profile), "how long episodes last"),
            _features(profile),
            _associated(profile, chronic),
        )
        main = definite(kind.code, kind.name, criteria)
        evaluations.append(main)
        tenderness = of_answer(profile.pericranial_tenderness)
        for suffix, label, status in (
            (".1", "with pericranial tenderness", tenderness),
            (".2", "without pericranial tenderness", not_(tenderness)),
        ):
            extra = Criterion(
                "P",
                f"pericranial tenderness on manual palpation: {label.split()[0]}",
                status,
                message("tenderness_not_examined")
                if profile.pericranial_tenderness is None
                else message("tenderness", tenderness=profile.pericranial_tenderness),
                "manual palpation of the pericranial muscles",
            )
            evaluations.append(
                definite(kind.code + suffix, f"{kind.name} {label}", (*criteria, extra))
            )
        # 2.4.1, 2.4.2, 2.4.3: all but one of the criteria of 2.1, 2.2 or 2.3 (ICHD-3 2.4). The
        # types are defined by their frequency and exclude each other, so the headache days a
        # month decide which probable type it is: a headache on 14 days a month is never
        # "probable infrequent" just because everything but the frequency fits, and without
        # the days a month the probable type stays undecided (criterion F).
        all_but_one = probable(
            kind.probable_code, "Probable " + kind.name[0].lower() + kind.name[1:], criteria
        )
        band = _band(profile.headache_days_per_month, kind)
        probable_forms.append(all_but_one)
        evaluations.append(
            replace(
                all_but_one,
                criteria=(*criteria, band),
                outcome=all_of([all_but_one.outcome, band.status]),
            )
        )
    undecided = _probable_type_undecided(profile, probable_forms)
    if undecided is not None:
        evaluations.append(undecided)
    return evaluations


BANDS = {
    "2.1": "fewer than 1 headache day a month (infrequent)",
    "2.2": "1-14 headache days a month (frequent)",
    "2.3": "15 or more headache days a month (chronic)",
}


def _band(days: float | None, kind: _Type) -> Criterion:
    if days is None:
        status = Status.UNKNOWN
    else:
        low_ok = kind.days_low is None or days >= kind.days_low
        high_ok = kind.days_high is None or days < kind.days_high
        status = Status.MET if low_ok and high_ok else Status.NOT_MET
    return Criterion(
        "F", BANDS[kind.code], status, known("days_a_month", days), "headache days a month"
    )


def _probable_type_undecided(
    profile: HeadacheProfile, probable_forms: list[Evaluation]
) -> Evaluation | None:
    """2.4 Probable tension-type headache, its type left open: all but one criterion of 2.1
    or of 2.2 fit, but without the headache days a month neither 2.4.1 nor 2.4.2 can be
    chosen (they exclude each other). The only way both fit is that the one criterion they
    miss is A, on the number of episodes; B to D are the same for both."""
    if profile.headache_days_per_month is not None:
        return None
    met = [e for e in probable_forms if e.outcome is Status.MET]
    if not met:
        return None
    _a, *shared = met[0].criteria
    count = profile.attack_count
    return Evaluation(
        "2.4",
        "Probable tension-type headache",
        True,
        (
            Criterion(
                "A",
                "at least 10 episodes",
                in_range(count, 10, None),
                known("episodes", count),
                "number of episodes",
            ),
            *shared,
            Criterion(
                "F",
                "the headache days a month decide between 2.4.1 (infrequent) and 2.4.2 (frequent)",
                Status.UNKNOWN,
                known("days_a_month", None),
                "headache days a month",
            ),
        ),
        Status.MET,
    )


def _duration(profile: HeadacheProfile) -> Message:
    return span("duration", profile.duration_min_hours, profile.duration_max_hours)

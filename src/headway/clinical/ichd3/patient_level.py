"""Diagnoses that look at the patient as a whole, across kinds of headache: 1.3 Chronic
migraine, 8.2 Medication-overuse headache and 11.2.1 Cervicogenic headache.

Sources: clinical-reference.md 1.3, 8.2 and 11.2.1 (ICHD-3 2018 numbering and thresholds).
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
)
from headway.clinical.ichd3.profile import (
    ClassificationInput,
    DrugClass,
    MedicationUse,
)
from headway.clinical.messages import Message, known, message, parts


def _total_days(data: ClassificationInput) -> tuple[float | None, float | None]:
    """Headache days a month over all kinds, and for how many months. Without a total, the
    largest single kind is a lower bound (kinds may share days)."""
    if data.total_headache_days_per_month is not None:
        return data.total_headache_days_per_month, data.total_headache_months
    known = [p for p in data.profiles if p.headache_days_per_month is not None]
    if not known:
        return None, data.total_headache_months
    largest = max(known, key=lambda p: p.headache_days_per_month or 0)
    return (
        largest.headache_days_per_month,
        data.total_headache_months or largest.months_at_this_frequency,
    )


def _over_3_months(months: float | None) -> Status:
    return Status.UNKNOWN if months is None else Status.MET if months > 3 else Status.NOT_MET


def chronic_migraine(
    data: ClassificationInput, migraine_attacks: Status, migraine_days: Status
) -> Evaluation:
    """1.3. `migraine_attacks`: at least 5 attacks meeting 1.1 B-D or 1.2 B-C (from the profiles);
    `migraine_days`: migraine-like on at least 8 days a month for more than 3 months."""
    days, months = _total_days(data)
    a = all_of([in_range(days, 15, None), _over_3_months(months)])
    return definite(
        "1.3",
        "Chronic migraine",
        (
            Criterion(
                "A",
                (
                    "headache (migraine-like or tension-like) on 15 or more days a month for "
                    "more than 3 months"
                ),
                a,
                parts(known("days_a_month", days), known("for_months", months)),
                "headache days a month over all kinds of headache, and for how many months",
            ),
            Criterion(
                "B",
                "at least 5 attacks that meet the criteria of migraine without or with aura",
                migraine_attacks,
                message("from_migraine_kind"),
                "the features of the patient's migraine-like attacks",
            ),
            Criterion(
                "C",
                (
                    "migraine-like (or relieved by a triptan or ergot) on 8 or more days a "
                    "month for more than 3 months"
                ),
                migraine_days,
                message("from_migraine_days"),
                "migraine-like days a month",
            ),
        ),
    )


# 8.2 thresholds in days a month, all for more than 3 months (reference 8.2 table).
OVERUSE_DAYS = {
    DrugClass.ERGOTAMINE: ("8.2.1", "Ergotamine-overuse headache", 10),
    DrugClass.TRIPTAN: ("8.2.2", "Triptan-overuse headache", 10),
    DrugClass.NON_OPIOID_ANALGESIC: ("8.2.3", "Non-opioid analgesic-overuse headache", 15),
    DrugClass.OPIOID: ("8.2.4", "Opioid-overuse headache", 10),
    DrugClass.COMBINATION_ANALGESIC: ("8.2.5", "Combination-analgesic-overuse headache", 10),
    DrugClass.UNVERIFIED: (
        "8.2.7",
        "Medication-overuse headache attributed to unverified overuse of multiple drug classes",
        10,
    ),
    DrugClass.OTHER: ("8.2.8", "Medication-overuse headache attributed to other medication", 10),
}
_MULTIPLE = (
    DrugClass.ERGOTAMINE,
    DrugClass.TRIPTAN,
    DrugClass.NON_OPIOID_ANALGESIC,
    DrugClass.OPIOID,
)


# A month has at most 31 days: entries that add up to more cannot all fall on different days.
DAYS_IN_MONTH = 31


def _uses(data: ClassificationInput, drug_class: DrugClass) -> list[MedicationUse]:
    return [m for m in data.medication if m.drug_class is drug_class]


def _at_most(uses: list[MedicationUse], ceiling: float = DAYS_IN_MONTH) -> float:
    """The most days a month these entries can cover: each on days of its own, within a month
    and, where the patient said it, within the days a month with any acute medication."""
    return min(sum(u.days_per_month for u in uses), ceiling)


def _class_overuse(
    uses: list[MedicationUse], threshold: float, ceiling: float = DAYS_IN_MONTH
) -> tuple[Status, Message]:
    """8.2 B for one drug class: on `threshold` or more days a month for more than 3 months.

    ICHD-3 counts days with the class, not doses or products: paracetamol and ibuprofen are one
    class (8.2.3), and a day with both counts once. Several entries of one class (two
    products, or the same one entered twice) cover between the largest entry's days (all on
    the same days) and their sum, at most a month (all on different days). So one entry at the
    threshold meets B, the sum below it does not, and in between the entries may overlap and B
    is unknown, never "not met": the days a month with any drug of the class settle it.
    """
    if len(uses) == 1:
        (use,) = uses
        status = all_of([in_range(use.days_per_month, threshold, None), _over_3_months(use.months)])
        return status, parts(
            message("days_a_month", days=use.days_per_month), known("for_months", use.months)
        )
    alone = any_of(
        [
            all_of([in_range(u.days_per_month, threshold, None), _over_3_months(u.months)])
            for u in uses
        ]
    )
    # Only entries that may have lasted more than 3 months can add up to overuse.
    lasting = [u for u in uses if _over_3_months(u.months) is not Status.NOT_MET]
    if alone is not Status.NOT_MET:
        status = alone
    elif lasting and _at_most(lasting, ceiling) >= threshold:
        status = Status.UNKNOWN
    else:
        status = Status.NOT_MET
    low = max(u.days_per_month for u in uses)
    high = max(low, _at_most(uses, ceiling))
    entries = (
        message("class_entries", count=len(uses), low=low, high=high)
        if high > low
        else message("days_a_month", days=low)  # no room for overlap: the largest is all
    )
    months = [u.months for u in uses if u.months is not None]
    if len(months) < len(uses):
        return status, parts(entries, message("for_months_unknown"))
    if min(months) == max(months):
        return status, parts(entries, known("for_months", months[0]))
    return status, parts(entries, message("for_months_range", low=min(months), high=max(months)))


def medication_overuse(data: ClassificationInput, primary_headache: Status) -> list[Evaluation]:
    days, _months = _total_days(data)
    a = all_of([in_range(days, 15, None), primary_headache])
    criterion_a = Criterion(
        "A",
        "headache on 15 or more days a month, with a pre-existing headache disorder",
        a,
        known("headache_days_a_month", days),
        "headache days a month over all kinds of headache",
    )
    evaluations = []
    overused_classes = []
    # A class's days are among the days with any acute medication, where the patient gave them.
    ceiling = min(DAYS_IN_MONTH, data.acute_medication_days_per_month or DAYS_IN_MONTH)
    for drug_class, (code, name, threshold) in OVERUSE_DAYS.items():
        uses = _uses(data, drug_class)
        if uses:
            b, reason = _class_overuse(uses, threshold, ceiling)
        else:
            b, reason = Status.NOT_MET, message("no_drug_recorded", drug=drug_class.value)
        if drug_class in _MULTIPLE:
            overused_classes.append(b)
        evaluations.append(
            definite(
                code,
                name,
                (
                    criterion_a,
                    Criterion(
                        "B",
                        (
                            f"{drug_class.value.replace('_', ' ')} on {threshold} or more days a "
                            f"month for more than 3 months"
                        ),
                        b,
                        reason,
                        "days a month with this medication, and for how many months",
                    ),
                ),
            )
        )
    # 8.2.6: ergotamine, triptans, non-opioid analgesics and/or opioids on 10 or more days a month
    # in total, with no single class overused ([R] in the reference).
    # Every entry counts (several of one class may cover more days than the largest alone).
    uses = [m for m in data.medication if m.drug_class in _MULTIPLE]
    if data.acute_medication_days_per_month is not None:
        total = in_range(data.acute_medication_days_per_month, 10, None)
        total_reason = message("medication_days_total", days=data.acute_medication_days_per_month)
    elif uses and max(u.days_per_month for u in uses) >= 10:
        total = Status.MET
        total_reason = message("one_class_reaches_10")
    elif _at_most(uses) < 10:
        total = Status.NOT_MET
        total_reason = message("classes_under_10")
    else:
        total = Status.UNKNOWN
        total_reason = message("classes_may_share_days")
    months_ok = all_of([_over_3_months(u.months) for u in uses]) if uses else Status.NOT_MET
    several = Status.MET if len({u.drug_class for u in uses}) >= 2 else Status.NOT_MET
    # No class overused alone; a class that may be overused (unknown) leaves this open too.
    none_single = not_(any_of(overused_classes))
    evaluations.append(
        definite(
            "8.2.6",
            (
                "Medication-overuse headache attributed to multiple drug classes not "
                "individually overused"
            ),
            (
                criterion_a,
                Criterion(
                    "B",
                    (
                        "two or more of ergotamine, triptans, non-opioid analgesics, opioids on "
                        "10 or more days a month in total for more than 3 months, none overused "
                        "alone"
                    ),
                    all_of([several, total, months_ok, none_single]),
                    total_reason,
                    "days a month with any acute headache medication",
                ),
            ),
        )
    )
    return evaluations


def cervicogenic(data: ClassificationInput) -> Evaluation:
    findings = data.cervical
    if findings.myofascial_trigger_points_only is True:
        b = Status.NOT_MET
        b_reason = message("trigger_points_only")
    else:
        b = of_answer(findings.evidence_of_cervical_disorder)
        b_reason = message(
            {
                Status.MET: "evidence_recorded",
                Status.NOT_MET: "no_evidence",
                Status.UNKNOWN: "not_recorded",
            }[b]
        )
    causation = {
        "temporal_relation": of_answer(findings.temporal_relation_to_onset),
        "parallel_improvement": of_answer(findings.improves_in_parallel),
        "reduced_motion_and_provocation": of_answer(findings.reduced_motion_and_provocation),
        "diagnostic_block": of_answer(findings.abolished_by_diagnostic_block),
    }
    present = [k for k, v in causation.items() if v is Status.MET]
    return definite(
        "11.2.1",
        "Cervicogenic headache",
        (
            Criterion(
                "A",
                "any headache meeting C",
                Status.MET if data.profiles else Status.UNKNOWN,
                message("kinds_described", count=len(data.profiles)),
                "the headache",
            ),
            Criterion(
                "B",
                (
                    "evidence of a disorder or lesion of the cervical spine or neck soft "
                    "tissues known to cause headache"
                ),
                b,
                b_reason,
                "clinical, laboratory or imaging evidence of a neck disorder",
            ),
            Criterion(
                "C",
                (
                    "causation shown by at least 2 of: temporal relation, parallel improvement, "
                    "reduced motion with provocation, diagnostic block"
                ),
                at_least(2, causation.values()),
                message("present", features=present),
                "history over time, range of motion with provocation, diagnostic block",
            ),
        ),
    )

"""Possible triggers in the diary: how often headache was recorded on days the patient noted a
trigger and on days they did not, each with a 95% confidence interval (Wilson).

This describes the diary; it does not show that a trigger causes headache. Triggers are often
noted while looking for a reason for an attack, which makes them look commoner on headache days
than they were, and a day with a trigger differs from other days in more than that trigger.
Below MIN_DAYS days on either side the numbers say nothing, and the result says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from headway.clinical.outcomes.measures import DiaryDay
from headway.clinical.stats import Proportion, proportion

# Fewer days than this with (or without) a trigger: too few to compare. With 10 days the
# interval around a rate of one half is still about 0.24-0.76 wide.
MIN_DAYS = 10


@dataclass(frozen=True)
class TriggerComparison:
    trigger: str
    with_trigger: Proportion  # headache days among recorded days with the trigger noted
    without_trigger: Proportion  # among recorded days without it

    @property
    def enough_days(self) -> bool:
        return self.with_trigger.total >= MIN_DAYS and self.without_trigger.total >= MIN_DAYS

    @property
    def intervals_overlap(self) -> bool | None:
        a, b = self.with_trigger, self.without_trigger
        if a.low is None or a.high is None or b.low is None or b.high is None:
            return None
        return a.low <= b.high and b.low <= a.high


def trigger_comparisons(days: Iterable[DiaryDay]) -> list[TriggerComparison]:
    """One comparison per trigger the patient ever noted, most-noted first. Only recorded days
    count; a day without an entry is neither."""
    days = list(days)
    return trigger_comparisons_counted(
        recorded_days=len(days),
        headache_days=sum(d.headache for d in days),
        noted=[d for d in days if d.triggers],
    )


def trigger_comparisons_counted(
    *, recorded_days: int, headache_days: int, noted: Iterable[DiaryDay]
) -> list[TriggerComparison]:
    """The same comparisons from the counts of all recorded days and the days that noted a
    trigger only: a day without the trigger is any other recorded day, so a diary of years
    need not be read day by day (issue 13, 2.1)."""
    noted = list(noted)
    counts: dict[str, int] = {}
    for d in noted:
        for trigger in d.triggers:
            counts[trigger] = counts.get(trigger, 0) + 1
    comparisons = []
    for trigger in sorted(counts, key=lambda t: (-counts[t], t)):
        with_days = [d for d in noted if trigger in d.triggers]
        with_headache = sum(d.headache for d in with_days)
        comparisons.append(
            TriggerComparison(
                trigger,
                proportion(with_headache, len(with_days)),
                proportion(headache_days - with_headache, recorded_days - len(with_days)),
            )
        )
    return comparisons

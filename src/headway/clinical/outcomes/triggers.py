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
    noted: dict[str, int] = {}
    for d in days:
        for trigger in d.triggers:
            noted[trigger] = noted.get(trigger, 0) + 1
    comparisons = []
    for trigger in sorted(noted, key=lambda t: (-noted[t], t)):
        with_days = [d for d in days if trigger in d.triggers]
        without_days = [d for d in days if trigger not in d.triggers]
        comparisons.append(
            TriggerComparison(
                trigger,
                proportion(sum(d.headache for d in with_days), len(with_days)),
                proportion(sum(d.headache for d in without_days), len(without_days)),
            )
        )
    return comparisons

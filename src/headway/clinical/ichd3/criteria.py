"""Three-valued criteria: met, not met, or unknown (an unanswered question)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from headway.clinical.messages import Message


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Criterion:
    label: str  # "A", "B", "C" ... as in ICHD-3
    summary: str  # the criterion in Headway's words
    status: Status
    reason: Message  # why it is met, not met or unknown: worded by the reader (messages.py)
    to_settle: str = ""  # for UNKNOWN: the information that would settle it


def of_answer(value: bool | None) -> Status:
    if value is None:
        return Status.UNKNOWN
    return Status.MET if value else Status.NOT_MET


def at_least(n: int, statuses: Iterable[Status]) -> Status:
    """MET when n are met; NOT_MET when even the unknowns could not reach n."""
    values = list(statuses)
    met = values.count(Status.MET)
    unknown = values.count(Status.UNKNOWN)
    if met >= n:
        return Status.MET
    if met + unknown < n:
        return Status.NOT_MET
    return Status.UNKNOWN


def all_of(statuses: Iterable[Status]) -> Status:
    values = list(statuses)
    return at_least(len(values), values)


def any_of(statuses: Iterable[Status]) -> Status:
    return at_least(1, statuses)


def not_(status: Status) -> Status:
    return {Status.MET: Status.NOT_MET, Status.NOT_MET: Status.MET}.get(status, Status.UNKNOWN)


def in_range(value: float | None, low: float | None, high: float | None) -> Status:
    """low <= value <= high; a missing bound is open."""
    if value is None:
        return Status.UNKNOWN
    if low is not None and value < low:
        return Status.NOT_MET
    if high is not None and value > high:
        return Status.NOT_MET
    return Status.MET


def range_within(
    low: float | None, high: float | None, allowed_low: float, allowed_high: float
) -> Status:
    """Does the reported range of attack durations [low, high] fit [allowed_low, allowed_high]?

    Whole range inside: met. No overlap at all: not met. Partly inside, or an end unknown:
    unknown, because some attacks may fit and some not; the count of fitting attacks settles it.
    """
    if low is not None and low > allowed_high:
        return Status.NOT_MET
    if high is not None and high < allowed_low:
        return Status.NOT_MET
    if low is None or high is None:
        return Status.UNKNOWN
    if low >= allowed_low and high <= allowed_high:
        return Status.MET
    return Status.UNKNOWN


@dataclass(frozen=True)
class Evaluation:
    """One ICHD-3 diagnosis tried against one headache profile."""

    code: str
    name: str
    probable: bool
    criteria: tuple[Criterion, ...]
    # MET: suggested; UNKNOWN: undecided, see the criteria's to_settle; NOT_MET: not fulfilled.
    outcome: Status
    note: str = ""

    @property
    def to_settle(self) -> tuple[str, ...]:
        return tuple(
            c.to_settle for c in self.criteria if c.status is Status.UNKNOWN and c.to_settle
        )


def definite(code: str, name: str, criteria: tuple[Criterion, ...], note: str = "") -> Evaluation:
    """All criteria must be met."""
    return Evaluation(code, name, False, criteria, all_of(c.status for c in criteria), note)


def probable(code: str, name: str, criteria: tuple[Criterion, ...], note: str = "") -> Evaluation:
    """ICHD-3 "probable": all but exactly one of the criteria met (1.5, 2.4, 3.5).

    Met: exactly one not met, the rest met. Not met: all met (that is the definite diagnosis) or
    two or more not met. Otherwise undecided.
    """
    statuses = [c.status for c in criteria]
    failed = statuses.count(Status.NOT_MET)
    unknown = statuses.count(Status.UNKNOWN)
    if failed >= 2:
        outcome = Status.NOT_MET
    elif failed == 1 and unknown == 0:
        outcome = Status.MET
    elif failed == 0 and unknown == 0:
        outcome = Status.NOT_MET  # the definite form applies instead
    else:
        outcome = Status.UNKNOWN
    return Evaluation(code, name, True, criteria, outcome, note)

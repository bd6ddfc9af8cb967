"""Scoring, validation and change for the instruments of definitions.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from headway.clinical.instruments.definitions import Band, Instrument, Rule


class AnswerError(ValueError):
    """Answers that cannot be scored. `field` names the item (or "answers")."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


@dataclass(frozen=True)
class Score:
    instrument: str
    value: float  # the reported score (a percentage for NDI and ODI)
    raw: int  # sum of the item scores answered
    band: str | None
    answered: int
    missing: tuple[str, ...]
    subscales: tuple[tuple[str, int], ...] = ()


def _item_score(instrument: Instrument, key: str, answer: Any) -> int:
    item = instrument.item(key)
    if item.options:
        # Paper forms are often entered as the section's number (NDI, ODI: 0-5).
        given = answer
        if isinstance(answer, int) and not isinstance(answer, bool):
            answer = str(answer)
        for option in item.options:
            if option.value == answer:
                return option.score
        allowed = ", ".join(o.value for o in item.options)
        # The answer as it was given: a number stays a number in the message.
        raise AnswerError(key, f"{given!r} is not one of: {allowed}")
    if isinstance(answer, bool) or not isinstance(answer, int):
        raise AnswerError(key, f"{answer!r} is not a whole number")
    assert item.minimum is not None and item.maximum is not None
    if not item.minimum <= answer <= item.maximum:
        raise AnswerError(key, f"{answer} is outside {item.minimum}-{item.maximum}")
    return answer


def band_for(bands: tuple[Band, ...], value: float) -> str | None:
    """The band whose lower bound is the greatest one not above the value (bands are given by
    their published whole-number bounds; a fractional score falls in the band it has reached)."""
    reached = [b for b in bands if b.low <= value]
    return max(reached, key=lambda b: b.low).label if reached else None


def score(instrument: Instrument, answers: dict[str, Any]) -> Score:
    """Validate and score. None means the item was left unanswered."""
    if not isinstance(answers, dict):
        raise AnswerError("answers", "must be an object mapping item keys to answers")
    known = {item.key for item in instrument.items}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise AnswerError(unknown[0], f"no such item in {instrument.key}")
    scores: dict[str, int] = {}
    for key, answer in answers.items():
        if answer is not None:
            scores[key] = _item_score(instrument, key, answer)
    scored = instrument.scored_items
    missing = tuple(i.key for i in scored if i.key not in scores)
    if len(missing) > instrument.max_missing:
        raise AnswerError(
            missing[0],
            f"not answered ({len(missing)} of {len(scored)} missing; {instrument.missing_rule})",
        )
    raw = sum(scores[i.key] for i in scored if i.key in scores)
    answered = len(scored) - len(missing)
    if instrument.rule is Rule.PERCENT_OF_ANSWERED:
        possible = sum(i.max_score for i in scored if i.key in scores)
        value = round(raw / possible * 100, 1)
    else:
        value = float(raw)
    if instrument.band_scale == "raw":
        # NDI bands are on the raw 0-50 scale; with a missing section the percentage is
        # brought back to that scale (percent of 50).
        full = sum(i.max_score for i in scored)
        band = band_for(instrument.bands, value / 100 * full)
    else:
        band = band_for(instrument.bands, value)
    subscales: dict[str, int] = {}
    for item in scored:
        if item.subscale and item.key in scores:
            subscales[item.subscale] = subscales.get(item.subscale, 0) + scores[item.key]
    return Score(
        instrument.key, value, raw, band, answered, missing, tuple(sorted(subscales.items()))
    )


@dataclass(frozen=True)
class Change:
    delta: float  # after minus before, in points of the reported score
    improved: bool
    # Whether the change reaches the minimal clinically important difference; None when the
    # instrument has none.
    meaningful: bool | None


def change_between(instrument: Instrument, before: Score, after: Score) -> Change:
    delta = round(after.value - before.value, 1)
    improved = delta < 0 if instrument.lower_is_better else delta > 0
    meaningful = None if instrument.mcid is None else improved and abs(delta) >= instrument.mcid
    return Change(delta, improved, meaningful)

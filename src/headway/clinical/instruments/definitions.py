"""The seven instruments: items, options and item scores, recall period, scoring rule, bands,
missing-item rule, minimal clinically important change and licence note.

Every number below is from clinical-reference.md section 4 unless a comment says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Rule(StrEnum):
    SUM = "sum"  # total of the item scores
    PERCENT_OF_ANSWERED = "percent_of_answered"  # sum / (max per item x answered) x 100
    SINGLE = "single"  # one item; its score is the score


class Licence(StrEnum):
    # Headway may ship its own wording (public domain or generally free scales).
    FREE = "free"
    # The wording is licensed (or its licence is unconfirmed): the practice installs it.
    PRACTICE_INSTALLS_TEXT = "practice_installs_text"


@dataclass(frozen=True)
class Option:
    value: str
    score: int


@dataclass(frozen=True)
class Item:
    key: str
    options: tuple[Option, ...] = ()
    # Items answered with a number instead of a choice (MIDAS days, NPRS points).
    minimum: int | None = None
    maximum: int | None = None
    subscale: str | None = None
    scored: bool = True

    @property
    def max_score(self) -> int:
        if self.options:
            return max(o.score for o in self.options)
        assert self.maximum is not None
        return self.maximum

    @property
    def min_score(self) -> int:
        if self.options:
            return min(o.score for o in self.options)
        assert self.minimum is not None
        return self.minimum


@dataclass(frozen=True)
class Band:
    low: float  # inclusive
    high: float  # inclusive
    label: str


@dataclass(frozen=True)
class Instrument:
    key: str
    name: str
    items: tuple[Item, ...]
    recall_period: str
    rule: Rule
    bands: tuple[Band, ...]
    # Bands are read on this scale: "score" (the reported score) or "raw" (the item sum; NDI).
    band_scale: str
    max_missing: int
    missing_rule: str
    # Smallest change that matters to a patient, in points of the reported score; None if none
    # was located. Positive number; direction from `lower_is_better`.
    mcid: float | None
    mcid_note: str
    lower_is_better: bool
    licence: Licence
    licence_note: str
    citation: str

    @property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.scored)

    def item(self, key: str) -> Item:
        for candidate in self.items:
            if candidate.key == key:
                return candidate
        raise KeyError(key)


def _zero_to_five(key: str) -> Item:
    return Item(key, tuple(Option(str(n), n) for n in range(6)))


NDI = Instrument(
    key="ndi",
    name="Neck Disability Index",
    items=tuple(
        _zero_to_five(k)
        for k in (
            "pain_intensity",
            "personal_care",
            "lifting",
            "reading",
            "headaches",
            "concentration",
            "work",
            "driving",
            "sleeping",
            "recreation",
        )
    ),
    recall_period="today",
    rule=Rule.PERCENT_OF_ANSWERED,
    # Bands are on the RAW score 0-50 (Vernon's note; reference section 4).
    bands=(
        Band(0, 4, "no disability"),
        Band(5, 14, "mild disability"),
        Band(15, 24, "moderate disability"),
        Band(25, 34, "severe disability"),
        Band(35, 50, "complete disability"),
    ),
    band_scale="raw",
    # Reference: divide by 5 x number answered (16/45 = 35.5% with one section missing). It gives
    # no limit; Headway accepts one missing section and refuses more (a choice to review).
    max_missing=1,
    missing_rule="percent of the sections answered; at most 1 of 10 missing",
    mcid=10,
    mcid_note=(
        "5 raw points = 10 percentage points (MCID = MDC per the author; MDC90 4.7, Stratford 1999)"
    ),
    lower_is_better=True,
    licence=Licence.PRACTICE_INSTALLS_TEXT,
    licence_note=(
        "(c) Howard Vernon; free clinical use widely stated, not confirmed: the practice "
        "installs the text"
    ),
    citation="Vernon H, Mior S. J Manipulative Physiol Ther 1991;14(7):409-15",
)

ODI = Instrument(
    key="odi",
    name="Oswestry Disability Index",
    items=tuple(
        _zero_to_five(k)
        for k in (
            "pain_intensity",
            "personal_care",
            "lifting",
            "walking",
            "sitting",
            "standing",
            "sleeping",
            "sex_life",
            "social_life",
            "travelling",
        )
    ),
    recall_period="today",
    rule=Rule.PERCENT_OF_ANSWERED,
    bands=(
        Band(0, 20, "minimal disability"),
        Band(21, 40, "moderate disability"),
        Band(41, 60, "severe disability"),
        Band(61, 80, "crippling back pain"),
        Band(81, 100, "bed-bound, or exaggerating symptoms"),
    ),
    band_scale="score",
    max_missing=1,
    missing_rule="percent of the sections answered; at most 1 of 10 missing",
    mcid=10,
    mcid_note="about 10 percentage points (commonly cited); MDC90 10 points",
    lower_is_better=True,
    licence=Licence.PRACTICE_INSTALLS_TEXT,
    licence_note=(
        "(c) J. Fairbank; licensed via Mapi Research Trust (ePROVIDE): the practice "
        "installs the text"
    ),
    citation="Fairbank JC, Pynsent PB. Spine 2000;25(22):2940-52",
)

_HIT6_OPTIONS = (
    Option("never", 6),
    Option("rarely", 8),
    Option("sometimes", 10),
    Option("very_often", 11),
    Option("always", 13),
)
HIT6 = Instrument(
    key="hit6",
    name="Headache Impact Test (HIT-6)",
    items=tuple(
        Item(k, _HIT6_OPTIONS)
        for k in ("pain", "social", "role", "vitality", "cognition", "distress")
    ),
    recall_period="4 weeks",
    rule=Rule.SUM,
    bands=(
        Band(36, 49, "little or no impact"),
        Band(50, 55, "some impact"),
        Band(56, 59, "substantial impact"),
        Band(60, 78, "severe impact"),
    ),
    band_scale="score",
    max_missing=0,
    missing_rule="all 6 items required",
    mcid=6,
    mcid_note=(
        "within-person change of 2.5 to 6 points (Smelt 2014); about 6 for chronic migraine "
        "(Houts 2020); Headway uses 6, the stricter end"
    ),
    lower_is_better=True,
    licence=Licence.PRACTICE_INSTALLS_TEXT,
    licence_note=(
        "(c) QualityMetric Inc. and GSK group; licence from QualityMetric: the practice "
        "installs the text"
    ),
    citation="Kosinski M et al. Qual Life Res 2003;12(8):963-74",
)

MIDAS = Instrument(
    key="midas",
    name="Migraine Disability Assessment (MIDAS)",
    items=(
        *(Item(k, minimum=0, maximum=90) for k in ("q1", "q2", "q3", "q4", "q5")),
        # Q A (headache days) and Q B (pain 0-10) are asked but not scored.
        Item("qa", minimum=0, maximum=90, scored=False),
        Item("qb", minimum=0, maximum=10, scored=False),
    ),
    recall_period="3 months",
    rule=Rule.SUM,
    bands=(
        Band(0, 5, "Grade I: little or no disability"),
        Band(6, 10, "Grade II: mild disability"),
        Band(11, 20, "Grade III: moderate disability"),
        Band(21, 450, "Grade IV: severe disability"),
    ),
    band_scale="score",
    max_missing=0,
    missing_rule="all of Q1-Q5 required (days in the last 3 months, 0-90 each)",
    mcid=None,
    mcid_note="no minimal clinically important difference located",
    lower_is_better=True,
    licence=Licence.PRACTICE_INSTALLS_TEXT,
    licence_note=(
        "(c) Innovative Medical Research Inc. 1997; free clinical use common, not "
        "confirmed: the practice installs the text"
    ),
    citation="Stewart WF et al. Neurology 2001;56(6 Suppl 1):S20-8",
)

_HDI_OPTIONS = (Option("yes", 4), Option("sometimes", 2), Option("no", 0))
HDI = Instrument(
    key="hdi",
    name="Henry Ford Hospital Headache Disability Inventory (HDI)",
    # 13 emotional (E) and 12 functional (F) items. Their order on the form comes with the
    # installed text; the keys carry the subscale.
    items=(
        *(Item(f"e{n}", _HDI_OPTIONS, subscale="emotional") for n in range(1, 14)),
        *(Item(f"f{n}", _HDI_OPTIONS, subscale="functional") for n in range(1, 13)),
    ),
    recall_period="not specified (current)",
    rule=Rule.SUM,
    bands=(),
    band_scale="score",
    max_missing=0,
    missing_rule="all 25 items required",
    mcid=29,
    mcid_note="a change of 29 points or more is needed for a true change (Jacobson 1995) [R]",
    lower_is_better=True,
    licence=Licence.PRACTICE_INSTALLS_TEXT,
    licence_note="licence not established: the practice installs the text",
    citation="Jacobson GP et al. Neurology 1994;44(5):837-42",
)

PGIC = Instrument(
    key="pgic",
    name="Patient Global Impression of Change (PGIC)",
    items=(
        Item(
            "change",
            tuple(
                Option(value, n)
                for n, value in enumerate(
                    (
                        "very_much_improved",
                        "much_improved",
                        "minimally_improved",
                        "no_change",
                        "minimally_worse",
                        "much_worse",
                        "very_much_worse",
                    ),
                    start=1,
                )
            ),
        ),
    ),
    recall_period="since the start of treatment",
    rule=Rule.SINGLE,
    # "Much" or "very much improved" is the clinically important response (Farrar 2001).
    bands=(
        Band(1, 2, "much or very much improved"),
        Band(3, 3, "minimally improved"),
        Band(4, 4, "no change"),
        Band(5, 7, "worse"),
    ),
    band_scale="score",
    max_missing=0,
    missing_rule="the single item is required",
    mcid=None,
    mcid_note="a rating of 1 or 2 counts as a clinically important improvement (Farrar 2001)",
    lower_is_better=True,
    licence=Licence.FREE,
    licence_note="generally treated as free (derived from the CGI, Guy 1976)",
    citation="Farrar JT et al. Pain 2001;94(2):149-58",
)

NPRS = Instrument(
    key="nprs",
    name="Numeric Pain Rating Scale (NPRS)",
    items=(Item("pain", minimum=0, maximum=10),),
    recall_period="now",
    rule=Rule.SINGLE,
    bands=(),
    band_scale="score",
    max_missing=0,
    missing_rule="the single item is required",
    mcid=2,
    mcid_note="about 2 points or 30% (Farrar 2001); it rises with baseline pain (Thieme 2021)",
    lower_is_better=True,
    licence=Licence.FREE,
    licence_note="public domain",
    citation="Farrar JT et al. Pain 2001;94(2):149-58",
)

INSTRUMENTS: dict[str, Instrument] = {i.key: i for i in (NDI, MIDAS, HIT6, HDI, ODI, PGIC, NPRS)}


def instrument(key: str) -> Instrument:
    try:
        return INSTRUMENTS[key]
    except KeyError:
        raise KeyError(f"unknown instrument {key!r}; known: {', '.join(INSTRUMENTS)}") from None

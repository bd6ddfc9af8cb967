"""Outcome questionnaires as data, and their scoring (clinical-reference.md section 4).

Structure and scoring are code; item wording is data, one file per instrument and language. The
wording of validated questionnaires is licensed material: Headway ships its own plain wording only
for the public single-item scales (NPRS, PGIC), marked as not the validated form. For HIT-6 and
ODI (proprietary) and for NDI, MIDAS and HDI (licence not confirmed, reference: "verify"), the
practice installs the text under its own licence (see `load_text`).
"""

from headway.clinical.instruments.definitions import INSTRUMENTS, instrument
from headway.clinical.instruments.scoring import (
    AnswerError,
    Change,
    Score,
    change_between,
    score,
)
from headway.clinical.instruments.text import InstrumentText, TextNotInstalled, load_text

__all__ = [
    "INSTRUMENTS",
    "AnswerError",
    "Change",
    "InstrumentText",
    "Score",
    "TextNotInstalled",
    "change_between",
    "instrument",
    "load_text",
    "score",
]

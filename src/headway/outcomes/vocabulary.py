"""Words for the core's outcome values, translated (the core speaks English identifiers)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from headway.clinical.outcomes.measures import Measure, Sustained
from headway.clinical.outcomes.schedule import State

# The instruments' published band labels (clinical-reference.md section 4).
BANDS = {
    "no disability": _("no disability"),
    "mild disability": _("mild disability"),
    "moderate disability": _("moderate disability"),
    "severe disability": _("severe disability"),
    "complete disability": _("complete disability"),
    "minimal disability": _("minimal disability"),
    "crippling back pain": _("crippling back pain"),
    "bed-bound, or exaggerating symptoms": _("bed-bound, or exaggerating symptoms"),
    "little or no impact": _("little or no impact"),
    "some impact": _("some impact"),
    "substantial impact": _("substantial impact"),
    "severe impact": _("severe impact"),
    "Grade I: little or no disability": _("Grade I: little or no disability"),
    "Grade II: mild disability": _("Grade II: mild disability"),
    "Grade III: moderate disability": _("Grade III: moderate disability"),
    "Grade IV: severe disability": _("Grade IV: severe disability"),
    "much or very much improved": _("much or very much improved"),
    "minimally improved": _("minimally improved"),
    "no change": _("no change"),
    "worse": _("worse"),
}

MEASURES = {
    Measure.HEADACHE_DAYS: _("Headache days per 28 days"),
    Measure.MIGRAINE_LIKE_DAYS: _("Migraine-like days per 28 days"),
    Measure.ATTACKS_PER_WEEK: _("Attacks per week"),
    Measure.MEAN_INTENSITY: _("Mean intensity on headache days"),
    Measure.PEAK_INTENSITY: _("Highest intensity"),
    Measure.ACUTE_MEDICATION_DAYS: _("Days with acute medicine per 28 days"),
    Measure.SELF_MANAGEMENT_SUCCESS: _("Attacks stopped by the self-management movement"),
}

SUSTAINED = {
    Sustained.YES: _("yes"),
    Sustained.NO: _("no"),
    Sustained.UNKNOWN: _("unknown: too few diary days"),
    Sustained.NOT_YET: _("not reached yet"),
    Sustained.NO_BASELINE: _("not applicable: none at baseline"),
}

STATES = {
    State.DONE: _("done"),
    State.UPCOMING: _("upcoming"),
    State.OPEN: _("open"),
    State.OVERDUE: _("overdue"),
    State.UNSCHEDULED: _("after the first treatment"),
}


# The instruments' recall periods (clinical/instruments/definitions.py).
RECALL = {
    "today": _("today"),
    "4 weeks": _("the last 4 weeks"),
    "3 months": _("the last 3 months"),
    "not specified (current)": _("not specified (how things are now)"),
    "since the start of treatment": _("since the start of treatment"),
    "now": _("now"),
}


def band_label(label: str | None) -> str:
    return str(BANDS.get(label, label)) if label else ""


# Section titles of the questionnaires, for the paper-form entry when the practice has not
# installed the licensed wording: the titles name what each section asks about (the sections
# listed in clinical-reference.md section 4, MIDAS's questions as described there), not the
# licensed statements.
_NDI_ODI_COMMON = {
    "pain_intensity": _("Pain intensity"),
    "personal_care": _("Personal care (washing, dressing)"),
    "lifting": _("Lifting"),
    "sleeping": _("Sleeping"),
}
SECTION_TITLES: dict[str, dict[str, Any]] = {
    "ndi": {
        **_NDI_ODI_COMMON,
        "reading": _("Reading"),
        "headaches": _("Headaches"),
        "concentration": _("Concentration"),
        "work": _("Work"),
        "driving": _("Driving"),
        "recreation": _("Recreation"),
    },
    "odi": {
        **_NDI_ODI_COMMON,
        "walking": _("Walking"),
        "sitting": _("Sitting"),
        "standing": _("Standing"),
        "sex_life": _("Sex life"),
        "social_life": _("Social life"),
        "travelling": _("Travelling"),
    },
    "midas": {
        "q1": _("Days of work or school missed"),
        "q2": _("Days of work or school at half productivity or less"),
        "q3": _("Days of household work missed"),
        "q4": _("Days of household work at half productivity or less"),
        "q5": _("Days of family, social or leisure activities missed"),
        "qa": _("Days with headache (not scored)"),
        "qb": _("Usual pain, 0-10 (not scored)"),
    },
}

# Answer options of the questionnaires whose answers are words (HIT-6, HDI).
ANSWER_WORDS = {
    "never": _("Never"),
    "rarely": _("Rarely"),
    "sometimes": _("Sometimes"),
    "very_often": _("Very often"),
    "always": _("Always"),
    "yes": _("Yes"),
    "no": _("No"),
}

"""Words for the core's outcome values, translated (the core speaks English identifiers)."""

from __future__ import annotations

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

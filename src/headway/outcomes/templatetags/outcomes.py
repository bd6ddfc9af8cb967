from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from headway.clinical.instruments.definitions import Rule
from headway.clinical.instruments.definitions import instrument as definition_of
from headway.clinical.outcomes.measures import Measure, PeriodMeasures
from headway.clinical.outcomes.overuse import OveruseFinding
from headway.clinical.stats import Proportion
from headway.diary.labels import DRUG_CLASSES
from headway.outcomes.vocabulary import band_label

register = template.Library()


@register.filter
def finding_classes(finding: OveruseFinding) -> str:
    names = [str(DRUG_CLASSES.get(c.value, c.value)) for c in finding.drug_classes]
    return _(" and ").join(names) if len(names) > 1 else names[0]


@register.filter
def band(label: str | None) -> str:
    return band_label(label)


@register.filter
def measure(m: PeriodMeasures, name: str) -> str:
    value = m.value(Measure(name))
    if value is None:
        return "\u2013"
    if name == Measure.SELF_MANAGEMENT_SUCCESS:
        return f"{round(value * 100)} %"
    return str(number_format(value, 1))


@register.filter
def signed(value: float | None) -> str:
    if value is None:
        return "\u2013"
    return ("+" if value > 0 else "") + str(number_format(value, 1))


def _proportion(p: Proportion, wording: str) -> str:
    if p.rate is None or p.low is None or p.high is None:
        return "\u2013"
    # Whole percents; number_format would cut decimals off rather than round.
    return wording % {
        "n": p.successes,
        "total": p.total,
        "rate": round(p.rate * 100),
        "interval": f"{round(p.low * 100)}\u2013{round(p.high * 100)}",
    }


@register.filter
def share(p: Proportion) -> str:
    """Such as "8 of 12 days (67 %, 95 % CI 39-86 %)"."""
    return _proportion(p, _("%(n)s of %(total)s days (%(rate)s %%, 95 %% CI %(interval)s %%)"))


@register.filter
def trigger_name(value: str) -> str:
    from headway.diary.models import Trigger

    return str(Trigger(value).label) if value in Trigger.values else value


@register.filter
def percent(p: Proportion) -> str:
    return "\u2013" if p.rate is None else f"{round(p.rate * 100)} %"


@register.filter
def rate_ci(p: Proportion) -> str:
    """Such as "6 of 10: 60 % (31-83 %)"."""
    return _proportion(p, _("%(n)s of %(total)s: %(rate)s %% (%(interval)s %%)"))


@register.filter
def score(value: float | None, instrument: object) -> str:
    """A questionnaire's score, with "%" for those scored as a percentage (NDI, ODI: a score of
    32 means 32 % of the highest possible disability; issue 13, 1.4). `instrument` is the
    instrument's definition or its key."""
    if value is None:
        return "\u2013"
    definition = definition_of(instrument) if isinstance(instrument, str) else instrument
    shown = str(number_format(round(value, 1), 1 if value != int(value) else 0))
    return f"{shown} %" if getattr(definition, "rule", None) == Rule.PERCENT_OF_ANSWERED else shown

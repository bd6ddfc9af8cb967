from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from headway.clinical.instruments.definitions import Rule
from headway.clinical.instruments.definitions import instrument as definition_of
from headway.clinical.outcomes.measures import Measure, PeriodMeasures
from headway.clinical.outcomes.overuse import OveruseFinding
from headway.clinical.stats import Proportion
from headway.diary.labels import DRUG_CLASSES
from headway.outcomes.queries import PeriodRow
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


@register.filter
def table_rows(rows: Iterable[Iterable[object]]) -> str:
    """A chart's values as table rows, escaped, joined in Python: the template engine took
    about a millisecond per row, and a chart over 5 years has 65 (issue 13, 2.1)."""
    return format_html_join(
        "",
        "<tr>{}</tr>",
        ((format_html_join("", "<td>{}</td>", ((v,) for v in row)),) for row in rows),
    )


MEASURE_COLUMNS = (
    "headache_days",
    "migraine_like_days",
    "attacks_per_week",
    "mean_intensity",
    "acute_medication_days",
    "self_management_success",
)


@register.simple_tag
def period_rows(rows: Iterable[PeriodRow], **words: str) -> str:
    """The rows of the table of measures per period, built in Python for the same reason as
    table_rows (65 rows at 5 years). `words` carries the template's translations: baseline,
    few (too few diary days), r50, r30 and no."""

    def change(row: PeriodRow) -> str:
        if not row.change:
            return ""
        text = signed(row.change.delta)
        if row.change.percent is not None:
            text += f" ({signed(row.change.percent)} %)"
        return text

    def responder(row: PeriodRow) -> str:
        if not row.change:
            return ""
        if row.change.responder_50:
            return words["r50"]
        if row.change.responder_30:
            return words["r30"]
        return words["no"] if row.change.responder_50 is False else "\u2013"

    built = []
    for row in rows:
        m = row.measures
        name = (
            words["baseline"] if m.period.index == 0 else _("Period %(n)s") % {"n": m.period.index}
        )
        built.append(
            format_html(
                '<tr><th scope="row">{}<br><small>{} \u2013 {}</small></th><td>{}/{}{}</td>{}'
                "<td>{}</td><td>{}</td></tr>",
                name,
                date_format(m.period.start, "SHORT_DATE_FORMAT"),
                date_format(m.period.end, "SHORT_DATE_FORMAT"),
                m.recorded_days,
                m.period.days,
                format_html("<br><small>{}</small>", words["few"]) if not m.evaluable else "",
                format_html_join("", "<td>{}</td>", ((measure(m, c),) for c in MEASURE_COLUMNS)),
                change(row),
                responder(row),
            )
        )
    return mark_safe("".join(built))  # noqa: S308 - each row built by format_html

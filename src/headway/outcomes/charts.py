"""Outcome charts drawn on the server with matplotlib as SVG: the same chart in the page and in
the PDF report. Every chart carries a text alternative (a sentence and the table of its values)
for screen readers and for readers of the printed report."""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import dateformat, formats
from django.utils.translation import gettext as _
from matplotlib import rc_context
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from headway.clinical.ichd3.profile import DrugClass
from headway.clinical.instruments.definitions import Instrument
from headway.clinical.outcomes.measures import Measure, PeriodMeasures
from headway.diary.labels import DRUG_CLASSES
from headway.outcomes.vocabulary import MEASURES, band_label

# Colours that stay apart for the common colour-vision deficiencies (Okabe and Ito's palette).
BLUE, ORANGE, GREEN, VERMILION, PURPLE, SKY, YELLOW = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
)
GREY = "#777777"
CLASS_COLOURS = dict(
    zip(DrugClass, (PURPLE, BLUE, ORANGE, VERMILION, GREEN, SKY, GREY), strict=True)
)


@dataclass(frozen=True)
class Chart:
    title: str
    summary: str  # one sentence saying what the chart shows
    svg: str
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = field(default=())

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    # Text stays text (smaller, selectable, read by screen readers and PDF search); a fixed
    # salt keeps the output the same for the same data.
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "headway"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return buffer.getvalue()


def _figure(height: float = 2.6) -> Figure:
    return Figure(figsize=(7.5, height), dpi=100, facecolor="white")


def _x(day: date) -> float:
    """A date on the time axis (matplotlib counts days, so a period's width is its days)."""
    return float(date2num(day))


def _day(value: date) -> str:
    return dateformat.format(value, "j M y")


def _number(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "\u2013"  # en dash
    return formats.number_format(round(value, digits), digits)


def _period_label(m: PeriodMeasures) -> str:
    if m.period.index == 0:
        return _("Baseline")
    return _("Period %(n)s") % {"n": m.period.index}


def _time_axis(axes, measured: Sequence[PeriodMeasures]) -> None:
    starts = [m.period.start for m in measured]
    axes.set_xticks([_x(d) for d in starts], [_day(d) for d in starts], rotation=0, fontsize=7)
    axes.set_xlim(
        _x(measured[0].period.start - timedelta(days=2)),
        _x(measured[-1].period.end + timedelta(days=2)),
    )
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(axis="y", labelsize=8)


def frequency_chart(
    measured: Sequence[PeriodMeasures], sessions: Sequence[date], measure: Measure
) -> Chart:
    """Headache days (or migraine-like days, or attacks a week) per period, with the treatment
    sessions marked below on the same time axis. Periods with too few diary days are shown
    as an empty hatched bar, never as zero."""
    title = str(MEASURES[measure])
    figure = _figure()
    axes = figure.add_subplot()
    values = [m.value(measure) for m in measured]
    top = max([v for v in values if v is not None] + [1.0])
    for m, value in zip(measured, values, strict=True):
        width = m.period.days - 2
        if value is None:
            axes.bar(
                _x(m.period.start),
                top,
                width=width,
                align="edge",
                fill=False,
                hatch="//",
                edgecolor="#BBBBBB",
                linewidth=0,
            )
        else:
            axes.bar(
                _x(m.period.start),
                value,
                width=width,
                align="edge",
                color=GREY if m.period.index == 0 else BLUE,
            )
    for day in sessions:
        axes.axvline(_x(day), ymin=0, ymax=0.06, color=VERMILION, linewidth=1.5)
    axes.set_ylim(0, top * 1.1)
    axes.set_ylabel(title, fontsize=8)
    _time_axis(axes, measured)
    axes.legend(
        handles=[
            Patch(color=GREY, label=_("Baseline")),
            Patch(color=BLUE, label=_("After the first treatment")),
            Patch(
                facecolor="white", edgecolor="#BBBBBB", hatch="//", label=_("Too few diary days")
            ),
            Patch(color=VERMILION, label=_("Treatment session")),
        ],
        fontsize=7,
        loc="upper right",
        frameon=False,
        ncols=2,
    )
    baseline = values[0] if measured and measured[0].period.index == 0 else None
    latest = next((v for v in reversed(values) if v is not None), None)
    summary = _(
        "%(title)s: %(baseline)s at baseline, %(latest)s in the latest period with enough "
        "diary days; %(sessions)s treatment sessions."
    ) % {
        "title": title,
        "baseline": _number(baseline),
        "latest": _number(latest),
        "sessions": len(sessions),
    }
    rows = tuple(
        (
            _period_label(m),
            f"{_day(m.period.start)} \u2013 {_day(m.period.end)}",
            _number(v) if v is not None else _("too few diary days"),
            str(m.recorded_days),
        )
        for m, v in zip(measured, values, strict=True)
    )
    return Chart(
        title,
        summary,
        _svg(figure),
        (_("Period"), _("Dates"), title, _("Days recorded")),
        rows,
    )


def intensity_chart(measured: Sequence[PeriodMeasures]) -> Chart:
    title = _("Headache intensity (0-10)")
    figure = _figure()
    axes = figure.add_subplot()
    mids = [_x(m.period.start + timedelta(days=m.period.days // 2)) for m in measured]
    mean = [m.value(Measure.MEAN_INTENSITY) for m in measured]
    peak = [m.value(Measure.PEAK_INTENSITY) for m in measured]
    axes.plot(
        mids,
        [float("nan") if v is None else v for v in mean],
        "o-",
        color=BLUE,
        label=_("Mean on headache days"),
    )
    axes.plot(
        mids,
        [float("nan") if v is None else v for v in peak],
        "s--",
        color=ORANGE,
        label=_("Highest"),
    )
    axes.set_ylim(0, 10.5)
    axes.set_ylabel(_("Intensity"), fontsize=8)
    _time_axis(axes, measured)
    axes.legend(fontsize=7, loc="upper right", frameon=False, ncols=2)
    rows = tuple(
        (_period_label(m), _number(a), _number(b, 0))
        for m, a, b in zip(measured, mean, peak, strict=True)
    )
    latest = next((m for m in reversed(measured) if m.intensity_count), None)
    summary = _(
        "Mean intensity on headache days: %(baseline)s at baseline, %(latest)s in the latest "
        "period."
    ) % {
        "baseline": _number(mean[0] if measured and measured[0].period.index == 0 else None),
        "latest": _number(latest.value(Measure.MEAN_INTENSITY) if latest else None),
    }
    return Chart(
        title, summary, _svg(figure), (_("Period"), _("Mean on headache days"), _("Highest")), rows
    )


def medication_chart(measured: Sequence[PeriodMeasures]) -> Chart:
    """Days with each class of acute medicine per period (counted days, not scaled)."""
    title = _("Days with acute headache medicine")
    figure = _figure()
    axes = figure.add_subplot()
    used = [c for c in DrugClass if any(m.days_with(c) for m in measured)]
    bottoms = [0] * len(measured)
    for drug_class in used:
        counts = [m.days_with(drug_class) for m in measured]
        axes.bar(
            [_x(m.period.start) for m in measured],
            counts,
            width=[m.period.days - 2 for m in measured],
            align="edge",
            bottom=bottoms,
            color=CLASS_COLOURS[drug_class],
            label=str(DRUG_CLASSES.get(drug_class.value, drug_class.value)),
        )
        bottoms = [b + c for b, c in zip(bottoms, counts, strict=True)]
    axes.set_ylim(0, max([*bottoms, 5]) * 1.15)
    axes.set_ylabel(_("Days"), fontsize=8)
    _time_axis(axes, measured)
    if used:
        axes.legend(fontsize=7, loc="upper right", frameon=False, ncols=3)
    rows = tuple(
        (_period_label(m), *(str(m.days_with(c)) for c in used), str(m.acute_medication_days))
        for m in measured
    )
    summary = (
        _("Acute medicine was recorded on %(days)s days in total over these periods.")
        % {"days": sum(m.acute_medication_days for m in measured)}
        if used
        else _("No acute medicine was recorded in these periods.")
    )
    return Chart(
        title,
        summary,
        _svg(figure),
        (_("Period"), *(str(DRUG_CLASSES.get(c.value, c.value)) for c in used), _("Any")),
        rows,
    )


def _bands_on_score_scale(definition: Instrument) -> list[tuple[float, float, str]]:
    """Band bounds on the scale of the reported score (NDI's bands are on its raw 0-50 sum,
    its score is a percentage)."""
    factor = 1.0
    if definition.band_scale == "raw":
        factor = 100 / sum(i.max_score for i in definition.scored_items)
    return [(b.low * factor, b.high * factor, b.label) for b in definition.bands]


def questionnaire_chart(definition: Instrument, points: Sequence[tuple[date, float]]) -> Chart:
    """Scores over time over the instrument's bands (shaded and named at the right)."""
    title = definition.name
    figure = _figure(2.3)
    axes = figure.add_subplot()
    days = [d for d, _score in points]
    xs = [_x(d) for d in days]
    ys = [s for _day_, s in points]
    bands = _bands_on_score_scale(definition)
    low = min([b[0] for b in bands] + [*ys, 0 if not bands else bands[0][0]])
    # An open-ended top band (MIDAS grade IV reaches 450 days) is cut off above the scores.
    high = max([*ys, *(b[0] + 5 for b in bands), 10])
    if bands:
        high = min(bands[-1][1], max(high * 1.15, bands[-1][0] + 5))
    shades = ["#EEF5FB", "#FFFFFF"]
    for n, (band_low, band_high, label) in enumerate(bands):
        # Bands of whole-number scores meet halfway between one's top and the next one's bottom.
        top = min(high, (band_high + bands[n + 1][0]) / 2 if n + 1 < len(bands) else band_high)
        bottom = (bands[n - 1][1] + band_low) / 2 if n else band_low
        axes.axhspan(bottom, top, color=shades[n % 2], zorder=0)
        axes.text(
            1.01,
            (bottom + top) / 2,
            band_label(label),
            transform=axes.get_yaxis_transform(),
            fontsize=6,
            va="center",
            color=GREY,
        )
    axes.plot(xs, ys, "o-", color=BLUE, zorder=2)
    for x, y in points:
        axes.annotate(
            _number(y, 0),
            (x, y),
            textcoords="offset points",
            xytext=(0, 5),
            fontsize=7,
            ha="center",
        )
    axes.set_ylim(low, high)
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_xticks(xs, [_day(d) for d in days], fontsize=7)
    axes.tick_params(axis="y", labelsize=8)
    rows = tuple((_day(d), _number(s)) for d, s in points)
    if not points:
        return Chart(title, _("No answers yet."), _svg(figure), (_("Date"), _("Score")), rows)
    summary = _("%(name)s: %(first)s on %(first_day)s, %(last)s on %(last_day)s.") % {
        "name": definition.name,
        "first": _number(ys[0]),
        "first_day": _day(days[0]),
        "last": _number(ys[-1]),
        "last_day": _day(days[-1]),
    }
    return Chart(title, summary, _svg(figure), (_("Date"), _("Score")), rows)

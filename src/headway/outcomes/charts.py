"""Outcome charts drawn on the server with matplotlib as SVG: the same chart in the page and in
the PDF report. Every chart carries a text alternative (a sentence and the table of its values)
for screen readers and for readers of the printed report."""

from __future__ import annotations

import base64
import hashlib
import io
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils import dateformat, formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from headway.clinical.ichd3.profile import DrugClass
from headway.clinical.instruments.definitions import Instrument
from headway.clinical.outcomes.measures import Measure, PeriodMeasures
from headway.diary.labels import DRUG_CLASSES
from headway.outcomes import services
from headway.outcomes.models import PatientCharts
from headway.outcomes.queries import PatientOutcomes
from headway.outcomes.vocabulary import MEASURES, band_label
from headway.patients.models import Patient

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
    # The same chart laid out for a phone: narrower, larger text, fewer dates, legend below.
    narrow_svg: str = ""

    @property
    def data_uri(self) -> str:
        return _data_uri(self.svg)

    @property
    def narrow_data_uri(self) -> str:
        return _data_uri(self.narrow_svg or self.svg)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Chart:
        return cls(
            title=data["title"],
            summary=data["summary"],
            svg=data["svg"],
            columns=tuple(data["columns"]),
            rows=tuple(tuple(row) for row in data["rows"]),
            narrow_svg=data.get("narrow_svg", ""),
        )


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@dataclass(frozen=True)
class Layout:
    """Sizes in inches and points. The wide one fills the page's width on a screen or in the
    PDF; the narrow one is shown below 40em (a phone at 390 px shows it at about 0.9 of its
    size, so 9-point text stays about 11 px)."""

    size: tuple[float, float]
    text: float  # ticks and labels
    legend: float
    max_dates: int  # labelled dates on the time axis, so they never overlap
    legend_below: bool


WIDE = Layout(size=(7.5, 2.6), text=7.5, legend=7, max_dates=8, legend_below=False)
NARROW = Layout(size=(4.0, 3.0), text=9, legend=9, max_dates=4, legend_below=True)


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    # Text stays text (smaller, selectable, read by screen readers and PDF search); a fixed
    # salt keeps the output the same for the same data.
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "headway"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return buffer.getvalue()


def _figure(layout: Layout, height: float | None = None) -> Figure:
    width, default = layout.size
    return Figure(figsize=(width, height or default), dpi=100, facecolor="white")


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


def date_labels(days: Sequence[date], most: int) -> list[date]:
    """The dates to label, at most `most` and never closer than the span over `most - 1`, so
    labels do not overlap over 5 years (issue 13, 1.2); the others keep an unlabelled tick."""
    if not days:
        return []
    gap = (days[-1] - days[0]).days / max(1, most - 1)
    chosen = [days[0]]
    for day in days[1:]:
        if (day - chosen[-1]).days >= gap and len(chosen) < most:
            chosen.append(day)
    return chosen


def _date_axis(axes: Axes, days: Sequence[date], layout: Layout) -> None:
    labelled = date_labels(days, layout.max_dates)
    axes.set_xticks([_x(d) for d in labelled], [_day(d) for d in labelled], fontsize=layout.text)
    axes.set_xticks([_x(d) for d in days], minor=True)
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(axis="y", labelsize=layout.text)


def _time_axis(axes: Axes, measured: Sequence[PeriodMeasures], layout: Layout) -> None:
    _date_axis(axes, [m.period.start for m in measured], layout)
    axes.set_xlim(
        _x(measured[0].period.start - timedelta(days=2)),
        _x(measured[-1].period.end + timedelta(days=2)),
    )


def _legend(axes: Axes, layout: Layout, columns: int, **options: Any) -> None:
    if layout.legend_below:
        # Below the dates, where long translated labels have the whole width.
        options |= {"loc": "upper center", "bbox_to_anchor": (0.5, -0.1), "ncols": 1}
    else:
        options |= {"loc": "upper right", "ncols": columns}
    axes.legend(fontsize=layout.legend, frameon=False, **options)


def _both(draw: Callable[[Layout], Figure]) -> tuple[str, str]:
    """The wide and the narrow SVG of one chart."""
    return _svg(draw(WIDE)), _svg(draw(NARROW))


def frequency_chart(
    measured: Sequence[PeriodMeasures], sessions: Sequence[date], measure: Measure
) -> Chart:
    """Headache days (or migraine-like days, or attacks a week) per period, with the treatment
    sessions marked below on the same time axis. Periods with too few diary days are shown
    as an empty hatched bar, never as zero."""
    title = str(MEASURES[measure])
    values = [m.value(measure) for m in measured]
    top = max([v for v in values if v is not None] + [1.0])

    def draw(layout: Layout) -> Figure:
        figure = _figure(layout)
        axes = figure.add_subplot()
        # One call per kind of bar: drawing 65 periods (5 years) bar by bar was slow.
        empty = [m for m, v in zip(measured, values, strict=True) if v is None]
        if empty:
            axes.bar(
                [_x(m.period.start) for m in empty],
                top,
                width=[m.period.days - 2 for m in empty],
                align="edge",
                fill=False,
                hatch="//",
                edgecolor="#BBBBBB",
                linewidth=0,
            )
        full = [(m, v) for m, v in zip(measured, values, strict=True) if v is not None]
        if full:
            axes.bar(
                [_x(m.period.start) for m, _v in full],
                [v for _m, v in full],
                width=[m.period.days - 2 for m, _v in full],
                align="edge",
                color=[GREY if m.period.index == 0 else BLUE for m, _v in full],
            )
        if sessions:
            axes.vlines(
                [_x(day) for day in sessions],
                0,
                top * 1.1 * 0.06,
                color=VERMILION,
                linewidth=1.5,
            )
        axes.set_ylim(0, top * 1.1)
        axes.set_ylabel(title, fontsize=layout.text)
        _time_axis(axes, measured, layout)
        _legend(
            axes,
            layout,
            2,
            handles=[
                Patch(color=GREY, label=_("Baseline")),
                Patch(color=BLUE, label=_("After the first treatment")),
                Patch(
                    facecolor="white",
                    edgecolor="#BBBBBB",
                    hatch="//",
                    label=_("Too few diary days"),
                ),
                Patch(color=VERMILION, label=_("Treatment session")),
            ],
        )
        return figure

    baseline = values[0] if measured and measured[0].period.index == 0 else None
    latest = next((v for v in reversed(values) if v is not None), None)
    summary = ngettext(
        "%(title)s: %(baseline)s at baseline, %(latest)s in the latest period with enough "
        "diary days; %(sessions)s treatment session.",
        "%(title)s: %(baseline)s at baseline, %(latest)s in the latest period with enough "
        "diary days; %(sessions)s treatment sessions.",
        len(sessions),
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
    wide, narrow = _both(draw)
    return Chart(
        title,
        summary,
        wide,
        (_("Period"), _("Dates"), title, _("Days recorded")),
        rows,
        narrow,
    )


def intensity_chart(measured: Sequence[PeriodMeasures]) -> Chart:
    title = _("Headache intensity (0-10)")
    mids = [_x(m.period.start + timedelta(days=m.period.days // 2)) for m in measured]
    mean = [m.value(Measure.MEAN_INTENSITY) for m in measured]
    peak = [m.value(Measure.PEAK_INTENSITY) for m in measured]

    def draw(layout: Layout) -> Figure:
        figure = _figure(layout)
        axes = figure.add_subplot()
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
        axes.set_ylabel(_("Intensity"), fontsize=layout.text)
        _time_axis(axes, measured, layout)
        _legend(axes, layout, 2)
        return figure

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
    wide, narrow = _both(draw)
    return Chart(
        title, summary, wide, (_("Period"), _("Mean on headache days"), _("Highest")), rows, narrow
    )


def medication_chart(measured: Sequence[PeriodMeasures]) -> Chart:
    """Days with each class of acute medicine per period (counted days, not scaled)."""
    title = _("Days with acute headache medicine")
    used = [c for c in DrugClass if any(m.days_with(c) for m in measured)]

    def draw(layout: Layout) -> Figure:
        figure = _figure(layout)
        axes = figure.add_subplot()
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
        axes.set_ylabel(_("Days"), fontsize=layout.text)
        _time_axis(axes, measured, layout)
        if used:
            _legend(axes, layout, 3)
        return figure

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
    wide, narrow = _both(draw)
    return Chart(
        title,
        summary,
        wide,
        (_("Period"), *(str(DRUG_CLASSES.get(c.value, c.value)) for c in used), _("Any")),
        rows,
        narrow,
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
    days = [d for d, _score in points]
    xs = [_x(d) for d in days]
    ys = [s for _day_, s in points]
    bands = _bands_on_score_scale(definition)
    low = min([b[0] for b in bands] + [*ys, 0 if not bands else bands[0][0]])
    # An open-ended top band (MIDAS grade IV reaches 450 days) is cut off above the scores.
    high = max([*ys, *(b[0] + 5 for b in bands), 10])
    if bands:
        high = min(bands[-1][1], max(high * 1.15, bands[-1][0] + 5))

    def draw(layout: Layout) -> Figure:
        figure = _figure(layout, 2.3 if layout is WIDE else None)
        axes = figure.add_subplot()
        shades = ["#EEF5FB", "#FFFFFF"]
        for n, (band_low, band_high, label) in enumerate(bands):
            # Bands of whole-number scores meet halfway between one's top and the next's bottom.
            top = min(high, (band_high + bands[n + 1][0]) / 2 if n + 1 < len(bands) else band_high)
            bottom = (bands[n - 1][1] + band_low) / 2 if n else band_low
            axes.axhspan(bottom, top, color=shades[n % 2], zorder=0)
            axes.text(
                1.01,
                (bottom + top) / 2,
                band_label(label),
                transform=axes.get_yaxis_transform(),
                fontsize=layout.legend - 1,
                va="center",
                color=GREY,
            )
        axes.plot(xs, ys, "o-", color=BLUE, zorder=2)
        for x, y in zip(xs, ys, strict=True):
            axes.annotate(
                _number(y, 0),
                (x, y),
                textcoords="offset points",
                xytext=(0, 5),
                fontsize=layout.legend - 1,
                ha="center",
            )
        axes.set_ylim(low, high)
        _date_axis(axes, days, layout)
        if len(days) > 1:
            pad = timedelta(days=max(2, (days[-1] - days[0]).days // 40))
            axes.set_xlim(_x(days[0] - pad), _x(days[-1] + pad))
        return figure

    rows = tuple((_day(d), _number(s)) for d, s in points)
    wide, narrow = _both(draw)
    if not points:
        return Chart(title, _("No answers yet."), wide, (_("Date"), _("Score")), rows, narrow)
    summary = _("%(name)s: %(first)s on %(first_day)s, %(last)s on %(last_day)s.") % {
        "name": definition.name,
        "first": _number(ys[0]),
        "first_day": _day(days[0]),
        "last": _number(ys[-1]),
        "last_day": _day(days[-1]),
    }
    return Chart(title, summary, wide, (_("Date"), _("Score")), rows, narrow)


# Stored charts -------------------------------------------------------------------------------

# Raise when the drawing changes, so charts stored by an older version are drawn again.
DRAWING_VERSION = "2"


def _inputs(summary: PatientOutcomes, language: str) -> str:
    """A digest of everything the charts show: the periods' counts, the sessions, the
    questionnaire scores, the primary measure, and the words and date format of the language
    (a new translation redraws them too)."""
    words = (
        _("Baseline"),
        _("After the first treatment"),
        _("Too few diary days"),
        _("Treatment session"),
        _("Headache intensity (0-10)"),
        _("Days with acute headache medicine"),
        str(MEASURES[summary.primary]),
        _day(date(2000, 1, 31)),
        _number(1.5),
    )
    shown = (
        DRAWING_VERSION,
        language,
        words,
        summary.primary.value,
        [row.measures for row in summary.periods],
        summary.sessions,
        [
            (t.instrument.key, [(r.completed_on, r.score) for r in t.responses])
            for t in summary.trends
        ],
    )
    return hashlib.sha256(repr(shown).encode()).hexdigest()


def charts_draw(summary: PatientOutcomes) -> list[Chart]:
    """The charts of the outcome page and the report, in the active language."""
    measured = [row.measures for row in summary.periods]
    found = []
    if measured:
        found.append(frequency_chart(measured, summary.sessions, Measure.HEADACHE_DAYS))
        if summary.primary is not Measure.HEADACHE_DAYS:
            found.append(frequency_chart(measured, summary.sessions, summary.primary))
        found.append(intensity_chart(measured))
        found.append(medication_chart(measured))
    for trend in summary.trends:
        found.append(
            questionnaire_chart(
                trend.instrument, [(r.completed_on, r.score) for r in trend.responses]
            )
        )
    return found


def charts_version(summary: PatientOutcomes) -> str:
    """What the chart URLs carry, so a browser's cached drawing is never shown for other data:
    the digest of what the charts show in the active language."""
    return _inputs(summary, translation.get_language() or "")[:20]


def stored_chart(*, patient: Patient, number: int, narrow: bool, version: str) -> str | None:
    """One stored drawing (SVG) of the patient's charts in the active language, drawn again
    when what is stored is not the version asked for (forgotten or outdated since the page
    was served); None when there is no such chart."""
    language = translation.get_language() or ""
    stored = (
        PatientCharts.objects.filter(patient=patient, language=language)
        .values_list("inputs", "charts")
        .first()
    )
    if stored is None or not stored[0].startswith(version):
        from django.utils import timezone

        from headway.outcomes.queries import patient_outcomes

        summary = patient_outcomes(patient, today=timezone.localdate())
        if version and charts_version(summary) != version:
            return None  # a URL of data that is no longer the patient's
        found = [c.as_json() for c in patient_charts(patient=patient, summary=summary)]
    else:
        found = stored[1]
    if not 0 <= number < len(found):
        return None
    chart = found[number]
    svg: str = (chart.get("narrow_svg") or chart["svg"]) if narrow else chart["svg"]
    return svg


def patient_charts(*, patient: Patient, summary: PatientOutcomes) -> list[Chart]:
    """The patient's charts as stored when drawn from the same data in the same language, else
    drawn now and stored (issue 13, 2.1: drawing is most of the page's time, and the data
    changes far less often than the page is viewed)."""
    language = translation.get_language() or ""
    inputs = _inputs(summary, language)
    stored = (
        PatientCharts.objects.filter(patient=patient, language=language, inputs=inputs)
        .values_list("charts", flat=True)
        .first()
    )
    if stored is not None:
        return [Chart.from_json(c) for c in stored]
    found = charts_draw(summary)
    services.charts_store(
        patient=patient,
        language=language,
        inputs=inputs,
        charts=[c.as_json() for c in found],
    )
    return found

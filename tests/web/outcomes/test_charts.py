"""Outcome charts: drawn once per change of the patient's data and served from storage after
(issue 13, 2.1), and readable over years of diary, on a phone too (issue 13, 1.2)."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from itertools import combinations
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from conftest import World, client_for
from headway.audit.models import AuditEntry
from headway.care.models import TreatmentSession
from headway.clinical.outcomes.measures import Measure, measure_periods, periods
from headway.diary.services import diary_entries_upsert
from headway.outcomes import charts, services
from headway.outcomes.models import PatientCharts, Source
from web.outcomes.helpers import chart_drawings, chart_urls, checkin, treated_patient

pytestmark = pytest.mark.django_db


def view(world: World) -> str:
    response = client_for(world.colleague).get(reverse("patient_outcomes", args=[world.patient.pk]))
    assert response.status_code == 200
    return response.content.decode()


def drawings(html: str, world: World | None = None) -> list[str]:
    """The drawings the page shows, fetched from their URLs as the browser does."""
    client = client_for(world.colleague if world else None)
    return chart_drawings(client, html) if world else chart_urls(html)


def test_the_second_view_serves_the_stored_charts_without_drawing(world: World):
    treated_patient(world.patient)
    first = view(world)
    assert PatientCharts.objects.filter(patient=world.patient).count() == 1
    with mock.patch.object(Figure, "savefig", autospec=True) as savefig:
        second = view(world)
    assert savefig.call_count == 0
    assert drawings(second) == drawings(first) and len(drawings(second)) == 3
    assert drawings(second, world) == drawings(first, world)
    assert all(svg.startswith("<?xml") for svg in drawings(second, world))
    assert savefig.call_count == 0
    # The text alternatives come from storage as well.
    assert "Headache days per 28 days: 14.0 at baseline, 4.0 in the latest period" in second
    assert second.count("values as a table") == 3


def test_a_new_diary_entry_draws_the_chart_again(world: World):
    first = treated_patient(world.patient)
    before = drawings(view(world), world)
    # A headache on a headache-free day of the first period: its bar grows.
    diary_entries_upsert(
        patient=world.patient, entries=[checkin(first + timedelta(days=1), True, 8)]
    )
    # Forgotten in the sync's own transaction, not at the next view.
    assert not PatientCharts.objects.filter(patient=world.patient).exists()
    after = drawings(view(world), world)
    assert after[0] != before[0]
    assert "5.0" in view(world)  # 4 + 1 headache days in period 1, from the new drawing's table


def test_answers_and_sessions_forget_the_stored_charts(world: World):
    first = treated_patient(world.patient)
    view(world)
    services.questionnaire_record(
        patient=world.patient,
        instrument_key="nprs",
        answers={"pain": 6},
        completed_on=timezone.localdate(),
        source=Source.PAPER,
        entered_by=world.colleague,
    )
    assert not PatientCharts.objects.filter(patient=world.patient).exists()
    assert "NPRS" in view(world)
    TreatmentSession.objects.create(
        practice=world.practice, patient=world.patient, session_date=first + timedelta(days=30)
    )
    services.rollup_refresh(patient=world.patient, days=())
    assert not PatientCharts.objects.filter(patient=world.patient).exists()


def test_a_completed_period_is_drawn_although_nothing_was_synced(world: World):
    treated_patient(world.patient)
    view(world)
    stored = PatientCharts.objects.get(patient=world.patient)
    # The next day another 28-day period is complete: the page shows it, so it is redrawn.
    PatientCharts.objects.filter(pk=stored.pk).update(inputs="stale")
    view(world)
    assert PatientCharts.objects.get(patient=world.patient).inputs == stored.inputs


def five_years() -> list:
    first = date(2021, 1, 4)
    found = measure_periods(periods(first, until=first + timedelta(days=5 * 365)), [])
    return [
        dataclasses.replace(m, recorded_days=28, headache_days=(m.period.index * 7) % 15)
        for m in found
    ]


@pytest.mark.parametrize("layout", [charts.WIDE, charts.NARROW], ids=["wide", "narrow"])
def test_the_dates_of_five_years_do_not_overlap(layout: charts.Layout, settings):
    measured = five_years()
    assert len(measured) == 66
    figures: list[Figure] = []

    def keep(figure: Figure) -> str:
        figures.append(figure)
        return "<svg/>"

    with mock.patch.object(charts, "_svg", side_effect=keep):
        charts.frequency_chart(measured, [date(2021, 1, 4)], Measure.HEADACHE_DAYS)
    figure = figures[[charts.WIDE, charts.NARROW].index(layout)]
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    labels = [t for t in figure.axes[0].get_xticklabels() if t.get_text()]
    assert 3 <= len(labels) <= layout.max_dates
    boxes = [t.get_window_extent(renderer) for t in labels]
    assert not any(a.overlaps(b) for a, b in combinations(boxes, 2))
    assert all(float(t.get_fontsize()) >= layout.text for t in labels)


def test_a_phone_gets_the_narrow_drawing_with_larger_text(world: World):
    treated_patient(world.patient)
    html = view(world)
    assert html.count('<source media="(max-width: 40em)" srcset="/patients/') == 3
    narrow = chart_drawings(client_for(world.colleague), html, narrow=True)
    assert narrow[0] == PatientCharts.objects.get(patient=world.patient).charts[0]["narrow_svg"]
    stored = PatientCharts.objects.get(patient=world.patient).charts[0]
    sizes = {float(n) for n in re.findall(r"font-size: ([0-9.]+)px", stored["narrow_svg"])}
    assert sizes and min(sizes) >= 9  # about 11 px on a phone at 390 px
    assert min(float(n) for n in re.findall(r"font-size: ([0-9.]+)px", stored["svg"])) < 9


def test_each_drawing_has_its_own_url_and_the_page_no_longer_inlines_them(world: World):
    # Issue 13, 2.1: each drawing was inlined twice as base64 (most of the page's bytes).
    treated_patient(world.patient)
    html = view(world)
    assert "data:image/svg+xml" not in html
    url = chart_urls(html)[0]
    response = client_for(world.colleague).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response.content.decode().startswith("<?xml")
    # Patient data: kept by no cache, like every view of the record (ASVS 4.0 V8.2.1).
    assert "no-store" in response["Cache-Control"]
    assert AuditEntry.objects.filter(
        action_code="outcomes.chart.viewed", patient_ref=world.patient.pk
    ).exists()


def test_a_chart_url_is_404_outside_the_practice_and_for_a_missing_chart(world: World):
    treated_patient(world.patient)
    url = chart_urls(view(world))[0]
    assert client_for(world.outsider).get(url).status_code == 404
    assert not AuditEntry.objects.filter(action_code="outcomes.chart.viewed").exists()
    missing = reverse("outcome_chart", args=[world.patient.pk, 99]) + "?" + url.split("?")[1]
    assert client_for(world.colleague).get(missing).status_code == 404


def test_a_chart_url_after_a_change_draws_the_charts_again_and_an_old_one_is_404(world: World):
    first = treated_patient(world.patient)
    old = chart_urls(view(world))[0]
    diary_entries_upsert(
        patient=world.patient, entries=[checkin(first + timedelta(days=1), True, 8)]
    )
    # The page's new URL draws (forgotten since); the old URL's data is no longer the patient's.
    client = client_for(world.colleague)
    assert client.get(old).status_code == 404
    new = chart_urls(view(world))[0]
    assert new != old
    # Forgotten between the page and its images (a change that did not alter the data shown):
    # the image request draws them again rather than break the page.
    services.charts_forget(patient=world.patient)
    assert client.get(new).status_code == 200
    assert PatientCharts.objects.filter(patient=world.patient).exists()

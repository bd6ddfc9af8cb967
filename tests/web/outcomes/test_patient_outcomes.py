"""The practitioner's outcome page: measures per period, change and response, charts with text
alternatives, the medication-overuse alert and triggers (issue 6, points 2-5)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from conftest import World, client_for
from headway.audit.models import AuditEntry
from headway.diary.services import diary_entries_upsert
from headway.patients.models import Patient
from web.outcomes.helpers import (
    attack_on,
    chart_drawings,
    chart_urls,
    checkin,
    treated_patient,
    triptan_days,
)


def page(world: World, patient: Patient | None = None) -> str:
    response = client_for(world.colleague).get(
        reverse("patient_outcomes", args=[(patient or world.patient).pk])
    )
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_baseline_the_periods_and_the_responders(world: World):
    first = treated_patient(world.patient)
    html = page(world)
    assert f"First treatment on {first:%d/%m/%Y}" in html
    # Baseline 14 headache days per 28; each later period 4: -10 days, -71.4 %.
    assert "<td>14.0</td>" in html
    assert "-10.0 (-71.4 %)" in html
    assert html.count("≥ 50 %") == 3
    # Three periods, not the fourth still running.
    assert "Period 3" in html and "Period 4" not in html
    assert AuditEntry.objects.filter(
        action_code="outcomes.viewed", patient_ref=world.patient.pk
    ).exists()


def test_the_charts_are_svg_with_text_alternatives(world: World):
    treated_patient(world.patient)
    html = page(world)
    assert len(chart_urls(html)) == 3  # headache days, intensity, medicine
    assert "Headache days per 28 days: 14.0 at baseline, 4.0 in the latest period" in html
    assert "values as a table" in html
    assert "2 treatment sessions" in html


def test_a_period_with_too_few_diary_days_is_not_counted_as_headache_free(world: World):
    today = timezone.localdate()
    first = today - timedelta(days=29)
    from headway.care.models import TreatmentSession

    TreatmentSession.objects.create(
        practice=world.practice, patient=world.patient, session_date=first
    )
    baseline = [checkin(first - timedelta(days=n + 1), True, 5) for n in range(20)]
    # Only 10 of the 28 days after the first treatment are recorded.
    after = [checkin(first + timedelta(days=n), False) for n in range(10)]
    diary_entries_upsert(patient=world.patient, entries=baseline + after)
    html = page(world)
    assert "10/28" in html and "too few diary days" in html
    assert "-100" not in html  # no fake full response from missing days


def test_the_overuse_alert_names_the_medicine_and_the_days(world: World):
    triptan_days(world.patient, every=3)
    html = page(world)
    assert 'id="overuse-alert"' in html
    assert (
        "triptan: 10, 10 and 10 days (on average 10.0 a month); "
        "the ICHD-3 threshold is 10 days a month (8.2.2)" in html
    )
    portal = client_for(world.patient_user).get(reverse("portal_home")).content.decode()
    assert "triptan: on 10, 10 and 10 days in the last three months." in portal
    assert "talk to your doctor" in portal


def test_no_alert_below_the_threshold(world: World):
    triptan_days(world.patient, every=4)
    assert 'id="overuse-alert"' not in page(world)
    assert (
        'id="overuse-alert"'
        not in client_for(world.patient_user).get(reverse("portal_home")).content.decode()
    )


def test_triggers_show_rates_with_intervals_and_warn_with_few_days(world: World):
    treated_patient(world.patient)
    html = page(world)
    # Stress was noted on the 12 attack days after the first treatment, all with headache.
    assert "12 of 12 days (100 %, 95 % CI 76\u2013100 %)" in html
    assert "The intervals do not overlap." in html
    assert "causes" in html  # the caveat is on the page
    other = world.other_patient
    diary_entries_upsert(
        patient=other, entries=[attack_on(timezone.localdate(), 5, triggers=["alcohol"])]
    )
    assert "Too few days to say anything yet." in page(world, other)


@pytest.mark.parametrize("language", ["en", "de", "es", "fr"])
def test_the_page_and_its_charts_render_in_each_language(world: World, language):
    treated_patient(world.patient)
    client = client_for(world.colleague)
    client.cookies["django_language"] = language
    html = client.get(reverse("patient_outcomes", args=[world.patient.pk])).content.decode()
    with translation.override(language):
        title = gettext("Headache days per 28 days")
        legend = gettext("Treatment session")
        if language != "en":
            assert title != "Headache days per 28 days"
    assert f"<strong>{title}.</strong>" in html
    first = chart_drawings(client, html)[0]
    assert first.startswith("<?xml") and "<svg" in first
    # Text stays text in the SVG: the legend is in the page's language.
    assert re.search(r"<text[^>]*>" + re.escape(legend) + "</text>", first)


def test_the_chart_summary_counts_one_treatment_session_in_the_singular(world: World):
    # Issue 13, 1.11: "1 treatment session.", not "1 treatment sessions".
    from headway.care.models import TreatmentSession
    from headway.outcomes.services import rollup_refresh

    first = timezone.localdate() - timedelta(days=29)
    TreatmentSession.objects.create(
        practice=world.practice, patient=world.patient, session_date=first
    )
    rollup_refresh(patient=world.patient, days=())
    entries = [
        checkin(first + timedelta(days=n), n % 2 == 0, 5 if n % 2 == 0 else None)
        for n in range(-28, 29)
    ]
    diary_entries_upsert(patient=world.patient, entries=entries)
    html = page(world)
    assert "1 treatment session." in html
    assert "1 treatment sessions" not in html

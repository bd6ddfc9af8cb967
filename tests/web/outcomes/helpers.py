"""A patient with a first treatment and a diary before and after it."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from django.test import Client
from django.utils import timezone

from headway.care.models import TreatmentSession
from headway.diary.schemas import EntryIn
from headway.diary.services import diary_entries_upsert
from headway.outcomes.services import rollup_refresh
from headway.patients.models import Patient


def checkin(day: date, headache: bool, intensity: int | None = None, **extra) -> EntryIn:
    return EntryIn.model_validate(
        {
            "id": str(uuid.uuid4()),
            "changed_at": datetime(2026, 1, 1, tzinfo=UTC).isoformat(),
            "kind": "checkin",
            "day": day.isoformat(),
            "headache": headache,
            "worst_intensity": intensity,
            **extra,
        }
    )


def attack_on(day: date, intensity: int = 7, **extra) -> EntryIn:
    start = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    return EntryIn.model_validate(
        {
            "id": str(uuid.uuid4()),
            "changed_at": datetime(2026, 1, 1, tzinfo=UTC).isoformat(),
            "kind": "attack",
            "day": day.isoformat(),
            "start": start.isoformat(),
            "end": (start + timedelta(hours=5)).isoformat(),
            "peak_intensity": intensity,
            **extra,
        }
    )


def treated_patient(patient: Patient, *, periods_after: int = 3) -> date:
    """First treatment `periods_after` complete 28-day periods ago (plus a day). Baseline: 28
    recorded days, a headache on every second one (14); afterwards every seventh day (4 per
    28 days), with ibuprofen on headache days."""
    today = timezone.localdate()
    first = today - timedelta(days=28 * periods_after + 1)
    TreatmentSession.objects.create(practice=patient.practice, patient=patient, session_date=first)
    TreatmentSession.objects.create(
        practice=patient.practice, patient=patient, session_date=first + timedelta(days=14)
    )
    rollup_refresh(patient=patient, days=())
    entries = []
    for n in range(28):
        day = first - timedelta(days=28 - n)
        entries.append(checkin(day, n % 2 == 0, 6 if n % 2 == 0 else None))
    for n in range(28 * periods_after):
        day = first + timedelta(days=n)
        if n % 7 == 0:
            entries.append(
                attack_on(
                    day,
                    5,
                    medications=[{"drug_class": "non_opioid_analgesic"}],
                    triggers=["stress"],
                )
            )
        else:
            entries.append(checkin(day, False))
    diary_entries_upsert(patient=patient, entries=entries)
    return first


def triptan_days(patient: Patient, *, every: int) -> None:
    """A triptan on every `every`-th day of the last 95: every 3rd is 10 days a month."""
    today = timezone.localdate()
    diary_entries_upsert(
        patient=patient,
        entries=[
            attack_on(today - timedelta(days=n), 6, medications=[{"drug_class": "triptan"}])
            for n in range(95)
            if n % every == 0
        ],
    )


def chart_urls(html: str, *, narrow: bool = False) -> list[str]:
    """The URLs of the page's chart drawings (issue 13, 2.1: served, not inlined)."""
    import html as markup
    import re

    attribute = 'srcset="' if narrow else 'src="'
    return [
        markup.unescape(url)
        for url in re.findall(
            re.escape(attribute) + r'(/patients/\d+/outcomes/charts/[^"]+)"', html
        )
    ]


def chart_drawings(client: Client, html: str, *, narrow: bool = False) -> list[str]:
    """The SVG of each chart as the browser loads it for the page."""
    drawings = []
    for url in chart_urls(html, narrow=narrow):
        response = client.get(url)
        assert response.status_code == 200, url
        drawings.append(response.content.decode())
    return drawings

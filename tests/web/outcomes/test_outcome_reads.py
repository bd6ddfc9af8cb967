"""The outcome page reads the rollup and counts in the database instead of the whole diary
(issue 13, 2.1), and shows the same numbers as counted from the diary day by day."""

from __future__ import annotations

import random
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from conftest import World
from headway.care.models import TreatmentSession
from headway.clinical.outcomes.measures import measure_periods, periods
from headway.clinical.outcomes.overuse import medication_overuse_alert
from headway.clinical.outcomes.triggers import trigger_comparisons
from headway.diary.services import diary_entries_upsert
from headway.outcomes import queries
from headway.outcomes.services import rollup_refresh
from web.outcomes.helpers import attack_on, checkin

pytestmark = pytest.mark.django_db

TRIGGERS = ["stress", "sleep", "alcohol", "weather"]


def varied_diary(world: World, seed: int) -> None:
    """A year and a half of diary from before the baseline on: check-ins with and without
    headache and triggers, attacks with medicine, triggers and self-management, several entries
    on some days, gaps, and deleted entries."""
    rng = random.Random(seed)
    patient = world.patient
    today = timezone.localdate()
    first = today - timedelta(days=400)
    for day in (first, first + timedelta(days=20), first + timedelta(days=90)):
        TreatmentSession.objects.create(
            practice=patient.practice, patient=patient, session_date=day
        )
    rollup_refresh(patient=patient, days=())
    entries = []
    for n in range(-70, 400):
        day = first + timedelta(days=n)
        if rng.random() < 0.15:
            continue  # a gap
        extra = {"triggers": rng.sample(TRIGGERS, rng.randint(1, 2))} if rng.random() < 0.3 else {}
        headache = rng.random() < 0.3
        entries.append(checkin(day, headache, rng.randint(1, 8) if headache else None, **extra))
        if rng.random() < 0.2:
            medicine = rng.choice(["triptan", "non_opioid_analgesic", None])
            attack = attack_on(
                day,
                rng.randint(3, 9),
                medications=[{"drug_class": medicine}] if medicine else [],
                self_management={"used": True, "stopped_attack": rng.random() < 0.5},
                **({"triggers": [rng.choice(TRIGGERS)]} if rng.random() < 0.5 else {}),
            )
            entries.append(attack)
            if rng.random() < 0.2:
                entries.append(attack.model_copy(update={"deleted": True}))
    diary_entries_upsert(patient=patient, entries=entries)


@pytest.mark.parametrize("seed", [1, 2])
def test_the_page_shows_what_the_diary_counted_day_by_day_shows(world: World, seed: int):
    varied_diary(world, seed)
    today = timezone.localdate()
    summary = queries.patient_outcomes(world.patient, today=today)
    days = queries.diary_days(world.patient)
    first = queries.first_treatment(world.patient)
    assert first is not None
    expected = measure_periods(
        periods(first, until=today - timedelta(days=1), baseline_days=28), days
    )
    assert [row.measures for row in summary.periods] == expected and len(expected) > 10
    assert summary.triggers == trigger_comparisons(days) and len(summary.triggers) == 4
    assert summary.recorded_days == len(days)
    assert summary.overuse == medication_overuse_alert(
        queries.medication_days(days), today=today, first_diary_day=days[0].day
    )


def test_the_page_reads_the_raw_diary_only_for_the_last_months(world: World):
    # Before issue 13, 2.1 every view decoded the whole diary (50 ms at 5 years).
    varied_diary(world, 3)
    real = queries.diary_days
    with mock.patch.object(queries, "diary_days", autospec=True) as read:
        read.side_effect = real
        summary = queries.patient_outcomes(world.patient, today=timezone.localdate())
    assert summary.periods
    assert all(call.kwargs.get("since") is not None for call in read.call_args_list)


def test_a_rollup_built_on_another_baseline_length_is_not_used(world: World):
    varied_diary(world, 4)
    practice = world.patient.practice
    practice.baseline_days = 14  # changed without a diary change yet: the rollup is on 28
    practice.save(update_fields=["baseline_days"])
    world.patient.refresh_from_db()
    today = timezone.localdate()
    summary = queries.patient_outcomes(world.patient, today=today)
    first = queries.first_treatment(world.patient)
    assert first is not None
    expected = measure_periods(
        periods(first, until=today - timedelta(days=1), baseline_days=14),
        queries.diary_days(world.patient),
    )
    assert [row.measures for row in summary.periods] == expected
    assert summary.periods[0].measures.period.days == 14

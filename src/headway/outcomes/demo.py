"""Demo questionnaires: the default schedule for every demo patient, with paper answers at the
timepoints already passed that improve as much as the patient's own response, and a few left
unanswered so the overdue list has something to show. Synthetic, like all demo data."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from headway.accounts.models import User
from headway.clinical.instruments import INSTRUMENTS
from headway.clinical.outcomes.schedule import DEFAULT_TIMEPOINTS
from headway.outcomes import queries, services
from headway.outcomes.models import Source
from headway.patients.models import Patient

# How far along the course each timepoint is (0: baseline, 1: the full response).
PROGRESS = {"baseline": 0.0, "week_4": 0.4, "week_12": 0.8, "month_6": 1.0, "month_12": 1.0}
PGIC = (
    "very_much_improved",
    "much_improved",
    "minimally_improved",
    "no_change",
    "minimally_worse",
)


def _answers(key: str, level: float, rng: random.Random) -> dict[str, object]:
    """Answers around `level` (0 best, 1 worst) for each item."""
    definition = INSTRUMENTS[key]
    answers: dict[str, object] = {}
    for item in definition.items:
        if not item.options:
            continue
        top = len(item.options) - 1
        index = round(level * top + rng.uniform(-0.6, 0.6))
        answers[item.key] = item.options[min(top, max(0, index))].value
    return answers


def questionnaires_demo_create(
    *, patient: Patient, care: str, by: User, response: float, rng: random.Random
) -> int:
    """`response` is the patient's improvement, 0 (none) to 1 (full). Returns answers made."""
    today = timezone.localdate()
    chosen = ["hit6", "pgic", "odi" if care == "tth_sot" else "ndi"]
    services.questionnaires_schedule(
        patient=patient, instruments_chosen=chosen, timepoints=DEFAULT_TIMEPOINTS, by=by
    )
    made = 0
    start = 0.55 + rng.uniform(0, 0.3)
    rows = queries.questionnaires(patient, today=today)
    passed = [r.status.due for r in rows if r.status.due and r.status.due <= today]
    # Some patients have not sent the latest questionnaires yet: open or overdue.
    missing_latest = rng.random() < 0.3
    for row in rows:
        due = row.status.due
        if due is None or due > today:
            continue
        if missing_latest and due == max(passed):
            continue
        progress = PROGRESS.get(row.scheduled.timepoint, 1.0)
        level = start * (1 - response * progress)
        key = row.scheduled.instrument
        if key == "pgic":
            answers: dict[str, object] = {
                "change": PGIC[min(4, max(0, round((1 - response * progress) * 3.2)))]
            }
        else:
            answers = _answers(key, level, rng)
        services.questionnaire_record(
            patient=patient,
            instrument_key=key,
            answers=answers,
            completed_on=min(today, due + timedelta(days=rng.randint(0, 5))),
            source=Source.PAPER,
            entered_by=by,
            scheduled=row.scheduled,
        )
        made += 1
    return made

"""Demo diaries: months of entries shaped like each kind of headache, from a few weeks before
the first treatment to today, made through the same sync service the phone uses.

Not everyone improves: each patient gets their own response, from none to a clear one, so the
outcome numbers built on the diary show what a real practice sees."""

from __future__ import annotations

import random
import uuid
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from headway.diary.schemas import EntryIn
from headway.diary.services import diary_entries_upsert
from headway.patients.models import Patient

BASELINE_DAYS = 35
BATCH = 500


def _attack(start: datetime, minutes: int, peak: int, **fields: Any) -> dict[str, Any]:
    # Durations are counted in UTC: local wall-clock sums go wrong across a clock change.
    end = start.astimezone(UTC) + timedelta(minutes=minutes)
    return {
        "kind": "attack",
        "day": start.date().isoformat(),
        "start": start.astimezone(UTC).isoformat(),
        "end": end.isoformat(),
        "peak_intensity": peak,
        "changed_at": end.isoformat(),
        **fields,
    }


def _cluster_attacks(day: date, zone: Any, rng: random.Random, side: str, in_bout: bool) -> list:
    if not in_bout:
        return []
    attacks = []
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        start = datetime.combine(day, time(rng.choice((1, 2, 3, 13, 14, 22)), rng.randint(0, 59)))
        used = rng.random() < 0.6
        attacks.append(
            _attack(
                start.replace(tzinfo=zone),
                rng.randint(25, 120),
                rng.randint(8, 10),
                side=side,
                regions=["eye", "temple"],
                quality="stabbing",
                autonomic_features=True,
                restlessness=rng.random() < 0.85,
                nausea=rng.random() < 0.15,
                vomiting=False,
                photophobia=rng.random() < 0.3,
                phonophobia=False,
                aura=[],
                medications=[
                    rng.choice(
                        (
                            {"drug_class": "triptan", "name": "Sumatriptan", "dose": "6 mg s.c."},
                            {"drug_class": "other", "name": "Oxygen", "dose": "12 l/min"},
                        )
                    )
                ],
                self_management={
                    "used": used,
                    "stopped_attack": (rng.random() < 0.4) if used else None,
                    "minutes": rng.randint(5, 20) if used else None,
                },
                triggers=["alcohol"] if rng.random() < 0.15 else [],
            )
        )
    return attacks


def _tension_attack(day: date, zone: Any, rng: random.Random) -> dict[str, Any]:
    start = datetime.combine(day, time(rng.randint(9, 17), rng.randint(0, 59)), tzinfo=zone)
    took = rng.random() < 0.35
    light, noise = rng.random() < 0.15, rng.random() < 0.15
    return _attack(
        start,
        rng.randint(90, 600),
        rng.randint(3, 6),
        side="both",
        regions=["forehead", "temple", "occiput"],
        quality="pressing",
        nausea=False,
        vomiting=False,
        photophobia=light and not noise,
        phonophobia=noise and not light,
        autonomic_features=False,
        restlessness=False,
        aura=[],
        medications=[{"drug_class": "non_opioid_analgesic", "name": "Ibuprofen", "dose": "400 mg"}]
        if took
        else [],
        triggers=rng.sample(["stress", "neck", "sleep", "dehydration"], rng.randint(0, 2)),
    )


def _cervicogenic_attack(day: date, zone: Any, rng: random.Random, side: str) -> dict[str, Any]:
    start = datetime.combine(day, time(rng.randint(8, 18), rng.randint(0, 59)), tzinfo=zone)
    took = rng.random() < 0.3
    return _attack(
        start,
        rng.randint(120, 900),
        rng.randint(4, 7),
        side=side,
        regions=["occiput", "posterior_neck", "forehead"],
        quality="pressing",
        nausea=rng.random() < 0.1,
        vomiting=False,
        photophobia=rng.random() < 0.1,
        phonophobia=False,
        autonomic_features=False,
        restlessness=False,
        aura=[],
        medications=[{"drug_class": "non_opioid_analgesic", "name": "Paracetamol", "dose": "1 g"}]
        if took
        else [],
        self_management={"used": True, "stopped_attack": rng.random() < 0.5, "minutes": 15}
        if rng.random() < 0.5
        else None,
        triggers=["neck"] + (["stress"] if rng.random() < 0.3 else []),
    )


RESPONSES = (0.0, 0.2, 0.4, 0.5, 0.6, 0.7)  # share of attacks that go away


def diary_demo_entries(
    *,
    care: str,
    started: date,
    today: date,
    zone_name: str,
    rng: random.Random,
    response: float | None = None,
) -> list[dict[str, Any]]:
    """Entries from BASELINE_DAYS before the first treatment to yesterday: check-ins on most
    days (some days missed, as in life) and attacks at each kind's usual rate, falling after
    treatment starts by the patient's own response."""
    zone = zoneinfo.ZoneInfo(zone_name)
    if response is None:
        response = rng.choice(RESPONSES)
    side = rng.choice(("left", "right"))
    rate = {"cluster": 0.0, "cervicogenic": 0.35}.get(care, 0.45)
    entries: list[dict[str, Any]] = []
    day = started - timedelta(days=BASELINE_DAYS)
    # Cluster bouts: 6-10 weeks on, then months off (episodic cluster headache).
    bout_end = day + timedelta(days=rng.randint(42, 70))
    next_bout = bout_end + timedelta(days=rng.randint(120, 240))
    while day < today:
        weeks_in = max(0, (day - started).days) / 7
        effect = 1 - response * min(1.0, weeks_in / 8)  # the change builds over 8 weeks
        if care == "cluster":
            if day >= next_bout:
                bout_end = day + timedelta(days=rng.randint(42, 70))
                next_bout = bout_end + timedelta(days=rng.randint(120, 240))
            in_bout = day < bout_end and rng.random() < (0.6 + 0.4 * effect)
            attacks = _cluster_attacks(day, zone, rng, side, in_bout)
        elif rng.random() < rate * effect:
            attacks = [
                _cervicogenic_attack(day, zone, rng, side)
                if care == "cervicogenic"
                else _tension_attack(day, zone, rng)
            ]
        else:
            attacks = []
        entries += attacks
        if rng.random() < 0.85:
            worst = max((a["peak_intensity"] for a in attacks), default=0)
            evening = datetime.combine(day, time(21, rng.randint(0, 59)), tzinfo=zone)
            entries.append(
                {
                    "kind": "checkin",
                    "day": day.isoformat(),
                    "headache": bool(attacks),
                    "worst_intensity": worst if attacks else None,
                    "changed_at": evening.isoformat(),
                }
            )
        day += timedelta(days=1)
    for entry in entries:
        entry["id"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    return entries


def diary_demo_create(
    *, patient: Patient, care: str, started: date, rng: random.Random, response: float | None = None
) -> int:
    """Sync the demo diary through the service, in the phone's batch size. A few attacks were
    first saved while still going and completed later, so they show a correction."""
    today = timezone.localdate()
    entries = diary_demo_entries(
        care=care,
        started=started,
        today=today,
        zone_name=patient.practice.time_zone,
        rng=rng,
        response=response,
    )
    first_versions = []
    for entry in entries:
        if entry["kind"] == "attack" and rng.random() < 0.05:
            first_versions.append(dict(entry, end=None, changed_at=entry["start"]))
    for chunk in (first_versions, entries):
        for i in range(0, len(chunk), BATCH):
            diary_entries_upsert(
                patient=patient,
                entries=[EntryIn.model_validate(e) for e in chunk[i : i + BATCH]],
            )
    return len(entries)

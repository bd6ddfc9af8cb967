"""Reads of a patient's diary for the practitioner: the calendar, the attacks, one day, and the
history in the form the clinical core's classification reads it."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from headway.clinical.diary import DiaryAttack, MedicationDay, Quality, Side
from headway.clinical.ichd3.profile import AuraSymptom, DrugClass
from headway.diary.models import DiaryEntry, EntryKind
from headway.diary.schemas import LONGEST_ATTACK
from headway.patients.models import Patient

# Regions that answer ICHD-3's "orbital, supraorbital and/or temporal" (cluster headache, 3.1 B).
_ORBITAL_TEMPORAL = frozenset({"eye", "eyebrow", "temple"})


def diary_entries(patient: Patient, *, since: date, until: date) -> list[DiaryEntry]:
    return list(
        DiaryEntry.objects.filter(
            patient=patient, deleted=False, day__gte=since, day__lte=until
        ).order_by("day", "changed_at")
    )


def _instant(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def attack_from_entry(data: dict[str, Any]) -> DiaryAttack:
    """A stored attack as the core reads it. What the patient did not record stays unknown."""
    regions = data.get("regions") or []
    aura = data.get("aura")
    start = _instant(data["start"])
    assert start is not None
    end = _instant(data.get("end"))
    if end is not None and not timedelta(0) <= end - start <= LONGEST_ATTACK:
        # Stored before the API bounded durations: an end in the year 9999 would read as an
        # attack of millions of hours and rule migraine out. Its duration is unknown.
        end = None
    return DiaryAttack(
        start=start,
        end=end,
        peak_intensity=int(data["peak_intensity"]),
        side=Side(data["side"]) if data.get("side") else None,
        around_eye_or_temple=bool(_ORBITAL_TEMPORAL & set(regions)) if regions else None,
        quality=Quality(data["quality"]) if data.get("quality") else None,
        nausea=data.get("nausea"),
        vomiting=data.get("vomiting"),
        photophobia=data.get("photophobia"),
        phonophobia=data.get("phonophobia"),
        autonomic_features=data.get("autonomic_features"),
        restlessness=data.get("restlessness"),
        aura=frozenset(AuraSymptom(a) for a in aura) if aura is not None else None,
    )


@dataclass
class DiaryHistory:
    attacks: list[DiaryAttack] = field(default_factory=list)
    headache_days: set[date] = field(default_factory=set)
    medication: list[MedicationDay] = field(default_factory=list)
    first_day: date | None = None


def diary_history(patient: Patient) -> DiaryHistory:
    """The whole diary for classification: attacks, days with headache (from attacks and
    check-ins), and days with acute medication per drug class."""
    history = DiaryHistory()
    rows = DiaryEntry.objects.filter(patient=patient, deleted=False).order_by("day")
    for row in rows.only("kind", "day", "data"):
        history.first_day = history.first_day or row.day
        data = row.data
        if row.kind == EntryKind.ATTACK:
            history.attacks.append(attack_from_entry(data))
            history.headache_days.add(row.day)
            for drug_class in {m["drug_class"] for m in data.get("medications") or []}:
                history.medication.append(MedicationDay(row.day, DrugClass(drug_class)))
        elif data.get("headache"):
            history.headache_days.add(row.day)
    return history


@dataclass(frozen=True)
class CalendarDay:
    day: date
    level: int | None  # the day's worst intensity given; None = no entry on the day
    attacks: int
    headache: bool = False  # any headache recorded, also one without an intensity

    @property
    def symbol(self) -> str:
        """The calendar's mark beside the colour, so the bands never differ by colour alone
        (WCAG 1.4.1): none for no entry (hatched), a ring for no headache, one to three dots
        for 1-3, 4-6 and 7-10 (a headache without intensity counts as the lowest band)."""
        if self.level is None:
            return ""
        if not self.headache:
            return "○"
        return "•" * (1 if self.level <= 3 else 2 if self.level <= 6 else 3)


def month_grid(
    year: int, month: int, days: dict[date, CalendarDay]
) -> list[list[CalendarDay | None]]:
    """Weeks from Monday; None pads the days outside the month."""
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [(days.get(d) or CalendarDay(d, None, 0)) if d.month == month else None for d in week]
        )
    return weeks


def calendar_days(entries: list[DiaryEntry]) -> dict[date, CalendarDay]:
    levels: dict[date, int] = {}
    attacks: dict[date, int] = {}
    headache: set[date] = set()
    for entry in entries:
        data = entry.data
        if entry.kind == EntryKind.ATTACK:
            value = int(data["peak_intensity"])
            attacks[entry.day] = attacks.get(entry.day, 0) + 1
            headache.add(entry.day)
        elif data.get("headache"):
            value = int(data.get("worst_intensity") or 0)
            headache.add(entry.day)
        else:
            value = 0
        levels[entry.day] = max(levels.get(entry.day, 0), value)
    return {
        d: CalendarDay(d, level, attacks.get(d, 0), d in headache) for d, level in levels.items()
    }


def months_back(today: date, count: int) -> list[tuple[int, int]]:
    """The last `count` calendar months, oldest first, ending with today's."""
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def duration(data: dict[str, Any]) -> timedelta | None:
    start, end = _instant(data.get("start")), _instant(data.get("end"))
    return end - start if start and end else None

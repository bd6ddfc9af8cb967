"""What a device sends for one diary entry. Validated entry by entry, so one bad entry is
rejected with its reason while the others are saved."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Literal
from uuid import UUID

from django.utils import timezone
from ninja import Schema
from pydantic import (
    AwareDatetime,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from headway.clinical.diary import Quality
from headway.clinical.diary import Side as AttackSide
from headway.clinical.ichd3.profile import AuraSymptom, DrugClass
from headway.clinical.referral import Region
from headway.diary.models import Trigger

# A device clock may run ahead a little; a change dated further ahead is a wrong clock.
CLOCK_SKEW = timedelta(days=1)


# Entries dated before this are a wrong device clock (and very old dates overflow in UTC).
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100

# The world's clocks run from UTC-12:00 (Baker Island) to UTC+14:00 (Line Islands); PostgreSQL
# refuses offsets from 16:00, which once sank a whole batch.
EARLIEST_OFFSET, LATEST_OFFSET = timedelta(hours=-12), timedelta(hours=14)

# The longest single headache ICHD-3 describes is a tension-type episode of up to 7 days (2.1 B);
# migraine lasts 4-72 h (1.1 B). Twice the longest is a wrong end, or a continuous headache that
# the daily check-ins record day by day, not one attack.
LONGEST_ATTACK = timedelta(days=14)


def _plain_text(value: str) -> str:
    # PostgreSQL's JSON cannot hold NUL, and no keyboard types it.
    if "\x00" in value:
        raise ValueError("contains a NUL character")
    return value


def _sane_instant(value: datetime | None) -> datetime | None:
    if value is None:
        return value
    if value.year < EARLIEST_YEAR:
        raise ValueError(f"is before {EARLIEST_YEAR}: check the device's clock")
    if value.year > LATEST_YEAR:
        raise ValueError(f"is after {LATEST_YEAR}: check the device's clock")
    offset = value.utcoffset()
    if offset is None or not EARLIEST_OFFSET <= offset <= LATEST_OFFSET:
        raise ValueError("has a time-zone offset that is not between -12:00 and +14:00")
    return value


class Medication(Schema):
    model_config = ConfigDict(extra="forbid")

    drug_class: DrugClass
    name: str = Field("", max_length=100)
    dose: str = Field("", max_length=50)

    _text = field_validator("name", "dose")(_plain_text)


class SelfManagement(Schema):
    model_config = ConfigDict(extra="forbid")

    used: bool
    stopped_attack: bool | None = None
    minutes: int | None = Field(None, ge=0, le=600)


class EntryIn(Schema):
    model_config = ConfigDict(extra="forbid")

    id: UUID
    changed_at: AwareDatetime
    kind: Literal["checkin", "attack"]
    day: date
    deleted: bool = False
    # Daily check-in.
    headache: bool | None = None
    worst_intensity: int | None = Field(None, ge=0, le=10)
    # Attack.
    start: AwareDatetime | None = None
    end: AwareDatetime | None = None  # None: still going
    peak_intensity: int | None = Field(None, ge=0, le=10)
    side: AttackSide | None = None
    regions: list[Region] = Field(default_factory=list, max_length=40)
    quality: Quality | None = None
    nausea: bool | None = None
    vomiting: bool | None = None
    photophobia: bool | None = None
    phonophobia: bool | None = None
    autonomic_features: bool | None = None
    restlessness: bool | None = None
    aura: list[AuraSymptom] | None = None
    medications: list[Medication] = Field(default_factory=list, max_length=20)
    self_management: SelfManagement | None = None
    triggers: list[Trigger] = Field(default_factory=list, max_length=len(Trigger))
    note: str = Field("", max_length=2000)

    _text = field_validator("note")(_plain_text)
    _instants = field_validator("changed_at", "start", "end")(_sane_instant)

    @field_validator("day")
    @classmethod
    def _after_birth(cls, value: date, info: ValidationInfo) -> date:
        # api.sync passes the patient's date of birth; an entry before it is a wrong date.
        born = (info.context or {}).get("date_of_birth")
        if born is not None and value < born:
            raise ValueError("is before the patient's date of birth")
        return value

    @field_validator("end")
    @classmethod
    def _not_endless(cls, value: datetime | None, info: ValidationInfo) -> datetime | None:
        start = info.data.get("start")
        if value is not None and start is not None and value - start > LONGEST_ATTACK:
            raise ValueError(
                f"is more than {LONGEST_ATTACK.days} days after the start: an attack that long "
                "is recorded with daily check-ins"
            )
        return value

    @model_validator(mode="after")
    def _consistent(self) -> EntryIn:
        now = timezone.now()
        if self.day.year < EARLIEST_YEAR:
            raise ValueError(f"day is before {EARLIEST_YEAR}")
        if self.changed_at > now + CLOCK_SKEW:
            raise ValueError("changed_at is in the future: check the device's clock")
        if self.day > (now + CLOCK_SKEW).date():
            raise ValueError("day is in the future")
        live_attack = self.kind == "attack" and not self.deleted
        if live_attack and (self.start is None or self.peak_intensity is None):
            raise ValueError("an attack needs start and peak_intensity")
        # Instants are checked whenever they are sent, on deleted entries too: a stored one is
        # shown in the entry's history.
        if self.kind == "checkin" and (self.start is not None or self.end is not None):
            raise ValueError("a check-in has no start or end")
        if self.end is not None and self.start is None:
            raise ValueError("end without start")
        if self.start is not None:
            if self.end is not None and self.end < self.start:
                raise ValueError("end is before start")
            # `day` is the local date of the start; time zones put it at most a day apart.
            if abs((self.start.date() - self.day).days) > 1:
                raise ValueError("start does not fall on day")
        if self.kind == "checkin" and not self.deleted and self.headache is None:
            raise ValueError("a check-in needs headache (true or false)")
        return self


class SyncIn(Schema):
    # Entries are read one by one (see api.sync) so that one bad entry does not sink the batch.
    # Any JSON value, so that an entry that is not even an object (null, a list) is rejected
    # alone like any other invalid entry; each is described by EntryIn.
    entries: list[Any] = Field(
        ...,
        max_length=500,
        description="Up to 500 diary entries, each an object as docs/diary-sync.md describes",
    )


class EntryResult(Schema):
    id: str | None
    status: Literal["accepted", "rejected"]
    outcome: str | None = None  # created, updated, unchanged, kept_in_history
    reason: str | None = None  # machine-readable: invalid, duplicate_in_batch
    errors: list[dict[str, object]] = Field(default_factory=list)


class SyncOut(Schema):
    accepted: int
    rejected: int
    results: list[EntryResult]

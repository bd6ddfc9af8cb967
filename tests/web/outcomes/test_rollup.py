"""The patient x period rollup (issue 6, point 8): kept current as diary entries and the first
treatment change, and always equal to a rebuild from scratch."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from headway.care.models import TreatmentSession
from headway.diary.models import DiaryEntry
from headway.diary.schemas import EntryIn
from headway.diary.services import diary_entries_upsert
from headway.outcomes.models import PatientCourse, PeriodRollup
from headway.outcomes.services import rollup_refresh, rollups_rebuild

FIRST = date(2026, 3, 2)
DAY0 = date(2026, 1, 20)
IDS = [uuid.UUID(int=i + 1) for i in range(8)]


def entry(
    n: int, day: date, kind: str = "checkin", at: datetime | None = None, **fields
) -> EntryIn:
    data: dict[str, object] = {
        "id": str(IDS[n]),
        "changed_at": (at or datetime(2026, 7, 1, tzinfo=UTC)).isoformat(),
        "kind": kind,
        "day": day.isoformat(),
    }
    if kind == "attack":
        data["start"] = datetime(day.year, day.month, day.day, 10, tzinfo=UTC).isoformat()
        data.setdefault("peak_intensity", 5)
    else:
        data.setdefault("headache", True)
    data.update(fields)
    return EntryIn.model_validate(data)


def snapshot(patient) -> list[tuple]:
    return list(
        PeriodRollup.objects.filter(patient=patient)
        .order_by("index")
        .values_list(
            "index",
            "start",
            "end",
            "recorded_days",
            "headache_days",
            "migraine_like_days",
            "attacks",
            "intensity_sum",
            "intensity_count",
            "intensity_peak",
            "medication_days",
            "acute_medication_days",
            "self_management_used",
            "self_management_stopped",
        )
    )


def session(patient, day: date) -> None:
    TreatmentSession.objects.create(practice=patient.practice, patient=patient, session_date=day)
    rollup_refresh(patient=patient, days=())  # what care.services.session_save does


def test_synced_entries_are_counted_in_their_period(world):
    patient = world.patient
    session(patient, FIRST)
    diary_entries_upsert(
        patient=patient,
        entries=[
            # Baseline: two headache days (one with a triptan), one headache-free day.
            entry(
                0,
                FIRST - timedelta(days=3),
                "attack",
                peak_intensity=8,
                medications=[{"drug_class": "triptan"}],
                self_management={"used": True, "stopped_attack": True},
            ),
            entry(1, FIRST - timedelta(days=2), headache=True, worst_intensity=4),
            entry(2, FIRST - timedelta(days=1), headache=False),
            # Period 1: one headache-free day.
            entry(3, FIRST, headache=False),
            # Before the baseline: not in the rollup.
            entry(4, FIRST - timedelta(days=40), headache=True),
        ],
    )
    rows = {r[0]: r for r in snapshot(patient)}
    assert set(rows) == {0, 1}
    (
        _index,
        start,
        end,
        recorded,
        headache,
        migraine,
        attacks,
        i_sum,
        i_n,
        peak,
        meds,
        acute,
        used,
        stopped,
    ) = rows[0]
    assert (start, end) == (FIRST - timedelta(days=28), FIRST - timedelta(days=1))
    assert (recorded, headache, attacks) == (3, 2, 1)
    assert migraine == 1  # the triptan day
    assert (i_sum, i_n, peak) == (12, 2, 8)
    assert meds == {"triptan": 1} and acute == 1
    assert (used, stopped) == (1, 1)
    assert rows[1][3:5] == (1, 0)


def test_a_corrected_entry_moves_between_periods_and_a_deleted_one_leaves(world):
    patient = world.patient
    session(patient, FIRST)
    later = datetime(2026, 7, 2, tzinfo=UTC)
    diary_entries_upsert(patient=patient, entries=[entry(0, FIRST - timedelta(days=1))])
    assert [r[0] for r in snapshot(patient)] == [0]
    diary_entries_upsert(patient=patient, entries=[entry(0, FIRST + timedelta(days=1), at=later)])
    assert [(r[0], r[3]) for r in snapshot(patient)] == [(1, 1)]
    diary_entries_upsert(
        patient=patient,
        entries=[entry(0, FIRST + timedelta(days=1), at=later + timedelta(1), deleted=True)],
    )
    assert snapshot(patient) == []


def test_an_earlier_first_treatment_recounts_every_period(world):
    patient = world.patient
    session(patient, FIRST)
    diary_entries_upsert(patient=patient, entries=[entry(0, FIRST - timedelta(days=1))])
    assert [r[0] for r in snapshot(patient)] == [0]
    session(patient, FIRST - timedelta(days=10))
    # The day is now in period 1, counted from the earlier session.
    assert [r[0] for r in snapshot(patient)] == [1]
    assert PatientCourse.objects.get(patient=patient).first_treatment == FIRST - timedelta(days=10)


def test_no_rollup_without_a_treatment_and_the_command_rebuilds(world, capsys):
    patient = world.patient
    diary_entries_upsert(patient=patient, entries=[entry(0, FIRST)])
    assert snapshot(patient) == []
    TreatmentSession.objects.create(practice=patient.practice, patient=patient, session_date=FIRST)
    PeriodRollup.objects.all().delete()
    call_command("outcomes_rebuild", practice=world.practice.pk)
    assert "Outcome rollup rebuilt for" in capsys.readouterr().out
    assert [r[0] for r in snapshot(patient)] == [1]


_entries = st.fixed_dictionaries(
    {
        "n": st.integers(0, len(IDS) - 1),
        "day": st.integers(0, 120),
        "kind": st.sampled_from(["checkin", "attack"]),
        "deleted": st.booleans(),
        "headache": st.booleans(),
        "intensity": st.one_of(st.none(), st.integers(0, 10)),
        "drugs": st.lists(
            st.sampled_from(["triptan", "non_opioid_analgesic", "opioid"]), max_size=2
        ),
        "stopped": st.one_of(st.none(), st.booleans()),
        "triggers": st.lists(st.sampled_from(["stress", "sleep"]), max_size=2, unique=True),
    }
)
_operations = st.lists(
    st.one_of(
        _entries,
        st.fixed_dictionaries({"session": st.integers(20, 90)}),
        # Removing the earliest session moves the first treatment later.
        st.fixed_dictionaries({"drop_first_session": st.just(True)}),
        st.fixed_dictionaries({"baseline_days": st.sampled_from([14, 28, 42])}),
    ),
    min_size=1,
    max_size=20,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=_operations)
def test_the_incremental_rollup_always_equals_a_rebuild(world, operations):
    patient = world.patient
    patient.practice.baseline_days = 28
    patient.practice.save()
    DiaryEntry.objects.filter(patient=patient).delete()
    TreatmentSession.objects.filter(patient=patient).delete()
    PeriodRollup.objects.filter(patient=patient).delete()
    PatientCourse.objects.filter(patient=patient).delete()
    clock = datetime(2026, 7, 1, tzinfo=UTC)
    for op in operations:
        clock += timedelta(minutes=1)
        if "session" in op:
            session(patient, DAY0 + timedelta(days=op["session"]))
            continue
        if "drop_first_session" in op:
            earliest = TreatmentSession.objects.filter(patient=patient).order_by("session_date")
            if earliest.exists():
                earliest.first().delete()
            rollup_refresh(patient=patient, days=())
            continue
        if "baseline_days" in op:
            # What the settings page does: save, then recount (here for this patient).
            patient.practice.baseline_days = op["baseline_days"]
            patient.practice.save()
            rollup_refresh(patient=patient, days=())
            continue
        day = DAY0 + timedelta(days=op["day"])
        fields: dict[str, object] = {"deleted": op["deleted"], "triggers": op["triggers"]}
        if op["kind"] == "attack":
            fields["peak_intensity"] = op["intensity"] if op["intensity"] is not None else 6
            fields["medications"] = [{"drug_class": d} for d in op["drugs"]]
            if op["stopped"] is not None:
                fields["self_management"] = {"used": True, "stopped_attack": op["stopped"]}
        else:
            fields["headache"] = op["headache"]
            fields["worst_intensity"] = op["intensity"]
        diary_entries_upsert(
            patient=patient, entries=[entry(op["n"], day, op["kind"], at=clock, **fields)]
        )
    incremental = snapshot(patient)
    rollups_rebuild(practice=world.practice)
    assert snapshot(patient) == incremental


def test_missing_only_builds_patients_without_a_rollup(world, capsys):
    patient = world.patient
    TreatmentSession.objects.create(practice=patient.practice, patient=patient, session_date=FIRST)
    diary_entries_upsert(patient=patient, entries=[entry(0, FIRST)])
    # As after an upgrade from a version without the rollup.
    PatientCourse.objects.all().delete()
    PeriodRollup.objects.all().delete()
    call_command("outcomes_rebuild", missing=True)
    assert [r[0] for r in snapshot(patient)] == [1]
    call_command("outcomes_rebuild", missing=True)
    assert "rebuilt for 0 patients." in capsys.readouterr().out.splitlines()[-1]

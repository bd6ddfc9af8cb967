"""The practice dashboard (issue 6, point 7): responders with 95% intervals, median change and
completeness by diagnosis, technique and practitioner, read from the rollup; CSV export with a
de-identified option."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from conftest import World, client_for, make_patient
from headway.care.models import TreatmentSession
from headway.clinical.outcomes.measures import Measure
from headway.diary.services import diary_entries_upsert
from headway.outcomes import dashboard, queries
from headway.outcomes.models import PatientCourse
from headway.outcomes.services import rollup_refresh
from web.outcomes.helpers import checkin


def course(world: World, patient, *, recorded: int, headache: int, days_ago: int = 28 * 3 + 1):
    """Baseline: 28 days, 14 with headache. Periods 1-3: `recorded` days, `headache` of them."""
    today = timezone.localdate()
    first = today - timedelta(days=days_ago)
    TreatmentSession.objects.create(
        practice=world.practice, patient=patient, session_date=first, practitioner=world.colleague
    )
    from headway.outcomes.services import course_refresh

    course_refresh(patient=patient)
    rollup_refresh(patient=patient, days=())
    PatientCourse.objects.filter(patient=patient).update(diagnosis="2.3")
    entries = [checkin(first - timedelta(days=28 - n), n < 14, 5) for n in range(28)]
    for period in range(3):
        start = first + timedelta(days=28 * period)
        entries += [checkin(start + timedelta(days=n), n < headache, 4) for n in range(recorded)]
    diary_entries_upsert(patient=patient, entries=entries)


def four_patients(world: World):
    course(world, world.patient, recorded=28, headache=4)  # -71 %: responder at 50 %
    course(world, world.other_patient, recorded=28, headache=8)  # -43 %: at 30 % only
    # Period 3 of this one ended yesterday: it counts, as on the patient's page.
    carl = make_patient(world.practice, "Carl", "Same")
    course(world, carl, recorded=28, headache=14, days_ago=28 * 3)  # 0 %
    course(world, make_patient(world.practice, "Dora", "Gap"), recorded=10, headache=1)


def test_responders_with_intervals_and_the_median_by_diagnosis(world: World):
    four_patients(world)
    html = client_for(world.colleague).get(reverse("practice_dashboard")).content.decode()
    row = html[html.index("2.3 ") : html.index("</tr>", html.index("2.3 "))]
    assert "<td>4</td>" in row  # patients
    assert "<td>3 (75 %)</td>" in row  # with enough diary
    # Wilson 95 % intervals: 1 of 3 is 6-79 %, 2 of 3 is 21-94 %.
    assert "1 of 3: 33 % (6\u201379 %)" in row
    assert "2 of 3: 67 % (21\u201394 %)" in row
    # Changes -71 %, -43 %, 0 %: the median is -43 %.
    assert "-43.0 %" in row
    assert "Dora Gap" in html[html.index('id="missing-diary"') :]


def test_the_dashboard_agrees_with_the_patients_own_outcome_page(world: World):
    four_patients(world)
    query = dashboard.DashboardQuery(
        practice_id=world.practice.pk,
        group_by=dashboard.GroupBy.DIAGNOSIS,
        follow_up="week_12",
        started_from=timezone.localdate() - timedelta(days=400),
        started_until=timezone.localdate(),
        today=timezone.localdate(),
    )
    rows = list(dashboard.patient_rows(query))
    assert len(rows) == 4
    for row in rows:
        from headway.patients.models import Patient

        summary = queries.patient_outcomes(
            Patient.objects.get(pk=row.patient_id), today=query.today
        )
        period_3 = next(p for p in summary.periods if p.measures.period.index == 3)
        assert summary.primary is Measure.HEADACHE_DAYS
        assert period_3.change is not None
        assert row.change.responder_50 == period_3.change.responder_50
        assert row.change.responder_30 == period_3.change.responder_30
        assert row.change.percent == period_3.change.percent
    # The SQL aggregation counts what the core says, patient by patient.
    (group,) = dashboard.outcomes_by_group(query)
    assert group.patients == len(rows)
    assert group.evaluable == sum(r.evaluable for r in rows)
    assert group.responders_50 == sum(bool(r.change.responder_50) for r in rows)
    assert group.responders_30 == sum(bool(r.change.responder_30) for r in rows)


def test_by_practitioner_and_technique_and_the_period_filter(world: World):
    four_patients(world)
    client = client_for(world.colleague)
    by_practitioner = client.get(
        reverse("practice_dashboard"), {"group_by": "practitioner", "follow_up": "week_12"}
    )
    assert "Bob Practitioner" in by_practitioner.content.decode()
    # No one has reached 6 months yet.
    later = client.get(
        reverse("practice_dashboard"), {"group_by": "diagnosis", "follow_up": "month_6"}
    )
    assert "No patient in this selection." in later.content.decode()
    # A start date range that leaves everyone out.
    empty = client.get(
        reverse("practice_dashboard"),
        {
            "group_by": "diagnosis",
            "follow_up": "week_4",
            "started_from": "2000-01-01",
            "started_until": "2000-12-31",
        },
    )
    assert "No patient in this selection." in empty.content.decode()
    bad = client.get(
        reverse("practice_dashboard"),
        {
            "group_by": "diagnosis",
            "follow_up": "week_4",
            "started_from": "2026-05-01",
            "started_until": "2026-01-01",
        },
    )
    assert bad.status_code == 400 and "The end lies before the start." in bad.content.decode()


def test_the_csv_export_and_its_de_identified_form(world: World):
    four_patients(world)
    client = client_for(world.colleague)
    full = client.get(reverse("dashboard_csv"), {"follow_up": "week_12", "group_by": "diagnosis"})
    rows = list(csv.DictReader(io.StringIO(full.content.decode())))
    assert len(rows) == 4
    paula = next(r for r in rows if r["name"] == "Paula Patient")
    assert (paula["baseline_value"], paula["follow_up_value"], paula["change_percent"]) == (
        "14.0",
        "4.0",
        "-71.4",
    )
    assert paula["responder_50"] == "yes"
    anonymous = client.get(reverse("dashboard_csv"), {"follow_up": "week_12", "deidentified": "1"})
    text = anonymous.content.decode()
    assert "Paula" not in text and "1980-05-17" not in text and "Bob" not in text
    deidentified = list(csv.DictReader(io.StringIO(text)))
    assert {r["age_band"] for r in deidentified} >= {"40-49"}
    assert all(
        r["pseudonym"].startswith("P-") and len(r["first_treatment"]) == 7 for r in deidentified
    )
    assert "attachment" in anonymous["Content-Disposition"]


def test_the_identified_csv_is_in_each_exported_patients_trail(world: World):
    from headway.audit.models import AuditEntry

    four_patients(world)
    client = client_for(world.colleague)
    client.get(reverse("dashboard_csv"), {"follow_up": "week_12"}, REMOTE_ADDR="192.0.2.7")
    exported = AuditEntry.objects.filter(action_code="patient.outcomes.exported")
    assert exported.count() == 4
    assert {e.patient_ref for e in exported} >= {world.patient.pk, world.other_patient.pk}
    assert {(e.actor_id, e.remote_addr, e.practice_id) for e in exported} == {
        (world.colleague.pk, "192.0.2.7", world.practice.pk)
    }
    # The patient's own trail, as the owner reads it, names the export.
    page = client_for(world.owner).get(reverse("audit_patient", args=[world.patient.pk]))
    assert "patient.outcomes.exported" in page.content.decode()
    # The de-identified file names nobody, so it adds no per-patient entry.
    client.get(reverse("dashboard_csv"), {"follow_up": "week_12", "deidentified": "1"})
    assert exported.count() == 4


def test_no_column_of_the_dashboard_csv_can_start_a_formula(world: World):
    four_patients(world)
    world.patient.first_name = "=cmd|' /C calc'!A0"
    world.patient.save()
    world.colleague.full_name = "@SUM(1+1)"
    world.colleague.save()
    # A diagnosis the practitioner typed in ("other code") is text from a user as well.
    PatientCourse.objects.filter(patient=world.patient).update(diagnosis="+2.3")
    response = client_for(world.colleague).get(reverse("dashboard_csv"), {"follow_up": "week_12"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    paula = next(r for r in rows if "Patient" in r["name"])
    assert paula["name"] == "'=cmd|' /C calc'!A0 Patient"
    assert paula["practitioner"] == "'@SUM(1+1)"
    assert paula["diagnosis"] == "'+2.3"
    # Numbers stay numbers: a fall of 71.4 % is not a formula.
    assert paula["change_percent"] == "-71.4"

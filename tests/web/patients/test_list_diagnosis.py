"""The patient list shows each patient's confirmed ICHD-3 diagnosis, filters by it and
searches by name (issue 13, point 1.3). Its query count: tests/web/test_list_queries.py."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from conftest import World, client_for, make_patient
from headway.care.models import ClassificationRun, Decision, DiagnosisDecision
from headway.patients.models import Patient


def decide(
    world: World,
    patient: Patient,
    suggested: str,
    decision: str,
    code: str = "",
    *,
    days_ago: int = 0,
) -> None:
    run = ClassificationRun.objects.create(
        practice=world.practice, patient=patient, source="intake"
    )
    DiagnosisDecision.objects.create(
        practice=world.practice,
        patient=patient,
        run=run,
        suggested_code=suggested,
        suggested_name="",
        decision=decision,
        code=code,
        reason="seen",
        decided_by=world.colleague,
        created_at=timezone.now() - timedelta(days=days_ago),
    )


def row_of(html: str, name: str) -> str:
    start = html.index(name)
    return html[start : html.index("</tr>", start)]


def test_the_list_shows_the_confirmed_diagnosis_of_each_patient(world: World):
    decide(world, world.patient, "1.1", Decision.CONFIRMED, "1.1")
    # Changed by the practitioner: the list shows their code, not the suggestion.
    decide(world, world.other_patient, "1.1", Decision.CHANGED, "2.2")
    html = client_for(world.colleague).get(reverse("patient_list")).content.decode()
    assert '<th scope="col">Diagnosis</th>' in html
    assert "1.1 Migraine without aura" in row_of(html, "Patient, Paula")
    other = row_of(html, "Other, Otto")
    assert "2.2 " in other
    assert "1.1" not in other


def test_a_rejected_or_replaced_suggestion_is_not_shown(world: World):
    decide(world, world.patient, "1.1", Decision.CONFIRMED, "1.1", days_ago=3)
    decide(world, world.patient, "1.1", Decision.REJECTED, days_ago=1)
    decide(world, world.other_patient, "2.2", Decision.REJECTED, days_ago=3)
    decide(world, world.other_patient, "2.2", Decision.CONFIRMED, "2.2", days_ago=1)
    html = client_for(world.colleague).get(reverse("patient_list")).content.decode()
    paula = row_of(html, "Patient, Paula")
    assert "1.1" not in paula
    assert "none confirmed" in paula
    assert "2.2 " in row_of(html, "Other, Otto")


def test_the_filter_keeps_the_patients_with_that_diagnosis(world: World):
    decide(world, world.patient, "1.1", Decision.CONFIRMED, "1.1")
    decide(world, world.other_patient, "2.2", Decision.CONFIRMED, "2.2")
    client = client_for(world.colleague)
    page = client.get(reverse("patient_list")).content.decode()
    assert '<option value="1.1">1.1 Migraine without aura</option>' in page
    html = client.get(reverse("patient_list") + "?diagnosis=1.1").content.decode()
    assert "Patient, Paula" in html
    assert "Other, Otto" not in html
    assert "1 patient" in html
    # With the search by name: both must match.
    assert (
        "No patient matches"
        in client.get(reverse("patient_list") + "?diagnosis=1.1&q=Otto").content.decode()
    )
    # A code nobody has (or a made-up one) filters nothing out.
    both = client.get(reverse("patient_list") + "?diagnosis=zz").content.decode()
    assert "Patient, Paula" in both and "Other, Otto" in both


def test_the_search_by_name_finds_the_patient(world: World):
    make_patient(world.practice, "Zoe", "Zimmer")
    html = client_for(world.colleague).get(reverse("patient_list") + "?q=zimm").content.decode()
    assert "Zimmer, Zoe" in html
    assert "Patient, Paula" not in html


def test_reception_sees_no_diagnosis(world: World):
    decide(world, world.patient, "1.1", Decision.CONFIRMED, "1.1")
    html = client_for(world.reception).get(reverse("patient_list")).content.decode()
    assert "Patient, Paula" in html
    assert "Migraine" not in html
    assert 'name="diagnosis"' not in html
    # The filter is ignored for reception: it must not reveal who has which diagnosis.
    filtered = client_for(world.reception).get(reverse("patient_list") + "?diagnosis=1.1")
    assert "Other, Otto" in filtered.content.decode()

"""The progress report (issue 6, point 6): a PDF in the patient's or the physician's language
with diagnoses, screens, treatments, measures and charts; it renders in all four languages."""

from __future__ import annotations

import io

import pypdf
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from conftest import World, client_for
from headway.audit.models import AuditEntry
from web.outcomes.helpers import treated_patient


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("language", ["en", "de", "es", "fr"])
def test_the_report_renders_in_each_language(world: World, language):
    treated_patient(world.patient)
    response = client_for(world.colleague).get(
        reverse("outcome_report", args=[world.patient.pk]), {"lang": language}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = words(pdf_text(response.content))
    with translation.override(language):
        for phrase in (
            "Neck screenings before treatment",
            "Treatments",
            "Outcome measures",
            "Charts",
        ):
            assert words(gettext(phrase)) in text
        if language != "en":
            assert gettext("Outcome measures") != "Outcome measures"
    assert "Paula Patient" in text
    # The measures and the chart's caption.
    assert "14,0" in text or "14.0" in text
    assert AuditEntry.objects.filter(
        action_code="outcomes.report.downloaded", patient_ref=world.patient.pk
    ).exists()


def test_the_physicians_report_is_in_the_physicians_language(world: World):
    treated_patient(world.patient)
    world.patient.preferred_language = "es"
    world.patient.physician_language = "de"
    world.patient.physician_name = "Dr. Ruth Sommer"
    world.patient.save()
    client = client_for(world.colleague)
    url = reverse("outcome_report", args=[world.patient.pk])
    for_physician = words(pdf_text(client.get(url, {"for": "physician"}).content))
    for_patient = words(pdf_text(client.get(url).content))
    with translation.override("de"):
        assert words(gettext("Outcome measures")) in for_physician
    assert "Dr. Ruth Sommer" in for_physician
    with translation.override("es"):
        assert words(gettext("Outcome measures")) in for_patient
    # The report says what the numbers do not show, in the reader's language.
    caveat = (
        "This report describes the course of the headaches as recorded in the diary and "
        "questionnaires. It does not show that a treatment caused a change: headaches also "
        "change on their own."
    )
    with translation.override("es"):
        assert words(gettext(caveat)) in for_patient


def test_the_patients_report_words_the_overuse_alert_for_the_patient(world: World):
    from web.outcomes.helpers import triptan_days

    triptan_days(world.patient, every=3)
    client = client_for(world.colleague)
    url = reverse("outcome_report", args=[world.patient.pk])
    for_patient = words(pdf_text(client.get(url, {"lang": "en"}).content))
    for_physician = words(pdf_text(client.get(url, {"lang": "en", "for": "physician"}).content))
    assert "talk to your doctor" in for_patient and "8.2.2" not in for_patient
    assert "8.2.2" in for_physician


def test_a_wrong_language_falls_back_to_the_readers(world: World):
    world.patient.preferred_language = "es"
    world.patient.physician_language = "fr"
    world.patient.save()
    response = client_for(world.colleague).get(
        reverse("outcome_report", args=[world.patient.pk]), {"for": "physician", "lang": "xx"}
    )
    with translation.override("fr"):
        assert words(gettext("Outcome measures")) in words(pdf_text(response.content))


def test_the_patients_report_speaks_to_the_patient(world: World):
    """Issue 13, 3.5: the patient's copy names the confirmed headache classification and leaves
    out clinician words (baseline, responder, sustained response, vascular pathology)."""
    from headway.care.models import ClassificationRun
    from headway.care.services import diagnosis_decide

    treated_patient(world.patient)
    run = ClassificationRun.objects.create(
        practice_id=world.patient.practice_id, patient=world.patient, source="intake"
    )
    diagnosis_decide(
        run=run,
        suggested_code="2.2",
        suggested_name="Frequent episodic tension-type headache",
        decision="confirmed",
        code="",
        name="",
        reason="",
        decided_by=world.colleague,
    )
    client = client_for(world.colleague)
    url = reverse("outcome_report", args=[world.patient.pk])
    for_patient = words(pdf_text(client.get(url, {"lang": "en"}).content))
    for_physician = words(pdf_text(client.get(url, {"lang": "en", "for": "physician"}).content))
    assert "Headache classification (ICHD-3), confirmed by your practitioner" in for_patient
    assert "Frequent episodic tension-type headache (2.2)" in for_patient
    for jargon in ("esponder", "Sustained", "vascular pathology", "Diagnoses"):
        assert jargon not in for_patient, jargon
    # The charts keep their word "Baseline", explained for the patient.
    assert 'In the charts, "Baseline" means the days of diary before the first treatment.' in (
        for_patient
    )
    assert "Before treatment" in for_patient
    assert "cannot rule out every problem of the neck's blood vessels" in for_patient or (
        "No screening recorded." in for_patient
    )
    assert "Diagnoses" in for_physician and "Baseline" in for_physician

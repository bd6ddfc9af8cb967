"""The practitioner opens a treated patient's outcomes, sees the charts with their text
alternatives, and downloads the progress report as a PDF in the physician's language
(issue 6, "done when")."""

from __future__ import annotations

import io

import pypdf
import pytest
from django.utils import translation
from django.utils.translation import gettext

from conftest import make_patient, make_staff
from e2e import workflow
from headway.accounts.models import Practice, Role
from web.outcomes.helpers import treated_patient

pytestmark = pytest.mark.e2e


def test_the_practitioner_sees_the_charts_and_downloads_the_report(transactional_db, page):
    practice = Practice.objects.create(name="Alpenblick Praxis")
    make_staff(practice, "uc@example.org", Role.PRACTITIONER, "Ute Cervical")
    patient = make_patient(
        practice, "Greta", "Berg", physician_name="Dr. Ruth Sommer", physician_language="de"
    )
    treated_patient(patient)
    workflow.sign_in(page, "uc@example.org")
    page.goto(f"/patients/{patient.pk}/outcomes/")
    charts = page.locator("figure.chart img")
    assert charts.count() == 3
    # Each chart image is drawn and has its text alternative.
    assert page.evaluate(
        "Array.from(document.querySelectorAll('figure.chart img')).every(i => i.naturalWidth > 300)"
    )
    assert "14.0 at baseline" in charts.first.get_attribute("alt")
    page.locator("figure.chart details summary").first.click()
    assert page.locator("figure.chart details table").first.is_visible()
    with page.expect_download() as download:
        page.locator("#report-physician-link").click()
    with open(download.value.path(), "rb") as pdf:
        reader = pypdf.PdfReader(io.BytesIO(pdf.read()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Greta Berg" in text and "Dr. Ruth Sommer" in text
    with translation.override("de"):
        assert " ".join(gettext("Outcome measures").split()) in text
        assert " ".join(gettext("Headache days per 28 days").split()) in text
    assert download.value.suggested_filename.startswith(f"progress-{patient.pk}-")

"""Dates and times in the practice's way of writing them (issue 13, 1.1): an English-speaking user
of a German practice reads 29/11/2026 and 14:30, never "Nov. 29, 2026" or "2:30 p.m.", on pages
and in PDFs."""

from __future__ import annotations

from datetime import UTC, datetime

from django.urls import reverse

from conftest import World, client_for
from web.outcomes.test_report import pdf_text, words


def _note_at_half_past_two(world: World) -> None:
    # 13:30 UTC is 14:30 in Berlin (the practice's time zone) on 29 November.
    world.note.created_at = datetime(2026, 11, 29, 13, 30, tzinfo=UTC)
    world.note.save(update_fields=["created_at"])


def test_an_english_user_of_a_german_practice_reads_day_first_and_the_24_hour_clock(
    world: World,
):
    _note_at_half_past_two(world)
    client = client_for(world.colleague)
    page = client.get(
        reverse("clinical_notes", args=[world.patient.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "29/11/2026 14:30" in page
    assert "p.m." not in page
    assert "Nov. 29" not in page
    detail = client.get(
        reverse("patient_detail", args=[world.patient.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "17/05/1980" in detail  # date of birth
    assert "05/17/1980" not in detail


def test_a_german_user_reads_german_dates(world: World):
    _note_at_half_past_two(world)
    page = (
        client_for(world.colleague)
        .get(reverse("clinical_notes", args=[world.patient.pk]), HTTP_ACCEPT_LANGUAGE="de")
        .content.decode()
    )
    assert "29.11.2026 14:30" in page


def test_the_english_pdf_report_writes_dates_day_first(world: World):
    from web.outcomes.helpers import treated_patient

    treated_patient(world.patient)
    response = client_for(world.colleague).get(
        reverse("outcome_report", args=[world.patient.pk]), {"lang": "en"}
    )
    text = words(pdf_text(response.content))
    assert "17/05/1980" in text
    assert "May 17, 1980" not in text

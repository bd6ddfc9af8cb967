"""Examinations: the pain drawing, candidate muscles, findings, and comparison over time."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import World, client_for
from headway.care.models import Examination
from headway.lib.dates import months_before

pytestmark = pytest.mark.django_db


def _exam_post(day: date, **fields: str) -> dict[str, str]:
    data = {
        "examined_on": day.isoformat(),
        "tp-TOTAL_FORMS": "4",
        "tp-INITIAL_FORMS": "0",
        "rom_rotation_left": "60",
        "rom_rotation_right": "75",
        "frt_left": "28",
        "frt_right": "42",
        "oa_mobility_left": "restricted",
        "oa_mobility_right": "normal",
        "uc_judgement": "decompensated",
        "care_pathway": "long_term",
    }
    data.update(fields)
    return data


def test_the_pain_drawing_gives_ranked_candidate_muscles(world: World):
    today = timezone.localdate()
    response = client_for(world.colleague).post(
        reverse("examination_create", args=[world.patient.pk]),
        _exam_post(
            today,
            **{
                "pain__temple__right": "7",
                "pain__eyebrow__right": "5",
                "pain__occiput__right": "3",
                "tp-0-muscle": "scm_sternal",
                "tp-0-side": "right",
                "tp-0-state": "active",
                "tp-0-reproduces_familiar_pain": "on",
            },
        ),
    )
    assert response.status_code == 302
    exam = Examination.objects.get()
    assert {(e["region"], e["side"], e["intensity"]) for e in exam.pain_regions} == {
        ("temple", "right", 7),
        ("eyebrow", "right", 5),
        ("occiput", "right", 3),
    }
    point = exam.trigger_points.get()
    assert (point.muscle, point.side, point.state, point.reproduces_familiar_pain) == (
        "scm_sternal",
        "right",
        "active",
        True,
    )
    page = client_for(world.colleague).get(response["Location"]).content.decode()
    assert "Sternocleidomastoid, sternal division" in page
    assert "not a diagnosis" in page
    assert 'class="spot level-7"' in page
    assert "decompensated asymmetry" in page and "long-term care" in page


def test_candidates_update_while_drawing(world: World):
    response = client_for(world.colleague).post(
        reverse("pain_candidates", args=[world.patient.pk]),
        {"pain__tmj__left": "6", "pain__upper_teeth__left": "4"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and 'id="candidates"' in page
    assert "Masseter" in page or "Lateral pterygoid" in page


def test_bad_findings_name_the_field_and_save_nothing(world: World):
    response = client_for(world.colleague).post(
        reverse("examination_create", args=[world.patient.pk]),
        _exam_post(
            timezone.localdate(),
            ccft_mmhg="40",
            **{"tp-0-muscle": "masseter", "pain__temple__right": "7"},
        ),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "the test runs from 20 (baseline) to 30 mmHg" in page
    assert "choose one for this muscle" in page
    assert 'class="spot level-7"' in page  # the drawing comes back as it was sent
    assert not Examination.objects.exists()


def test_examinations_compare_over_time_and_the_drawing_starts_from_the_last(world: World):
    clinician = client_for(world.colleague)
    url = reverse("examination_create", args=[world.patient.pk])
    today = timezone.localdate()
    clinician.post(url, _exam_post(today - timedelta(days=60), **{"pain__occiput__left": "8"}))
    form = clinician.get(url).content.decode()
    assert 'name="pain__occiput__left"' in form
    assert '<option value="8" selected>' in form
    clinician.post(url, _exam_post(today, rom_rotation_left="72", **{"pain__occiput__left": "3"}))
    page = clinician.get(reverse("examinations", args=[world.patient.pk])).content.decode()
    assert page.index(">60<") < page.index(">72<")  # oldest first, left to right
    assert page.count('class="body-chart"') == 2


def test_examination_pages_are_closed_to_reception_and_outsiders(world: World):
    client_for(world.colleague).post(
        reverse("examination_create", args=[world.patient.pk]), _exam_post(timezone.localdate())
    )
    exam = Examination.objects.get()
    url = reverse("examination_detail", args=[world.patient.pk, exam.pk])
    assert client_for(world.reception).get(url).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
    foreign = reverse("examination_detail", args=[world.foreign_patient.pk, exam.pk])
    assert client_for(world.owner).get(foreign).status_code == 404


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 11, 24), 12, date(2025, 11, 24)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 2, 29)),
        (date(2026, 1, 15), 1, date(2025, 12, 15)),
    ],
)
def test_months_before_clamps_to_the_end_of_the_month(day, months, expected):
    assert months_before(day, months) == expected


def _open_sections(page: str) -> set[str]:
    return set(re.findall(r'<details class="exam-section" id="section-([a-z-]+)" open>', page))


def test_the_examination_opens_the_sections_of_the_practitioners_own_methods(world: World):
    # Issue 13, 1.7: a practitioner credentialed in upper cervical therapy sees its sections
    # open and the trigger points and SOT folded.
    from headway.accounts.models import Credential
    from headway.care.models import Technique
    from headway.care.services import technique_catalogue

    technique_catalogue(world.practice)
    Technique.objects.filter(practice=world.practice, kind="upper_cervical").update(
        credential_method="Upper cervical therapy"
    )
    Credential.objects.create(
        practice=world.practice,
        user=world.colleague,
        method="upper cervical therapy",
        issuing_body="Academy",
        issued_on=date(2020, 1, 1),
        verified_at=timezone.now(),
    )
    client = client_for(world.colleague)
    url = reverse("examination_create", args=[world.patient.pk])
    page = client.get(url).content.decode()
    assert _open_sections(page) == {"cervical", "upper-cervical"}
    assert 'id="section-trigger-points">' in page and 'id="section-posture-sot">' in page
    # A wrong answer opens every section, so no field in error stays folded.
    refused = client.post(url, _exam_post(timezone.localdate(), ccft_mmhg="40")).content.decode()
    assert _open_sections(refused) == {
        "trigger-points",
        "cervical",
        "upper-cervical",
        "posture-sot",
    }


def test_a_practitioner_whose_methods_are_unknown_sees_every_section(world: World):
    page = (
        client_for(world.colleague)
        .get(reverse("examination_create", args=[world.patient.pk]))
        .content.decode()
    )
    assert _open_sections(page) == {"trigger-points", "cervical", "upper-cervical", "posture-sot"}

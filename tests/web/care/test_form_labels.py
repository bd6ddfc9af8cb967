"""Every field of the technique rows of the session note and of the trigger-point rows of the
examination has a label that names its column and row, and the pain drawing writes out the
names of its marked regions (issue 13, points 1.6 and 5.1)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import World, client_for
from web.care.test_examinations import _exam_post

pytestmark = pytest.mark.django_db


def _labels(page: str) -> dict[str, str]:
    return {
        target: re.sub(r"\s+", " ", text).strip()
        for target, text in re.findall(r'<label for="([^"]+)"[^>]*>([^<]*)', page)
    }


def _fields(page: str, prefix: str) -> list[str]:
    return re.findall(rf'<(?:select|input)[^>]*id="(id_{prefix}-\d+-[a-z_]+)"', page)


def test_each_field_of_a_technique_row_has_a_name(world: World):
    page = (
        client_for(world.colleague)
        .get(reverse("session_create", args=[world.patient.pk]))
        .content.decode()
    )
    labels = _labels(page)
    fields = _fields(page, "t")
    assert len(fields) >= 18  # three rows of six
    for field in fields:
        assert field in labels, field
    assert labels["id_t-0-technique"] == "Technique 1"
    assert labels["id_t-1-muscle"] == "Technique 2: Muscle"
    assert labels["id_t-2-block_placement"] == "Technique 3: Block placement"


def test_each_field_of_a_trigger_point_row_has_a_name(world: World):
    page = (
        client_for(world.colleague)
        .get(reverse("examination_create", args=[world.patient.pk]))
        .content.decode()
    )
    labels = _labels(page)
    fields = _fields(page, "tp")
    assert len(fields) == 16  # four rows of four
    for field in fields:
        assert field in labels, field
    assert labels["id_tp-0-muscle"] == "Trigger point 1: Muscle"
    assert labels["id_tp-3-reproduces_familiar_pain"] == (
        "Trigger point 4: Reproduces the familiar pain"
    )


def test_the_pain_drawing_names_its_marked_regions(world: World):
    clinician = client_for(world.colleague)
    url = reverse("examination_create", args=[world.patient.pk])
    day = timezone.localdate() - timedelta(days=1)
    response = clinician.post(
        url, _exam_post(day, **{"pain__temple__right": "7", "pain__occiput__left": "3"})
    )
    assert response.status_code == 302
    detail = clinician.get(response["Location"]).content.decode()
    # Visible text, most intense first; the occiput shows in two views but is named once.
    assert re.search(r"Marked regions: [^<;]*right 7/10; [^<;]*occiput[^<;]*left 3/10</p>", detail)
    assert detail.count("left 3/10</p>") == 1
    form = clinician.get(url).content.decode()  # starts from the last drawing
    assert re.search(r'<p class="marked-regions"[^>]*>Marked regions: [^<]*7/10', form)
    assert '<p class="spot-name"' in form

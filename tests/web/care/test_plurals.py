"""Counts read right for one and for many (issue 13, 1.11): "1 red flag", not "1 red flag(s)";
"the last month", not "the last 1 months"."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from conftest import World, client_for
from headway.care.models import ClassificationRun

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("raised", "shown"), [(1, "1 red flag"), (2, "2 red flags")])
def test_the_timeline_counts_red_flags_in_words(world: World, raised: int, shown: str):
    ClassificationRun.objects.create(
        practice=world.practice,
        patient=world.patient,
        source="intake",
        red_flags={"raised": [f"flag_{n}" for n in range(raised)]},
    )
    page = (
        client_for(world.colleague)
        .get(reverse("patient_timeline", args=[world.patient.pk]))
        .content.decode()
    )
    assert re.search(rf"suggested [^<]* · {shown}(<|\s)", page)
    assert "(s)" not in page


def test_a_screen_valid_for_one_month_says_the_last_month(world: World):
    world.practice.screen_valid_months = 1
    world.practice.save()
    page = (
        client_for(world.colleague)
        .get(reverse("cervical_screens", args=[world.patient.pk]))
        .content.decode()
    )
    assert "a screen from the last month that" in page
    assert "last 1 months" not in page

"""The cervical screen form refuses impossible values by the clinical core's rules, and the
Canadian C-spine rule's answers count (issue 12, 1.6 and 1.7)."""

from __future__ import annotations

import html
from datetime import date

import pytest
from django.urls import reverse

from conftest import World, client_for
from headway.care.models import CervicalScreen
from web.care.helpers import complete_screen_post

pytestmark = pytest.mark.django_db

C_SPINE_LOW_RISK = {
    "c_spine__dangerous_mechanism": "no",
    "c_spine__paraesthesias_in_extremities": "no",
    "c_spine__simple_rear_end_collision": "yes",
    "c_spine__sitting_position": "yes",
    "c_spine__ambulatory_at_any_time": "yes",
    "c_spine__delayed_onset_of_neck_pain": "no",
    "c_spine__no_midline_cervical_tenderness": "yes",
    "c_spine__can_rotate_45_degrees_both_ways": "yes",
}


def _post(world: World, **overrides: str):
    return client_for(world.colleague).post(
        reverse("cervical_screens", args=[world.patient.pk]), complete_screen_post(**overrides)
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"systolic_bp": "80", "diastolic_bp": "120"},
            "This is more than the answer to “Blood pressure, systolic (mmHg)” (80).",
        ),
        ({"systolic_bp": "-1"}, "greater than or equal to 50"),
        ({"diastolic_bp": "NaN"}, "Enter a whole number."),
        ({"systolic_bp": "Infinity"}, "Enter a whole number."),
        (
            {"recent_trauma": "no", "c_spine__dangerous_mechanism": "yes"},
            "The Canadian C-spine rule applies only after recent trauma",
        ),
        (
            {"recent_trauma": "", "c_spine__can_rotate_45_degrees_both_ways": "no"},
            "The Canadian C-spine rule applies only after recent trauma",
        ),
    ],
)
def test_an_impossible_screen_is_refused_on_the_field_and_nothing_saved(
    world: World, overrides, message
):
    response = _post(world, **overrides)
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert not CervicalScreen.objects.exists()


def test_equal_blood_pressures_pass_the_check(world: World):
    assert _post(world, systolic_bp="120", diastolic_bp="120").status_code == 302


def test_a_dangerous_mechanism_after_trauma_refers_for_imaging(world: World):
    response = _post(
        world, recent_trauma="yes", **{**C_SPINE_LOW_RISK, "c_spine__dangerous_mechanism": "yes"}
    )
    assert response.status_code == 302
    recorded = CervicalScreen.objects.get(patient=world.patient)
    assert (recorded.outcome, recorded.urgency) == ("do_not_treat", "urgent")
    page = client_for(world.colleague).get(response["Location"]).content.decode()
    assert "dangerous mechanism" in page


@pytest.mark.parametrize(("born", "outcome"), [(date(1940, 1, 1), "do_not_treat"), (None, None)])
def test_age_65_or_over_after_trauma_counts_from_the_record(world: World, born, outcome):
    """The rule's age is the patient's, from the record: a low-risk answer sheet still needs
    imaging at 65 or over (Stiell 2001; clinical-reference.md 3.3)."""
    if born is not None:
        world.patient.date_of_birth = born
        world.patient.save(update_fields=["date_of_birth"])
    response = _post(world, recent_trauma="yes", **C_SPINE_LOW_RISK)
    assert response.status_code == 302
    recorded = CervicalScreen.objects.get(patient=world.patient)
    if outcome is None:  # 45 years old, low risk, rotates: no imaging, a precaution
        assert recorded.outcome == "precaution"
    else:
        assert (recorded.outcome, recorded.urgency) == (outcome, "urgent")

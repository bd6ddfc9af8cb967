"""The intake asks the aura details only after "yes, I have aura" (issue 13, 1.9)."""

from __future__ import annotations

import pytest

from conftest import PASSWORD, make_patient
from headway.accounts.models import Practice, User
from headway.patients import services

pytestmark = pytest.mark.e2e


@pytest.fixture
def patient_user(transactional_db):  # type: ignore[no-untyped-def]
    practice = Practice.objects.create(name="Alpenblick Physio")
    user = User.objects.create_user("paula@example.org", PASSWORD, full_name="Paula Patient")
    patient = make_patient(practice, "Paula", "Patient", user=user, email="paula@example.org")
    services.intake_start(patient=patient, created_by=None)
    return user


def test_the_aura_details_hide_after_no_and_show_after_yes(page, patient_user):  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto("/")
    page.get_by_label("Email").fill("paula@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto("/portal/intake/?section=headache_1")
    details = page.locator("#id_aura_reversible")
    symptoms = page.locator("#id_aura_symptoms")
    # Not answered yet: nothing to follow up.
    expect(details).to_be_hidden()
    aura = page.locator("#id_aura")
    aura.get_by_label("No", exact=True).check()
    expect(details).to_be_hidden()
    expect(symptoms).to_be_hidden()
    aura.get_by_label("Yes", exact=True).check()
    expect(details).to_be_visible()
    expect(symptoms).to_be_visible()
    aura.get_by_label("No", exact=True).check()
    expect(details).to_be_hidden()

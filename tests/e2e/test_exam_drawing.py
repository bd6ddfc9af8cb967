"""The pain drawing names its regions on screen: the one pointed at or focused, and the marked
ones with their intensity, kept up to date as the practitioner taps (issue 13, 1.6)."""

from __future__ import annotations

import pytest

from conftest import make_patient, make_staff
from e2e import workflow
from headway.accounts.models import Practice, Role

pytestmark = pytest.mark.e2e


@pytest.fixture
def patient_id(transactional_db):  # type: ignore[no-untyped-def]
    practice = Practice.objects.create(name="Alpenblick Physio")
    make_staff(practice, "tp@example.org", Role.PRACTITIONER, "Tina Trigger")
    return make_patient(practice, "Paula", "Patient").pk


def test_tapping_a_region_shows_its_name_and_lists_it(page, patient_id):  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    workflow.sign_in(page, "tp@example.org")
    page.goto(f"/patients/{patient_id}/examinations/new/")
    marked = page.locator(".marked-regions")
    expect(marked).to_have_text("No region marked.")
    temple = page.locator('.body-chart .spot[data-key="temple__right"]').first
    temple.click()
    temple.click()  # 2, then 4
    expect(page.locator(".spot-name")).to_have_text("temple, right: 4/10")
    expect(marked).to_have_text("Marked regions: temple, right 4/10")
    page.locator('.body-chart .spot[data-key="occiput__left"]').first.focus()
    expect(page.locator(".spot-name")).to_contain_text("left")

"""The diary on a phone without a connection: an attack logged offline is kept on the device,
survives a reload, and reaches the server exactly once when the connection returns."""

from __future__ import annotations

import re
from datetime import date

import pytest

from conftest import PASSWORD, make_patient
from headway.accounts.models import Practice, User
from headway.diary.models import DiaryEntry


@pytest.fixture
def patient(transactional_db):  # type: ignore[no-untyped-def]
    practice = Practice.objects.create(name="Alpenblick Praxis")
    user = User.objects.create_user("nora@example.org", PASSWORD)
    return make_patient(
        practice, "Nora", "Night", user=user, date_of_birth=date(1990, 3, 1), email=user.email
    )


def test_an_attack_logged_offline_is_sent_once_when_back_online(browser, live_server, patient):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        viewport={"width": 390, "height": 844},
        has_touch=True,
        color_scheme="dark",
    )
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/accounts/login/")
        page.locator("#id_username").fill("nora@example.org")
        page.locator("#id_password").fill(PASSWORD)
        page.locator("#id_stay").check()
        page.locator("#id_password").press("Enter")
        page.wait_for_url("**/portal/")
        page.goto("/portal/diary/")
        assert page.evaluate("navigator.serviceWorker.ready.then(r => !!r.active)")
        page.locator("#sync-status").get_by_text("All entries are sent.").wait_for()

        context.set_offline(True)
        # The minimum in three taps: "Headache now", the intensity, "Save".
        page.locator("#log-attack").tap()
        page.locator('label[for="peak-7"]').tap()
        page.locator("#attack-save").tap()
        page.locator("#entry-list").get_by_text("waiting to be sent").wait_for()
        # The status line says where the entry is, not a bare "Saved" (issue 13, 1.10).
        status = page.locator("#sync-status")
        assert status.inner_text() == "Saved on this phone, will be sent when online."
        assert DiaryEntry.objects.count() == 0

        # Still offline, the app opens from the phone, with the entry still queued.
        page.reload()
        page.locator("#entry-list").get_by_text("peak 7/10").wait_for()
        page.locator("#entry-list").get_by_text("waiting to be sent").wait_for()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

        context.set_offline(False)
        page.locator("#sync-now").tap()
        page.locator("#sync-status").get_by_text("All entries are sent.").wait_for()
        page.reload()  # the page load syncs too: nothing is left to send, nothing is doubled
        page.locator("#sync-status").get_by_text("All entries are sent.").wait_for()
        entries = list(DiaryEntry.objects.all())
        assert len(entries) == 1
        assert entries[0].patient_id == patient.pk and entries[0].data["peak_intensity"] == 7
        assert entries[0].data["end"] is None and entries[0].data["nausea"] is None

        # A correction: the attack ended, and it was a 5 after all. The first version is kept.
        page.locator("#entry-list button.entry").first.tap()
        page.locator('label[for="peak-5"]').tap()
        page.locator("#attack-details summary").tap()
        page.locator("#attack-ongoing").uncheck()
        page.locator('input[name="symptom"][value="photophobia"]').check()
        page.locator("#attack-save").tap()
        page.locator("#entry-list").get_by_text("peak 5/10").wait_for()
        page.locator("#sync-status").get_by_text("Saved and sent.").wait_for()
        page.locator("#entry-list").get_by_text("(corrected)").wait_for()
        entry = DiaryEntry.objects.get()
        assert entry.data["peak_intensity"] == 5 and entry.data["end"] is not None
        # The symptoms were answered (light hurts; nausea left unticked means "no"); the aura
        # question was not, so it stays unknown rather than becoming "no aura".
        assert entry.data["photophobia"] is True and entry.data["nausea"] is False
        assert entry.data["aura"] is None
        assert entry.versions.get().data["peak_intensity"] == 7

        # Low glare at night: the phone's dark setting gives a dark page.
        background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        red, green, blue = (int(x) for x in re.findall(r"\d+", background)[:3])
        assert red + green + blue < 120, background

        # Logging out leaves nothing of the diary on the phone.
        page.locator("#more-menu summary").tap()
        page.locator("#logout-form button").tap()
        page.wait_for_url("**/accounts/login/")
        assert (
            page.evaluate(
                "indexedDB.databases().then(d => d.filter(x => x.name === 'headway-diary').length)"
            )
            == 0
        )
        assert page.evaluate("caches.keys().then(k => k.length)") == 0
    finally:
        context.close()

"""A phone with a long queue of entries sends it in requests the server accepts: split by count
and by size (issue 12, section 2 point 7). Before, a queue larger than the server's request
limit was sent in one request, refused with an HTML 400, and never left the phone."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from datetime import date as date_

import pytest

from conftest import PASSWORD, make_patient
from headway.accounts.models import Practice, User
from headway.diary.models import DiaryEntry

LIMIT = 30_000  # bytes; twelve entries with long notes are about 50 KB


@pytest.fixture
def patient(transactional_db):
    practice = Practice.objects.create(name="Alpenblick Praxis")
    user = User.objects.create_user("nora@example.org", PASSWORD)
    return make_patient(
        practice, "Nora", "Night", user=user, date_of_birth=date_(1990, 3, 1), email=user.email
    )


def _entries(count: int) -> list[dict[str, object]]:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)
    return [
        {
            "id": str(uuid.uuid4()),
            "changed_at": start.isoformat(),
            "kind": "attack",
            "day": str(start.date()),
            "start": start.isoformat(),
            "peak_intensity": 6,
            "note": "é" * 2000,  # the longest note: 4,000 bytes in UTF-8
        }
        for _ in range(count)
    ]


def test_a_queue_larger_than_the_request_limit_is_sent_in_several_requests(
    browser, live_server, patient, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = LIMIT
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    bodies: list[int] = []
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on(
            "request",
            lambda r: (
                bodies.append(len(r.post_data_buffer or b""))
                if r.method == "POST" and r.url.endswith("/api/diary/sync")
                else None
            ),
        )
        page.goto("/accounts/login/")
        page.locator("#id_username").fill("nora@example.org")
        page.locator("#id_password").fill(PASSWORD)
        page.locator("#id_password").press("Enter")
        page.wait_for_url("**/portal/")
        page.goto("/portal/diary/")
        page.locator("#sync-status").get_by_text("All entries are sent.").wait_for()

        # Twelve entries written while offline, put straight into the phone's queue.
        page.evaluate(
            """entries => new Promise((resolve, reject) => {
              const owner = document.getElementById("diary").getAttribute("data-owner");
              const open = indexedDB.open("headway-diary", 1);
              open.onsuccess = () => {
                const tx = open.result.transaction("outbox", "readwrite");
                entries.forEach(e => tx.objectStore("outbox").put(
                  {id: e.id, owner: owner, entry: e, error: null}));
                tx.oncomplete = () => { open.result.close(); resolve(); };
                tx.onerror = () => reject(tx.error);
              };
              open.onerror = () => reject(open.error);
            })""",
            _entries(12),
        )
        page.locator("#sync-now").click()
        page.locator("#sync-status").get_by_text("All entries are sent.").wait_for()

        assert DiaryEntry.objects.filter(patient=patient).count() == 12
        assert len(bodies) >= 2 and max(bodies) <= LIMIT, bodies
    finally:
        context.close()

"""The diary sync API: authentication, CSRF, idempotency, partial rejection, isolation."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from conftest import World, client_for
from headway.clinical.ichd3.profile import AuraSymptom
from headway.clinical.referral import Region
from headway.diary.models import DiaryEntry, DiaryEntryVersion, Trigger
from headway.diary.queries import attack_from_entry
from headway.diary.services import api_token_create
from headway.patients.models import Patient
from web.diary.helpers import T0, URL, attack, post

pytestmark = pytest.mark.django_db


def test_a_patient_syncs_an_attack_and_a_replay_changes_nothing(world: World):
    portal = client_for(world.patient_user)
    entry = attack(side="right", nausea=True, triggers=["sleep"])
    first = post(portal, [entry])
    assert first.status_code == 200
    assert first.json()["results"][0] == {
        "id": entry["id"],
        "status": "accepted",
        "outcome": "created",
        "reason": None,
        "errors": [],
    }
    again = post(portal, [entry])
    assert again.json()["results"][0]["outcome"] == "unchanged"
    assert DiaryEntry.objects.filter(patient=world.patient).count() == 1
    assert not DiaryEntryVersion.objects.exists()


def test_the_later_change_wins_and_the_earlier_is_kept_in_history(world: World):
    portal = client_for(world.patient_user)
    entry = attack()
    later = {**entry, "peak_intensity": 6, "changed_at": (T0 + timedelta(hours=1)).isoformat()}
    post(portal, [later])
    response = post(portal, [entry])  # the older edit arrives second, from the offline phone
    assert response.json()["results"][0]["outcome"] == "kept_in_history"
    row = DiaryEntry.objects.get()
    assert row.data["peak_intensity"] == 6
    assert row.versions.get().data["peak_intensity"] == 8
    # The offline phone sends its queue again: the history does not grow.
    post(portal, [entry])
    post(portal, [entry, later])
    assert row.versions.count() == 1


def test_bad_entries_are_rejected_with_reasons_and_the_good_ones_saved(world: World):
    good = attack()
    bad_intensity = attack(peak_intensity=11)
    no_start = attack(start=None)
    unknown_field = attack(colour="red")
    response = post(client_for(world.patient_user), [good, bad_intensity, no_start, unknown_field])
    assert response.status_code == 200
    body = response.json()
    assert (body["accepted"], body["rejected"]) == (1, 3)
    statuses = [(r["id"], r["status"], r["reason"]) for r in body["results"]]
    assert statuses[0] == (good["id"], "accepted", None)
    assert all(status == "rejected" and reason == "invalid" for _, status, reason in statuses[1:])
    assert body["results"][1]["errors"][0]["field"] == "peak_intensity"
    assert "start and peak_intensity" in body["results"][2]["errors"][0]["problem"]
    assert [str(e.client_id) for e in DiaryEntry.objects.all()] == [good["id"]]


def test_malformed_and_oversized_batches_are_refused_and_nothing_is_saved(world: World):
    portal = client_for(world.patient_user)
    broken = portal.post(URL, "{not json", content_type="application/json")
    assert broken.status_code == 400
    not_a_list = portal.post(URL, json.dumps({"entries": "x"}), content_type="application/json")
    assert not_a_list.status_code == 422
    too_many = post(portal, [attack() for _ in range(501)])
    assert too_many.status_code == 422
    assert "detail" in too_many.json()
    assert not DiaryEntry.objects.exists()


def test_the_session_needs_the_csrf_token(world: World):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.patient_user, backend="django.contrib.auth.backends.ModelBackend")
    refused = post(strict, [attack()])
    assert refused.status_code in (401, 403)
    strict.get("/portal/")
    token = strict.cookies["csrftoken"].value
    allowed = post(strict, [attack()], HTTP_X_CSRFTOKEN=token)
    assert allowed.status_code == 200


def test_a_native_app_uses_a_bearer_token(world: World):
    token = api_token_create(user=world.patient_user, name="phone")
    response = post(Client(), [attack()], HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert DiaryEntry.objects.get().patient == world.patient
    assert post(Client(), [attack()], HTTP_AUTHORIZATION="Bearer hw_wrong").status_code == 401


def test_anonymous_and_staff_cannot_sync(world: World):
    assert post(Client(), [attack()]).status_code == 401
    assert post(client_for(world.owner), [attack()]).status_code == 401


def test_another_patients_entry_is_not_found(world: World):
    entry = attack()
    post(client_for(world.patient_user), [entry])
    mine = client_for(world.patient_user).get(f"/api/diary/entries/{entry['id']}")
    assert mine.status_code == 200 and mine.json()["peak_intensity"] == 8
    theirs = client_for(world.other_patient_user).get(f"/api/diary/entries/{entry['id']}")
    assert theirs.status_code == 404
    # The same device id sent by another patient is their own entry, never a change to Paula's.
    post(client_for(world.other_patient_user), [{**entry, "peak_intensity": 2}])
    assert DiaryEntry.objects.get(patient=world.patient).data["peak_intensity"] == 8


def test_the_openapi_description_is_served(world: World):
    schema = Client().get("/api/openapi.json")
    assert schema.status_code == 200
    assert "/api/diary/sync" in schema.json()["paths"]
    assert Client().get("/api/docs").status_code == 200


def test_impossible_dates_and_nul_characters_are_rejected_per_entry(world: World):
    portal = client_for(world.patient_user)
    good = attack()
    bad = [
        attack(changed_at="0001-01-01T00:30:00+01:00"),
        attack(start="0001-01-01T00:30:00+00:00"),
        attack(note="a\x00b"),
        attack(medications=[{"drug_class": "triptan", "name": "x\x00"}]),
        attack(day="2026-10-01", start=T0.isoformat()),  # a start weeks after its day
    ]
    response = post(portal, [good, *bad])
    assert response.status_code == 200
    answer = response.json()
    assert answer["accepted"] == 1 and answer["rejected"] == 5
    assert [r["reason"] for r in answer["results"][1:]] == ["invalid"] * 5
    assert DiaryEntry.objects.get().client_id == uuid.UUID(good["id"])


# Issue 12, section 2 ---------------------------------------------------------------------------


def test_an_entry_with_an_impossible_utc_offset_is_rejected_alone(world: World):
    """PostgreSQL stores offsets only up to 15:59; the world's clocks run from -12:00 to +14:00.
    Before the fix a +16:00 sank the whole batch with a 500 on PostgreSQL."""
    good = attack()
    bad = [
        attack(changed_at="2026-11-20T19:12:00+16:00"),
        attack(start="2026-11-20T19:12:00+16:00"),
        attack(end="2026-11-19T20:00:00-13:00"),
    ]
    response = post(client_for(world.patient_user), [good, *bad])
    assert response.status_code == 200
    answer = response.json()
    assert (answer["accepted"], answer["rejected"]) == (1, 3)
    fields = [r["errors"][0]["field"] for r in answer["results"][1:]]
    assert fields == ["changed_at", "start", "end"]
    assert all("-12:00 and +14:00" in r["errors"][0]["problem"] for r in answer["results"][1:])
    assert [str(e.client_id) for e in DiaryEntry.objects.all()] == [good["id"]]


def test_the_extreme_real_offsets_are_accepted(world: World):
    entries = [
        attack(changed_at="2026-11-20T17:12:00+14:00", start="2026-11-20T17:12:00+14:00"),
        attack(changed_at="2026-11-19T15:12:00-12:00", start="2026-11-19T15:12:00-12:00"),
    ]
    answer = post(client_for(world.patient_user), entries).json()
    assert answer["accepted"] == 2, answer


def test_an_attack_longer_than_14_days_or_ending_in_9999_is_rejected(world: World):
    portal = client_for(world.patient_user)
    fourteen_days = attack(end=(T0 + timedelta(days=14)).isoformat())
    too_long = attack(end=(T0 + timedelta(days=14, minutes=1)).isoformat())
    year_9999 = attack(end="9999-12-31T23:59:59+00:00")
    answer = post(portal, [fourteen_days, too_long, year_9999]).json()
    assert [r["status"] for r in answer["results"]] == ["accepted", "rejected", "rejected"]
    assert [r["errors"][0]["field"] for r in answer["results"][1:]] == ["end", "end"]
    assert "more than 14 days after the start" in answer["results"][1]["errors"][0]["problem"]
    assert [str(e.client_id) for e in DiaryEntry.objects.all()] == [fourteen_days["id"]]


def test_a_day_before_the_patients_birth_is_rejected(world: World):
    Patient.objects.filter(pk=world.patient.pk).update(date_of_birth=date(2026, 11, 20))
    born = attack()
    before = attack(day="2026-11-19")
    answer = post(client_for(world.patient_user), [born, before]).json()
    assert [r["status"] for r in answer["results"]] == ["accepted", "rejected"]
    [error] = answer["results"][1]["errors"]
    assert error["field"] == "day" and "before the patient's date of birth" in error["problem"]
    assert [str(e.client_id) for e in DiaryEntry.objects.all()] == [born["id"]]


def _store_extreme_attack(world: World) -> DiaryEntry:
    """Written past the API, as rows stored before the bounds existed may be."""
    today = timezone.localdate()
    data = attack(
        day=str(today),
        start=f"{today}T08:00:00+00:00",
        end="9999-12-31T23:59:59+00:00",
        changed_at="9999-12-31T23:59:59+00:00",
    )
    data.pop("id"), data.pop("changed_at")
    row = DiaryEntry.objects.create(
        practice=world.practice,
        patient=world.patient,
        client_id=uuid.uuid4(),
        kind="attack",
        day=today,
        data={**data, "deleted": False},
        changed_at=datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
        fingerprint="x",
    )
    DiaryEntryVersion.objects.create(
        practice=world.practice,
        entry=row,
        data={**data, "start": "0001-01-01T00:30:00+05:00", "end": "0001-01-01T01:00:00+16:00"},
        changed_at=datetime(1, 1, 1, 0, 30, tzinfo=UTC),
    )
    return row


def test_a_stored_extreme_entry_does_not_break_the_practitioners_diary(world: World):
    row = _store_extreme_attack(world)
    practitioner = client_for(world.colleague)
    base = f"/patients/{world.patient.pk}/diary/"
    calendar = practitioner.get(base)
    assert calendar.status_code == 200
    day = practitioner.get(f"{base}?day={row.day}")
    assert day.status_code == 200
    page = day.content.decode()
    assert "9999-12-31" in page  # shown as stored, not converted into the practice's time zone
    assert "0001-01-01" in page  # the earlier version renders too
    # The classification reads its duration as unknown, not as millions of hours.
    assert attack_from_entry(row.data).end is None
    classify = practitioner.post(f"/patients/{world.patient.pk}/diary/classify/")
    assert classify.status_code == 302
    mine = client_for(world.patient_user).get("/api/diary/entries")
    assert mine.status_code == 200 and mine.json()[0]["end"].startswith("9999")


def test_a_batch_over_the_size_limit_is_answered_413_in_json(world: World, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 20_000
    batch = [attack(note="x" * 1500) for _ in range(20)]
    response = post(client_for(world.patient_user), batch)
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["code"] == "too_large" and response.json()["max_bytes"] == 20_000
    token = api_token_create(user=world.patient_user, name="phone")
    by_token = post(Client(), batch, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert by_token.status_code == 413 and by_token.json()["code"] == "too_large"
    assert not DiaryEntry.objects.exists()


def _largest_entry() -> dict[str, object]:
    """Every text at its maximum length in characters that take the most bytes once escaped in
    JSON (a character outside the BMP is a surrogate pair: 12 bytes), every list at its maximum."""
    wide = "\U0001f600"
    return attack(
        end=(T0 + timedelta(days=14)).isoformat(),
        side="both",
        regions=[r.value for r in Region][:1] * 40,
        quality="pressing",
        nausea=True,
        vomiting=True,
        photophobia=True,
        phonophobia=True,
        autonomic_features=True,
        restlessness=True,
        aura=[a.value for a in AuraSymptom],
        medications=[{"drug_class": "triptan", "name": wide * 100, "dose": wide * 50}] * 20,
        self_management={"used": True, "stopped_attack": True, "minutes": 600},
        triggers=[t.value for t in Trigger],
        note=wide * 2000,
    )


def test_the_largest_entry_fits_many_times_under_the_size_limit(world: World, settings):
    """The phone splits its queue by size (diary.js); that only makes progress when one entry
    at its largest always fits."""
    entry = _largest_entry()
    body = json.dumps({"entries": [entry]})
    assert len(body.encode()) * 20 < settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    answer = post(client_for(world.patient_user), [entry]).json()
    assert answer["accepted"] == 1, answer
    stored = DiaryEntry.objects.get()
    assert stored.data["note"] == entry["note"]


def test_the_diary_page_tells_the_phone_the_size_limit(world: World, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 123_456
    page = client_for(world.patient_user).get("/portal/diary/")
    assert 'data-max-bytes="123456"' in page.content.decode()


def test_a_missing_or_wrong_bearer_token_is_401_not_a_csrf_failure(world: World):
    strict = Client(enforce_csrf_checks=True)
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer hw_wrong"}):
        response = post(strict, [attack()], **headers)
        assert response.status_code == 401
        assert response.json() == {"detail": "Unauthorized", "code": "not_authenticated"}
    # A signed-in session without its CSRF token is still refused, as forbidden.
    strict.force_login(world.patient_user, backend="django.contrib.auth.backends.ModelBackend")
    refused = post(strict, [attack()])
    assert refused.status_code == 403 and refused.json()["code"] == "csrf_failed"
    assert not DiaryEntry.objects.exists()


def test_error_answers_carry_a_machine_readable_code(world: World):
    portal = client_for(world.patient_user)
    broken = portal.post(URL, "{not json", content_type="application/json")
    assert broken.status_code == 400 and broken.json()["code"] == "malformed"
    too_many = post(portal, [attack() for _ in range(501)])
    assert too_many.status_code == 422 and too_many.json()["code"] == "invalid"
    missing = portal.get(f"/api/diary/entries/{uuid.uuid4()}")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_the_openapi_document_lists_every_answer_with_its_schema(world: World):
    schema = Client().get("/api/openapi.json").json()
    expected = {
        ("/api/diary/sync", "post"): {"200", "400", "401", "403", "413", "422"},
        ("/api/diary/me", "get"): {"200", "401"},
        ("/api/diary/entries", "get"): {"200", "401", "422"},
        ("/api/diary/entries/{entry_id}", "get"): {"200", "401", "404", "422"},
    }
    for (path, method), codes in expected.items():
        responses = schema["paths"][path][method]["responses"]
        assert set(responses) == codes, (path, method)
        for code in codes:
            assert "schema" in responses[code]["content"]["application/json"], (path, code)
    too_large = schema["components"]["schemas"]["TooLargeOut"]
    assert {"detail", "code", "max_bytes"} <= set(too_large["properties"])


def test_an_entry_that_is_not_an_object_is_rejected_alone(world: World):
    good = attack()
    response = post(client_for(world.patient_user), [None, [1, 2], "attack", good])
    assert response.status_code == 200
    answer = response.json()
    assert (answer["accepted"], answer["rejected"]) == (1, 3)
    assert [r["status"] for r in answer["results"]] == ["rejected"] * 3 + ["accepted"]
    assert all(r["reason"] == "invalid" and r["id"] is None for r in answer["results"][:3])
    assert [str(e.client_id) for e in DiaryEntry.objects.all()] == [good["id"]]


def test_instants_are_checked_on_check_ins_and_deleted_attacks_too(world: World):
    checkin = {
        "id": str(uuid.uuid4()),
        "changed_at": T0.isoformat(),
        "kind": "checkin",
        "day": "2026-11-20",
        "headache": True,
        "worst_intensity": 4,
    }
    bad = [
        {**checkin, "start": "2000-01-01T00:00:00+00:00", "end": "2000-01-10T00:00:00+00:00"},
        attack(deleted=True, start=None, end="2100-01-01T00:00:00+00:00"),
        attack(deleted=True, start="2020-01-01T00:00:00+00:00"),
    ]
    good = [checkin, attack(deleted=True)]
    answer = post(client_for(world.patient_user), [*bad, *good]).json()
    assert [r["status"] for r in answer["results"]] == ["rejected"] * 3 + ["accepted"] * 2
    problems = [r["errors"][0]["problem"] for r in answer["results"][:3]]
    assert "a check-in has no start or end" in problems[0]
    assert "end without start" in problems[1]
    assert "start does not fall on day" in problems[2]
    assert DiaryEntry.objects.count() == 2

"""The diary sync API: authentication, CSRF, idempotency, partial rejection, isolation."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest
from django.test import Client

from conftest import World, client_for
from headway.diary.models import DiaryEntry, DiaryEntryVersion
from headway.diary.services import api_token_create
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

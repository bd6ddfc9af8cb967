"""The diary app's page, manifest and service worker, and the API calls the page makes."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import World, client_for
from headway.diary.models import DiaryEntry, device_owner_key
from web.diary.helpers import attack, post

pytestmark = pytest.mark.django_db


def test_the_diary_page_holds_the_forms_but_nothing_about_the_patient(world: World):
    page = client_for(world.patient_user).get("/portal/diary/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="log-attack"' in html and 'id="log-checkin"' in html
    assert 'rel="manifest"' in html
    # Kept on the phone for offline use: no name, no birth date, no entries.
    assert "Paula" not in html and "1980" not in html
    assert device_owner_key(world.patient) in html


def test_the_diary_asks_each_brainstem_aura_symptom_by_name(world: World):
    # ICHD-3 (2018) 1.2.2 needs two brainstem symptoms in one aura, so each is its own tick.
    html = client_for(world.patient_user).get("/portal/diary/").content.decode()
    for value in (
        "dysarthria",
        "vertigo",
        "tinnitus",
        "hypacusis",
        "diplopia",
        "ataxia",
        "decreased_consciousness",
    ):
        assert f'name="aura" value="{value}"' in html
    assert 'name="aura" value="brainstem"' not in html


def test_the_diary_page_is_in_the_patients_language(world: World):
    portal = client_for(world.patient_user)
    portal.cookies["django_language"] = "fr"
    html = portal.get("/portal/diary/").content.decode()
    assert "Journal des maux de tête" in html


@pytest.mark.parametrize("persona", ["owner", "reception", "outsider"])
def test_staff_have_no_diary_app(world: World, persona: str):
    assert client_for(getattr(world, persona)).get("/portal/diary/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(world: World, client):
    assert client.get("/portal/diary/")["Location"].startswith("/accounts/login/")


def test_the_manifest_makes_the_diary_installable(world: World, client):
    response = client.get("/portal/manifest.webmanifest")
    manifest = json.loads(response.content)
    assert response["Content-Type"] == "application/manifest+json"
    assert manifest["start_url"] == "/portal/diary/" and manifest["display"] == "standalone"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_the_service_worker_keeps_the_app_but_no_api_answer(world: World, client):
    response = client.get("/portal/sw.js")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]
    assert '"/portal/diary/"' in body and "/static/headway/diary.js" in body
    assert "/api/" not in body


def test_the_page_gets_a_csrf_token_and_its_owner_key(world: World):
    answer = client_for(world.patient_user).get("/api/diary/me").json()
    assert answer["owner"] == device_owner_key(world.patient)
    assert answer["owner"] != device_owner_key(world.other_patient)
    assert len(answer["csrf"]) >= 32


def test_recent_entries_are_listed_newest_first_with_corrections(world: World):
    portal = client_for(world.patient_user)
    today = timezone.localdate()
    old, new, gone = (
        attack(day=str(today - timedelta(days=3))),
        attack(day=str(today)),
        attack(day=str(today - timedelta(days=1))),
    )
    post(portal, [old, new, gone])
    later = (timezone.now() - timedelta(minutes=1)).isoformat()
    post(portal, [dict(old, peak_intensity=5, changed_at=later)])
    post(portal, [dict(gone, deleted=True, changed_at=later)])
    post(client_for(world.other_patient_user), [attack(day=str(today))])
    listed = portal.get("/api/diary/entries?days=60").json()
    assert [e["id"] for e in listed] == [new["id"], old["id"]]
    assert listed[1]["peak_intensity"] == 5 and listed[1]["corrections"] == 1
    assert DiaryEntry.objects.filter(client_id=gone["id"], deleted=True).exists()


def test_a_bad_period_is_a_4xx_with_the_field_named(world: World):
    response = client_for(world.patient_user).get("/api/diary/entries?days=0")
    assert response.status_code == 422
    assert "days" in json.dumps(response.json())


def test_logging_out_a_patient_clears_the_site_data(world: World):
    portal = client_for(world.patient_user)
    response = portal.post("/accounts/logout/")
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    staff = client_for(world.owner).post("/accounts/logout/")
    assert "Clear-Site-Data" not in staff


def test_the_patients_data_export_holds_the_diary_and_its_history(world: World):
    portal = client_for(world.patient_user)
    entry = attack(day=str(timezone.localdate()))
    post(portal, [entry])
    later = (timezone.now() - timedelta(minutes=1)).isoformat()
    post(portal, [dict(entry, peak_intensity=4, changed_at=later)])
    exported = json.loads(portal.get("/portal/export.json").content)
    [item] = exported["diary"]
    assert item["id"] == entry["id"] and item["entry"]["peak_intensity"] == 4
    assert item["earlier_versions"][0]["entry"]["peak_intensity"] == 8
    assert exported["diary_reminder"] is None

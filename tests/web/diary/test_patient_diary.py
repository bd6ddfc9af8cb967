"""The practitioner's view of a patient's diary: calendar, attacks, a day with its corrections,
and the ICHD-3 classification run over the diary."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from conftest import World, client_for
from headway.care.models import ClassificationRun
from headway.diary.models import DiaryEntry
from headway.diary.queries import attack_from_entry, diary_history
from web.diary.helpers import attack, post

pytestmark = pytest.mark.django_db


def url(world: World, **query: str) -> str:
    suffix = "&".join(f"{k}={v}" for k, v in query.items())
    return f"/patients/{world.patient.pk}/diary/" + (f"?{suffix}" if suffix else "")


def _day(days_ago: int) -> str:
    return str(timezone.localdate() - timedelta(days=days_ago))


def _cluster_diary(world: World, days: int = 130) -> None:
    """Two short, strictly one-sided orbital attacks a day with autonomic signs and restlessness."""
    portal = client_for(world.patient_user)
    now = timezone.now()
    entries = []
    for back in range(days, 0, -1):
        for hour in (2, 14):
            start = (now - timedelta(days=back)).replace(hour=hour, minute=0, second=0)
            entries.append(
                attack(
                    day=str(start.date()),
                    start=start.isoformat(),
                    end=(start + timedelta(minutes=50)).isoformat(),
                    changed_at=start.isoformat(),
                    peak_intensity=9,
                    side="right",
                    regions=["eye", "temple"],
                    autonomic_features=True,
                    restlessness=True,
                    nausea=False,
                    photophobia=False,
                    phonophobia=False,
                    medications=[{"drug_class": "triptan", "name": "Sumatriptan", "dose": "6 mg"}],
                )
            )
    for i in range(0, len(entries), 500):
        assert post(portal, entries[i : i + 500]).json()["rejected"] == 0


def test_the_calendar_shows_worst_intensity_and_never_counts_missing_days(world: World):
    portal = client_for(world.patient_user)
    post(
        portal,
        [
            attack(day=_day(2), peak_intensity=8),
            attack(day=_day(2), peak_intensity=3),
            {
                "id": str(uuid.uuid4()),
                "changed_at": timezone.now().isoformat(),
                "kind": "checkin",
                "day": _day(1),
                "headache": False,
            },
        ],
    )
    html = client_for(world.colleague).get(url(world)).content.decode()
    assert "3 days recorded" not in html and "2 days recorded, 1 of them with headache" in html
    assert "worst 8/10, 2 attacks" in html
    assert "heat-0" in html and "heat-none" in html


def _cell(html: str, label: str) -> str:
    """The marks inside the calendar cell whose accessible name ends with `label`."""
    found = re.search(
        rf'<a [^>]*class="heat [^"]*"[^>]*aria-label="[^"]*: {label}">\d+(.*?)</a>', html
    )
    assert found, label
    return found.group(1)


def test_no_headache_and_mild_differ_by_a_symbol_not_only_by_colour(world: World):
    # Issue 13, 5.7: the two fills are 1.04:1 apart, so each band carries a symbol as well.
    post(
        client_for(world.patient_user),
        [
            attack(day=_day(3), peak_intensity=2),
            attack(day=_day(2), peak_intensity=9),
            {
                "id": str(uuid.uuid4()),
                "changed_at": timezone.now().isoformat(),
                "kind": "checkin",
                "day": _day(1),
                "headache": False,
            },
        ],
    )
    html = client_for(world.colleague).get(url(world)).content.decode()
    no_headache = _cell(html, "no headache")
    mild = _cell(html, "worst 2/10, 1 attack")
    severe = _cell(html, "worst 9/10, 1 attack")
    assert "○" in no_headache and "•" not in no_headache
    assert "•" in mild and "○" not in mild and "••" not in mild
    assert "•••" in severe
    assert "band" not in _cell(html, "no entry")  # the hatching marks those
    legend = re.search(r'<p class="heat-legend"[^>]*>(.*?)</p>', html, re.S)
    assert legend
    marks = r"○</span> no headache .*•</span> 1\u20133 .*••</span> 4\u20136 .*•••</span> 7\u201310"
    assert re.search(marks, legend.group(1))


def test_a_headache_without_intensity_still_counts_as_a_headache_day(world: World):
    checkin = {
        "id": str(uuid.uuid4()),
        "changed_at": timezone.now().isoformat(),
        "kind": "checkin",
        "day": _day(1),
        "headache": True,
    }
    post(client_for(world.patient_user), [checkin])
    html = client_for(world.colleague).get(url(world)).content.decode()
    assert "1 day recorded, 1 of them with headache" in html
    assert "headache, intensity not given" in html


def test_a_deleted_earlier_version_is_shown_as_deleted(world: World):
    portal = client_for(world.patient_user)
    entry = attack(day=_day(2))
    early = (timezone.now() - timedelta(hours=2)).isoformat()
    post(
        portal,
        [
            {
                "id": entry["id"],
                "changed_at": early,
                "kind": "attack",
                "day": _day(2),
                "deleted": True,
            }
        ],
    )
    post(portal, [dict(entry, changed_at=timezone.now().isoformat())])
    html = client_for(world.colleague).get(url(world, day=_day(2))).content.decode()
    assert "deleted by the patient" in html


def test_a_day_shows_every_answer_and_the_earlier_version(world: World):
    portal = client_for(world.patient_user)
    entry = attack(day=_day(3), peak_intensity=6, triggers=["sleep"], nausea=True)
    post(portal, [entry])
    later = (timezone.now() - timedelta(minutes=5)).isoformat()
    post(portal, [dict(entry, peak_intensity=9, changed_at=later)])
    html = client_for(world.colleague).get(url(world, day=_day(3))).content.decode()
    assert "Peak intensity</dt><dd>9/10" in html
    assert "Corrected: 1 earlier version" in html and "Peak intensity</dt><dd>6/10" in html
    assert "sleep" in html and "nausea</dt><dd>yes" in html
    assert "Self-management movement</dt><dd>not recorded" in html


def test_named_brainstem_symptoms_are_stored_shown_and_classified(world: World):
    portal = client_for(world.patient_user)
    entry = attack(day=_day(3), aura=["visual", "vertigo", "diplopia"])
    assert post(portal, [entry]).json()["rejected"] == 0
    stored = DiaryEntry.objects.get(client_id=entry["id"])
    assert stored.data["aura"] == ["visual", "vertigo", "diplopia"]
    page = client_for(world.colleague).get(url(world, day=_day(3))).content.decode()
    assert "double vision" in page and "spinning" in page
    symptoms = attack_from_entry(stored.data).aura or frozenset()
    assert {s.value for s in symptoms} == {"visual", "vertigo", "diplopia"}


def test_an_old_app_sending_brainstem_is_accepted_as_unnamed_brainstem_symptoms(world: World):
    # A phone may still run the earlier app, with one "brainstem" tick; its entries are kept,
    # shown in the earlier words, and leave 1.2.2 undecided (which symptoms is not known).
    portal = client_for(world.patient_user)
    entry = attack(day=_day(2), aura=["visual", "brainstem"])
    assert post(portal, [entry]).json()["rejected"] == 0
    stored = DiaryEntry.objects.get(client_id=entry["id"])
    page = client_for(world.colleague).get(url(world, day=_day(2))).content.decode()
    assert "double vision, spinning, slurred speech or unsteadiness" in page
    symptoms = attack_from_entry(stored.data).aura or frozenset()
    assert {s.value for s in symptoms} == {"visual", "brainstem"}


def test_the_view_is_audited_and_closed_to_reception_and_outsiders(world: World):
    from headway.audit.models import AuditEntry

    assert client_for(world.colleague).get(url(world)).status_code == 200
    assert AuditEntry.objects.filter(action_code="diary.viewed").exists()
    assert client_for(world.reception).get(url(world)).status_code == 403
    assert client_for(world.outsider).get(url(world)).status_code == 404
    assert client_for(world.patient_user).get(url(world)).status_code in (403, 404)


def test_a_bad_day_or_period_is_ignored_not_an_error(world: World):
    response = client_for(world.colleague).get(url(world, day="yesterday", months="999"))
    assert response.status_code == 200


def test_unrecorded_details_stay_unknown_for_the_classification(world: World):
    minimal = attack_from_entry(
        {"start": datetime(2026, 1, 1, 3, tzinfo=UTC).isoformat(), "peak_intensity": 7}
    )
    assert minimal.nausea is None and minimal.around_eye_or_temple is None
    assert minimal.aura is None
    detailed = attack_from_entry(
        {
            "start": datetime(2026, 1, 1, 3, tzinfo=UTC).isoformat(),
            "peak_intensity": 7,
            "regions": ["occiput"],
            "aura": [],
            "nausea": False,
        }
    )
    assert detailed.around_eye_or_temple is False and detailed.aura == frozenset()
    assert detailed.nausea is False


def test_history_counts_headache_days_from_checkins_and_medication_per_class(world: World):
    portal = client_for(world.patient_user)
    post(
        portal,
        [
            attack(
                day=_day(5),
                medications=[
                    {"drug_class": "triptan"},
                    {"drug_class": "triptan", "name": "again"},
                    {"drug_class": "non_opioid_analgesic"},
                ],
            ),
            {
                "id": str(uuid.uuid4()),
                "changed_at": timezone.now().isoformat(),
                "kind": "checkin",
                "day": _day(4),
                "headache": True,
                "worst_intensity": 4,
            },
        ],
    )
    history = diary_history(world.patient)
    assert len(history.attacks) == 1 and len(history.headache_days) == 2
    assert sorted(m.drug_class.value for m in history.medication) == [
        "non_opioid_analgesic",
        "triptan",
    ]


def test_classifying_the_diary_suggests_cluster_headache_with_its_criteria(world: World):
    _cluster_diary(world)
    staff = client_for(world.colleague)
    response = staff.post(f"/patients/{world.patient.pk}/diary/classify/")
    run = ClassificationRun.objects.get(patient=world.patient)
    assert response["Location"] == f"/patients/{world.patient.pk}/classifications/{run.pk}/"
    assert run.source == "diary"
    codes = [e["code"] for p in run.result["profiles"] for e in p["suggested"]]
    assert any(code.startswith("3.1") for code in codes), codes
    page = staff.get(response["Location"]).content.decode()
    assert "Cluster headache" in page and "met" in page
    assert DiaryEntry.objects.filter(patient=world.patient).count() == 260


def test_classifying_an_empty_diary_says_so(world: World):
    staff = client_for(world.colleague)
    response = staff.post(f"/patients/{world.patient.pk}/diary/classify/", follow=True)
    assert "The diary has no entries yet." in response.content.decode()
    assert not ClassificationRun.objects.exists()

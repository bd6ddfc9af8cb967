"""Two devices of one patient syncing the same entries at the same moment (issue 12, 3.1)."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

import pytest

from conftest import World, client_for
from headway.diary.models import DiaryEntry, DiaryEntryVersion
from web.concurrency import needs_postgresql, run_together
from web.diary.helpers import T0, attack, post

pytestmark = [needs_postgresql, pytest.mark.django_db(transaction=True)]

ROUNDS = 8  # one round collides only sometimes; together they do nearly always


def test_the_same_new_batch_from_two_devices_is_saved_once(world: World):
    phone, tablet = client_for(world.patient_user), client_for(world.patient_user)
    for _ in range(ROUNDS):
        batch = [attack(), attack(peak_intensity=5), attack(side="left")]
        answers = run_together(partial(post, phone, batch), partial(post, tablet, batch))
        assert [a.status_code for a in answers] == [200, 200], answers
        outcomes = sorted(r["outcome"] for a in answers for r in a.json()["results"])
        assert outcomes == ["created"] * 3 + ["unchanged"] * 3
        assert DiaryEntry.objects.filter(client_id__in=[e["id"] for e in batch]).count() == 3
    assert not DiaryEntryVersion.objects.exists()


def test_two_versions_of_a_new_entry_at_once_keep_the_later_and_the_earlier_in_history(
    world: World,
):
    phone, tablet = client_for(world.patient_user), client_for(world.patient_user)
    for _ in range(ROUNDS):
        earlier = attack(peak_intensity=8)
        later = {
            **earlier,
            "peak_intensity": 4,
            "changed_at": (T0 + timedelta(minutes=5)).isoformat(),
        }
        answers = run_together(partial(post, phone, [earlier]), partial(post, tablet, [later]))
        assert [a.status_code for a in answers] == [200, 200], answers
        row = DiaryEntry.objects.get(client_id=earlier["id"])
        assert row.data["peak_intensity"] == 4
        assert [v.data["peak_intensity"] for v in row.versions.all()] == [8]

"""Building and sending diary entries as the phone does."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from django.test import Client

URL = "/api/diary/sync"
T0 = datetime(2026, 11, 20, 3, 12, tzinfo=UTC)


def attack(**fields):
    entry = {
        "id": str(uuid.uuid4()),
        "changed_at": T0.isoformat(),
        "kind": "attack",
        "day": "2026-11-20",
        "start": T0.isoformat(),
        "peak_intensity": 8,
    }
    if "day" in fields and "start" not in fields:
        # An attack starts on its day: 03:12 UTC of that day, as T0 does.
        entry["start"] = datetime.fromisoformat(fields["day"] + "T03:12:00+00:00").isoformat()
    entry.update(fields)
    return entry


def post(client: Client, entries, **headers):
    return client.post(
        URL, json.dumps({"entries": entries}), content_type="application/json", **headers
    )

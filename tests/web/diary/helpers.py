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
    entry.update(fields)
    return entry


def post(client: Client, entries, **headers):
    return client.post(
        URL, json.dumps({"entries": entries}), content_type="application/json", **headers
    )

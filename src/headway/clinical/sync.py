"""The rule that decides between two versions of one diary entry.

A diary entry can be changed on two devices (a phone offline, then the web at home). Every
version carries the time the patient changed it on the device. The later change is kept as the
entry; the other is kept in the entry's history, so nothing the patient wrote is lost. Sending
the same version again changes nothing: a repeated sync never duplicates or reorders anything.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class Outcome(StrEnum):
    CREATED = "created"  # a new entry
    UNCHANGED = "unchanged"  # the same version again (a replay)
    UPDATED = "updated"  # the incoming version is later: it becomes the entry
    KEPT_IN_HISTORY = "kept_in_history"  # the stored version is later: the incoming one is history


@dataclass(frozen=True)
class Version:
    changed_at: datetime  # when the patient made this change, on the device (aware)
    payload: dict[str, Any]

    @property
    def fingerprint(self) -> str:
        text = json.dumps(self.payload, sort_keys=True, default=str, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()


def resolve(stored: Version | None, incoming: Version) -> Outcome:
    """Which version stays the entry. Equal times with different content (two devices in the
    same second) are settled by the content's fingerprint, so every server and every replay
    decides the same way."""
    if stored is None:
        return Outcome.CREATED
    if incoming.fingerprint == stored.fingerprint and incoming.changed_at == stored.changed_at:
        return Outcome.UNCHANGED
    if (incoming.changed_at, incoming.fingerprint) > (stored.changed_at, stored.fingerprint):
        return Outcome.UPDATED
    return Outcome.KEPT_IN_HISTORY

"""Writes to the diary. A sync batch is saved in one transaction with one query per kind of
write, so a phone coming back online with 500 entries costs a handful of queries."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from headway.accounts.models import User, token_digest
from headway.audit.services import audit_record
from headway.clinical.sync import Outcome, Version, resolve
from headway.diary.models import ApiToken, DiaryEntry, DiaryEntryVersion
from headway.diary.schemas import EntryIn
from headway.patients.models import Patient


@dataclass(frozen=True)
class Synced:
    id: UUID
    outcome: Outcome


def _payload(entry: EntryIn) -> dict[str, Any]:
    return entry.model_dump(mode="json", exclude={"id", "changed_at"})


@transaction.atomic
def diary_entries_upsert(*, patient: Patient, entries: list[EntryIn]) -> list[Synced]:
    """Create or update the patient's entries by their device ids; idempotent. Between two
    versions of one entry the later change wins and the other goes to the entry's history
    (headway.clinical.sync)."""
    ids = {entry.id for entry in entries}
    stored: dict[UUID, DiaryEntry] = {
        row.client_id: row
        for row in DiaryEntry.objects.select_for_update().filter(patient=patient, client_id__in=ids)
    }
    created: dict[UUID, DiaryEntry] = {}
    changed: dict[UUID, DiaryEntry] = {}
    history: list[tuple[DiaryEntry, dict[str, Any], Any]] = []
    results = []
    now = timezone.now()
    for entry in entries:
        incoming = Version(entry.changed_at, _payload(entry))
        row = stored.get(entry.id) or created.get(entry.id)
        outcome = resolve(Version(row.changed_at, row.data) if row else None, incoming)
        if outcome is Outcome.CREATED:
            created[entry.id] = DiaryEntry(
                practice_id=patient.practice_id,
                patient=patient,
                client_id=entry.id,
                kind=entry.kind,
                day=entry.day,
                data=incoming.payload,
                changed_at=entry.changed_at,
                fingerprint=incoming.fingerprint,
                deleted=entry.deleted,
                created_at=now,
                updated_at=now,
            )
        elif outcome is Outcome.UPDATED:
            assert row is not None
            history.append((row, row.data, row.changed_at))
            row.kind, row.day, row.data = entry.kind, entry.day, incoming.payload
            row.changed_at, row.fingerprint = entry.changed_at, incoming.fingerprint
            row.deleted, row.updated_at = entry.deleted, now
            if entry.id in stored:
                changed[entry.id] = row
        elif outcome is Outcome.KEPT_IN_HISTORY:
            assert row is not None
            history.append((row, incoming.payload, entry.changed_at))
        results.append(Synced(entry.id, outcome))
    DiaryEntry.objects.bulk_create(created.values())
    DiaryEntry.objects.bulk_update(
        changed.values(),
        ["kind", "day", "data", "changed_at", "fingerprint", "deleted", "updated_at"],
    )
    DiaryEntryVersion.objects.bulk_create(
        DiaryEntryVersion(practice_id=patient.practice_id, entry=row, data=data, changed_at=at)
        for row, data, at in history
    )
    counts = {outcome.value: sum(r.outcome is outcome for r in results) for outcome in Outcome}
    audit_record(instance=patient, action_code="diary.synced", detail=counts, actor=patient.user)
    return results


def api_token_create(*, user: User, name: str) -> str:
    """A new token for a native app; returned once, stored as a digest."""
    token = "hw_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, token_hash=token_digest(token))
    return token


def api_token_find(token: str) -> ApiToken | None:
    found = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=token_digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if found is not None:
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return found

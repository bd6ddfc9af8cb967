"""Writes to the diary. A sync batch is saved in one transaction with one query per kind of
write, so a phone coming back online with 500 entries costs a handful of queries."""

from __future__ import annotations

import logging
import secrets
import smtplib
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from headway.accounts.models import User, token_digest
from headway.audit.services import audit_record
from headway.clinical.sync import Outcome, Version, resolve
from headway.diary.models import ApiToken, DiaryEntry, DiaryEntryVersion, DiaryReminder
from headway.diary.schemas import EntryIn
from headway.lib.dates import next_local_time
from headway.outcomes.services import rollup_refresh
from headway.patients.models import Patient

logger = logging.getLogger(__name__)


class PatientGone(Exception):
    """The patient's record was erased while the sync waited for it."""


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
    (headway.clinical.sync).

    Two devices sending the same new entries at once would both find nothing stored and both
    insert: one would fail on the unique device id, or the older version could win without
    history. Locking the patient's row first makes a second sync wait for the first and then
    find its rows, so both succeed and the later change wins. (The rollup takes the same lock
    below, so the order of locks does not change.) An erasure holds the same lock: a sync that
    waited for one finds the patient gone and raises PatientGone."""
    if Patient.objects.select_for_update().filter(pk=patient.pk).first() is None:
        raise PatientGone
    ids = {entry.id for entry in entries}
    stored: dict[UUID, DiaryEntry] = {
        row.client_id: row
        for row in DiaryEntry.objects.select_for_update().filter(patient=patient, client_id__in=ids)
    }
    created: dict[UUID, DiaryEntry] = {}
    changed: dict[UUID, DiaryEntry] = {}
    history: list[tuple[DiaryEntry, dict[str, Any], Any]] = []
    results = []
    touched_days: set[date] = set()
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
            touched_days.add(entry.day)
        elif outcome is Outcome.UPDATED:
            assert row is not None
            history.append((row, row.data, row.changed_at))
            touched_days.update({row.day, entry.day})
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
    # An older version sent again (a phone replaying its queue) is already in the history.
    known = {
        (v.entry_id, Version(v.changed_at, v.data).fingerprint)
        for v in DiaryEntryVersion.objects.filter(
            entry_id__in={row.pk for row, _, _ in history if row.pk}
        )
    }
    versions = []
    for row, data, at in history:
        key = (row.pk, Version(at, data).fingerprint)
        if key not in known:
            known.add(key)
            versions.append(
                DiaryEntryVersion(
                    practice_id=patient.practice_id, entry=row, data=data, changed_at=at
                )
            )
    DiaryEntryVersion.objects.bulk_create(versions)
    rollup_refresh(patient=patient, days=touched_days)
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


# Reminders -----------------------------------------------------------------------------------

_UNSUBSCRIBE_SALT = "headway.diary.reminder-stop"


def reminder_stop_token(reminder: DiaryReminder) -> str:
    return signing.dumps(reminder.pk, salt=_UNSUBSCRIBE_SALT)


def reminder_from_stop_token(token: str) -> DiaryReminder | None:
    try:
        pk = signing.loads(token, salt=_UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return DiaryReminder.objects.select_related("patient").filter(pk=pk).first()


def _schedule(reminder: DiaryReminder, *, after: datetime) -> None:
    """Set the next due instant and queue its task. The queue is a table of the same database,
    so the task and the change commit (or roll back) together. A task queued earlier for
    another instant finds it no longer due and does nothing."""
    from headway.diary.tasks import diary_reminder_send

    if not reminder.enabled:
        reminder.next_at = None
        return
    due = next_local_time(reminder.at, reminder.time_zone, after)
    reminder.next_at = due
    diary_reminder_send.using(run_after=due).enqueue(reminder.pk, due.isoformat())


@transaction.atomic
def reminder_save(
    *, patient: Patient, enabled: bool, at: time, time_zone: str, by: User
) -> DiaryReminder:
    reminder = DiaryReminder.objects.select_for_update().filter(patient=patient).first()
    if reminder is None:
        reminder = DiaryReminder(practice_id=patient.practice_id, patient=patient)
    reminder.enabled, reminder.at, reminder.time_zone = enabled, at, time_zone
    reminder.updated_at = timezone.now()
    reminder.save()  # first, so a new reminder has the id its task carries
    _schedule(reminder, after=timezone.now())
    reminder.save(update_fields=["next_at"])
    audit_record(
        instance=patient,
        action_code="diary.reminder.changed",
        detail={"enabled": enabled, "at": at.strftime("%H:%M"), "time_zone": time_zone},
        actor=by,
    )
    return reminder


@transaction.atomic
def reminder_stop(*, reminder: DiaryReminder) -> None:
    """The one-click stop from the email: no sign-in, so the link itself is the authority."""
    if reminder.enabled:
        reminder.enabled, reminder.next_at = False, None
        reminder.updated_at = timezone.now()
        reminder.save(update_fields=["enabled", "next_at", "updated_at"])
        audit_record(
            instance=reminder.patient,
            action_code="diary.reminder.stopped",
            actor=reminder.patient.user,
        )


# A reminder that a stopped worker only gets to this much later is dropped, not sent at noon.
REMINDER_LATE = timedelta(hours=3)


def reminder_deliver(*, reminder_id: int, due: str, base_url: str) -> str:
    """Send one due reminder and queue the next. Returns what happened, for the task's result."""
    with transaction.atomic():
        reminder = (
            # PostgreSQL locks only the reminder's row: the user join may be empty.
            DiaryReminder.objects.select_for_update(of=("self",))
            .select_related("patient", "patient__user")
            .filter(pk=reminder_id)
            .first()
        )
        if reminder is None or not reminder.enabled or reminder.next_at is None:
            return "stopped"
        if reminder.next_at.isoformat() != due:
            return "superseded"
        now = timezone.now()
        patient = reminder.patient
        local_day = reminder.next_at.astimezone(zoneinfo.ZoneInfo(reminder.time_zone)).date()
        if now - reminder.next_at > REMINDER_LATE:
            outcome = "too_late"
        elif patient.archived_at is not None or not (patient.user and patient.user.is_active):
            outcome = "no_portal"
        elif DiaryEntry.objects.filter(patient=patient, day=local_day, deleted=False).exists():
            outcome = "already_recorded"
        else:
            try:
                _reminder_mail(reminder, base_url)
            except (smtplib.SMTPException, OSError):
                # One failed mail must not end the chain: tomorrow's is queued all the same.
                logger.exception("diary reminder %s could not be sent", reminder.pk)
                outcome = "send_failed"
            else:
                reminder.last_sent_at = now
                outcome = "sent"
        _schedule(reminder, after=max(now, reminder.next_at))
        reminder.save(update_fields=["next_at", "last_sent_at"])
    return outcome


def _reminder_mail(reminder: DiaryReminder, base_url: str) -> None:
    patient = reminder.patient
    assert patient.user is not None
    stop = base_url.rstrip("/") + reverse("reminder_stop", args=[reminder_stop_token(reminder)])
    with translation.override(patient.preferred_language):
        body = render_to_string(
            "diary/email/reminder.txt",
            {"diary": base_url.rstrip("/") + reverse("diary_home"), "stop": stop},
        )
        message = EmailMessage(
            subject=_("Your headache diary: how was today?"),
            body=body,
            to=[patient.user.email],
            # One click in the mail program stops them (RFC 8058).
            headers={
                "List-Unsubscribe": f"<{stop}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.send()


def diary_export(patient: Patient) -> dict[str, Any]:
    """The diary for the patient's data export: every entry with its earlier versions, and the
    reminder setting."""
    entries = DiaryEntry.objects.filter(patient=patient).prefetch_related("versions")
    reminder = DiaryReminder.objects.filter(patient=patient).first()
    return {
        "diary": [
            {
                "id": str(e.client_id),
                "changed_at": e.changed_at,
                "deleted": e.deleted,
                "entry": e.data,
                "earlier_versions": [
                    {"changed_at": v.changed_at, "entry": v.data} for v in e.versions.all()
                ],
            }
            for e in entries.order_by("day", "changed_at")
        ],
        "diary_reminder": {
            "enabled": reminder.enabled,
            "at": reminder.at.strftime("%H:%M"),
            "time_zone": reminder.time_zone,
        }
        if reminder
        else None,
    }

"""The patient's headache diary: daily check-ins and attack records, made on the patient's
devices (often offline) and synced. Each entry has an id made on the device, so a repeated send
never creates a second entry; every replaced version is kept in the entry's history."""

from __future__ import annotations

from datetime import time

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from headway.accounts.models import Practice
from headway.patients.models import Patient


class EntryKind(models.TextChoices):
    CHECKIN = "checkin", _("daily check-in")
    ATTACK = "attack", _("attack")


class Trigger(models.TextChoices):
    STRESS = "stress", _("stress")
    NECK = "neck", _("neck strain or posture")
    SLEEP = "sleep", _("sleep")
    ALCOHOL = "alcohol", _("alcohol")
    MISSED_MEAL = "missed_meal", _("missed meal")
    DEHYDRATION = "dehydration", _("dehydration")
    MENSTRUATION = "menstruation", _("menstruation")
    WEATHER = "weather", _("weather")


class DiaryEntry(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="+")
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="diary_entries")
    client_id = models.UUIDField()  # made on the device
    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    day = models.DateField()  # the patient's local calendar date
    # The whole entry as the device sent it (validated), and when the patient changed it there.
    data = models.JSONField(default=dict)
    changed_at = models.DateTimeField()
    fingerprint = models.CharField(max_length=64)
    deleted = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("diary entry")
        ordering = ["-day", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "client_id"], name="one_entry_per_device_id")
        ]
        indexes = [models.Index(fields=["practice", "patient", "day"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.day:%Y-%m-%d}"

    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.practice_id, self.patient_id


def device_owner_key(patient: Patient) -> str:
    """An opaque key the PWA stores beside queued entries: entries queued under one patient's
    key are never sent while another patient is signed in on that device."""
    return salted_hmac("headway.diary.device-owner", str(patient.pk)).hexdigest()[:20]


class DiaryEntryVersion(models.Model):
    """A version of an entry that is not (or no longer) the entry: the earlier of two changes."""

    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="+")
    entry = models.ForeignKey(DiaryEntry, on_delete=models.CASCADE, related_name="versions")
    data = models.JSONField(default=dict)
    changed_at = models.DateTimeField()
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.entry} @ {self.changed_at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A token for a native diary app. Stored as a digest; the patient sees it once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("app token")

    def __str__(self) -> str:
        return self.name


class DiaryReminder(models.Model):
    """A daily email at the patient's chosen local time, asking for the day's check-in."""

    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="+")
    patient = models.OneToOneField(Patient, on_delete=models.CASCADE, related_name="diary_reminder")
    enabled = models.BooleanField(_("send me a daily reminder"), default=True)
    at = models.TimeField(_("time"), default=time(20, 0))
    time_zone = models.CharField(_("time zone"), max_length=64)
    # The instant the next reminder is due; the queued task for any other instant does nothing.
    next_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("diary reminder")

    def __str__(self) -> str:
        return f"{self.patient} {self.at:%H:%M} {self.time_zone}"

    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.practice_id, self.patient_id

"""Clinical content. Only owners and practitioners may read or write it; reception may not."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from headway.accounts.models import Practice
from headway.patients.models import Patient


class ClinicalNote(models.Model):
    """A practitioner's free-text note on a patient (structured session notes come later)."""

    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="+")
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="clinical_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("clinical note")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{_('clinical note')} {self.created_at:%Y-%m-%d}"

    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.practice_id, self.patient_id

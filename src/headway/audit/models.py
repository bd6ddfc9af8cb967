"""The audit trail: who did what to which patient, when, from where. Append-only for app users.

Built on django-auditlog (automatic field-level change records, actor and address from the
request) with our own entry model, because design.md requires practice_id on every row of
patient data and a per-patient reading of the trail: both are real indexed columns here.
"""

from __future__ import annotations

from typing import Any, NoReturn

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditTrailIsAppendOnly(Exception):
    pass


_VERBS = {
    AbstractLogEntry.Action.CREATE: "created",
    AbstractLogEntry.Action.UPDATE: "changed",
    AbstractLogEntry.Action.DELETE: "deleted",
    AbstractLogEntry.Action.ACCESS: "viewed",
}


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditTrailIsAppendOnly("audit entries cannot be changed")

    def delete(self) -> NoReturn:
        raise AuditTrailIsAppendOnly("audit entries cannot be deleted")

    def redact_erased_patient(self, patient_id: int) -> int:
        """The one sanctioned change: when a patient's record is erased, remove the personal
        values from their entries and keep who did what, when and from where."""
        return models.QuerySet.update(
            self.filter(patient_ref=patient_id).exclude(action_code="patient.erased"),
            object_repr=f"#{patient_id}",
            changes=None,
            changes_text="",
            serialized_data=None,
            additional_data=None,
        )

    def redact_actor(self, user_id: int) -> int:
        """An erased patient's portal login: their entries keep the user id, not the email."""
        return models.QuerySet.update(self.filter(actor_id=user_id), actor_email=None)


class AuditEntryManager(LogEntryManager.from_queryset(AuditEntryQuerySet)):  # type: ignore[misc]
    def log_create(self, instance: Any, force_log: bool = False, **kwargs: Any) -> Any:
        scope = getattr(instance, "audit_scope", None)
        practice_id, patient_id = scope() if callable(scope) else (None, None)
        kwargs.setdefault("practice_id", practice_id)
        kwargs.setdefault("patient_ref", patient_id)
        actor = kwargs.get("actor")
        if actor is not None:
            # Named outright (an app token has no session user): keep its email as the
            # middleware's actor would, so the trail and its CSV say who it was.
            kwargs.setdefault("actor_email", getattr(actor, "email", None))
        action = kwargs.get("action")
        if "action_code" not in kwargs and action in _VERBS:
            kwargs["action_code"] = f"{instance._meta.model_name}.{_VERBS[action]}"
        return super().log_create(instance, force_log=force_log, **kwargs)


class AuditEntry(AbstractLogEntry):
    practice: models.ForeignKey[Any, Any] = models.ForeignKey(
        "accounts.Practice", null=True, on_delete=models.PROTECT, related_name="+"
    )
    # A plain number, not a foreign key: the trail outlives an erased patient record.
    patient_ref: models.BigIntegerField[int | None, int | None] = models.BigIntegerField(
        null=True, blank=True, db_index=True
    )
    # Dotted code, as in pretix: "patient.viewed", "patient.exported", "consent.created".
    action_code: models.CharField[str, str] = models.CharField(
        _("action"), max_length=64, db_index=True
    )

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        indexes = [
            models.Index(fields=["practice", "patient_ref", "-timestamp"]),
            models.Index(fields=["practice", "actor", "-timestamp"]),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditTrailIsAppendOnly("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditTrailIsAppendOnly("audit entries cannot be deleted")

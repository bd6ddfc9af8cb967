"""Audit entries written on purpose (reads, exports, erasures). Creates, changes and deletes of
registered models are recorded by django-auditlog on its own (see audit/apps.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType

from headway.audit.models import AuditEntry


def audit_record(
    *, instance: Any, action_code: str, detail: dict[str, Any] | None = None, **overrides: Any
) -> AuditEntry:
    """Record an access to `instance` ("patient.viewed", "patient.exported", ...). The actor and
    address come from the request through the audit middleware."""
    entry: AuditEntry = AuditEntry.objects.log_create(
        instance,
        force_log=True,
        action=AuditEntry.Action.ACCESS,
        action_code=action_code,
        additional_data=detail,
        **overrides,
    )
    return entry


def audit_record_each(
    *, instances: Sequence[Any], action_code: str, detail: dict[str, Any] | None = None
) -> int:
    """One entry per record for a read that spans many patients at once (an identified CSV), so
    each patient's own trail shows it. The first entry is written as any other (it picks up the
    actor and address from the request); the rest copy them and go in bulk, a few queries for a
    cohort of thousands instead of one per patient. Returns the number of entries written."""
    if not instances:
        return 0
    first = audit_record(instance=instances[0], action_code=action_code, detail=detail)
    rest = []
    for instance in instances[1:]:
        scope = getattr(instance, "audit_scope", None)
        practice_id, patient_id = scope() if callable(scope) else (None, None)
        rest.append(
            AuditEntry(
                content_type=ContentType.objects.get_for_model(instance),
                object_pk=str(instance.pk),
                object_id=instance.pk if isinstance(instance.pk, int) else None,
                object_repr=str(instance),
                action=first.action,
                action_code=action_code,
                additional_data=detail,
                actor_id=first.actor_id,
                actor_email=first.actor_email,
                remote_addr=first.remote_addr,
                remote_port=first.remote_port,
                cid=first.cid,
                timestamp=first.timestamp,
                practice_id=practice_id,
                patient_ref=patient_id,
            )
        )
    AuditEntry.objects.bulk_create(rest, batch_size=1000)
    return len(instances)

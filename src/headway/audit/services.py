"""Audit entries written on purpose (reads, exports, erasures). Creates, changes and deletes of
registered models are recorded by django-auditlog on its own (see audit/apps.py)."""

from __future__ import annotations

from typing import Any

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

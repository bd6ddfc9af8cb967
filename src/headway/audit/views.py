from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from headway.accounts.decorators import permission_required
from headway.accounts.models import Membership
from headway.audit.models import AuditEntry
from headway.audit.services import audit_record
from headway.lib.spreadsheet import SafeCsvWriter
from headway.patients.models import Patient
from headway.patients.queries import patient_get


def _entries(
    request: HttpRequest, patient_id: str | None = None
) -> tuple[QuerySet[AuditEntry], dict[str, Any]]:
    practice = request.membership.practice  # type: ignore[attr-defined]
    entries = AuditEntry.objects.filter(practice=practice).select_related("actor")
    filters: dict[str, Any] = {}
    patient_ref = _number(patient_id or request.GET.get("patient"))
    if patient_ref is not None:
        # Erased patients are no longer in the table; their trail stays readable by number.
        entries = entries.filter(patient_ref=patient_ref)
        filters["patient"] = Patient.objects.filter(practice=practice, pk=patient_ref).first()
        filters["patient_id"] = patient_ref
    user_id = _number(request.GET.get("user"))
    if user_id is not None:
        membership = Membership.objects.filter(practice=practice, user_id=user_id).first()
        entries = entries.filter(actor_id=membership.user_id if membership else -1)
        filters["user"] = membership.user if membership else None
        filters["user_id"] = user_id
    return entries.order_by("-timestamp", "-id"), filters


def _number(value: str | None) -> int | None:
    """A filter id from the query string; anything else ("abc", "²", huge) means no filter."""
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 0 < number < 2**63 else None


def _patient_names(entries: list[AuditEntry], practice_id: int) -> dict[int, str]:
    ids = {e.patient_ref for e in entries if e.patient_ref}
    return {p.pk: p.full_name for p in Patient.objects.filter(practice_id=practice_id, pk__in=ids)}


@permission_required("practice.read_audit")
def audit_trail(request: HttpRequest) -> HttpResponse:
    return _trail_page(request)


def _trail_page(request: HttpRequest, patient_id: str | None = None) -> HttpResponse:
    entries, filters = _entries(request, patient_id)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    practice = request.membership.practice  # type: ignore[attr-defined]
    shown = list(page.object_list)
    names = _patient_names(shown, practice.pk)
    for entry in page.object_list:
        entry.patient_name = names.get(entry.patient_ref or 0, "")
    # The trail shows note bodies and changed values, so reading it is itself a read of the
    # patients it shows (recorded after the page's rows are fetched: it is on the next page view).
    if filters.get("patient") is not None:
        audit_record(
            instance=filters["patient"],
            action_code="patient.audit.viewed",
            detail={"page": page.number},
        )
    else:
        audit_record(
            instance=practice,
            action_code="audit.viewed",
            detail={
                "page": page.number,
                "user": filters.get("user_id"),
                "patients": sorted({e.patient_ref for e in shown if e.patient_ref}),
            },
            # An erased patient's trail is still filed under their number.
            patient_ref=filters.get("patient_id"),
        )
    members = Membership.objects.filter(practice=practice).select_related("user")
    return render(
        request,
        "audit/trail.html",
        {"page": page, "members": members, "query": request.GET.urlencode(), **filters},
    )


@permission_required("practice.read_audit")
def audit_patient(request: HttpRequest, patient_id: int) -> HttpResponse:
    # 404 for another practice's patient before anything else.
    patient_get(request, patient_id)
    return _trail_page(request, str(patient_id))


class _Echo:
    def write(self, value: str) -> str:
        return value


@permission_required("practice.read_audit")
def audit_export(request: HttpRequest) -> StreamingHttpResponse:
    entries, filters = _entries(request)
    practice = request.membership.practice  # type: ignore[attr-defined]
    # The export holds patient details, so taking it is itself recorded.
    audit_record(
        instance=filters.get("patient") or practice,
        action_code="audit.exported",
        detail={"patient": filters.get("patient_id"), "user": filters.get("user_id")},
    )

    def rows() -> Iterator[str]:
        writer = SafeCsvWriter(_Echo())
        yield writer.writerow(
            [
                "timestamp_utc",
                "actor_email",
                "action",
                "object_type",
                "object_id",
                "object",
                "patient_id",
                "remote_addr",
                "changes",
            ]
        )
        for chunk_start in range(0, entries.count(), 2000):
            chunk = list(entries[chunk_start : chunk_start + 2000].select_related("content_type"))
            for e in chunk:
                yield writer.writerow(
                    [
                        e.timestamp.isoformat(),
                        e.actor_email or "",
                        e.action_code,
                        e.content_type.model,
                        e.object_pk,
                        e.object_repr,
                        e.patient_ref or "",
                        e.remote_addr or "",
                        e.changes_text or (str(e.changes) if e.changes else ""),
                    ]
                )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-practice-{practice.pk}.csv"'
    return response

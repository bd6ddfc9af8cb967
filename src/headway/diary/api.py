"""The diary sync API for the PWA (session cookie with CSRF) and native apps (bearer token).
A patient reaches only their own diary; anyone else's entry is "not found"."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

from django.db.models import Count
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from pydantic import ValidationError

from headway.audit.services import audit_record
from headway.diary import services
from headway.diary.models import DiaryEntry, device_owner_key
from headway.diary.schemas import EntryIn, SyncIn, SyncOut
from headway.lib.api import ERRORS_READ, ERRORS_WRITE, ApiError, ErrorOut
from headway.patients.models import Patient


class PatientSession(SessionAuth):
    """The portal's session cookie; ninja checks the CSRF token for cookie authentication."""

    def __call__(self, request: HttpRequest) -> Patient | None:
        # Without a signed-in patient there is no session for a CSRF token to protect: a request
        # with a missing or wrong bearer token is "not authenticated" (401), not a CSRF failure.
        if self.authenticate(request, None) is None:
            return None
        try:
            return super().__call__(request)
        except HttpError as error:
            raise ApiError(403, "csrf_failed", "CSRF check failed") from error

    def authenticate(self, request: HttpRequest, key: str | None) -> Patient | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return getattr(request, "patient_record", None)


class PatientToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Patient | None:
        found = services.api_token_find(token)
        if found is None:
            return None
        return Patient.objects.filter(user=found.user, archived_at__isnull=True).first()


router = Router(auth=[PatientToken(), PatientSession()], tags=["diary"])


def _patient(request: HttpRequest) -> Patient:
    patient: Patient = request.auth  # type: ignore[attr-defined]
    return patient


def _entry_id(raw: object) -> str | None:
    """The id of a rejected entry, if it has one the phone can match its answer to."""
    ident = raw.get("id") if isinstance(raw, dict) else None
    return str(ident) if ident is not None else None


@router.post(
    "/sync",
    response={200: SyncOut, **ERRORS_WRITE},
    summary="Create or update diary entries (idempotent)",
)
def sync(request: HttpRequest, body: SyncIn) -> dict[str, Any]:
    """Up to 500 entries, and a body of at most the size in a 413's `max_bytes` (see
    docs/diary-sync.md). Each entry is answered as accepted (with what happened to it) or
    rejected (with a machine-readable reason); the accepted ones are saved even when others are
    not."""
    patient = _patient(request)
    context = {"date_of_birth": patient.date_of_birth}
    valid: list[EntryIn] = []
    results: list[dict[str, Any]] = []
    for raw in body.entries:
        try:
            entry = EntryIn.model_validate(raw, context=context)
        except ValidationError as error:
            results.append(
                {
                    "id": _entry_id(raw),
                    "status": "rejected",
                    "reason": "invalid",
                    "errors": [
                        {
                            "field": ".".join(str(p) for p in e["loc"]) or "entry",
                            "problem": e["msg"],
                        }
                        for e in error.errors()
                    ],
                }
            )
            continue
        valid.append(entry)
        results.append({"id": str(entry.id), "status": "accepted"})
    try:
        synced = (
            iter(services.diary_entries_upsert(patient=patient, entries=valid))
            if valid
            else iter(())
        )
    except services.PatientGone:
        # Erased while this request waited: its session or token no longer stands for anyone.
        raise ApiError(401, "not_authenticated", "Unauthorized") from None
    for result in results:
        if result["status"] == "accepted":
            result["outcome"] = next(synced).outcome.value
    accepted = sum(r["status"] == "accepted" for r in results)
    return {"accepted": accepted, "rejected": len(results) - accepted, "results": results}


@router.get(
    "/me",
    response={200: dict[str, str], 401: ErrorOut},
    summary="Who the diary belongs to, and a CSRF token",
)
def me(request: HttpRequest) -> dict[str, str]:
    """The PWA asks before each sync: a fresh CSRF token for the session, and the diary's owner
    key, so entries queued on a shared phone are never sent into someone else's diary."""
    return {"owner": device_owner_key(_patient(request)), "csrf": get_token(request)}


@router.get(
    "/entries",
    response={200: list[dict[str, Any]], **ERRORS_READ},
    summary="My recent diary entries",
)
def entries(request: HttpRequest, days: int = Query(60, ge=1, le=400)) -> list[dict[str, Any]]:
    """Entries of the last `days` days, newest first, with how often each was corrected. The
    PWA shows them and keeps none of them on the device."""
    patient = _patient(request)
    since = timezone.localdate() - timedelta(days=days)
    # The patient's own reads are in the trail too. An app token signs in no session user, so
    # the actor is named here.
    audit_record(
        instance=patient,
        action_code="diary.entries.viewed",
        actor=patient.user,
        detail={"days": days},
    )
    rows = (
        DiaryEntry.objects.filter(patient=patient, day__gte=since, deleted=False)
        .annotate(corrections=Count("versions"))
        .order_by("-day", "-changed_at")
    )
    return [_entry_out(row) | {"corrections": row.corrections} for row in rows]


def _entry_out(row: DiaryEntry) -> dict[str, Any]:
    return {**row.data, "id": str(row.client_id), "changed_at": row.changed_at.isoformat()}


@router.get(
    "/entries/{entry_id}",
    response={200: dict[str, Any], 404: ErrorOut, **ERRORS_READ},
    summary="One entry of my diary",
)
def entry_detail(request: HttpRequest, entry_id: UUID) -> dict[str, Any]:
    patient = _patient(request)
    row = get_object_or_404(DiaryEntry, patient=patient, client_id=entry_id)
    audit_record(instance=row, action_code="diary.entry.viewed", actor=patient.user)
    return _entry_out(row)

"""The one scoping layer for patient data: every read of a patient goes through here."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from headway.patients.models import Patient


def patients_visible_to(request: HttpRequest) -> QuerySet[Patient]:
    """Staff see their current practice's patients; a portal patient sees only themself."""
    membership = getattr(request, "membership", None)
    if membership is not None:
        return Patient.objects.filter(practice_id=membership.practice_id)
    record = getattr(request, "patient_record", None)
    if record is not None:
        return Patient.objects.filter(pk=record.pk, practice_id=record.practice_id)
    return Patient.objects.none()


def patient_get(request: HttpRequest, patient_id: int) -> Patient:
    """The patient, or 404 for anyone outside its practice (no hint that it exists)."""
    patient = patients_visible_to(request).select_related("practice").filter(pk=patient_id).first()
    if patient is None:
        raise Http404
    return patient


def patients_search(
    request: HttpRequest, *, text: str = "", archived: bool = False
) -> QuerySet[Patient]:
    patients = patients_visible_to(request).filter(archived_at__isnull=not archived)
    for word in text.split()[:5]:
        patients = patients.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(phone__icontains=word)
        )
    return patients

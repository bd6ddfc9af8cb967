from __future__ import annotations

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from headway.accounts import services as account_services
from headway.accounts.decorators import patient_required, permission_required, staff_required
from headway.audit.services import audit_record
from headway.patients import services
from headway.patients.forms import ConsentForm, ErasureForm, PatientForm
from headway.patients.queries import patient_get, patients_search


@staff_required
def patient_list(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()[:100]
    archived = request.GET.get("archived") == "1"
    page = Paginator(patients_search(request, text=text, archived=archived), 50).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "q": text, "archived": archived}
    # htmx live search swaps only the result table.
    template = "patients/_table.html" if request.htmx else "patients/list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@staff_required
def patient_create(request: HttpRequest) -> HttpResponse:
    form = PatientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        patient = services.patient_create(
            practice=request.membership.practice,  # type: ignore[attr-defined]
            **form.cleaned_data,
        )
        messages.success(request, _("Patient record created."))
        return redirect("patient_detail", patient.pk)
    return render(request, "patients/form.html", {"form": form, "patient": None})


@staff_required
def patient_detail(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    audit_record(instance=patient, action_code="patient.viewed")
    context = {
        "patient": patient,
        "consents": patient.consents.all(),
        "consent_form": ConsentForm(initial={"given_on": timezone.localdate()}),
        "can_invite_portal": request.user.has_perm(
            "patients.invite_portal",
            request.membership,  # type: ignore[attr-defined]
        ),
        "can_read_clinical": request.user.has_perm(
            "patients.read_clinical",
            request.membership,  # type: ignore[attr-defined]
        ),
    }
    return render(request, "patients/detail.html", context)


@staff_required
def patient_edit(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    form = PatientForm(request.POST or None, instance=patient)
    if request.method == "GET":
        # The edit form shows the whole record, so opening it is a view of the record.
        audit_record(instance=patient, action_code="patient.viewed")
    if request.method == "POST" and form.is_valid():
        # The form has already written its values onto `patient`; the service validates and saves.
        services.patient_update(patient=patient, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("patient_detail", patient.pk)
    return render(request, "patients/form.html", {"form": form, "patient": patient})


@staff_required
@require_POST
def patient_archive(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    archived = request.POST.get("archived") == "1"
    services.patient_archive(patient=patient, archived=archived)
    messages.success(request, _("Patient archived.") if archived else _("Patient restored."))
    return redirect("patient_detail", patient.pk)


@staff_required
@require_POST
def consent_create(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    form = ConsentForm(request.POST)
    if form.is_valid():
        services.consent_record(patient=patient, recorded_by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, _("Consent recorded."))
        return redirect("patient_detail", patient.pk)
    return render(
        request,
        "patients/consent_form.html",
        {"patient": patient, "consent_form": form},
        status=400,
    )


@staff_required
@require_POST
def consent_withdraw(request: HttpRequest, patient_id: int, consent_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    consent = get_object_or_404(patient.consents, pk=consent_id, withdrawn_on__isnull=True)
    services.consent_withdraw(consent=consent, withdrawn_on=timezone.localdate())
    messages.success(request, _("Withdrawal recorded."))
    return redirect("patient_detail", patient.pk)


@permission_required("patients.invite_portal")
@require_POST
def portal_invite(request: HttpRequest, patient_id: int) -> HttpResponse:
    """The portal shows the whole record, clinical notes included, so the link goes only to the
    email on file and only a clinician sends it."""
    patient = patient_get(request, patient_id)
    if patient.user_id is not None:
        messages.error(request, _("This patient already has a portal login."))
    elif not patient.email:
        messages.error(request, _("Email: add the patient's email address first."))
    else:
        try:
            account_services.invitation_create(
                practice=patient.practice,
                email=patient.email,
                invited_by=request.user,  # type: ignore[arg-type]
                base_url=request.build_absolute_uri("/"),
                patient_id=patient.pk,
                language=patient.preferred_language,
            )
        except account_services.EmailNotSent:
            messages.error(request, _("The email could not be sent; nothing was saved."))
        else:
            messages.success(
                request, _("Portal invitation sent to %(email)s.") % {"email": patient.email}
            )
    return redirect("patient_detail", patient.pk)


def _export_response(patient_data: dict[str, object], patient_id: int) -> HttpResponse:
    response = HttpResponse(
        json.dumps(patient_data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="patient-{patient_id}.json"'
    return response


@permission_required("patients.export")
def patient_export(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    return _export_response(
        services.patient_export(patient=patient, include_clinical=True), patient.pk
    )


@permission_required("patients.erase")
def patient_erase(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    form = ErasureForm(request.POST or None, patient=patient)
    if request.method == "POST" and form.is_valid():
        services.patient_erase(patient=patient, reason=form.cleaned_data["reason"])
        messages.success(request, _("The patient's record has been erased."))
        return redirect("patient_list")
    return render(request, "patients/erase.html", {"patient": patient, "form": form})


@patient_required
def portal_home(request: HttpRequest) -> HttpResponse:
    patient = request.patient_record  # type: ignore[attr-defined]
    audit_record(instance=patient, action_code="patient.portal.viewed")
    return render(
        request,
        "patients/portal_home.html",
        {"patient": patient, "consents": patient.consents.all()},
    )


@patient_required
def portal_export(request: HttpRequest) -> HttpResponse:
    patient = request.patient_record  # type: ignore[attr-defined]
    return _export_response(
        services.patient_export(patient=patient, include_clinical=True), patient.pk
    )

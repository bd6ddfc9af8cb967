from __future__ import annotations

import json

import segno
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from headway.accounts import services as account_services
from headway.accounts.decorators import patient_required, permission_required, staff_required
from headway.audit.services import audit_record

# The list shows the care app's diagnoses (issue 13, 1.3); the patients app already reads
# care in services.py. Moving the cross-app pages above the apps is issue 13, point 4.
from headway.care import queries as care_queries
from headway.outcomes import queries as outcome_queries
from headway.patients import intake as intake_questions
from headway.patients import services
from headway.patients.forms import ConsentForm, ErasureForm, PatientForm
from headway.patients.models import Intake
from headway.patients.queries import patient_get, patients_search


@staff_required
def patient_list(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()[:100]
    archived = request.GET.get("archived") == "1"
    patients = patients_search(request, text=text, archived=archived)
    # Diagnoses are clinical: reception sees the list without them (design.md 6).
    clinical = request.user.has_perm(
        "patients.read_clinical",
        request.membership,  # type: ignore[attr-defined]
    )
    diagnosis, choices = "", []
    if clinical:
        choices = care_queries.diagnoses_in_use(request.membership.practice_id)  # type: ignore[attr-defined]
        diagnosis = request.GET.get("diagnosis", "")
        if diagnosis not in {code for code, _name in choices}:
            diagnosis = ""
        if diagnosis:
            patients = care_queries.patients_with_diagnosis(patients, diagnosis)
    page = Paginator(patients, 50).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    if clinical:
        found = care_queries.diagnoses_by_patient(p.pk for p in page.object_list)
        for p in page.object_list:
            p.diagnoses = found.get(p.pk, [])  # type: ignore[attr-defined]
    context = {
        "page": page,
        "q": text,
        "archived": archived,
        "clinical": clinical,
        "diagnosis": diagnosis,
        "diagnosis_choices": choices,
    }
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
    form = ConsentForm(request.POST, born=patient.date_of_birth)
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
    if request.method == "GET":
        audit_record(instance=patient, action_code="patient.erase.viewed")
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
    today = timezone.localdate()
    return render(
        request,
        "patients/portal_home.html",
        {
            "patient": patient,
            "consents": patient.consents.all(),
            "overuse": outcome_queries.overuse_alert(patient, today=today),
            "questionnaires_open": outcome_queries.questionnaires_open(patient, today=today),
        },
    )


@patient_required
def portal_export(request: HttpRequest) -> HttpResponse:
    patient = request.patient_record  # type: ignore[attr-defined]
    return _export_response(
        services.patient_export(patient=patient, include_clinical=True), patient.pk
    )


# Intake -----------------------------------------------------------------------------------


@permission_required("patients.manage")
def intake_manage(request: HttpRequest, patient_id: int) -> HttpResponse:
    """Start the intake and hand it to the patient: by email, or as a link and QR code to open
    on the practice tablet. Reception may do this; reading the answers is for clinicians."""
    patient = patient_get(request, patient_id)
    link = ""
    if request.method == "POST":
        intake = services.intake_start(patient=patient, created_by=request.user)  # type: ignore[arg-type]
        email = request.POST.get("send") == "email"
        if email and not patient.email:
            messages.error(request, _("Email: add the patient's email address first."))
        else:
            try:
                link = services.intake_link_issue(
                    intake=intake,
                    base_url=request.build_absolute_uri("/"),
                    send_to=patient.email if email else "",
                    language=patient.preferred_language,
                )
            except account_services.EmailNotSent:
                messages.error(request, _("The email could not be sent; nothing was saved."))
            else:
                if email:
                    messages.success(
                        request,
                        _("Questionnaire link sent to %(email)s.") % {"email": patient.email},
                    )
                    return redirect("intake_manage", patient.pk)
    # The page lists the patient's questionnaires and, right after it is made, the link to one.
    audit_record(instance=patient, action_code="patient.intakes.viewed")
    intakes = patient.intakes.all()
    context = {
        "patient": patient,
        "intakes": intakes,
        "link": link,
        "qr": segno.make(link, error="m").svg_inline(scale=4, dark="#000", light="#fff")
        if link
        else "",
        "can_read_clinical": request.user.has_perm(
            "patients.read_clinical",
            request.membership,  # type: ignore[attr-defined]
        ),
    }
    return render(request, "patients/intake_manage.html", context)


def intake_link(request: HttpRequest, token: str) -> HttpResponse:
    """The intake opened from an emailed link or on the practice tablet; no login needed, the
    link is the key. An unknown, expired or used link looks the same: not found."""
    intake = services.intake_find(token)
    if intake is None:
        return render(request, "patients/intake_link_invalid.html", status=404)
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        translation.activate(intake.patient.preferred_language)
        request.LANGUAGE_CODE = intake.patient.preferred_language
    return _intake_fill(
        request, intake, reverse("intake_link", args=[token]), tablet=intake.link_for_tablet
    )


@patient_required
def portal_intake(request: HttpRequest) -> HttpResponse:
    patient = request.patient_record  # type: ignore[attr-defined]
    intake = patient.intakes.filter(status=Intake.Status.DRAFT).first()
    if intake is None:
        if request.method != "POST":
            return render(
                request,
                "patients/intake_start.html",
                {"patient": patient, "submitted": patient.intakes.exists()},
            )
        intake = services.intake_start(patient=patient, created_by=request.user)  # type: ignore[arg-type]
        return redirect("portal_intake")
    return _intake_fill(request, intake, reverse("portal_intake"))


def _intake_fill(
    request: HttpRequest, intake: Intake, url: str, *, tablet: bool = False
) -> HttpResponse:
    """One section of the intake. On a tablet link, answers are shown back only for sections
    saved in this browser session: whoever else opens the link sees empty forms, and a section
    left empty keeps the earlier answers."""
    steps = intake_questions.sections(intake.headache_kinds)
    keys = [step.key for step in steps]
    key = request.GET.get("section", keys[0])
    index = keys.index(key) if key in keys else 0
    section = steps[index]
    sitting_key = f"intake-{intake.pk}-sections"
    sitting = set(request.session.get(sitting_key, []))
    shown = not tablet or section.key in sitting
    form = intake_questions.SectionForm(
        section,
        request.POST or None,
        initial=intake.answers.get(section.key, {}) if shown else {},
        answers=intake.answers,
        kinds=intake.headache_kinds,
        keep_earlier=not shown,
    )
    if request.method == "POST" and form.is_valid():
        services.intake_save_section(
            intake=intake,
            section=section.key,
            answers=intake_questions.stored(form.cleaned_data),
            keep_earlier=not shown,
        )
        if tablet:
            request.session[sitting_key] = sorted(sitting | {section.key})
        go = request.POST.get("go", "save")
        if go == "submit":
            services.intake_submit(intake=intake)
            return render(request, "patients/intake_done.html", {"intake": intake})
        # The number of headache sections may have changed with the first answer.
        keys = [s.key for s in intake_questions.sections(intake.headache_kinds)]
        index = keys.index(section.key) if section.key in keys else 0
        if go == "next":
            index = min(index + 1, len(keys) - 1)
        elif go == "back":
            index = max(index - 1, 0)
        else:
            messages.success(request, _("Your answers are saved as a draft."))
        return redirect(f"{url}?section={keys[index]}")
    context = {
        "intake": intake,
        "section": section,
        "form": form,
        "steps": steps,
        "index": index,
        "is_last": index == len(steps) - 1,
        "url": url,
        "answered_before": not shown and bool(intake.answers.get(section.key)),
    }
    return render(request, "patients/intake_fill.html", context, status=400 if form.errors else 200)


@permission_required("patients.read_clinical")
def intake_detail(request: HttpRequest, patient_id: int, intake_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    intake = get_object_or_404(patient.intakes, pk=intake_id)
    audit_record(instance=intake, action_code="intake.viewed")
    answered = []
    for section in intake_questions.sections(intake.headache_kinds):
        given = intake.answers.get(section.key, {})
        rows = [
            (question.label, intake_questions.display(question, given[question.key]))
            for question in section.questions
            if question.key in given
        ]
        answered.append((section, rows))
    return render(
        request,
        "patients/intake_detail.html",
        {"patient": patient, "intake": intake, "answered": answered},
    )

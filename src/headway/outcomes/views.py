"""Outcome pages: a patient's measures, charts and questionnaires for the practice; the
questionnaires a patient fills in on the portal; the practice's overdue list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from headway.accounts.decorators import patient_required, permission_required
from headway.audit.services import audit_record
from headway.care import services as care_services
from headway.care.models import CervicalScreen, TreatmentSession
from headway.clinical import instruments
from headway.clinical.outcomes.measures import Measure
from headway.lib.pdf import pdf_response
from headway.outcomes import charts, queries, services
from headway.outcomes.forms import AnswersForm, ScheduleForm
from headway.outcomes.models import Instrument, ScheduledQuestionnaire, Source
from headway.outcomes.vocabulary import MEASURES, STATES, SUSTAINED, band_label
from headway.patients.models import Patient
from headway.patients.queries import patient_get

CLINICAL = "patients.read_clinical"


def outcome_charts(summary: queries.PatientOutcomes) -> list[charts.Chart]:
    """The charts of the outcome page and the report, in the active language."""
    measured = [row.measures for row in summary.periods]
    found = []
    if measured:
        found.append(charts.frequency_chart(measured, summary.sessions, Measure.HEADACHE_DAYS))
        if summary.primary is not Measure.HEADACHE_DAYS:
            found.append(charts.frequency_chart(measured, summary.sessions, summary.primary))
        found.append(charts.intensity_chart(measured))
        found.append(charts.medication_chart(measured))
    for trend in summary.trends:
        found.append(
            charts.questionnaire_chart(
                trend.instrument, [(r.completed_on, r.score) for r in trend.responses]
            )
        )
    return found


def outcome_context(patient: Patient, summary: queries.PatientOutcomes) -> dict[str, Any]:
    return {
        "patient": patient,
        "summary": summary,
        "charts": outcome_charts(summary),
        "primary_name": MEASURES[summary.primary],
        "measures": MEASURES,
        "sustained_words": SUSTAINED,
        "states": STATES,
    }


@permission_required(CLINICAL)
def patient_outcomes(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    summary = queries.patient_outcomes(patient, today=timezone.localdate())
    audit_record(instance=patient, action_code="outcomes.viewed")
    context = outcome_context(patient, summary)
    context.update(
        {
            "referrals": care_services.referrals_open(patient),
            "schedule_form": ScheduleForm(),
            "instruments": Instrument.choices,
            "band_label": band_label,
        }
    )
    return render(request, "outcomes/patient_outcomes.html", context)


@require_POST
@permission_required(CLINICAL)
def questionnaires_schedule(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        summary = queries.patient_outcomes(patient, today=timezone.localdate())
        context = outcome_context(patient, summary)
        context.update(
            {
                "referrals": care_services.referrals_open(patient),
                "schedule_form": form,
                "instruments": Instrument.choices,
            }
        )
        return render(request, "outcomes/patient_outcomes.html", context, status=400)
    timepoints = form.cleaned_data["timepoints"]
    made = []
    # "Other date" takes the date given; the named timepoints follow the first treatment.
    named = [t for t in timepoints if t != "other"]
    if named:
        made += services.questionnaires_schedule(
            patient=patient,
            instruments_chosen=form.cleaned_data["instruments"],
            timepoints=named,
            by=request.user,  # type: ignore[arg-type]
        )
    if "other" in timepoints:
        made += services.questionnaires_schedule(
            patient=patient,
            instruments_chosen=form.cleaned_data["instruments"],
            timepoints=["other"],
            due_on=form.cleaned_data["due_on"],
            by=request.user,  # type: ignore[arg-type]
        )
    messages.success(request, _("%(n)s questionnaires scheduled.") % {"n": len(made)})
    return redirect("patient_outcomes", patient.pk)


@require_POST
@permission_required(CLINICAL)
def questionnaire_unschedule(request: HttpRequest, patient_id: int, item_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    item = get_object_or_404(ScheduledQuestionnaire, pk=item_id, patient=patient)
    try:
        services.questionnaire_unschedule(item=item)
    except ValueError:
        messages.error(request, _("Answered questionnaires stay on the record."))
    else:
        messages.success(request, _("Taken off the schedule."))
    return redirect("patient_outcomes", patient.pk)


def _record(
    request: HttpRequest,
    form: AnswersForm,
    *,
    patient: Patient,
    key: str,
    scheduled: ScheduledQuestionnaire | None,
    source: str,
) -> bool:
    """Score and store; on answers the core refuses, the form names the item. True if saved."""
    try:
        services.questionnaire_record(
            patient=patient,
            instrument_key=key,
            answers=form.answers(),
            completed_on=form.cleaned_data.get("completed_on") or timezone.localdate(),
            source=source,
            entered_by=request.user if source == Source.PAPER else None,  # type: ignore[arg-type]
            scheduled=scheduled,
            language=translation.get_language() or "",
        )
    except instruments.AnswerError as error:
        definition = instruments.instrument(key)
        field = error.field if error.field in form.fields else None
        form.add_error(
            field,
            _(
                "Not answered. This questionnaire can be scored with at most %(n)s "
                "unanswered questions."
            )
            % {"n": definition.max_missing},
        )
        return False
    except ValueError:
        form.add_error(None, _("This questionnaire has already been answered."))
        return False
    return True


@permission_required(CLINICAL)
def questionnaire_enter(request: HttpRequest, patient_id: int, instrument: str) -> HttpResponse:
    """Staff enter a paper form, for a scheduled questionnaire or on its own."""
    patient = patient_get(request, patient_id)
    if instrument not in instruments.INSTRUMENTS:
        raise Http404
    scheduled = None
    if request.GET.get("scheduled", "").isdigit():
        scheduled = get_object_or_404(
            ScheduledQuestionnaire,
            pk=int(request.GET["scheduled"]),
            patient=patient,
            instrument=instrument,
            response__isnull=True,
        )
    definition = instruments.instrument(instrument)
    text = queries.instrument_text(instrument, translation.get_language() or "en")
    form = AnswersForm(request.POST or None, definition=definition, text=text, paper=True)
    if (
        request.method == "POST"
        and form.is_valid()
        and _record(
            request, form, patient=patient, key=instrument, scheduled=scheduled, source=Source.PAPER
        )
    ):
        messages.success(request, _("Questionnaire saved and scored."))
        return redirect("patient_outcomes", patient.pk)
    return render(
        request,
        "outcomes/questionnaire_enter.html",
        {
            "patient": patient,
            "definition": definition,
            "text": text,
            "form": form,
            "scheduled": scheduled,
            "referrals": care_services.referrals_open(patient),
        },
        status=400 if request.method == "POST" else 200,
    )


@permission_required(CLINICAL)
def questionnaires_overdue(request: HttpRequest) -> HttpResponse:
    practice = request.membership.practice  # type: ignore[attr-defined]
    rows = queries.questionnaires_overdue(practice.pk, today=timezone.localdate())
    return render(request, "outcomes/overdue.html", {"rows": rows})


# Portal -------------------------------------------------------------------------------------


@patient_required
def portal_questionnaires(request: HttpRequest) -> HttpResponse:
    patient = request.patient_record  # type: ignore[attr-defined]
    today = timezone.localdate()
    rows = [
        row
        for row in queries.questionnaires(patient, today=today)
        if row.status.state in ("open", "overdue")
    ]
    return render(
        request,
        "outcomes/portal_questionnaires.html",
        {"rows": rows, "states": STATES, "patient": patient},
    )


@patient_required
def portal_questionnaire(request: HttpRequest, item_id: int) -> HttpResponse:
    patient = request.patient_record  # type: ignore[attr-defined]
    item = get_object_or_404(ScheduledQuestionnaire, pk=item_id, patient=patient)
    row = next(
        (
            r
            for r in queries.questionnaires(patient, today=timezone.localdate())
            if r.scheduled.pk == item.pk
        ),
        None,
    )
    if row is None or row.status.state not in ("open", "overdue"):
        messages.info(request, _("This questionnaire is not open."))
        return redirect("portal_questionnaires")
    definition = instruments.instrument(item.instrument)
    text = queries.instrument_text(item.instrument, translation.get_language() or "en")
    if text is None:
        return render(
            request,
            "outcomes/portal_questionnaire.html",
            {"item": item, "definition": definition, "text": None},
        )
    form = AnswersForm(request.POST or None, definition=definition, text=text, paper=False)
    if (
        request.method == "POST"
        and form.is_valid()
        and _record(
            request,
            form,
            patient=patient,
            key=item.instrument,
            scheduled=item,
            source=Source.PORTAL,
        )
    ):
        messages.success(request, _("Thank you. Your answers are saved."))
        return redirect("portal_questionnaires")
    return render(
        request,
        "outcomes/portal_questionnaire.html",
        {"item": item, "definition": definition, "text": text, "form": form},
        status=400 if request.method == "POST" else 200,
    )


REPORT_LANGUAGES = {"en", "de", "es", "fr"}


@permission_required(CLINICAL)
def outcome_report(request: HttpRequest, patient_id: int) -> HttpResponse:
    """The progress report as a PDF for the patient (?for=patient, the patient's language) or
    their physician (?for=physician, the physician's language); ?lang= overrides."""
    patient = patient_get(request, patient_id)
    reader = "physician" if request.GET.get("for") == "physician" else "patient"
    language = request.GET.get("lang") or (
        patient.physician_language if reader == "physician" else patient.preferred_language
    )
    if language not in REPORT_LANGUAGES:
        language = (
            patient.preferred_language if patient.preferred_language in REPORT_LANGUAGES else "en"
        )
    audit_record(
        instance=patient,
        action_code="outcomes.report.downloaded",
        detail={"language": language, "for": reader},
    )
    today = timezone.localdate()
    with translation.override(language):
        summary = queries.patient_outcomes(patient, today=today)
        context = outcome_context(patient, summary)
        context.update(
            {
                "practice": patient.practice,
                "author": request.user,
                "language": language,
                "reader": reader,
                "diagnoses": care_services.diagnoses_current(patient),
                "screens": CervicalScreen.objects.filter(patient=patient).order_by("performed_on"),
                "sessions": TreatmentSession.objects.filter(patient=patient)
                .prefetch_related("techniques")
                .order_by("session_date"),
            }
        )
        return pdf_response(
            request,
            "outcomes/report.html",
            context,
            filename=f"progress-{patient.pk}-{today:%Y%m%d}.pdf",
        )

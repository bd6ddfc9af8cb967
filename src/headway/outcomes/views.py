"""Outcome pages: a patient's measures, charts and questionnaires for the practice; the
questionnaires a patient fills in on the portal; the practice's overdue list."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from headway.accounts.decorators import patient_required, permission_required
from headway.accounts.models import User
from headway.audit.services import audit_record, audit_record_each
from headway.care import services as care_services
from headway.care.models import CervicalScreen, Technique, TreatmentSession
from headway.care.vocabulary import DIAGNOSES, label
from headway.clinical import instruments
from headway.lib.pdf import pdf_response
from headway.lib.spreadsheet import SafeCsvWriter
from headway.outcomes import charts, dashboard, queries, services
from headway.outcomes.forms import AnswersForm, DashboardForm, ScheduleForm
from headway.outcomes.models import (
    Instrument,
    QuestionnaireResponse,
    ScheduledQuestionnaire,
    Source,
)
from headway.outcomes.vocabulary import MEASURES, RECALL, STATES, SUSTAINED
from headway.patients.models import Patient
from headway.patients.queries import patient_get

CLINICAL = "patients.read_clinical"


def outcome_context(patient: Patient, summary: queries.PatientOutcomes) -> dict[str, Any]:
    return {
        "patient": patient,
        "summary": summary,
        "charts": charts.patient_charts(patient=patient, summary=summary),
        "charts_version": charts.charts_version(summary),
        "primary_name": MEASURES[summary.primary],
        "measures": MEASURES,
        "sustained_words": SUSTAINED,
        "states": STATES,
    }


def _outcomes_page(
    request: HttpRequest, patient: Patient, schedule_form: ScheduleForm, status: int = 200
) -> HttpResponse:
    summary = queries.patient_outcomes(patient, today=timezone.localdate())
    context = outcome_context(patient, summary)
    context.update(
        {
            "referrals": care_services.referrals_open(patient),
            "schedule_form": schedule_form,
            "instruments": Instrument.choices,
        }
    )
    return render(request, "outcomes/patient_outcomes.html", context, status=status)


@permission_required(CLINICAL)
def patient_outcomes(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    audit_record(instance=patient, action_code="outcomes.viewed")
    return _outcomes_page(request, patient, ScheduleForm())


@permission_required(CLINICAL)
def outcome_chart(request: HttpRequest, patient_id: int, number: int) -> HttpResponse:
    """One of the outcome page's charts as its stored SVG (issue 13, 2.1: inlined twice as
    base64, the drawings made most of the page's bytes), wide or ?size=narrow for phones.
    The URL carries the digest of what the charts show (?v=). Like every view of the record it
    is not cached (no-store, from the middleware: ASVS 4.0 V8.2.1, issue 12, 4.2), so the
    browser asks again on each view, for the one size it shows."""
    patient = patient_get(request, patient_id)
    narrow = request.GET.get("size") == "narrow"
    version = request.GET.get("v", "")
    svg = charts.stored_chart(patient=patient, number=number, narrow=narrow, version=version)
    if svg is None:
        raise Http404
    audit_record(
        instance=patient,
        action_code="outcomes.chart.viewed",
        detail={"chart": number, "size": "narrow" if narrow else "wide"},
    )
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


@require_POST
@permission_required(CLINICAL)
def questionnaires_schedule(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    form = ScheduleForm(request.POST, born=patient.date_of_birth)
    if not form.is_valid():
        return _outcomes_page(request, patient, form, status=400)
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
    messages.success(
        request,
        ngettext("%(n)s questionnaire scheduled.", "%(n)s questionnaires scheduled.", len(made))
        % {"n": len(made)},
    )
    return redirect("patient_outcomes", patient.pk)


@require_POST
@permission_required(CLINICAL)
def questionnaire_unschedule(request: HttpRequest, patient_id: int, item_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    item = get_object_or_404(ScheduledQuestionnaire, pk=item_id, patient=patient)
    try:
        services.questionnaire_unschedule(item=item)
    except services.AlreadyAnswered:
        # Also when the patient's answers arrived a moment before this request.
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
) -> QuestionnaireResponse | None:
    """Score and store; on answers the core refuses, the form names the item. The stored
    answers, or None."""
    try:
        return services.questionnaire_record(
            patient=patient,
            instrument_key=key,
            answers=form.answers(),
            completed_on=form.cleaned_data.get("completed_on") or timezone.localdate(),
            source=source,
            entered_by=request.user if source == Source.PAPER else None,  # type: ignore[arg-type]
            scheduled=scheduled,
            # A paper form's language is the paper's, not the screen's: not known here.
            language=(translation.get_language() or "") if source == Source.PORTAL else "",
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
        return None
    except ValueError:
        form.add_error(None, _("This questionnaire has already been answered."))
        return None


@permission_required(CLINICAL)
def questionnaire_enter(request: HttpRequest, patient_id: int, instrument: str) -> HttpResponse:
    """Staff enter a paper form, for a scheduled questionnaire or on its own."""
    patient = patient_get(request, patient_id)
    if instrument not in instruments.INSTRUMENTS:
        raise Http404
    scheduled = None
    if "scheduled" in request.GET:
        try:
            scheduled_id = int(request.GET["scheduled"])
        except ValueError:
            raise Http404 from None
        scheduled = get_object_or_404(
            ScheduledQuestionnaire,
            pk=scheduled_id,
            patient=patient,
            instrument=instrument,
            response__isnull=True,
        )
    definition = instruments.instrument(instrument)
    text = queries.instrument_text(instrument, translation.get_language() or "en")
    form = AnswersForm(
        request.POST or None,
        definition=definition,
        text=text,
        paper=True,
        born=patient.date_of_birth,
    )
    if request.method == "GET":
        # The page names the patient, the scheduled questionnaire and the open referrals.
        audit_record(
            instance=patient,
            action_code="questionnaire.form.viewed",
            detail={"instrument": instrument, "scheduled": scheduled.pk if scheduled else None},
        )
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
            "recall": RECALL.get(definition.recall_period, definition.recall_period),
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
    today = timezone.localdate()
    # Thousands can be overdue in a large practice: counted and sorted in the database, and
    # only the page shown is loaded.
    page = Paginator(queries.questionnaires_overdue(practice.pk, today=today), 100).get_page(
        request.GET.get("page")
    )
    rows = queries.questionnaire_rows(page.object_list, today=today)
    return render(request, "outcomes/overdue.html", {"rows": rows, "page": page})


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


_TICKET_SALT = "headway.outcomes.questionnaire-ticket"


def _ticket(item: ScheduledQuestionnaire) -> str:
    """Sent with the portal form: which questionnaire the answers are for, so answers that
    arrive after the practice took it off the schedule can still be saved."""
    return signing.dumps(
        [item.patient_id, item.pk, item.instrument, item.timepoint], salt=_TICKET_SALT
    )


def _removed_meanwhile(
    request: HttpRequest, patient: Patient, item_id: int
) -> ScheduledQuestionnaire | None:
    """The questionnaire the patient was answering when the practice took it off the schedule,
    rebuilt from the form's ticket (not saved: questionnaire_record keeps the answers at its
    timepoint, without the link). None if the ticket is not for this one or it still exists."""
    try:
        patient_id, pk, instrument, timepoint = signing.loads(
            request.POST.get("ticket", ""), salt=_TICKET_SALT
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if (patient_id, pk) != (patient.pk, item_id):
        return None
    if ScheduledQuestionnaire.objects.filter(pk=item_id).exists():
        return None
    return ScheduledQuestionnaire(
        pk=pk,
        practice_id=patient.practice_id,
        patient=patient,
        instrument=instrument,
        timepoint=timepoint,
    )


@patient_required
def portal_questionnaire(request: HttpRequest, item_id: int) -> HttpResponse:
    patient = request.patient_record  # type: ignore[attr-defined]
    item = ScheduledQuestionnaire.objects.filter(pk=item_id, patient=patient).first()
    row = next(
        (
            r
            for r in queries.questionnaires(patient, today=timezone.localdate())
            if r.scheduled.pk == item_id
        ),
        None,
    )
    # Taken off the schedule while the patient was answering (before this request or during
    # it): the answers are never lost.
    removed = (
        _removed_meanwhile(request, patient, item_id) if row is None and request.POST else None
    )
    if removed is not None:
        item = removed
    elif item is None:
        raise Http404
    elif row is None or row.status.state not in ("open", "overdue"):
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
    saved = (
        _record(
            request,
            form,
            patient=patient,
            key=item.instrument,
            scheduled=item,
            source=Source.PORTAL,
        )
        if request.method == "POST" and form.is_valid()
        else None
    )
    if saved is not None:
        messages.success(request, _("Thank you. Your answers are saved."))
        if saved.scheduled_id is None:
            messages.info(
                request,
                _(
                    "Your practice had just taken this questionnaire off your list. Your "
                    "answers are kept all the same."
                ),
            )
        return redirect("portal_questionnaires")
    return render(
        request,
        "outcomes/portal_questionnaire.html",
        {
            "item": item,
            "definition": definition,
            "text": text,
            "form": form,
            "ticket": _ticket(item),
        },
        status=400 if request.method == "POST" else 200,
    )


REPORT_LANGUAGES = {"en", "de", "es", "fr"}


@permission_required(CLINICAL)
def outcome_report(request: HttpRequest, patient_id: int) -> HttpResponse:
    """The progress report as a PDF for the patient (?for=patient, the patient's language) or
    their physician (?for=physician, the physician's language); ?lang= overrides."""
    patient = patient_get(request, patient_id)
    reader = "physician" if request.GET.get("for") == "physician" else "patient"
    readers_language = (
        patient.physician_language if reader == "physician" else patient.preferred_language
    )
    language = next(
        (
            choice
            for choice in (request.GET.get("lang"), readers_language, patient.preferred_language)
            if choice in REPORT_LANGUAGES
        ),
        "en",
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
                "for_patient": reader == "patient",
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


# Practice dashboard ----------------------------------------------------------------------------


def _dashboard_query(request: HttpRequest) -> tuple[DashboardForm, dashboard.DashboardQuery | None]:
    practice = request.membership.practice  # type: ignore[attr-defined]
    today = timezone.localdate()
    form = DashboardForm(request.GET or None)
    if request.GET and not form.is_valid():
        return form, None
    data = form.cleaned_data if request.GET else {}
    return form, dashboard.DashboardQuery(
        practice_id=practice.pk,
        group_by=dashboard.GroupBy(data.get("group_by") or "diagnosis"),
        follow_up=data.get("follow_up") or "week_12",
        started_from=data.get("started_from") or date(2000, 1, 1),
        started_until=data.get("started_until") or today,
        today=today,
    )


def _group_labels(query: dashboard.DashboardQuery, groups: list[dashboard.GroupOutcome]) -> None:
    keys = [g.key for g in groups if g.key not in (None, "")]
    if query.group_by is dashboard.GroupBy.DIAGNOSIS:
        names = {k: f"{k} {label(DIAGNOSES, str(k))}" for k in keys}
    elif query.group_by is dashboard.GroupBy.TECHNIQUE:
        names = {t.pk: t.label for t in Technique.objects.filter(pk__in=keys)}
    else:
        names = {u.pk: u.full_name or u.email for u in User.objects.filter(pk__in=keys)}
    for g in groups:
        g.label = names.get(g.key, "") or _("not recorded")


@permission_required(CLINICAL)
def practice_dashboard(request: HttpRequest) -> HttpResponse:
    form, query = _dashboard_query(request)
    context: dict[str, Any] = {"form": form, "query": query}
    if query is not None:
        groups = dashboard.outcomes_by_group(query)
        _group_labels(query, groups)
        context.update(
            {
                "groups": groups,
                "total": dashboard.total(groups)
                if query.group_by is not dashboard.GroupBy.TECHNIQUE
                else None,
                "missing": Patient.objects.filter(pk__in=dashboard.missing_diary(query)).order_by(
                    "last_name", "first_name"
                )[:100],
                "overdue": queries.questionnaires_overdue(
                    query.practice_id, today=query.today
                ).count(),
                "csv_query": request.GET.urlencode(),
            }
        )
    return render(request, "outcomes/dashboard.html", context, status=200 if query else 400)


def _pseudonym(patient_id: int) -> str:
    # Stable within this installation, meaningless outside it (keyed by SECRET_KEY).
    return "P-" + salted_hmac("headway.outcomes.export", str(patient_id)).hexdigest()[:10]


@permission_required(CLINICAL)
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    """One row per patient of the selection. Pseudonymised (not anonymised: the practice can link
    a pseudonym back to its patient): no name or birth date, a pseudonym instead of the record
    number, the first treatment as a month, the age in 10-year bands."""
    form, query = _dashboard_query(request)
    if query is None:
        return HttpResponse(
            "; ".join(f"{k}: {' '.join(str(e) for e in v)}" for k, v in form.errors.items()),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    deidentified = request.GET.get("deidentified") == "1"
    rows = list(dashboard.patient_rows(query))
    patients = {p.pk: p for p in Patient.objects.filter(pk__in=[r.patient_id for r in rows])}
    practitioners = {
        u.pk: u.full_name or u.email
        for u in User.objects.filter(pk__in={r.practitioner_id for r in rows if r.practitioner_id})
    }
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = "outcomes-pseudonymised" if deidentified else "outcomes"
    response["Content-Disposition"] = f'attachment; filename="{name}-{query.today:%Y%m%d}.csv"'
    response["Cache-Control"] = "no-store"
    writer = SafeCsvWriter(response)
    identity = (
        ["pseudonym", "age_band"] if deidentified else ["patient_id", "name", "date_of_birth"]
    )
    writer.writerow(
        [
            *identity,
            "first_treatment",
            "diagnosis",
            "measure",
            "practitioner",
            "baseline_days_recorded",
            "baseline_value",
            "follow_up",
            "follow_up_days_recorded",
            "follow_up_value",
            "change_percent",
            "responder_50",
            "responder_30",
        ]
    )
    yes_no = {True: "yes", False: "no", None: ""}
    for r in rows:
        patient = patients[r.patient_id]
        if deidentified:
            age = patient.age()
            ident = [_pseudonym(r.patient_id), f"{age // 10 * 10}-{age // 10 * 10 + 9}"]
            first = f"{r.first_treatment:%Y-%m}"
            practitioner = ""
        else:
            ident = [
                str(r.patient_id),
                patient.full_name,
                patient.date_of_birth.isoformat(),
            ]
            first = r.first_treatment.isoformat()
            practitioner = practitioners.get(r.practitioner_id or 0, "")
        change = r.change
        baseline, follow_up = r.baseline.value(r.measure), r.follow_up.value(r.measure)
        writer.writerow(
            [
                *ident,
                first,
                r.diagnosis,
                r.measure.value,
                practitioner,
                r.baseline.recorded_days,
                "" if baseline is None else baseline,
                query.follow_up,
                r.follow_up.recorded_days,
                "" if follow_up is None else follow_up,
                "" if change.percent is None else change.percent,
                yes_no[change.responder_50],
                yes_no[change.responder_30],
            ]
        )
    audit_record(
        instance=request.membership.practice,  # type: ignore[attr-defined]
        action_code="outcomes.exported",
        detail={"patients": len(rows), "deidentified": deidentified},
    )
    if not deidentified:
        # Names and birth dates left the practice: each patient's own trail shows it.
        audit_record_each(
            instances=[patients[pk] for pk in dict.fromkeys(r.patient_id for r in rows)],
            action_code="patient.outcomes.exported",
            detail={"export": "dashboard_csv"},
        )
    return response

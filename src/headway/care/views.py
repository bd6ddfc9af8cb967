from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from headway.accounts.decorators import permission_required
from headway.audit.services import audit_record
from headway.care import pain_drawing, services, vocabulary
from headway.care.classification import suggestions
from headway.care.forms import (
    AdverseEventFormSet,
    AmendmentForm,
    CervicalScreenForm,
    ClinicalNoteForm,
    DecisionForm,
    ExaminationForm,
    InvalidateScreenForm,
    ReferralCloseForm,
    SessionForm,
    SessionTechniqueFormSet,
    TechniqueForm,
    TreatmentPlanForm,
    TriggerPointFormSet,
)
from headway.care.models import (
    CervicalScreen,
    ClassificationRun,
    DiagnosisDecision,
    Examination,
    Referral,
    Technique,
    TreatmentPlan,
    TreatmentSession,
    TriggerPointFinding,
)
from headway.care.reasons import finding_text, message_text
from headway.clinical import intake as intake_rules
from headway.clinical.referral import candidate_muscles
from headway.lib.pdf import pdf_response
from headway.patients.models import Intake, Patient
from headway.patients.queries import patient_get

CLINICAL = "patients.read_clinical"


def _user(request: HttpRequest) -> Any:
    return request.user


@permission_required(CLINICAL)
def clinical_notes(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    form = ClinicalNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.clinical_note_create(
            patient=patient, author=_user(request), body=form.cleaned_data["body"]
        )
        messages.success(request, _("Note saved."))
        return redirect("clinical_notes", patient.pk)
    audit_record(instance=patient, action_code="patient.notes.viewed")
    notes = patient.clinical_notes.select_related("author")
    return render(
        request,
        "care/notes.html",
        {"patient": patient, "notes": notes, "form": form},
        status=400 if form.errors else 200,
    )


# Review and classification ---------------------------------------------------------------


@require_POST
@permission_required(CLINICAL)
def classification_run(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    intake_id = request.POST.get("intake", "")
    if not intake_id.isdigit():
        raise Http404
    intake = get_object_or_404(Intake, patient=patient, pk=intake_id, status="submitted")
    run = services.classification_run_from_intake(intake=intake, run_by=_user(request))
    return redirect("classification_review", patient.pk, run.pk)


def _decorate(evaluation: dict[str, Any]) -> dict[str, Any]:
    """A stored evaluation with its diagnosis and criteria in the reader's language."""
    return {
        **evaluation,
        "label": vocabulary.label(vocabulary.DIAGNOSES, evaluation["code"], evaluation["name"]),
        "criteria": [
            {
                **c,
                "summary": vocabulary.label(vocabulary.CRITERIA, c["summary"]),
                "reason": message_text(c.get("reason_message"), c["reason"]),
                "to_settle": vocabulary.label(vocabulary.TO_SETTLE, c.get("to_settle", "")),
            }
            for c in evaluation["criteria"]
        ],
    }


@permission_required(CLINICAL)
def classification_review(request: HttpRequest, patient_id: int, run_id: int) -> HttpResponse:
    """Red flags first, then each suggestion with its criteria and the practitioner's decision."""
    patient = patient_get(request, patient_id)
    run = get_object_or_404(ClassificationRun, patient=patient, pk=run_id)
    names = {e["code"]: e["name"] for e in suggestions(run.result)}
    forms = {code: DecisionForm(auto_id=f"id_{slugify(code)}_%s") for code in names}
    failed = None
    if request.method == "POST":
        code = request.POST.get("suggested_code", "")
        if code not in names:
            raise Http404
        form = DecisionForm(request.POST, auto_id=f"id_{slugify(code)}_%s")
        if form.is_valid():
            services.diagnosis_decide(
                run=run,
                suggested_code=code,
                suggested_name=names[code],
                decision=form.cleaned_data["decision"],
                code=form.cleaned_data.get("code", ""),
                name=form.cleaned_data.get("name", ""),
                reason=form.cleaned_data["reason"],
                decided_by=_user(request),
            )
            messages.success(request, _("Decision saved."))
            return redirect("classification_review", patient.pk, run.pk)
        forms[code] = form
        failed = code
    audit_record(instance=run, action_code="classification.viewed")
    decisions: dict[str, DiagnosisDecision] = {}
    for decision in run.decisions.order_by("created_at", "id"):
        decisions[decision.suggested_code] = decision
    profiles = [
        {
            **profile,
            "suggested": [_decorate(e) for e in profile["suggested"]],
            "undecided": [_decorate(e) for e in profile["undecided"]],
        }
        for profile in run.result.get("profiles", [])
    ]
    patient_level = {
        key: [_decorate(e) for e in run.result.get("patient", {}).get(key, [])]
        for key in ("suggested", "undecided")
    }
    flags = [
        {
            **flag,
            "label": vocabulary.label(vocabulary.RED_FLAGS, flag["code"], flag["name"]),
            "reason": message_text(flag.get("reason_message"), flag["reason"]),
        }
        for flag in run.red_flags.get("raised", [])
    ]
    context = {
        "patient": patient,
        "run": run,
        "flags": flags,
        "unknown_flags": [
            {
                **u,
                "label": vocabulary.label(vocabulary.RED_FLAGS, u["code"]),
                "missing": message_text(u.get("missing_message"), u["missing"]),
            }
            for u in run.red_flags.get("unknown", [])
        ],
        "referrals": services.referrals_open(patient),
        "profiles": profiles,
        "patient_level": patient_level,
        "decisions": decisions,
        "forms": forms,
        "failed_code": failed,
    }
    return render(request, "care/classification.html", context, status=400 if failed else 200)


# Referral ---------------------------------------------------------------------------------


@permission_required(CLINICAL)
def referral_letter(request: HttpRequest, patient_id: int, referral_id: int) -> HttpResponse:
    """The letter to the patient's physician as a PDF, in the patient's language or the
    physician's (?lang=)."""
    patient = patient_get(request, patient_id)
    referral = get_object_or_404(Referral, patient=patient, pk=referral_id)
    language = request.GET.get("lang") or patient.physician_language or patient.preferred_language
    if language not in {"en", "de", "es", "fr"}:
        language = patient.preferred_language
    audit_record(
        instance=referral, action_code="referral.letter.downloaded", detail={"language": language}
    )
    with translation.override(language):
        context = {
            "patient": patient,
            "referral": referral,
            "practice": patient.practice,
            "author": referral.referred_by or request.user,
            "today": timezone.localdate(),
            "screen": referral.screen,
            "language": language,
            # In the letter's language; findings stored before issue 12 are English strings.
            "findings": [finding_text(f) for f in referral.findings],
            "english_findings": any(isinstance(f, str) for f in referral.findings),
        }
        return pdf_response(
            request,
            "care/referral_letter.html",
            context,
            filename=f"referral-{patient.pk}-{referral.created_at:%Y%m%d}.pdf",
        )


@require_POST
@permission_required(CLINICAL)
def referral_close(request: HttpRequest, patient_id: int, referral_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    referral = get_object_or_404(Referral, patient=patient, pk=referral_id, closed_at__isnull=True)
    form = ReferralCloseForm(request.POST)
    if form.is_valid():
        services.referral_close(referral=referral, note=form.cleaned_data["note"])
        messages.success(request, _("Referral closed; the outcome is in the record."))
    else:
        messages.error(request, _("Outcome of the referral: this field is required."))
    return redirect("patient_timeline", patient.pk)


# Cervical safety screen -------------------------------------------------------------------


@permission_required(CLINICAL)
def cervical_screens(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    initial: dict[str, Any] = {"performed_on": timezone.localdate()}
    intake = patient.intakes.filter(status="submitted").first()
    if intake is not None:
        # What the patient reported in the intake prefills the history; the practitioner checks.
        history = intake_rules.cervical_history(intake.answers)
        for group, prefix in (
            ("vascular_risk_factors", "risk"),
            ("instability_conditions", "condition"),
        ):
            for key, value in history[group].items():  # type: ignore[union-attr]
                if value is not None:
                    initial[f"{prefix}__{key}"] = "yes" if value else "no"
        if history["recent_trauma"] is not None:
            initial["recent_trauma"] = "yes" if history["recent_trauma"] else "no"
    form = CervicalScreenForm(request.POST or None, initial=initial, born=patient.date_of_birth)
    if request.method == "POST" and form.is_valid():
        screen = services.cervical_screen_record(
            patient=patient,
            practitioner=_user(request),
            performed_on=form.cleaned_data["performed_on"],
            screen_input=form.screen_input(patient.age(form.cleaned_data["performed_on"])),
            answers=form.stored(),
        )
        return redirect("cervical_screen_detail", patient.pk, screen.pk)
    if request.method == "GET":
        audit_record(instance=patient, action_code="patient.screens.viewed")
    screens = CervicalScreen.objects.filter(patient=patient).select_related("practitioner")
    context = {
        "patient": patient,
        "form": form,
        "screens": screens,
        "current": services.cervical_screen_current(patient, timezone.localdate()),
        "prefilled": intake is not None,
        "invalidate_form": InvalidateScreenForm(),
    }
    return render(request, "care/screens.html", context, status=400 if form.errors else 200)


@permission_required(CLINICAL)
def cervical_screen_detail(request: HttpRequest, patient_id: int, screen_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    screen = get_object_or_404(CervicalScreen, patient=patient, pk=screen_id)
    audit_record(instance=screen, action_code="screen.viewed")
    current = services.cervical_screen_current(patient, timezone.localdate())
    return render(
        request,
        "care/screen_detail.html",
        {
            "patient": patient,
            "screen": screen,
            # Worded in the reader's language; a screen stored before the codes, as stored.
            "reasons": [message_text(r.get("message"), r["text"]) for r in screen.reasons],
            "not_checked": [finding_text(item) for item in screen.not_checked],
            "is_current": current is not None and current.pk == screen.pk,
            "referrals": services.referrals_open(patient),
        },
    )


@require_POST
@permission_required(CLINICAL)
def cervical_screens_invalidate(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    form = InvalidateScreenForm(request.POST)
    if form.is_valid():
        services.cervical_screens_invalidate(patient=patient, reason=form.cleaned_data["reason"])
        messages.success(
            request, _("New symptoms recorded. A new screen is needed before a neck technique.")
        )
    else:
        messages.error(request, _("New symptoms reported: describe the new symptoms."))
    return redirect("cervical_screens", patient.pk)


# Examination ------------------------------------------------------------------------------


@permission_required(CLINICAL)
def examinations(request: HttpRequest, patient_id: int) -> HttpResponse:
    """Every examination side by side, oldest first, so change over time reads left to right."""
    patient = patient_get(request, patient_id)
    exams = list(
        Examination.objects.filter(patient=patient)
        .order_by("examined_on", "id")
        .prefetch_related("trigger_points")
    )
    audit_record(instance=patient, action_code="patient.examinations.viewed")
    rows = [
        (label, [getattr(e, name) for e in exams])
        for name, label in (
            ("rom_flexion", _("Flexion")),
            ("rom_extension", _("Extension")),
            ("rom_rotation_left", _("Rotation left")),
            ("rom_rotation_right", _("Rotation right")),
            ("rom_side_flexion_left", _("Side flexion left")),
            ("rom_side_flexion_right", _("Side flexion right")),
            ("frt_left", _("Flexion-rotation test, left")),
            ("frt_right", _("Flexion-rotation test, right")),
            ("ccft_mmhg", _("Craniocervical flexion test (mmHg held)")),
        )
    ]
    choice_rows = [
        (label, [getattr(e, f"get_{name}_display")() for e in exams])
        for name, label in (
            ("oa_mobility_left", _("Occipito-atlantal mobility, left")),
            ("oa_mobility_right", _("Occipito-atlantal mobility, right")),
            ("uc_judgement", _("Practitioner's judgement")),
            ("care_pathway", _("Care pathway")),
            ("sot_category", _("SOT category")),
            ("leg_length", _("Leg length")),
            ("psoas_tension", _("Psoas tension")),
        )
    ]
    drawings = [(e, pain_drawing.views_with(e.pain_regions)) for e in exams]
    return render(
        request,
        "care/examinations.html",
        {
            "patient": patient,
            "exams": exams,
            "rows": rows,
            "choice_rows": choice_rows,
            "drawings": drawings,
        },
    )


def _candidates(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "muscle": vocabulary.label(vocabulary.MUSCLES, c.muscle.key, c.muscle.name),
            "side": str(pain_drawing.SIDE_LABELS[c.side.value if c.side else ""]),
            "score": c.score,
            "explains": [
                pain_drawing.spot_label(p.region.value, p.side.value if p.side else "")
                for p in c.explains
            ],
        }
        for c in candidate_muscles(pain_drawing.painful_regions(entries))[:8]
    ]


@permission_required(CLINICAL)
def examination_create(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    last = Examination.objects.filter(patient=patient).order_by("-examined_on", "-id").first()
    initial: dict[str, Any] = {"examined_on": timezone.localdate()}
    if last is not None:
        # The pain drawing starts from the last one, so the practitioner records the change.
        for entry in last.pain_regions:
            initial[f"pain__{entry['region']}__{entry.get('side') or 'mid'}"] = entry["intensity"]
    if request.method == "GET":
        # The new form shows the previous pain drawing: opening it reads the record.
        audit_record(
            instance=patient,
            action_code="examination.form.viewed",
            detail={"previous_examination": last.pk if last else None},
        )
    form = ExaminationForm(request.POST or None, initial=initial, born=patient.date_of_birth)
    points = TriggerPointFormSet(request.POST or None, prefix="tp")
    if request.method == "POST" and form.is_valid() and points.is_valid():
        fields = {name: form.cleaned_data[name] for name in ExaminationForm.Meta.fields}
        fields["pain_regions"] = form.pain_regions()
        found = [
            {k: f.cleaned_data[k] for k in ("muscle", "side", "state", "reproduces_familiar_pain")}
            for f in points
            if f.cleaned_data.get("muscle")
        ]
        exam = services.examination_record(
            patient=patient, examiner=_user(request), fields=fields, trigger_points=found
        )
        messages.success(request, _("Examination saved."))
        return redirect("examination_detail", patient.pk, exam.pk)
    # A form sent back with an error keeps the drawing as sent; a new one starts from the last.
    entries = form.pain_regions() if form.is_bound else (last.pain_regions if last else [])
    context = {
        "patient": patient,
        "form": form,
        "points": points,
        "views": pain_drawing.views_with(entries),
        "candidates": _candidates(entries),
        "has_errors": bool(form.errors or any(points.errors) or points.non_form_errors()),
    }
    # The sections of the practitioner's own methods open, the rest folded (issue 13, 1.7);
    # after an error every section opens, so no wrong field is hidden.
    context["open_sections"] = (
        frozenset(services.EXAM_SECTIONS)
        if context["has_errors"]
        else services.exam_sections_open(
            practitioner=_user(request),
            practice_id=patient.practice_id,
            today=timezone.localdate(),
        )
    )
    return render(
        request, "care/examination_form.html", context, status=400 if context["has_errors"] else 200
    )


@require_POST
@permission_required(CLINICAL)
def pain_candidates(request: HttpRequest, patient_id: int) -> HttpResponse:
    """The ranked candidate muscles for the drawing as it stands (htmx, while drawing)."""
    patient_get(request, patient_id)
    form = ExaminationForm(request.POST)
    form.is_valid()  # only the pain fields are read; errors elsewhere do not matter here
    entries = form.pain_regions()
    return render(request, "care/_candidates.html", {"candidates": _candidates(entries)})


@permission_required(CLINICAL)
def examination_detail(request: HttpRequest, patient_id: int, exam_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    exam = get_object_or_404(Examination, patient=patient, pk=exam_id)
    audit_record(instance=exam, action_code="examination.viewed")
    points: list[TriggerPointFinding] = list(exam.trigger_points.all())
    return render(
        request,
        "care/examination_detail.html",
        {
            "patient": patient,
            "exam": exam,
            "views": pain_drawing.views_with(exam.pain_regions),
            "candidates": _candidates(exam.pain_regions),
            "points": [(p, vocabulary.label(vocabulary.MUSCLES, p.muscle)) for p in points],
            "indicators": [
                vocabulary.label(vocabulary.SOT_INDICATORS, k) for k in exam.sot_indicators
            ],
        },
    )


# Treatment plan and sessions --------------------------------------------------------------


@permission_required(CLINICAL)
def treatment_plans(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    techniques = services.technique_catalogue(patient.practice)
    form = TreatmentPlanForm(
        request.POST or None,
        techniques=techniques,
        initial={"starts_on": timezone.localdate()},
        born=patient.date_of_birth,
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            plan = form.save(commit=False)
            plan.practice_id = patient.practice_id
            plan.patient = patient
            plan.author = _user(request)
            plan.save()
            form.save_m2m()
        messages.success(request, _("Treatment plan saved."))
        return redirect("treatment_plans", patient.pk)
    if request.method == "GET":
        audit_record(instance=patient, action_code="patient.plans.viewed")
    plans = TreatmentPlan.objects.filter(patient=patient).prefetch_related("techniques")
    return render(
        request,
        "care/plans.html",
        {"patient": patient, "form": form, "plans": plans},
        status=400 if form.errors else 200,
    )


def _session_forms(
    request: HttpRequest, patient: Patient, session: TreatmentSession | None
) -> tuple[Any, Any, Any]:
    techniques = services.technique_catalogue(patient.practice)
    data = request.POST or None
    initial_rows = []
    if session is not None:
        initial_rows = [
            {
                "technique": t.technique,
                "muscle": t.muscle,
                "side": t.side,
                "sot_category": t.sot_category,
                "block_placement": t.block_placement,
                "details": t.details,
            }
            for t in session.techniques.select_related("technique")
        ]
    form = SessionForm(
        data,
        instance=session,
        initial={"session_date": timezone.localdate()} if session is None else None,
        born=patient.date_of_birth,
    )
    rows = SessionTechniqueFormSet(
        data, prefix="t", initial=initial_rows or None, form_kwargs={"techniques": techniques}
    )
    events = AdverseEventFormSet(data, prefix="ae")
    return form, rows, events


@permission_required(CLINICAL)
def session_edit(
    request: HttpRequest, patient_id: int, session_id: int | None = None
) -> HttpResponse:
    patient = patient_get(request, patient_id)
    session = None
    if session_id is not None:
        session = get_object_or_404(TreatmentSession, patient=patient, pk=session_id)
        if session.is_signed:
            messages.error(request, _("A signed note is locked; add an amendment."))
            return redirect("session_detail", patient.pk, session.pk)
        if session.practitioner_id != request.user.pk:
            raise PermissionDenied(_("Only the practitioner who wrote the note can change it."))
    form, rows, events = _session_forms(request, patient, session)
    if session is not None and request.method == "GET":
        audit_record(instance=session, action_code="session.note.viewed")
    elif request.method == "GET":
        # A new note's form shows the current cervical screen and the open referrals.
        audit_record(instance=patient, action_code="session.form.viewed")
    refused = None
    if request.method == "POST" and form.is_valid() and rows.is_valid() and events.is_valid():
        fields = {name: form.cleaned_data[name] for name in SessionForm.Meta.fields}
        chosen = [dict(row.cleaned_data) for row in rows if row.cleaned_data.get("technique")]
        adverse = [
            {k: e.cleaned_data[k] for k in ("kind", "severity", "duration", "follow_up")}
            for e in events
            if e.cleaned_data.get("kind")
        ]
        try:
            saved = services.session_save(
                patient=patient,
                membership=request.membership,  # type: ignore[attr-defined]
                fields=fields,
                techniques=chosen,
                adverse_events=adverse,
                override_reason=form.cleaned_data.get("override_reason", ""),
                session=session,
            )
        except services.SessionRefused as refusal:
            refused = refusal.message
        else:
            messages.success(request, _("Session note saved as a draft. Sign it to lock it."))
            return redirect("session_detail", patient.pk, saved.pk)
    has_errors = bool(
        refused
        or form.errors
        or any(rows.errors)
        or any(events.errors)
        or rows.non_form_errors()
        or events.non_form_errors()
    )
    context = {
        "patient": patient,
        "session": session,
        "form": form,
        "rows": rows,
        "events": events,
        "refused": refused,
        "has_errors": has_errors,
        "screen": services.cervical_screen_current(patient, timezone.localdate()),
        "referrals": services.referrals_open(patient),
        "is_owner": request.membership.is_owner,  # type: ignore[attr-defined]
    }
    return render(request, "care/session_form.html", context, status=400 if has_errors else 200)


@permission_required(CLINICAL)
def session_detail(request: HttpRequest, patient_id: int, session_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    session = get_object_or_404(
        TreatmentSession.objects.select_related(
            "practitioner", "signed_by", "screen", "override_by"
        ),
        patient=patient,
        pk=session_id,
    )
    form = AmendmentForm(request.POST or None)
    if request.method == "POST":
        if not session.is_signed:
            raise Http404
        if form.is_valid():
            services.session_amend(session=session, author=_user(request), **form.cleaned_data)
            messages.success(request, _("Amendment added. The signed note is unchanged."))
            return redirect("session_detail", patient.pk, session.pk)
    else:
        audit_record(instance=session, action_code="session.note.viewed")
    return render(
        request,
        "care/session_detail.html",
        {
            "patient": patient,
            "session": session,
            "techniques": [
                (t, vocabulary.label(vocabulary.MUSCLES, t.muscle) if t.muscle else "")
                for t in session.techniques.select_related("technique")
            ],
            "events": session.adverse_events.all(),
            "amendments": session.amendments.select_related("author"),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@permission_required(CLINICAL)
def session_sign(request: HttpRequest, patient_id: int, session_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    session = get_object_or_404(TreatmentSession, patient=patient, pk=session_id)
    try:
        services.session_sign(session=session, by=_user(request))
    except services.SessionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Session note signed and locked."))
    return redirect("session_detail", patient.pk, session.pk)


# Practice catalogue -----------------------------------------------------------------------


@permission_required(CLINICAL)
def techniques(request: HttpRequest) -> HttpResponse:
    """The practice's catalogue. Practitioners read it (which techniques need a screen or a
    credential, issue 13, 1.12); only the owner changes it."""
    practice = request.membership.practice  # type: ignore[attr-defined]
    catalogue = services.technique_catalogue(practice)
    if not request.user.has_perm("practice.manage", request.membership):  # type: ignore[attr-defined]
        if request.method != "GET":
            raise PermissionDenied
        return render(request, "care/techniques.html", {"catalogue": catalogue, "form": None})
    technique = None
    if request.GET.get("edit"):
        if not request.GET["edit"].isdigit():
            raise Http404
        technique = get_object_or_404(Technique, practice=practice, pk=request.GET["edit"])
    form = TechniqueForm(request.POST or None, instance=technique)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.practice = practice
        saved.save()
        messages.success(request, _("Technique saved."))
        return redirect("techniques")
    return render(
        request,
        "care/techniques.html",
        {"catalogue": catalogue, "form": form, "technique": technique},
        status=400 if form.errors else 200,
    )


# Timeline ---------------------------------------------------------------------------------


@permission_required(CLINICAL)
def patient_timeline(request: HttpRequest, patient_id: int) -> HttpResponse:
    """Everything that happened to the patient in the practice, newest first."""
    patient = patient_get(request, patient_id)
    audit_record(instance=patient, action_code="patient.timeline.viewed")
    tz = timezone.get_current_timezone()

    def at(day: Any) -> Any:
        if hasattr(day, "hour"):
            return day
        return datetime(day.year, day.month, day.day, 12, tzinfo=tz)

    events: list[dict[str, Any]] = []
    for intake in patient.intakes.filter(status="submitted"):
        events.append(
            {
                "at": intake.submitted_at,
                "kind": _("Intake"),
                "title": _("Intake questionnaire sent by the patient"),
                "url": ("intake_detail", intake.pk),
            }
        )
    for run in ClassificationRun.objects.filter(patient=patient):
        codes = ", ".join(e["code"] for e in suggestions(run.result)) or "—"
        flags = len(run.red_flags.get("raised", []))
        title = _("Classification from the %(source)s: suggested %(codes)s") % {
            "source": run.get_source_display(),
            "codes": codes,
        }
        if flags:
            title += " · " + ngettext("%(count)s red flag", "%(count)s red flags", flags) % {
                "count": flags
            }
        events.append(
            {
                "at": run.created_at,
                "kind": _("Classification"),
                "title": title,
                "url": ("classification_review", run.pk),
                "alert": bool(flags),
            }
        )
    for decision in DiagnosisDecision.objects.filter(patient=patient):
        code = decision.code or decision.suggested_code
        name = vocabulary.label(vocabulary.DIAGNOSES, code, decision.name)
        events.append(
            {
                "at": decision.created_at,
                "kind": _("Diagnosis"),
                "title": f"{decision.get_decision_display()}: {code} {name}",
                "detail": decision.reason,
            }
        )
    for referral in Referral.objects.filter(patient=patient):
        events.append(
            {
                "at": referral.created_at,
                "kind": _("Referral"),
                "title": f"{referral.get_source_display()} · {referral.get_urgency_display()}",
                "referral": referral,
                "alert": referral.closed_at is None,
            }
        )
    for screen in CervicalScreen.objects.filter(patient=patient):
        events.append(
            {
                "at": at(screen.performed_on),
                "kind": _("Neck screening"),
                "title": screen.get_outcome_display(),
                "url": ("cervical_screen_detail", screen.pk),
                "alert": screen.outcome == "do_not_treat",
            }
        )
    for exam in Examination.objects.filter(patient=patient):
        events.append(
            {
                "at": at(exam.examined_on),
                "kind": _("Examination"),
                "title": _("Examination"),
                "url": ("examination_detail", exam.pk),
            }
        )
    for plan in TreatmentPlan.objects.filter(patient=patient):
        events.append(
            {
                "at": at(plan.starts_on),
                "kind": _("Treatment plan"),
                "title": plan.goals[:120],
                "url": ("treatment_plans", None),
            }
        )
    for session in TreatmentSession.objects.filter(patient=patient).prefetch_related(
        "techniques__technique", "adverse_events"
    ):
        names = ", ".join(t.label for t in session.techniques.all())
        state = _("signed") if session.is_signed else _("draft")
        events.append(
            {
                "at": at(session.session_date),
                "kind": _("Session"),
                "title": f"{names or _('Session')} ({state})",
                "url": ("session_detail", session.pk),
                "alert": any(e.severity == "serious" for e in session.adverse_events.all()),
            }
        )
    events.sort(key=lambda e: e["at"], reverse=True)
    return render(
        request,
        "care/timeline.html",
        {
            "patient": patient,
            "events": events,
            "referrals": services.referrals_open(patient),
            "screen": services.cervical_screen_current(patient, timezone.localdate()),
            "diagnoses": services.diagnoses_current(patient),
            "close_form": ReferralCloseForm(),
        },
    )

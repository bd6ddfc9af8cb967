"""Writes to the clinical record. Each runs in one transaction: all of it is saved or none."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from headway.accounts.models import Credential, Membership, Practice, Role, User
from headway.audit.services import audit_record
from headway.care.classification import classification_json, input_json, red_flags_json
from headway.care.models import (
    NECK_KINDS,
    AdverseEvent,
    AdverseSeverity,
    CervicalScreen,
    ClassificationRun,
    ClassificationSource,
    ClinicalNote,
    Decision,
    DiagnosisDecision,
    Examination,
    NoteAmendment,
    Referral,
    ReferralSource,
    ScreenOutcome,
    SessionTechnique,
    Technique,
    TechniqueKind,
    TreatmentPlan,
    TreatmentSession,
    TriggerPointFinding,
)
from headway.care.reasons import finding_json
from headway.clinical import intake as intake_rules
from headway.clinical.diary import DiaryAttack, MedicationDay, profiles_from_diary
from headway.clinical.ichd3.classify import classify
from headway.clinical.screening.cervical import CervicalScreenInput, screen_cervical
from headway.clinical.screening.red_flags import screen_red_flags
from headway.lib.bounds import dates_check
from headway.lib.dates import months_before
from headway.outcomes.services import course_refresh, rollup_refresh
from headway.patients.models import Intake, Patient


@transaction.atomic
def clinical_note_create(*, patient: Patient, author: User, body: str) -> ClinicalNote:
    return ClinicalNote.objects.create(
        practice_id=patient.practice_id, patient=patient, author=author, body=body
    )


# Classification ---------------------------------------------------------------------------


@transaction.atomic
def classification_run_from_intake(*, intake: Intake, run_by: User) -> ClassificationRun:
    """Red flags and ICHD-3 suggestions from the submitted intake. Raised red flags open a
    referral at once: a flag leads to a physician, not to treatment."""
    patient = intake.patient
    data = intake_rules.classification_input(
        intake.answers,
        kinds=intake.headache_kinds,
        age=patient.age(),
        sex=patient.sex,
    )
    flags = screen_red_flags(intake_rules.red_flag_answers(intake.answers))
    labels = [
        str(intake.answers.get(f"headache_{n}", {}).get("label", ""))
        for n in range(1, intake.headache_kinds + 1)
    ]
    run = ClassificationRun.objects.create(
        practice_id=patient.practice_id,
        patient=patient,
        source=ClassificationSource.INTAKE,
        intake=intake,
        run_by=run_by,
        input=input_json(data),
        red_flags=red_flags_json(flags),
        result=classification_json(classify(data), labels),
    )
    if flags.refer:
        assert flags.urgency is not None
        referral_open(
            patient=patient,
            source=ReferralSource.RED_FLAGS,
            urgency=flags.urgency.value,
            findings=[finding_json(f.reason, flag=f.code, name=f.name) for f in flags.raised],
            run=run,
            referred_by=run_by,
        )
    return run


@transaction.atomic
def red_flags_refer_from_intake(*, intake: Intake) -> Referral | None:
    """Called when the patient sends the intake: a raised red flag opens the referral at once,
    before anyone has reviewed the answers, so no neck technique is recorded meanwhile."""
    flags = screen_red_flags(intake_rules.red_flag_answers(intake.answers))
    if not flags.refer:
        return None
    assert flags.urgency is not None
    return referral_open(
        patient=intake.patient,
        source=ReferralSource.RED_FLAGS,
        urgency=flags.urgency.value,
        findings=[finding_json(f.reason, flag=f.code, name=f.name) for f in flags.raised],
        referred_by=None,
    )


@transaction.atomic
def classification_run_from_diary(
    *,
    patient: Patient,
    attacks: Sequence[DiaryAttack],
    headache_days: Iterable[date],
    medication: Sequence[MedicationDay],
    first_diary_day: date,
    today: date,
    run_by: User,
) -> ClassificationRun:
    """The rules re-run over the diary: attacks grouped by phenotype, counts over complete
    30-day windows (headway.clinical.diary). The diary app feeds this its entries."""
    data, kinds = profiles_from_diary(
        attacks,
        headache_days,
        medication,
        first_diary_day=first_diary_day,
        today=today,
        age=patient.age(today),
        sex=patient.sex,
    )
    labels = [str(kind.kind.value) for kind in kinds]
    return ClassificationRun.objects.create(
        practice_id=patient.practice_id,
        patient=patient,
        source=ClassificationSource.DIARY,
        run_by=run_by,
        input=input_json(data),
        result=classification_json(classify(data), labels),
    )


@transaction.atomic
def diagnosis_decide(
    *,
    run: ClassificationRun,
    suggested_code: str,
    suggested_name: str,
    decision: str,
    code: str,
    name: str,
    reason: str,
    decided_by: User,
) -> DiagnosisDecision:
    """The practitioner's word on a suggestion, kept beside it. A confirmed suggestion keeps
    its code; a changed one needs the new code; a rejected one has none."""
    if decision == Decision.CONFIRMED:
        code, name = suggested_code, suggested_name
    elif decision == Decision.REJECTED:
        code, name = "", ""
    decided = DiagnosisDecision.objects.create(
        practice_id=run.practice_id,
        patient_id=run.patient_id,
        run=run,
        suggested_code=suggested_code,
        suggested_name=suggested_name,
        decision=decision,
        code=code,
        name=name,
        reason=reason,
        decided_by=decided_by,
    )
    # The diagnosis decides which measure judges the response on the dashboard.
    course_refresh(patient=run.patient)
    rollup_refresh(patient=run.patient, days=())
    return decided


def diagnoses_current(patient: Patient) -> list[DiagnosisDecision]:
    """The latest decision per suggested code, without the rejected ones."""
    latest: dict[str, DiagnosisDecision] = {}
    for decision in DiagnosisDecision.objects.filter(patient=patient).order_by("created_at", "id"):
        latest[decision.suggested_code] = decision
    return [d for d in latest.values() if d.decision != Decision.REJECTED]


# Referral ---------------------------------------------------------------------------------


@transaction.atomic
def referral_open(
    *,
    patient: Patient,
    source: str,
    urgency: str,
    findings: Sequence[dict[str, Any] | str],
    referred_by: User | None,
    screen: CervicalScreen | None = None,
    run: ClassificationRun | None = None,
) -> Referral:
    """Mark the record "referred". One open referral per source: a second run with the same
    flags adds its findings to the open one instead of a second letter."""
    reason = (
        _("Red flags for a secondary headache were found; medical evaluation is needed first.")
        if source == ReferralSource.RED_FLAGS
        else _("The neck screening before treatment found reasons not to treat the neck.")
    )
    referral = Referral.objects.filter(
        patient=patient, source=source, closed_at__isnull=True
    ).first()
    if referral is not None:
        # Each finding once: stored findings are JSON objects (or strings, before issue 12).
        merged = {json.dumps(f, sort_keys=True): f for f in [*referral.findings, *findings]}
        referral.findings = list(merged.values())
        if urgency == "urgent":
            referral.urgency = urgency
        referral.screen = screen or referral.screen
        referral.run = run or referral.run
        referral.save()
        return referral
    return Referral.objects.create(
        practice_id=patient.practice_id,
        patient=patient,
        source=source,
        urgency=urgency,
        reason=reason,
        findings=findings,
        screen=screen,
        run=run,
        referred_by=referred_by,
    )


@transaction.atomic
def referral_close(*, referral: Referral, note: str) -> Referral:
    referral.closed_at = timezone.now()
    referral.closing_note = note
    referral.save(update_fields=["closed_at", "closing_note"])
    return referral


def referrals_open(patient: Patient) -> list[Referral]:
    return list(Referral.objects.filter(patient=patient, closed_at__isnull=True))


# Cervical safety screen -------------------------------------------------------------------


@transaction.atomic
def cervical_screen_record(
    *,
    patient: Patient,
    practitioner: User,
    performed_on: date,
    screen_input: CervicalScreenInput,
    answers: dict[str, Any],
) -> CervicalScreen:
    dates_check(born=patient.date_of_birth, performed_on=performed_on)
    result = screen_cervical(screen_input)
    screen = CervicalScreen.objects.create(
        practice_id=patient.practice_id,
        patient=patient,
        practitioner=practitioner,
        performed_on=performed_on,
        answers=answers,
        outcome=result.outcome.value,
        urgency=result.urgency.value if result.urgency else "",
        # The English text for readers of the JSON; the page words the message (reasons.py).
        reasons=[
            {
                "outcome": r.outcome.value,
                "text": r.text,
                "message": r.message.as_json(),
                "urgency": r.urgency and r.urgency.value,
            }
            for r in result.reasons
        ],
        not_checked=[finding_json(m) for m in result.not_checked],
    )
    if screen.outcome == ScreenOutcome.DO_NOT_TREAT:
        referral_open(
            patient=patient,
            source=ReferralSource.CERVICAL_SCREEN,
            urgency=screen.urgency,
            findings=[
                finding_json(r.message) for r in result.reasons if r.outcome.value == "do_not_treat"
            ],
            screen=screen,
            referred_by=practitioner,
        )
    return screen


def cervical_screen_current(patient: Patient, today: date) -> CervicalScreen | None:
    """The latest screen, if it is still current: done within the practice's validity period
    (12 months by default) and not ended by new symptoms."""
    months = patient.practice.screen_valid_months
    return (
        CervicalScreen.objects.filter(
            patient=patient,
            invalidated_at__isnull=True,
            performed_on__gt=months_before(today, months),
            performed_on__lte=today,
        )
        .order_by("-performed_on", "-id")
        .first()
    )


@transaction.atomic
def cervical_screens_invalidate(*, patient: Patient, reason: str) -> int:
    """New symptoms reported: every current screen ends, so the next neck technique waits for a
    new one. Saved row by row so each ending is in the audit trail."""
    count = 0
    for screen in CervicalScreen.objects.filter(patient=patient, invalidated_at__isnull=True):
        screen.invalidated_at = timezone.now()
        screen.invalidated_reason = reason
        screen.save(update_fields=["invalidated_at", "invalidated_reason"])
        count += 1
    return count


# Examination ------------------------------------------------------------------------------


@transaction.atomic
def examination_record(
    *,
    patient: Patient,
    examiner: User,
    fields: dict[str, Any],
    trigger_points: list[dict[str, Any]],
) -> Examination:
    dates_check(born=patient.date_of_birth, examined_on=fields.get("examined_on"))
    examination = Examination(
        practice_id=patient.practice_id, patient=patient, examiner=examiner, **fields
    )
    examination.full_clean()
    examination.save()
    for finding in trigger_points:
        TriggerPointFinding.objects.create(
            practice_id=patient.practice_id, patient=patient, examination=examination, **finding
        )
    return examination


# Techniques and sessions ------------------------------------------------------------------

BUILT_IN_TECHNIQUES = [
    (kind, kind in NECK_KINDS) for kind in TechniqueKind if kind is not TechniqueKind.OTHER
]


def technique_catalogue(practice: Practice) -> list[Technique]:
    """The practice's techniques; the built-in ones are added the first time they are needed."""
    techniques = list(Technique.objects.filter(practice=practice))
    if not techniques:
        with transaction.atomic():
            Technique.objects.bulk_create(
                [
                    Technique(practice=practice, kind=kind, touches_neck=neck)
                    for kind, neck in BUILT_IN_TECHNIQUES
                ]
            )
        techniques = list(Technique.objects.filter(practice=practice))
    return techniques


# The examination's sections by the kinds of technique they serve (design.md section 1: headache
# massage examines trigger points and neck motion; upper cervical therapy the upper neck and its
# judgement; SOT the posture, categories and pelvis). The date and the pain drawing are for all.
EXAM_SECTIONS: dict[str, frozenset[TechniqueKind]] = {
    "trigger_points": frozenset({TechniqueKind.TRIGGER_POINT, TechniqueKind.SOFT_TISSUE}),
    "cervical": frozenset(
        {
            TechniqueKind.TRIGGER_POINT,
            TechniqueKind.SOFT_TISSUE,
            TechniqueKind.UPPER_CERVICAL,
            TechniqueKind.OA_MOBILISATION,
            TechniqueKind.CERVICAL_MANIPULATION,
        }
    ),
    "upper_cervical": frozenset({TechniqueKind.UPPER_CERVICAL}),
    "posture_sot": frozenset({TechniqueKind.SOT_BLOCKING, TechniqueKind.LUMBAR_ADJUSTMENT}),
}


def exam_sections_open(*, practitioner: User, practice_id: int, today: date) -> frozenset[str]:
    """The examination sections of the practitioner's own methods: the kinds of the techniques
    their current credentials allow and of those they have recorded in sessions. Someone whose
    methods are not known yet (no credential, no session) sees every section."""
    methods = [
        c.method.strip()
        for c in Credential.objects.filter(practice_id=practice_id, user=practitioner)
        if c.is_current(today)
    ]
    kinds: set[str] = set()
    if methods:
        credentialed = Q()
        for method in methods:
            credentialed |= Q(credential_method__iexact=method)
        kinds |= set(
            Technique.objects.filter(credentialed, practice_id=practice_id).values_list(
                "kind", flat=True
            )
        )
    kinds |= set(
        SessionTechnique.objects.filter(
            practice_id=practice_id, session__practitioner=practitioner
        ).values_list("technique__kind", flat=True)
    )
    # Compared as plain strings: an enum member does not hash like its value.
    opened = frozenset(
        key for key, served in EXAM_SECTIONS.items() if {str(k.value) for k in served} & kinds
    )
    return opened or frozenset(EXAM_SECTIONS)


def technique_credential_methods(practice_id: int) -> list[str]:
    """The credentials the practice's techniques ask for: the methods a credential is in."""
    return list(
        Technique.objects.filter(practice_id=practice_id)
        .exclude(credential_method="")
        .values_list("credential_method", flat=True)
        .distinct()
    )


class SessionRefused(Exception):
    """The session cannot be saved as it is; `field` names the part of the form to fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def credential_current(*, user: User, practice_id: int, method: str, today: date) -> bool:
    return any(
        c.is_current(today)
        for c in Credential.objects.filter(
            practice_id=practice_id, user=user, method__iexact=method.strip()
        )
    )


def _check_credentials(
    techniques: list[dict[str, Any]], practitioner: User, practice_id: int, today: date
) -> None:
    for row in techniques:
        technique: Technique = row["technique"]
        method = technique.credential_method
        if method and not credential_current(
            user=practitioner, practice_id=practice_id, method=method, today=today
        ):
            raise SessionRefused(
                "techniques",
                _(
                    "Techniques: %(technique)s needs a current credential in %(method)s, and "
                    "you hold none. Record your credential on your profile first."
                )
                % {"technique": technique.label, "method": method},
            )


def is_neck_technique(technique: Technique) -> bool:
    # The kind decides as well as the flag, so a renamed or re-flagged upper cervical entry
    # still needs the screen.
    return technique.touches_neck or technique.kind in NECK_KINDS


def _neck_screen(
    patient: Patient,
    techniques: list[dict[str, Any]],
    membership: Membership,
    session_date: date,
    override_reason: str,
) -> tuple[CervicalScreen | None, bool]:
    """The screen that allows the neck techniques, or an owner's override. Returns the screen
    and whether an override was used.

    A neck technique needs, at the session's date, a current screen that does not say "do not
    treat"; and, as of today, no later "do not treat" screen (a backdated note cannot slip past
    it) and no open referral (red flags or the screen). Only the owner overrides, with a reason.
    """
    neck = [row["technique"] for row in techniques if is_neck_technique(row["technique"])]
    if not neck:
        return None, False
    names = ", ".join(t.label for t in neck)
    screen = cervical_screen_current(patient, session_date)
    latest = cervical_screen_current(patient, timezone.localdate())
    referrals = referrals_open(patient)
    problem = ""
    if screen is None:
        # "upper cervical therapy touches", "... and ... touch" (issue 13, 1.11).
        problem = ngettext(
            "Techniques: %(names)s touches the neck and needs a current neck screening before "
            "treatment. Record a screen first.",
            "Techniques: %(names)s touch the neck and need a current neck screening before "
            "treatment. Record a screen first.",
            len(neck),
        ) % {"names": names}
    elif ScreenOutcome.DO_NOT_TREAT in (screen.outcome, latest and latest.outcome):
        shown = screen if screen.outcome == ScreenOutcome.DO_NOT_TREAT else latest
        assert shown is not None
        problem = _(
            "Techniques: the neck screening before treatment of %(date)s says do not treat the "
            "neck; %(names)s cannot be recorded. The patient is referred."
        ) % {"date": shown.performed_on.isoformat(), "names": names}
    elif referrals:
        problem = _(
            "Techniques: the patient is referred to a physician (%(source)s, %(date)s); "
            "%(names)s cannot be recorded until the referral's outcome is recorded."
        ) % {
            "source": referrals[0].get_source_display(),
            "date": referrals[0].created_at.date().isoformat(),
            "names": names,
        }
    if not problem:
        return screen, False
    if override_reason.strip():
        if membership.role != Role.OWNER:
            raise SessionRefused(
                "override_reason", _("Override: only the practice owner can override the screen.")
            )
        return screen, True
    raise SessionRefused("techniques", problem)


SESSION_FIELDS = (
    "session_date",
    "subjective",
    "objective",
    "assessment",
    "plan",
    "pain_before",
    "pain_after",
    "response",
)


@transaction.atomic
def session_save(
    *,
    patient: Patient,
    membership: Membership,
    fields: dict[str, Any],
    techniques: list[dict[str, Any]],
    adverse_events: list[dict[str, Any]],
    override_reason: str = "",
    session: TreatmentSession | None = None,
) -> TreatmentSession:
    """Save a session note (a draft until signed). Refused, with nothing saved, when a
    technique needs a credential the practitioner lacks, or touches the neck without a current
    screen, or against a "do not treat" screen, unless the owner overrides with a reason."""
    practitioner = membership.user
    if session is not None:
        # Lock the row: a note signed meanwhile must not be overwritten.
        session = TreatmentSession.objects.select_for_update().get(pk=session.pk)
        if session.is_signed:
            raise SessionRefused(
                "session", _("Session: a signed note is locked; add an amendment.")
            )
        if session.practitioner_id != practitioner.pk:
            raise SessionRefused(
                "session", _("Session: only the practitioner who wrote the note can change it.")
            )
    session_date = fields["session_date"]
    dates_check(born=patient.date_of_birth, session_date=session_date)
    _check_credentials(techniques, practitioner, patient.practice_id, session_date)
    screen, overridden = _neck_screen(
        patient, techniques, membership, session_date, override_reason
    )
    if session is None:
        session = TreatmentSession(
            practice_id=patient.practice_id, patient=patient, practitioner=practitioner
        )
    for name in SESSION_FIELDS:
        setattr(session, name, fields.get(name, getattr(session, name)))
    session.screen = screen
    session.override_reason = override_reason.strip() if overridden else ""
    session.override_by = practitioner if overridden else None
    session.full_clean()
    session.save()
    session.techniques.all().delete()
    for row in techniques:
        # The label is copied, so a later change to the catalogue never rewrites the note.
        SessionTechnique.objects.create(
            practice_id=patient.practice_id, session=session, label=row["technique"].label, **row
        )
    # The first session starts the outcome periods (moving it recounts the patient's rollup);
    # the dashboard groups by its practitioner and the techniques used.
    course_refresh(patient=patient)
    rollup_refresh(patient=patient, days=())
    serious: list[AdverseEvent] = []
    for event in adverse_events:
        created = AdverseEvent.objects.create(
            practice_id=patient.practice_id,
            patient=patient,
            session=session,
            reported_by=practitioner,
            **event,
        )
        if created.severity == AdverseSeverity.SERIOUS:
            serious.append(created)
    if overridden:
        audit_record(
            instance=session,
            action_code="session.screen.overridden",
            detail={"reason": session.override_reason, "screen": screen.pk if screen else None},
        )
    for created in serious:
        adverse_event_alert(event=created)
    return session


def adverse_event_alert(*, event: AdverseEvent) -> None:
    """A serious adverse event reaches every owner of the practice by email, and the audit
    trail. The email names no patient: it links to the record."""
    owners = Membership.objects.filter(
        practice_id=event.practice_id, role=Role.OWNER, is_active=True
    ).select_related("user")
    audit_record(
        instance=event,
        action_code="session.adverse_event.serious",
        detail={"kind": event.kind, "owners_alerted": owners.count()},
    )
    recipients = [owner.user.email for owner in owners]
    if recipients:
        # A mail failure must not undo the note; the audit entry above records the alert.
        send_mail(
            subject=_("Serious adverse event recorded"),
            message=render_to_string("care/email/adverse_event.txt", {"event": event}),
            from_email=None,
            recipient_list=recipients,
            fail_silently=True,
        )


@transaction.atomic
def session_sign(*, session: TreatmentSession, by: User) -> TreatmentSession:
    """The author signs their own note; signing locks it."""
    session = TreatmentSession.objects.select_for_update().get(pk=session.pk)
    if session.is_signed:
        return session
    if session.practitioner_id != by.pk:
        raise SessionRefused(
            "session", _("Session: only the practitioner who wrote the note can sign it.")
        )
    session.signed_at = timezone.now()
    session.signed_by = by
    session.save(update_fields=["signed_at", "signed_by"])
    audit_record(instance=session, action_code="session.note.signed")
    return session


@transaction.atomic
def session_amend(
    *, session: TreatmentSession, author: User, reason: str, text: str
) -> NoteAmendment:
    if not session.is_signed:
        raise SessionRefused("session", _("Session: an unsigned note is edited, not amended."))
    return NoteAmendment.objects.create(
        practice_id=session.practice_id,
        patient_id=session.patient_id,
        session=session,
        author=author,
        reason=reason,
        text=text,
    )


# Right of access and erasure --------------------------------------------------------------


def _rows(queryset: Any, *exclude: str) -> list[dict[str, Any]]:
    from django.forms.models import model_to_dict

    skip = {"practice", "patient", *exclude}
    return [{k: v for k, v in model_to_dict(row).items() if k not in skip} for row in queryset]


def clinical_record_export(patient: Patient) -> dict[str, Any]:
    """The clinical part of a patient's record, for the JSON export (GDPR Art. 15)."""
    sessions = []
    for session in TreatmentSession.objects.filter(patient=patient).prefetch_related(
        "techniques__technique", "adverse_events", "amendments"
    ):
        row = _rows([session])[0]
        row["techniques"] = [
            {**_rows([t], "session", "label")[0], "technique": t.label}
            for t in session.techniques.all()
        ]
        row["adverse_events"] = _rows(session.adverse_events.all(), "session")
        row["amendments"] = _rows(session.amendments.all(), "session")
        sessions.append(row)
    return {
        "intakes": _rows(patient.intakes.all(), "token_hash"),
        "classifications": _rows(ClassificationRun.objects.filter(patient=patient)),
        "diagnosis_decisions": _rows(DiagnosisDecision.objects.filter(patient=patient)),
        "referrals": _rows(Referral.objects.filter(patient=patient)),
        "cervical_screens": _rows(CervicalScreen.objects.filter(patient=patient)),
        "examinations": [
            {**_rows([e])[0], "trigger_points": _rows(e.trigger_points.all(), "examination")}
            for e in Examination.objects.filter(patient=patient)
        ],
        "treatment_plans": [
            {**_rows([p], "techniques")[0], "techniques": [t.label for t in p.techniques.all()]}
            for p in TreatmentPlan.objects.filter(patient=patient)
        ],
        "sessions": sessions,
    }


def clinical_record_erase(patient: Patient) -> None:
    """Delete the clinical rows of a patient, sessions first (they point at the screens)."""
    TreatmentSession.objects.filter(patient=patient).delete()
    for model in (
        Referral,
        DiagnosisDecision,
        ClassificationRun,
        CervicalScreen,
        TreatmentPlan,
        Examination,
    ):
        model.objects.filter(patient=patient).delete()

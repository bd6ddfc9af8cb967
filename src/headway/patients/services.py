"""Writes to the patient record. Each runs in one transaction: all of it is saved or none."""

from __future__ import annotations

import secrets
import smtplib
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from headway.accounts.models import Practice, User, token_digest
from headway.accounts.services import EmailNotSent
from headway.audit.models import AuditEntry
from headway.audit.services import audit_record
from headway.care.models import ClinicalNote
from headway.care.services import (
    clinical_record_erase,
    clinical_record_export,
    red_flags_refer_from_intake,
)
from headway.diary.services import diary_export
from headway.lib.bounds import dates_check
from headway.patients.models import Consent, Intake, Patient

PATIENT_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "sex",
    "email",
    "phone",
    "address",
    "preferred_language",
    "physician_name",
    "physician_email",
    "physician_phone",
    "physician_address",
    "physician_language",
)


def _born_check(patient: Patient) -> None:
    """A birth in the future is a typing error, and every page that shows the patient's age
    would fail on it; the form says so too, this is for callers without the form."""
    born = patient.date_of_birth
    if isinstance(born, date) and born > timezone.localdate():
        raise ValidationError(
            {"date_of_birth": [ValidationError(_("this date is in the future"), code="future")]}
        )


@transaction.atomic
def patient_create(*, practice: Practice, **fields: Any) -> Patient:
    patient = Patient(practice=practice, **{k: v for k, v in fields.items() if k in PATIENT_FIELDS})
    patient.full_clean()
    _born_check(patient)
    patient.save()
    return patient


@transaction.atomic
def patient_update(*, patient: Patient, **fields: Any) -> Patient:
    for name, value in fields.items():
        if name in PATIENT_FIELDS:
            setattr(patient, name, value)
    patient.full_clean()
    _born_check(patient)
    patient.save()
    return patient


@transaction.atomic
def patient_archive(*, patient: Patient, archived: bool) -> Patient:
    """Archiving hides a patient from the working list; nothing is deleted."""
    patient.archived_at = timezone.now() if archived else None
    patient.save(update_fields=["archived_at", "updated_at"])
    return patient


@transaction.atomic
def consent_record(
    *, patient: Patient, kind: str, text_version: str, given_on: date, recorded_by: User
) -> Consent:
    dates_check(born=patient.date_of_birth, given_on=given_on)
    consent = Consent(
        practice_id=patient.practice_id,
        patient=patient,
        kind=kind,
        text_version=text_version,
        given_on=given_on,
        recorded_by=recorded_by,
    )
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, withdrawn_on: date) -> Consent:
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on"])
    return consent


def patient_export(*, patient: Patient, include_clinical: bool) -> dict[str, Any]:
    """Everything held about one patient as JSON-ready data (right of access, GDPR Art. 15)."""
    data: dict[str, Any] = {
        "format": "headway.patient-export/1",
        "exported_at": timezone.now(),
        "practice": patient.practice.name,
        "patient": {name: getattr(patient, name) for name in PATIENT_FIELDS},
        "archived_at": patient.archived_at,
        "consents": [
            {
                "kind": c.kind,
                "text_version": c.text_version,
                "given_on": c.given_on,
                "withdrawn_on": c.withdrawn_on,
            }
            for c in patient.consents.all()
        ],
    }
    if include_clinical:
        data["clinical_notes"] = [
            {"created_at": n.created_at, "author": str(n.author or ""), "body": n.body}
            for n in patient.clinical_notes.select_related("author")
        ]
        data.update(clinical_record_export(patient))
        data.update(diary_export(patient))
    audit_record(instance=patient, action_code="patient.exported")
    return data


@transaction.atomic
def patient_erase(*, patient: Patient, reason: str) -> int:
    """Erase a patient's record (GDPR Art. 17), for the owner, after the retention duty is checked.

    The audit trail keeps who did what and when, with the personal values removed; the erasure
    itself is the last entry. A portal login is deactivated and stripped of the email.

    All of it or nothing (one transaction). The patient's row is locked first, as a diary sync
    or a rollup of this patient locks it: one already running finishes before the erasure
    reads what to delete, one arriving later finds the patient gone instead of adding rows to
    a record being erased (which would make the erasure fail). A second click finds nothing
    left to erase.
    """
    patient_id = patient.pk
    if Patient.objects.select_for_update().filter(pk=patient_id).first() is None:
        return patient_id
    practice_id = patient.practice_id
    audit_record(
        instance=patient,
        action_code="patient.erased",
        detail={"reason": reason},
        object_repr=f"#{patient_id}",
    )
    user = patient.user
    ClinicalNote.objects.filter(patient=patient).delete()
    clinical_record_erase(patient)
    patient.intakes.all().delete()
    Consent.objects.filter(patient=patient).delete()
    patient.delete()
    if user is not None and not user.memberships.exists():
        user.is_active = False
        user.email = f"erased-{user.pk}@invalid"
        user.full_name = ""
        user.set_unusable_password()
        user.save()
        AuditEntry.objects.redact_actor(user.pk)
    AuditEntry.objects.filter(practice_id=practice_id).redact_erased_patient(patient_id)
    return patient_id


# Intake -----------------------------------------------------------------------------------

INTAKE_LINK_DAYS = 14
INTAKE_TABLET_HOURS = 12


@transaction.atomic
def intake_start(*, patient: Patient, created_by: User | None) -> Intake:
    """The open intake of this patient, or a new one: one draft at a time, so answers given on
    the portal and on the practice tablet end up in the same questionnaire."""
    draft = Intake.objects.filter(patient=patient, status=Intake.Status.DRAFT).first()
    if draft is not None:
        return draft
    return Intake.objects.create(
        practice_id=patient.practice_id, patient=patient, created_by=created_by
    )


@transaction.atomic
def intake_link_issue(
    *, intake: Intake, base_url: str, send_to: str = "", language: str = "en"
) -> str:
    """A new link to the intake (the previous one stops working), emailed when send_to is
    given. The token exists in clear only in the link."""
    token = secrets.token_urlsafe(32)
    intake.token_hash = token_digest(token)
    intake.link_for_tablet = not send_to
    intake.link_expires_at = timezone.now() + (
        timedelta(hours=INTAKE_TABLET_HOURS) if not send_to else timedelta(days=INTAKE_LINK_DAYS)
    )
    intake.save(update_fields=["token_hash", "link_expires_at", "link_for_tablet", "updated_at"])
    link = base_url.rstrip("/") + reverse("intake_link", args=[token])
    if send_to:
        with translation.override(language):
            try:
                send_mail(
                    subject=_("Your questionnaire for %(practice)s")
                    % {"practice": intake.patient.practice.name},
                    message=render_to_string(
                        "patients/email/intake.txt",
                        {
                            "practice": intake.patient.practice,
                            "link": link,
                            "days": INTAKE_LINK_DAYS,
                        },
                    ),
                    from_email=None,
                    recipient_list=[send_to],
                )
            except (smtplib.SMTPException, OSError) as error:
                raise EmailNotSent from error
    audit_record(
        instance=intake, action_code="intake.link.issued", detail={"emailed": bool(send_to)}
    )
    return link


def intake_find(token: str) -> Intake | None:
    """The draft intake this link opens, or None when the link is unknown, expired or used."""
    return (
        Intake.objects.select_related("patient__practice")
        .filter(
            token_hash=token_digest(token),
            link_expires_at__gt=timezone.now(),
            status=Intake.Status.DRAFT,
        )
        .first()
    )


@transaction.atomic
def intake_save_section(
    *, intake: Intake, section: str, answers: dict[str, Any], keep_earlier: bool = False
) -> Intake:
    """Save one section. keep_earlier: answers left empty keep what was given before (a
    tablet sitting that was not shown the earlier answers must not erase them)."""
    if intake.is_submitted:
        raise ValueError("a submitted intake is not changed")
    if keep_earlier:
        answers = {**intake.answers.get(section, {}), **answers}
    intake.answers = {**intake.answers, section: answers}
    if section == "general" and answers.get("kinds"):
        intake.headache_kinds = int(answers["kinds"])
    intake.save(update_fields=["answers", "headache_kinds", "updated_at"])
    return intake


@transaction.atomic
def intake_submit(*, intake: Intake) -> Intake:
    """Submitted answers are final; the link stops working."""
    intake.status = Intake.Status.SUBMITTED
    intake.submitted_at = timezone.now()
    intake.token_hash = None
    intake.link_expires_at = None
    intake.save()
    red_flags_refer_from_intake(intake=intake)
    return intake

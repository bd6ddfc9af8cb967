"""The patient record and the consents given."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from headway.accounts.models import Practice
from headway.clinical.ages import age_on
from headway.lib.bounds import ADDRESS_CHARS, validate_date_range


class Sex(models.TextChoices):
    # ICHD-3 and the red flags use sex (e.g. menstrual migraine, pregnancy); "other" and
    # "not stated" are kept rather than forcing a binary answer.
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    # German says "divers" only for sex, so the word has its own context.
    OTHER = "other", pgettext_lazy("sex", "other")
    UNKNOWN = "unknown", _("not stated")


class Patient(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="patients")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"), validators=[validate_date_range])
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True, max_length=ADDRESS_CHARS)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    physician_name = models.CharField(_("physician's name"), max_length=200, blank=True)
    physician_email = models.EmailField(_("physician's email"), blank=True)
    physician_phone = models.CharField(_("physician's phone"), max_length=40, blank=True)
    physician_address = models.TextField(
        _("physician's address"), blank=True, max_length=ADDRESS_CHARS
    )
    # Letters to the physician go in this language; empty means the patient's language.
    physician_language = models.CharField(
        _("physician's language"), max_length=5, choices=settings.LANGUAGES, blank=True
    )
    # The portal login, if the patient has one.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="patient_record",
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("patient")
        ordering = ["last_name", "first_name", "id"]
        indexes = [models.Index(fields=["practice", "last_name", "first_name"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def age(self, today: date | None = None) -> int:
        return age_on(self.date_of_birth, today or timezone.localdate())

    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.practice_id, self.pk


class ConsentKind(models.TextChoices):
    DATA_PROCESSING = "data_processing", _("processing of health data")
    TREATMENT = "treatment", _("treatment")


class Consent(models.Model):
    """A consent as given: what kind, which version of the text the patient was shown, when.

    A withdrawal is a new fact, recorded on the same row; the consent itself is never edited.
    """

    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="+")
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(_("kind of consent"), max_length=20, choices=ConsentKind.choices)
    text_version = models.CharField(_("version of the text shown"), max_length=50)
    given_on = models.DateField(_("date given"), validators=[validate_date_range])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_on = models.DateField(
        _("date withdrawn"), null=True, blank=True, validators=[validate_date_range]
    )

    class Meta:
        verbose_name = _("consent")
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.text_version})"

    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.practice_id, self.patient_id


class Intake(models.Model):
    """The questionnaire a patient fills in before the first visit.

    Answers are kept as the patient gave them (section -> question -> answer), in a draft until
    submitted. The patient reaches it from the portal or through a link (email or a practice
    tablet); the link's token is stored only as a digest.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")

    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="+")
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="intakes")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    answers = models.JSONField(default=dict)
    headache_kinds = models.PositiveSmallIntegerField(default=1)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    link_expires_at = models.DateTimeField(null=True, blank=True)
    # A tablet link is seen by staff when they hand it over, so it shows only the answers given
    # in the same sitting (see patients.views._intake_fill); an emailed link reaches only the
    # patient.
    link_for_tablet = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("intake questionnaire")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{_('intake questionnaire')} {self.created_at:%Y-%m-%d}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.practice_id, self.patient_id

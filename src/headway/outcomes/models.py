"""Outcomes: questionnaires on a schedule and their answers, and the patient x period rollup of
the diary that the practice dashboard reads instead of the raw diary."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from headway.care.models import PracticeScoped
from headway.clinical.instruments import INSTRUMENTS
from headway.lib.bounds import validate_date_range


class Instrument(models.TextChoices):
    # Keys of headway.clinical.instruments; names are the instruments' own (not translated).
    HIT6 = "hit6", "HIT-6"
    NDI = "ndi", "NDI"
    MIDAS = "midas", "MIDAS"
    HDI = "hdi", "HDI"
    ODI = "odi", "ODI"
    NPRS = "nprs", "NPRS"
    PGIC = "pgic", "PGIC"


assert {c.value for c in Instrument} == set(INSTRUMENTS)


class Timepoint(models.TextChoices):
    # Values of headway.clinical.outcomes.schedule.Timepoint.
    BASELINE = "baseline", _("baseline")
    WEEK_4 = "week_4", _("4 weeks")
    WEEK_12 = "week_12", _("12 weeks")
    MONTH_6 = "month_6", _("6 months")
    MONTH_12 = "month_12", _("12 months")
    MONTH_18 = "month_18", _("18 months")
    OTHER = "other", _("other date")


class ScheduledQuestionnaire(PracticeScoped):
    """A questionnaire the patient is asked to fill in at a timepoint. The due date follows the
    first treatment unless the practice set one."""

    instrument = models.CharField(_("questionnaire"), max_length=10, choices=Instrument.choices)
    timepoint = models.CharField(_("when"), max_length=10, choices=Timepoint.choices)
    due_on = models.DateField(_("due on"), null=True, blank=True, validators=[validate_date_range])
    # The date it is due as the lists read it: due_on, else the timepoint's date from the first
    # treatment (None: waits for it). Stored so the overdue list filters, sorts and pages in
    # the database (issue 13, point 2.2); set when scheduled and refreshed in the transaction
    # that moves the first treatment (services.questionnaire_dues_refresh, from the rollup).
    due = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("scheduled questionnaire")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["practice", "patient"]),
            models.Index(fields=["practice", "due"], name="questionnaire_practice_due"),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A date the practice gave needs no first treatment: kept in step on every save.
        if self.due_on is not None:
            self.due = self.due_on
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.get_instrument_display()} {self.get_timepoint_display()}"


class Source(models.TextChoices):
    PORTAL = "portal", _("filled in by the patient on the portal")
    PAPER = "paper", _("entered by the practice from a paper form")


class QuestionnaireResponse(PracticeScoped):
    """Answers and the core's score. Scores are stored so lists and the dashboard do not
    re-score; they are written only by the service that scores them."""

    scheduled = models.OneToOneField(
        ScheduledQuestionnaire,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="response",
    )
    instrument = models.CharField(_("questionnaire"), max_length=10, choices=Instrument.choices)
    timepoint = models.CharField(_("when"), max_length=10, choices=Timepoint.choices)
    completed_on = models.DateField(_("completed on"), validators=[validate_date_range])
    answers = models.JSONField(default=dict)
    score = models.FloatField()
    raw = models.IntegerField()
    band = models.CharField(max_length=60, blank=True)
    answered = models.PositiveSmallIntegerField()
    missing = models.JSONField(default=list)
    subscales = models.JSONField(default=dict)
    source = models.CharField(max_length=10, choices=Source.choices)
    language = models.CharField(max_length=8, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("questionnaire answers")
        ordering = ["completed_on", "id"]
        indexes = [models.Index(fields=["practice", "patient", "instrument"])]

    def __str__(self) -> str:
        return f"{self.get_instrument_display()} {self.completed_on:%Y-%m-%d}"


class PeriodRollup(models.Model):
    """The diary of one patient in one period (0 = baseline, 1.. the 28-day periods from the
    first treatment), as the counts of headway.clinical.outcomes.measures.PeriodMeasures. A row
    exists for every period with at least one recorded day; no row means no recorded day. Kept
    current by outcomes.services.rollup_refresh whenever diary entries or the first treatment
    change; `headway outcomes_rebuild` builds it from scratch."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.PROTECT, related_name="+")
    patient = models.ForeignKey("patients.Patient", on_delete=models.CASCADE, related_name="+")
    index = models.SmallIntegerField()
    start = models.DateField()
    end = models.DateField()
    recorded_days = models.PositiveSmallIntegerField()
    headache_days = models.PositiveSmallIntegerField()
    migraine_like_days = models.PositiveSmallIntegerField()
    attacks = models.PositiveIntegerField()
    intensity_sum = models.PositiveIntegerField()
    intensity_count = models.PositiveSmallIntegerField()
    intensity_peak = models.PositiveSmallIntegerField(null=True)
    medication_days = models.JSONField(default=dict)  # drug class -> days
    acute_medication_days = models.PositiveSmallIntegerField()
    self_management_used = models.PositiveIntegerField()
    self_management_stopped = models.PositiveIntegerField()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["patient", "index"], name="one_rollup_per_period")
        ]
        indexes = [
            models.Index(fields=["practice", "index"]),
            # The dashboard reads the baseline and one follow-up period of every patient: on
            # PostgreSQL an index-only scan of 100,000 rows instead of the whole table.
            models.Index(
                fields=["index", "practice", "patient"],
                include=["recorded_days", "headache_days", "migraine_like_days", "attacks"],
                name="rollup_period_counts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.patient_id}/{self.index}"

    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.practice_id, self.patient_id


class PatientCourse(models.Model):
    """What the patient's periods are counted from: the first treatment and the baseline
    length in force when the rollup was built. A change to either rebuilds the patient's
    rollup."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.PROTECT, related_name="+")
    patient = models.OneToOneField(
        "patients.Patient", on_delete=models.CASCADE, related_name="outcome_course"
    )
    first_treatment = models.DateField(null=True)
    baseline_days = models.PositiveSmallIntegerField()
    # What the practice dashboard groups by, kept here so it never reads the clinical tables
    # row by row: the diagnosis that decides the primary measure, the practitioner of the
    # first session, and every technique used in the patient's sessions.
    diagnosis = models.CharField(max_length=20, blank=True)
    primary_measure = models.CharField(max_length=30, default="headache_days")
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    techniques = models.ManyToManyField("care.Technique", related_name="+", blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["practice", "first_treatment"])]

    def __str__(self) -> str:
        return f"{self.patient_id}: {self.first_treatment}"

    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.practice_id, self.patient_id


class PatientCharts(models.Model):
    """A patient's outcome charts as drawn (SVG, with their text alternatives), one row per
    language, so the outcome page and the report do not draw them on every view (issue 13, 2.1:
    drawing was 85-95 % of the page). Deleted in the same transaction as any change to what they
    show (outcomes.services.charts_forget, from the rollup and the questionnaire answers); and
    `inputs` is a digest of what they were drawn from, so a chart is drawn again also when the
    running period completes or the practice's baseline changes."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.PROTECT, related_name="+")
    patient = models.ForeignKey("patients.Patient", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=16)
    inputs = models.CharField(max_length=64)
    charts = models.JSONField(default=list)
    drawn_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "language"], name="one_chart_set_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.patient_id}/{self.language}"

    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.practice_id, self.patient_id

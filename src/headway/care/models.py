"""Clinical content. Only owners and practitioners may read or write it; reception may not."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from headway.accounts.models import Practice
from headway.care import vocabulary
from headway.lib.bounds import (
    NOTE_CHARS,
    SHORT_TEXT_CHARS,
    TEXT_CHARS,
    validate_date_range,
)
from headway.patients.models import Patient


class ClinicalNote(models.Model):
    """A practitioner's free-text note on a patient (structured session notes come later)."""

    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="+")
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="clinical_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("note"), max_length=NOTE_CHARS)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("clinical note")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{_('clinical note')} {self.created_at:%Y-%m-%d}"

    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.practice_id, self.patient_id


class PracticeScoped(models.Model):
    """Every clinical row carries its practice (design.md section 6) and knows its audit scope."""

    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="+")
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.practice_id, self.patient_id


class ScreenOutcome(models.TextChoices):
    # Values of headway.clinical.screening.cervical.Outcome; the wording never says "safe".
    NO_CONTRAINDICATION_FOUND = (
        "no_contraindication_found",
        _("no contraindication found in what was checked"),
    )
    PRECAUTION = "precaution", _("precaution: adapt the technique and review")
    DO_NOT_TREAT = "do_not_treat", _("do not treat the neck: refer")


class Urgency(models.TextChoices):
    URGENT = "urgent", _("urgent (the same day)")
    ROUTINE = "routine", _("routine (before further treatment)")


class CervicalScreen(PracticeScoped):
    """A cervical safety screen as performed: what was asked and found, and the core's result."""

    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    performed_on = models.DateField(_("date of the screen"), validators=[validate_date_range])
    answers = models.JSONField(default=dict, blank=True)  # the form's cleaned data, for the record
    outcome = models.CharField(max_length=30, choices=ScreenOutcome.choices)
    urgency = models.CharField(max_length=10, choices=Urgency.choices, blank=True)
    reasons = models.JSONField(default=list)  # [{"outcome", "text", "urgency"}]
    not_checked = models.JSONField(default=list)
    # New symptoms end a screen's validity before its date runs out.
    invalidated_at = models.DateTimeField(null=True, blank=True)
    invalidated_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("neck screening before treatment")
        ordering = ["-performed_on", "-id"]

    def __str__(self) -> str:
        return f"{_('neck screening before treatment')} {self.performed_on:%Y-%m-%d}"


class ClassificationSource(models.TextChoices):
    INTAKE = "intake", _("intake questionnaire")
    DIARY = "diary", _("headache diary")


class ClassificationRun(PracticeScoped):
    """One run of the ICHD-3 rules, kept as it was shown: input, red flags and suggestions."""

    source = models.CharField(max_length=10, choices=ClassificationSource.choices)
    intake = models.ForeignKey(
        "patients.Intake", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    input = models.JSONField(default=dict)
    red_flags = models.JSONField(default=dict)  # {"raised": [...], "unknown": [...], "action"}
    result = models.JSONField(default=dict)  # suggestions and criteria, see care/classification.py

    class Meta:
        verbose_name = _("classification")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{_('classification')} {self.created_at:%Y-%m-%d}"


class Decision(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    CHANGED = "changed", _("changed")
    REJECTED = "rejected", _("rejected")


class DiagnosisDecision(PracticeScoped):
    """The practitioner's decision on one suggestion. The suggestion stays in the run."""

    run = models.ForeignKey(ClassificationRun, on_delete=models.CASCADE, related_name="decisions")
    suggested_code = models.CharField(max_length=20)
    suggested_name = models.CharField(max_length=200)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    code = models.CharField(_("ICHD-3 code"), max_length=20, blank=True)
    name = models.CharField(_("diagnosis"), max_length=200, blank=True)
    reason = models.TextField(_("reason"), max_length=SHORT_TEXT_CHARS)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("diagnosis decision")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.suggested_code}: {self.get_decision_display()}"

    @property
    def label(self) -> str:
        """The diagnosis in the reader's language (a code Headway knows), else as entered."""
        return vocabulary.label(vocabulary.DIAGNOSES, self.code, self.name)


class ReferralSource(models.TextChoices):
    RED_FLAGS = "red_flags", _("red flags")
    CERVICAL_SCREEN = "cervical_screen", _("neck screening before treatment")


class Referral(PracticeScoped):
    """The record is "referred" while a referral is open; the letter is made from this row."""

    source = models.CharField(max_length=20, choices=ReferralSource.choices)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices)
    reason = models.TextField(_("reason for referral"))
    findings = models.JSONField(default=list)  # the findings as the core stated them
    screen = models.ForeignKey(
        CervicalScreen, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    run = models.ForeignKey(
        ClassificationRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_note = models.TextField(
        _("outcome of the referral"), blank=True, max_length=SHORT_TEXT_CHARS
    )

    class Meta:
        verbose_name = _("referral")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{_('referral')} {self.created_at:%Y-%m-%d}"


class AsymmetryJudgement(models.TextChoices):
    NONE = "none", _("no relevant asymmetry")
    COMPENSATED = "compensated", _("compensated asymmetry")
    DECOMPENSATED = "decompensated", _("decompensated asymmetry")


class CarePathway(models.TextChoices):
    PROPHYLACTIC = "prophylactic", _("prophylactic care")
    LONG_TERM = "long_term", _("long-term care")


class Mobility(models.TextChoices):
    NORMAL = "normal", _("normal")
    RESTRICTED = "restricted", _("restricted")
    HYPERMOBILE = "hypermobile", _("hypermobile")


class SotCategory(models.TextChoices):
    ONE = "1", _("category I")
    TWO = "2", _("category II")
    THREE = "3", _("category III")


class LegLength(models.TextChoices):
    EQUAL = "equal", _("equal")
    LEFT_SHORT = "left_short", _("left leg short")
    RIGHT_SHORT = "right_short", _("right leg short")


class PsoasTension(models.TextChoices):
    # "none" and "other" take the gender of what they qualify in Spanish and French.
    NONE = "none", pgettext_lazy("psoas tension", "none")
    LEFT = "left", _("left")
    RIGHT = "right", _("right")
    BOTH = "both", _("both sides")


class Examination(PracticeScoped):
    """One dated examination; the same fields each time so examinations compare over time."""

    examiner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    examined_on = models.DateField(_("date of the examination"), validators=[validate_date_range])
    # Pain drawing: [{"region": Region value, "side": "left"|"right"|None, "intensity": 1-10}].
    pain_regions = models.JSONField(default=list, blank=True)
    # Active cervical range of motion in degrees.
    rom_flexion = models.PositiveSmallIntegerField(_("flexion"), null=True, blank=True)
    rom_extension = models.PositiveSmallIntegerField(_("extension"), null=True, blank=True)
    rom_rotation_left = models.PositiveSmallIntegerField(_("rotation left"), null=True, blank=True)
    rom_rotation_right = models.PositiveSmallIntegerField(
        _("rotation right"), null=True, blank=True
    )
    rom_side_flexion_left = models.PositiveSmallIntegerField(
        _("side flexion left"), null=True, blank=True
    )
    rom_side_flexion_right = models.PositiveSmallIntegerField(
        _("side flexion right"), null=True, blank=True
    )
    # Flexion-rotation test: rotation in full flexion, degrees each side (clinical-reference 6).
    frt_left = models.PositiveSmallIntegerField(
        _("flexion-rotation test, left"), null=True, blank=True
    )
    frt_right = models.PositiveSmallIntegerField(
        _("flexion-rotation test, right"), null=True, blank=True
    )
    # Craniocervical flexion test: highest pressure stage held, 22-30 mmHg.
    ccft_mmhg = models.PositiveSmallIntegerField(
        _("craniocervical flexion test (mmHg held)"), null=True, blank=True
    )
    oa_mobility_left = models.CharField(
        _("occipito-atlantal mobility, left"), max_length=12, choices=Mobility.choices, blank=True
    )
    oa_mobility_right = models.CharField(
        _("occipito-atlantal mobility, right"), max_length=12, choices=Mobility.choices, blank=True
    )
    uc_findings = models.TextField(_("upper cervical findings"), blank=True, max_length=TEXT_CHARS)
    uc_judgement = models.CharField(
        _("practitioner's judgement"), max_length=15, choices=AsymmetryJudgement.choices, blank=True
    )
    care_pathway = models.CharField(
        _("care pathway"), max_length=15, choices=CarePathway.choices, blank=True
    )
    posture = models.TextField(_("posture"), blank=True, max_length=TEXT_CHARS)
    sot_category = models.CharField(
        _("SOT category"), max_length=1, choices=SotCategory.choices, blank=True
    )
    sot_indicators = models.JSONField(default=list, blank=True)
    leg_length = models.CharField(
        _("leg length"), max_length=12, choices=LegLength.choices, blank=True
    )
    leg_length_difference_mm = models.PositiveSmallIntegerField(
        _("leg length difference (mm)"), null=True, blank=True
    )
    psoas_tension = models.CharField(
        _("psoas tension"), max_length=5, choices=PsoasTension.choices, blank=True
    )
    lumbar_cervical = models.TextField(
        _("lumbar-cervical relationship"), blank=True, max_length=TEXT_CHARS
    )
    notes = models.TextField(_("other findings"), blank=True, max_length=TEXT_CHARS)

    class Meta:
        verbose_name = _("examination")
        ordering = ["-examined_on", "-id"]

    def __str__(self) -> str:
        return f"{_('examination')} {self.examined_on:%Y-%m-%d}"


class TriggerPointState(models.TextChoices):
    ACTIVE = "active", _("active")
    LATENT = "latent", _("latent")


class Side(models.TextChoices):
    LEFT = "left", _("left")
    RIGHT = "right", _("right")


class TriggerPointFinding(PracticeScoped):
    examination = models.ForeignKey(
        Examination, on_delete=models.CASCADE, related_name="trigger_points"
    )
    muscle = models.CharField(_("muscle"), max_length=40)  # key of the core's referral map
    side = models.CharField(_("side"), max_length=5, choices=Side.choices)
    state = models.CharField(_("state"), max_length=6, choices=TriggerPointState.choices)
    reproduces_familiar_pain = models.BooleanField(_("reproduces the familiar pain"))

    class Meta:
        verbose_name = _("trigger-point finding")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.muscle} {self.side}"


class TechniqueKind(models.TextChoices):
    UPPER_CERVICAL = "upper_cervical", _("upper cervical therapy")
    TRIGGER_POINT = "trigger_point", _("trigger-point release")
    SOFT_TISSUE = "soft_tissue", _("soft tissue release")
    SOT_BLOCKING = "sot_blocking", _("SOT blocking")
    OA_MOBILISATION = "oa_mobilisation", _("occipito-atlantal mobilisation")
    CERVICAL_MANIPULATION = "cervical_manipulation", _("cervical manipulation")
    LUMBAR_ADJUSTMENT = "lumbar_adjustment", _("lumbar adjustment")
    ADVICE = "advice", _("posture and ergonomic advice")
    HOME_EXERCISE = "home_exercise", _("home exercises")
    SELF_MANAGEMENT = "self_management", _("self-management movement for an attack")
    OTHER = "other", pgettext_lazy("technique", "other")


# Techniques applied to the neck need a current cervical screen (design.md principle 2).
NECK_KINDS = frozenset(
    {
        TechniqueKind.UPPER_CERVICAL,
        TechniqueKind.OA_MOBILISATION,
        TechniqueKind.CERVICAL_MANIPULATION,
    }
)


class Technique(models.Model):
    """The practice's catalogue. Built-in entries carry a kind and a translated name; the
    practice adds its own with a name of its choosing."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="techniques")
    kind = models.CharField(_("kind"), max_length=25, choices=TechniqueKind.choices)
    name = models.CharField(_("name"), max_length=120, blank=True)
    touches_neck = models.BooleanField(
        _("neck technique (needs a current cervical screen)"), default=False
    )
    credential_method = models.CharField(
        _("credential required"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty when no credential is needed."),
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("technique")
        ordering = ["kind", "name", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.name or str(TechniqueKind(self.kind).label)

    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.practice_id, None


class TreatmentPlan(PracticeScoped):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    starts_on = models.DateField(_("start"), validators=[validate_date_range])
    goals = models.TextField(_("goals"), max_length=TEXT_CHARS)
    care_pathway = models.CharField(
        _("care pathway"), max_length=15, choices=CarePathway.choices, blank=True
    )
    techniques = models.ManyToManyField(Technique, blank=True, verbose_name=_("planned techniques"))
    frequency = models.CharField(_("frequency"), max_length=200, blank=True)
    review_on = models.DateField(
        _("review date"), null=True, blank=True, validators=[validate_date_range]
    )

    class Meta:
        verbose_name = _("treatment plan")
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return f"{_('treatment plan')} {self.starts_on:%Y-%m-%d}"


class Response(models.TextChoices):
    BETTER = "better", _("better")
    UNCHANGED = "unchanged", _("unchanged")
    WORSE = "worse", _("worse")


class TreatmentSession(PracticeScoped):
    """A session note in SOAP form. Signing locks it; later changes are amendments."""

    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    session_date = models.DateField(_("date of the session"), validators=[validate_date_range])
    subjective = models.TextField(_("subjective"), blank=True, max_length=NOTE_CHARS)
    objective = models.TextField(_("objective"), blank=True, max_length=NOTE_CHARS)
    assessment = models.TextField(_("assessment"), blank=True, max_length=NOTE_CHARS)
    plan = models.TextField(_("plan"), blank=True, max_length=NOTE_CHARS)
    pain_before = models.PositiveSmallIntegerField(_("pain before (0-10)"), null=True, blank=True)
    pain_after = models.PositiveSmallIntegerField(_("pain after (0-10)"), null=True, blank=True)
    response = models.CharField(
        _("patient's response"), max_length=10, choices=Response.choices, blank=True
    )
    # The screen that allowed a neck technique, or the owner's override of a missing or
    # "do not treat" screen.
    screen = models.ForeignKey(
        CervicalScreen, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    override_reason = models.TextField(blank=True, max_length=SHORT_TEXT_CHARS)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("session note")
        ordering = ["-session_date", "-id"]

    def __str__(self) -> str:
        return f"{_('session note')} {self.session_date:%Y-%m-%d}"

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


class SessionTechnique(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(
        TreatmentSession, on_delete=models.CASCADE, related_name="techniques"
    )
    technique = models.ForeignKey(Technique, on_delete=models.PROTECT, related_name="+")
    label = models.CharField(_("technique"), max_length=120)  # as named when recorded
    muscle = models.CharField(_("muscle"), max_length=40, blank=True)
    side = models.CharField(_("side"), max_length=5, choices=Side.choices, blank=True)
    sot_category = models.CharField(
        _("SOT category"), max_length=1, choices=SotCategory.choices, blank=True
    )
    block_placement = models.CharField(_("block placement"), max_length=200, blank=True)
    details = models.CharField(_("details"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.technique)

    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.practice_id, self.session.patient_id


class AdverseSeverity(models.TextChoices):
    MILD = "mild", _("mild")
    MODERATE = "moderate", _("moderate")
    SERIOUS = "serious", _("serious")


class AdverseKind(models.TextChoices):
    SORENESS = "soreness", _("soreness or stiffness")
    HEADACHE = "headache", _("headache worse")
    DIZZINESS = "dizziness", _("dizziness")
    NAUSEA = "nausea", _("nausea")
    FATIGUE = "fatigue", _("tiredness")
    RADIATING = "radiating", _("radiating pain or tingling")
    NEUROLOGICAL = "neurological", _("neurological symptoms")
    OTHER = "other", pgettext_lazy("symptom", "other")


class AdverseEvent(PracticeScoped):
    session = models.ForeignKey(
        TreatmentSession, on_delete=models.CASCADE, related_name="adverse_events"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=AdverseKind.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=AdverseSeverity.choices)
    duration = models.CharField(_("duration"), max_length=100)
    follow_up = models.TextField(_("follow-up"), blank=True, max_length=SHORT_TEXT_CHARS)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("adverse event")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_severity_display()})"


class NoteAmendment(PracticeScoped):
    """A correction to a signed note: the note stays as signed, the amendment is added."""

    session = models.ForeignKey(
        TreatmentSession, on_delete=models.CASCADE, related_name="amendments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("reason for the amendment"), max_length=300)
    text = models.TextField(_("amendment"), max_length=NOTE_CHARS)

    class Meta:
        verbose_name = _("amendment")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{_('amendment')} {self.created_at:%Y-%m-%d}"

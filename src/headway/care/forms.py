from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from headway.care import pain_drawing, vocabulary
from headway.care.models import (
    NECK_KINDS,
    AdverseKind,
    AdverseSeverity,
    ClinicalNote,
    Decision,
    Examination,
    Side,
    SotCategory,
    Technique,
    TreatmentPlan,
    TreatmentSession,
    TriggerPointState,
)
from headway.clinical.checks import cervical_screen_problems
from headway.clinical.screening.cervical import (
    CanadianCSpine,
    CervicalScreenInput,
    SpecialTestResult,
)
from headway.lib.bounds import NOTE_CHARS, DateBoundsMixin
from headway.lib.forms import DateInput
from headway.lib.problems import problem_message


class ClinicalNoteForm(forms.ModelForm):
    class Meta:
        model = ClinicalNote
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
        labels = {"body": _("New note")}


# An answer the practitioner checked, or "not checked": never silently "no".
CHECKED = [("yes", _("Yes")), ("no", _("No")), ("", _("Not checked"))]
NORMAL = [("yes", _("normal")), ("no", _("abnormal")), ("", _("Not checked"))]
TEST_RESULTS = [
    (SpecialTestResult.NOT_DONE.value, _("not done")),
    (SpecialTestResult.NEGATIVE.value, _("negative")),
    (SpecialTestResult.POSITIVE.value, _("positive")),
]


def _three(label: Any, choices: list[tuple[str, Any]] = CHECKED) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, required=False, widget=forms.RadioSelect, initial=""
    )


def _answer(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


C_SPINE = {
    "dangerous_mechanism": _("dangerous mechanism of injury"),
    "paraesthesias_in_extremities": _("paraesthesias in the extremities"),
    "simple_rear_end_collision": _("simple rear-end collision"),
    "sitting_position": _("sitting position in the emergency department or clinic"),
    "ambulatory_at_any_time": _("walking at any time since the injury"),
    "delayed_onset_of_neck_pain": _("delayed onset of neck pain"),
    "no_midline_cervical_tenderness": _("no midline cervical tenderness"),
    "can_rotate_45_degrees_both_ways": _("can actively rotate the neck 45 degrees both ways"),
}


class CervicalScreenForm(DateBoundsMixin, forms.Form):
    """The IFOMPT framework's history, symptoms and examination (clinical-reference.md 3).
    Every item can stay "not checked"; the result then lists it as such."""

    GROUPS: tuple[tuple[str, Any, dict[str, Any]], ...] = (
        ("symptom", _("New or unexplained symptoms"), vocabulary.NEUROVASCULAR_SYMPTOMS),
        (
            "instability_symptom",
            _("Symptoms of upper cervical instability"),
            vocabulary.INSTABILITY_SYMPTOMS,
        ),
        (
            "risk",
            _("Risk factors for cervical arterial dysfunction"),
            vocabulary.VASCULAR_RISK_FACTORS,
        ),
        (
            "condition",
            _("Conditions predisposing to instability"),
            vocabulary.INSTABILITY_CONDITIONS,
        ),
        ("c_spine", _("Canadian C-spine rule (after recent trauma)"), C_SPINE),
    )

    performed_on = forms.DateField(label=_("Date of the screen"), widget=DateInput())
    new_severe_or_unusual_head_or_neck_pain = _three(_("new severe or unusual head or neck pain"))
    recent_trauma = _three(_("recent trauma to the head or neck"))
    systolic_bp = forms.IntegerField(
        label=_("Blood pressure, systolic (mmHg)"), required=False, min_value=50, max_value=300
    )
    diastolic_bp = forms.IntegerField(
        label=_("Blood pressure, diastolic (mmHg)"), required=False, min_value=30, max_value=200
    )
    cranial_nerves_normal = _three(_("cranial nerve examination"), NORMAL)
    gait_and_coordination_normal = _three(_("gait and coordination"), NORMAL)
    sharp_purser = forms.ChoiceField(
        label=_("Sharp-Purser test"), choices=TEST_RESULTS, initial=SpecialTestResult.NOT_DONE
    )
    alar_ligament = forms.ChoiceField(
        label=_("Alar ligament stress test"),
        choices=TEST_RESULTS,
        initial=SpecialTestResult.NOT_DONE,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for prefix, _title, labels in self.GROUPS:
            for key, label in labels.items():
                self.fields[f"{prefix}__{key}"] = _three(label)

    def clean_performed_on(self) -> Any:
        day = self.cleaned_data["performed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("this date is in the future"))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("systolic_bp") is None) != (data.get("diastolic_bp") is None):
            self.add_error(
                "diastolic_bp" if data.get("diastolic_bp") is None else "systolic_bp",
                _("give both blood pressure values, or neither"),
            )
        # Impossible values by the core's rules (headway.clinical.checks): the same ones the
        # command line refuses. The age comes from the record, so it is not checked here.
        for problem in cervical_screen_problems(self.screen_input(age=None)):
            # The C-spine rule's answers without recent trauma: said on recent trauma, where
            # the practitioner either ticks it or clears the rule.
            field = "recent_trauma" if problem.field == "c_spine" else problem.field
            if field in self.fields and field not in self.errors:
                other = self.fields.get(problem.other or "")
                self.add_error(
                    field,
                    problem_message(
                        problem,
                        other_label=str(other.label) if other is not None else "",
                        other_value=str(data.get(problem.other or "", "")),
                    ),
                )
        return data

    def grouped(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """The yes/no groups asked of everyone; the C-spine rule is asked after recent trauma."""
        return [
            (title, [self[f"{prefix}__{key}"] for key in labels])
            for prefix, title, labels in self.GROUPS
            if prefix != "c_spine"
        ]

    def c_spine_fields(self) -> list[forms.BoundField]:
        return [self[f"c_spine__{key}"] for key in C_SPINE]

    def _group(self, prefix: str, labels: dict[str, Any]) -> dict[str, bool | None]:
        return {key: _answer(self.cleaned_data.get(f"{prefix}__{key}")) for key in labels}

    def screen_input(self, age: int | None) -> CervicalScreenInput:
        data = self.cleaned_data
        # The rule applies after recent trauma (clinical-reference.md 3.3). Its answers given
        # without trauma are passed on, not dropped, so that the core's check refuses them.
        rule = self._group("c_spine", C_SPINE)
        c_spine = None
        if data.get("recent_trauma") == "yes" or any(v is not None for v in rule.values()):
            c_spine = CanadianCSpine(age=age, **rule)
        return CervicalScreenInput(
            vascular_risk_factors=self._group("risk", vocabulary.VASCULAR_RISK_FACTORS),
            instability_conditions=self._group("condition", vocabulary.INSTABILITY_CONDITIONS),
            recent_trauma=_answer(data.get("recent_trauma")),
            c_spine=c_spine,
            neurovascular_symptoms=self._group("symptom", vocabulary.NEUROVASCULAR_SYMPTOMS),
            instability_symptoms=self._group(
                "instability_symptom", vocabulary.INSTABILITY_SYMPTOMS
            ),
            new_severe_or_unusual_head_or_neck_pain=_answer(
                data.get("new_severe_or_unusual_head_or_neck_pain")
            ),
            systolic_bp=data.get("systolic_bp"),
            diastolic_bp=data.get("diastolic_bp"),
            cranial_nerves_normal=_answer(data.get("cranial_nerves_normal")),
            gait_and_coordination_normal=_answer(data.get("gait_and_coordination_normal")),
            # Absent only while the form is still being checked (an invalid choice).
            sharp_purser=SpecialTestResult(data.get("sharp_purser") or SpecialTestResult.NOT_DONE),
            alar_ligament=SpecialTestResult(
                data.get("alar_ligament") or SpecialTestResult.NOT_DONE
            ),
        )

    def stored(self) -> dict[str, Any]:
        return {
            key: (value.isoformat() if hasattr(value, "isoformat") else value)
            for key, value in self.cleaned_data.items()
            if value not in (None, "")
        }


class InvalidateScreenForm(forms.Form):
    reason = forms.CharField(label=_("New symptoms reported"), max_length=300)


ICHD_CODE = re.compile(r"^\d{1,2}(\.\d{1,2}){0,4}$")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    code = forms.CharField(label=_("ICHD-3 code, if changed"), required=False, max_length=20)
    name = forms.CharField(label=_("Diagnosis, if changed"), required=False, max_length=200)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == Decision.CHANGED:
            code = (data.get("code") or "").strip()
            if not code:
                self.add_error("code", _("give the ICHD-3 code of the diagnosis you chose"))
            elif not ICHD_CODE.match(code):
                self.add_error("code", _("an ICHD-3 code looks like 1.1 or 3.1.2"))
            else:
                data["code"] = code
                # Stored in ICHD-3's English; shown in the reader's language.
                with translation.override("en"):
                    data["name"] = (data.get("name") or "").strip() or vocabulary.label(
                        vocabulary.DIAGNOSES, code
                    )
        return data


class ReferralCloseForm(forms.Form):
    note = forms.CharField(
        label=_("Outcome of the referral"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("For example: seen by the physician on this date, cleared for manual therapy."),
    )


class ExaminationForm(DateBoundsMixin, forms.ModelForm):
    sot_indicators = forms.MultipleChoiceField(
        label=_("SOT indicators observed"),
        choices=list(vocabulary.SOT_INDICATORS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Examination
        fields = [
            "examined_on",
            "rom_flexion",
            "rom_extension",
            "rom_rotation_left",
            "rom_rotation_right",
            "rom_side_flexion_left",
            "rom_side_flexion_right",
            "frt_left",
            "frt_right",
            "ccft_mmhg",
            "oa_mobility_left",
            "oa_mobility_right",
            "uc_findings",
            "uc_judgement",
            "care_pathway",
            "posture",
            "sot_category",
            "sot_indicators",
            "leg_length",
            "leg_length_difference_mm",
            "psoas_tension",
            "lumbar_cervical",
            "notes",
        ]
        widgets = {
            "examined_on": DateInput(),
            **{
                name: forms.Textarea(attrs={"rows": 2})
                for name in ("uc_findings", "posture", "lumbar_cervical", "notes")
            },
        }

    # Degrees a healthy neck reaches, with room: beyond this a typing error is likelier.
    LIMITS = {"rom_flexion": 90, "rom_extension": 100, "frt_left": 70, "frt_right": 70}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name.startswith(("rom_", "frt_")):
                field.widget.attrs.update({"inputmode": "numeric", "max": 120})
        for region, side in pain_drawing.all_keys():
            self.fields[f"pain__{region}__{side or 'mid'}"] = forms.TypedChoiceField(
                label=pain_drawing.spot_label(region, side),
                choices=[("", "—"), *((str(i), str(i)) for i in range(1, 11))],
                coerce=int,
                required=False,
                empty_value=None,
            )

    def clean_examined_on(self) -> Any:
        day = self.cleaned_data["examined_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("this date is in the future"))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in self.fields:
            if name.startswith(("rom_", "frt_")) and (data.get(name) or 0) > 120:
                self.add_error(name, _("at most 120 degrees"))
        ccft = data.get("ccft_mmhg")
        if ccft is not None and not 20 <= ccft <= 30:
            self.add_error("ccft_mmhg", _("the test runs from 20 (baseline) to 30 mmHg"))
        return data

    def pain_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("pain__")]

    def pain_regions(self) -> list[dict[str, Any]]:
        entries = []
        for region, side in pain_drawing.all_keys():
            level = self.cleaned_data.get(f"pain__{region}__{side or 'mid'}") or 0
            if level:
                entries.append({"region": region, "side": side or None, "intensity": level})
        return entries


class TriggerPointForm(forms.Form):
    muscle = forms.ChoiceField(
        label=_("Muscle"),
        choices=[("", "—"), *vocabulary.MUSCLES.items()],
        required=False,
    )
    side = forms.ChoiceField(label=_("Side"), choices=Side.choices, required=False)
    state = forms.ChoiceField(
        label=_("Active or latent"), choices=TriggerPointState.choices, required=False
    )
    reproduces_familiar_pain = forms.BooleanField(
        label=_("Reproduces the familiar pain"), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("muscle"):
            for name in ("side", "state"):
                if not data.get(name):
                    self.add_error(name, _("choose one for this muscle"))
        return data


# More rows than max_num (a tampered TOTAL_FORMS) is an error shown above the form, never
# rows silently dropped or taken (issue 12, point 2.6).
TriggerPointFormSet = forms.formset_factory(
    TriggerPointForm, extra=4, max_num=20, absolute_max=20, validate_max=True
)


class TechniqueForm(forms.ModelForm):
    class Meta:
        model = Technique
        fields = ["name", "kind", "touches_neck", "credential_method", "is_active"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Upper cervical therapy, manipulation and OA mobilisation always touch the neck.
        if data.get("kind") in NECK_KINDS:
            data["touches_neck"] = True
        return data


class TreatmentPlanForm(DateBoundsMixin, forms.ModelForm):
    class Meta:
        model = TreatmentPlan
        fields = ["starts_on", "goals", "care_pathway", "techniques", "frequency", "review_on"]
        widgets = {
            "starts_on": DateInput(),
            "review_on": DateInput(),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "techniques": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, techniques: list[Technique], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["techniques"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Technique.objects.filter(pk__in=[t.pk for t in techniques])
        field.label_from_instance = lambda t: str(t.label)  # type: ignore[method-assign,assignment]


class SessionForm(DateBoundsMixin, forms.ModelForm):
    override_reason = forms.CharField(
        label=_("Owner's override of the cervical screen: reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only the practice owner can override a missing or “do not treat” screen. The "
            "override is kept in the audit trail."
        ),
    )

    class Meta:
        model = TreatmentSession
        fields = [
            "session_date",
            "subjective",
            "objective",
            "assessment",
            "plan",
            "pain_before",
            "pain_after",
            "response",
        ]
        widgets = {
            "session_date": DateInput(),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in ("subjective", "objective", "assessment", "plan")
            },
            "pain_before": forms.NumberInput(attrs={"min": 0, "max": 10, "inputmode": "numeric"}),
            "pain_after": forms.NumberInput(attrs={"min": 0, "max": 10, "inputmode": "numeric"}),
        }

    def clean_session_date(self) -> Any:
        day = self.cleaned_data["session_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("this date is in the future"))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("pain_before", "pain_after"):
            value = data.get(name)
            if value is not None and value > 10:
                self.add_error(name, _("from 0 to 10"))
        return data


class SessionTechniqueForm(forms.Form):
    technique = forms.ModelChoiceField(
        label=_("Technique"), queryset=Technique.objects.none(), required=False
    )
    muscle = forms.ChoiceField(
        label=_("Muscle"), choices=[("", "—"), *vocabulary.MUSCLES.items()], required=False
    )
    side = forms.ChoiceField(label=_("Side"), choices=[("", "—"), *Side.choices], required=False)
    sot_category = forms.ChoiceField(
        label=_("SOT category"), choices=[("", "—"), *SotCategory.choices], required=False
    )
    block_placement = forms.CharField(label=_("Block placement"), required=False, max_length=200)
    details = forms.CharField(label=_("Details"), required=False, max_length=300)

    def __init__(self, *args: Any, techniques: list[Technique], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["technique"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Technique.objects.filter(pk__in=[t.pk for t in techniques if t.is_active])
        field.label_from_instance = lambda t: str(t.label)  # type: ignore[method-assign,assignment]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        technique = data.get("technique")
        if technique is None:
            return data
        if technique.kind == "trigger_point" and not data.get("muscle"):
            self.add_error("muscle", _("name the muscle treated"))
        if technique.kind == "sot_blocking":
            if not data.get("sot_category"):
                self.add_error("sot_category", _("give the SOT category of the blocking"))
            if not data.get("block_placement"):
                self.add_error("block_placement", _("describe where the blocks were placed"))
        return data


SessionTechniqueFormSet = forms.formset_factory(
    SessionTechniqueForm, extra=3, max_num=20, absolute_max=20, validate_max=True
)


class AdverseEventForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Adverse event"), choices=[("", "—"), *AdverseKind.choices], required=False
    )
    severity = forms.ChoiceField(
        label=_("Severity"), choices=[("", "—"), *AdverseSeverity.choices], required=False
    )
    duration = forms.CharField(label=_("Duration"), required=False, max_length=100)
    follow_up = forms.CharField(label=_("Follow-up"), required=False, max_length=2000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind"):
            for name in ("severity", "duration"):
                if not data.get(name):
                    self.add_error(name, _("required when an adverse event is recorded"))
        return data


AdverseEventFormSet = forms.formset_factory(
    AdverseEventForm, extra=1, max_num=10, absolute_max=10, validate_max=True
)


class AmendmentForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the amendment"), max_length=300)
    text = forms.CharField(
        label=_("Amendment"), max_length=NOTE_CHARS, widget=forms.Textarea(attrs={"rows": 3})
    )

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from headway.lib.bounds import DateBoundsMixin
from headway.lib.forms import DateInput
from headway.patients.models import Consent, Patient


class PatientForm(forms.ModelForm):
    class Meta:
        model = Patient
        fields = [
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
        ]
        widgets = {
            "date_of_birth": DateInput(format="%Y-%m-%d"),
            "address": forms.Textarea(attrs={"rows": 2}),
            "physician_address": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_date_of_birth(self) -> Any:
        value = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if value > today:
            raise forms.ValidationError(_("Date of birth: this date is in the future."))
        if value.year < today.year - 120:
            raise forms.ValidationError(_("Date of birth: more than 120 years ago; please check."))
        return value


class ConsentForm(DateBoundsMixin, forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["kind", "text_version", "given_on"]
        widgets = {"given_on": DateInput(format="%Y-%m-%d")}

    def clean_given_on(self) -> Any:
        value = self.cleaned_data["given_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Date given: this date is in the future."))
        return value


class ErasureForm(forms.Form):
    confirm_name = forms.CharField(
        label=_("Type the patient's full name to confirm"), max_length=201
    )
    reason = forms.CharField(
        label=_("Reason for erasure"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, patient: Patient, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.patient = patient

    def clean_confirm_name(self) -> str:
        value: str = self.cleaned_data["confirm_name"]
        if " ".join(value.split()).casefold() != self.patient.full_name.casefold():
            raise forms.ValidationError(_("The name does not match this patient's full name."))
        return value

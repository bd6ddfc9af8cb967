from __future__ import annotations

import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from headway.diary.models import DiaryReminder


class ReminderForm(forms.ModelForm):
    class Meta:
        model = DiaryReminder
        fields = ["enabled", "at", "time_zone"]
        widgets = {
            "at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "time_zone": forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off"}),
        }

    def clean_time_zone(self) -> str:
        value = str(self.cleaned_data["time_zone"]).strip()
        if value not in zoneinfo.available_timezones():
            raise forms.ValidationError(
                _("choose a time zone from the list, such as Europe/Berlin")
            )
        return value

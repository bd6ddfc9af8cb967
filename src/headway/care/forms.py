from django import forms
from django.utils.translation import gettext_lazy as _

from headway.care.models import ClinicalNote


class ClinicalNoteForm(forms.ModelForm):
    class Meta:
        model = ClinicalNote
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
        labels = {"body": _("New note")}

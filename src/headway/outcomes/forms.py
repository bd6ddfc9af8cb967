from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from headway.clinical.instruments import InstrumentText
from headway.clinical.instruments.definitions import Instrument as Definition
from headway.clinical.instruments.definitions import Option
from headway.clinical.outcomes.schedule import DEFAULT_TIMEPOINTS
from headway.lib.bounds import DateBoundsMixin
from headway.lib.forms import DateInput
from headway.outcomes.models import Instrument, Timepoint
from headway.outcomes.vocabulary import ANSWER_WORDS, SECTION_TITLES


class ScheduleForm(DateBoundsMixin, forms.Form):
    instruments = forms.MultipleChoiceField(
        label=_("Questionnaires"),
        choices=Instrument.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=["hit6", "ndi", "pgic"],
    )
    timepoints = forms.MultipleChoiceField(
        label=_("When"),
        choices=Timepoint.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[t.value for t in DEFAULT_TIMEPOINTS],
    )
    due_on = forms.DateField(label=_("Date (for “other date”)"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if Timepoint.OTHER in (data.get("timepoints") or []) and not data.get("due_on"):
            self.add_error("due_on", _("Give the date for “other date”."))
        return data


def _option(option: Option) -> str:
    points = ngettext("%(n)s point", "%(n)s points", option.score) % {"n": option.score}
    word = ANSWER_WORDS.get(option.value)
    return f"{word} ({points})" if word else points


class AnswersForm(DateBoundsMixin, forms.Form):
    """One field per item of an instrument. Labels are the practice's installed wording when
    there is one; otherwise (staff entering a paper form) the section's title and each option's
    points, so the form matches the paper the patient filled in."""

    def __init__(
        self,
        *args: Any,
        definition: Definition,
        text: InstrumentText | None,
        paper: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.definition = definition
        titles = SECTION_TITLES.get(definition.key, {})
        for n, item in enumerate(definition.items, start=1):
            # Without the licensed wording: the section's title, never the program's key
            # ("pain_intensity"); options as the points of the statement ticked (issue 13, 1.4).
            label = (
                text.items[item.key].text
                if text
                else f"{n}. {titles.get(item.key) or item.key.replace('_', ' ').capitalize()}"
            )
            if item.options:
                choices = [
                    (o.value, text.items[item.key].options[o.value] if text else _option(o))
                    for o in item.options
                ]
                field: forms.Field = forms.ChoiceField(
                    label=label, choices=choices, widget=forms.RadioSelect, required=False
                )
            else:
                field = forms.IntegerField(
                    label=label,
                    min_value=item.minimum,
                    max_value=item.maximum,
                    required=False,
                )
            self.fields[item.key] = field
        if paper:
            self.fields["completed_on"] = forms.DateField(
                label=_("Date the patient filled it in"),
                widget=DateInput(),
                initial=timezone.localdate,
            )

    def clean_completed_on(self) -> date:
        value: date = self.cleaned_data["completed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value

    def answers(self) -> dict[str, Any]:
        return {
            item.key: self.cleaned_data.get(item.key)
            if self.cleaned_data.get(item.key) not in ("", None)
            else None
            for item in self.definition.items
        }


class DashboardForm(DateBoundsMixin, forms.Form):
    group_by = forms.ChoiceField(
        label=_("Outcomes by"),
        choices=[
            ("diagnosis", _("diagnosis")),
            ("technique", _("technique")),
            ("practitioner", _("practitioner")),
        ],
        initial="diagnosis",
        required=False,
    )
    follow_up = forms.ChoiceField(
        label=_("Follow-up"),
        choices=[
            ("week_4", _("4 weeks (period 1)")),
            ("week_12", _("12 weeks (period 3)")),
            ("month_6", _("6 months (period 7)")),
            ("month_12", _("12 months (period 14)")),
            ("month_18", _("18 months (period 20)")),
        ],
        initial="week_12",
        required=False,
    )
    started_from = forms.DateField(
        label=_("First treatment from"), widget=DateInput(), required=False
    )
    started_until = forms.DateField(label=_("until"), widget=DateInput(), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("started_from"), data.get("started_until")
        if start and end and start > end:
            self.add_error("started_until", _("The end lies before the start."))
        return data

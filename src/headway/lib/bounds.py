"""The sane range of a date and the longest text a field keeps (issue 12, points 2.1 and 4.5).

A date of 0001-01-01 or 9999-12-31 is a typing error, never a visit: stored, it breaks the
arithmetic of every page that adds days to it (a due date plus a week of grace overflows). Every
date a person types is therefore kept within EARLIEST and LATEST and, where the date belongs to
a patient, not before the patient's birth. Forms check it field by field (the message appears
beside the field's label); services check it again where they are called without a form.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)

# Longest texts, in characters. Far above anything written by hand (a page of A4 holds about
# 3,000), low enough that a pasted file or a script cannot fill the database.
ADDRESS_CHARS = 500
SHORT_TEXT_CHARS = 2_000  # a reason, a follow-up, a referral's outcome
TEXT_CHARS = 10_000  # findings, goals
NOTE_CHARS = 20_000  # a clinical note, a SOAP part, an amendment


def date_error(value: date, *, born: date | None = None) -> ValidationError | None:
    """The problem with a date a person entered, or None. `born`: the patient's date of
    birth, where the date belongs to a patient."""
    if not EARLIEST <= value <= LATEST:
        return ValidationError(
            _("give a date from %(earliest)s to %(latest)s"),
            code="date_out_of_range",
            params={"earliest": EARLIEST.year, "latest": LATEST.year},
        )
    if born is not None and value < born:
        return ValidationError(
            _("this date is before the patient's date of birth (%(born)s)"),
            code="date_before_birth",
            params={"born": formats.date_format(born, "SHORT_DATE_FORMAT")},
        )
    return None


@deconstructible
class DateRangeValidator:
    """A model field's validator: EARLIEST to LATEST. ModelForms and full_clean() run it."""

    def __call__(self, value: date) -> None:
        error = date_error(value)
        if error is not None:
            raise error

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DateRangeValidator)

    def __hash__(self) -> int:
        return hash(type(self))


validate_date_range = DateRangeValidator()


def dates_check(*, born: date | None = None, **dates: date | None) -> None:
    """For services called without a form: raise ValidationError naming every date (by its
    keyword) that lies outside the range or before `born`. Nothing has been saved then."""
    errors: dict[str, Any] = {}
    for name, value in dates.items():
        if value is not None:
            error = date_error(value, born=born)
            if error is not None:
                errors[name] = [error]
    if errors:
        raise ValidationError(errors)


class DateBoundsMixin:
    """For every form with a date: each DateField, including those a form adds in its own
    __init__, is kept within EARLIEST and LATEST and not before `born` (the patient's date of
    birth) when the view passes it. Checked in clean(), after the field's own clean_<name>, so
    a more precise message ("this date is in the future") comes first; the error stands
    beside the field, under its label."""

    def __init__(self, *args: Any, born: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.born = born

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}  # type: ignore[misc]
        fields: dict[str, forms.Field] = self.fields  # type: ignore[attr-defined]
        for name, field in fields.items():
            value = data.get(name)
            if isinstance(field, forms.DateField) and isinstance(value, date):
                error = date_error(value, born=self.born)
                if error is not None:
                    self.add_error(name, error)  # type: ignore[attr-defined]
        return data

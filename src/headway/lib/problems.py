"""The clinical core's impossible-value problems (headway.clinical.checks) as form errors in the
reader's language. The form shows the message on the field the problem names, so the message
says what is wrong, not which field."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _

from headway.clinical.checks import Kind, Problem


def _number(value: float) -> str:
    return str(formats.localize(int(value) if value == int(value) else value))


def problem_message(
    problem: Problem, *, other_label: str = "", other_value: str = "", flipped: bool = False
) -> str:
    """other_label names the conflicting answer (a question, a field label) and other_value
    shows it as the reader entered it. flipped: the message is shown on the other answer (the
    one that bounds this one), so it says "less than" instead of "more than"."""
    context = {"other": other_label, "value": other_value}
    if problem.kind is Kind.NOT_FINITE:
        return _("Enter a number.")
    if problem.kind is Kind.NEGATIVE:
        return _("This cannot be negative.")
    if problem.kind is Kind.NOT_POSITIVE:
        return _("This must be more than 0.")
    if problem.kind is Kind.ABOVE:
        assert problem.limit is not None
        return _("This cannot be more than %(limit)s.") % {"limit": _number(problem.limit)}
    if problem.kind is Kind.ABOVE_OTHER and flipped:
        if other_value:
            return _("This is less than the answer to “%(other)s” (%(value)s).") % context
        return _("This is less than the answer to “%(other)s”.") % context
    if problem.kind is Kind.ABOVE_OTHER:
        if other_value:
            return _("This is more than the answer to “%(other)s” (%(value)s).") % context
        return _("This is more than the answer to “%(other)s”.") % context
    if problem.kind is Kind.BOTH_TRUE:
        return _("This cannot be true together with “%(other)s”.") % context
    if problem.kind is Kind.ONLY_AFTER_TRAUMA:
        return _(
            "The Canadian C-spine rule applies only after recent trauma: answer “yes” to "
            "recent trauma, or leave the rule's items not checked."
        )
    raise AssertionError(problem.kind)  # every kind has its message

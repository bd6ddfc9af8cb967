"""Outcomes: diary measures per 28-day period, change and response, the medication-overuse
alert, triggers, and when questionnaires are due (clinical-reference.md sections 4, 5, 8.2)."""

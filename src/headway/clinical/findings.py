"""Small shared vocabulary of the clinical core: three-valued answers."""

from __future__ import annotations

from enum import StrEnum

# An answer the patient or practitioner gave: True, False, or None for "not asked / unknown".
Answer = bool | None


class Urgency(StrEnum):
    URGENT = "urgent"  # the same day: emergency department or on-call physician
    ROUTINE = "routine"  # a medical appointment soon, before (more) treatment

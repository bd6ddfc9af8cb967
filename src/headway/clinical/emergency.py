"""The emergency number a patient is told to call in urgent advice, by the practice's country.

Headway knows a practice's country only through its time zone. 112 is the single European
emergency number, answered in every EU member state and also in the UK, Switzerland and Norway
(Universal Service Directive 2002/22/EC, art. 26; European Electronic Communications Code, art.
109). In France the medical emergency number is 15 (SAMU); 112 works as well, so French
practices name both (service-public.fr, "Numéros d'urgence").
"""

from __future__ import annotations

# Time zones of metropolitan France and of the overseas departments, where the SAMU is 15.
FRENCH_TIME_ZONES = frozenset(
    {
        "Europe/Paris",
        "America/Guadeloupe",
        "America/Martinique",
        "America/Cayenne",
        "Indian/Reunion",
        "Indian/Mayotte",
    }
)


def emergency_numbers(time_zone: str) -> tuple[str, ...]:
    """The numbers to name, the medical one first: ("15", "112") in France, else ("112",)."""
    if time_zone in FRENCH_TIME_ZONES:
        return ("15", "112")
    return ("112",)

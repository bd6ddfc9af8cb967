"""The diary's choices in the patient's words. Where the intake already asks the same thing,
the wording (and so its translation) is the intake's."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from headway.care.vocabulary import Labels
from headway.patients import intake

SIDES: Labels = {
    "left": _("left"),
    "right": _("right"),
    "both": _("both sides"),
}
QUALITIES: Labels = {
    "pulsating": _("throbbing or pulsing"),
    "pressing": _("pressing or tight, like a band"),
    "stabbing": _("stabbing or boring"),
    "other": _("something else"),
}
SYMPTOMS: Labels = {
    "nausea": _("nausea"),
    "vomiting": _("vomiting"),
    "photophobia": _("light hurts"),
    "phonophobia": _("noise hurts"),
    "autonomic_features": _("red or watery eye, runny or blocked nose, drooping eyelid"),
    "restlessness": _("restless, could not keep still"),
}
# The intake's aura choices, brainstem symptoms one by one (ICHD-3 1.2.2 B1 needs two).
AURA: Labels = dict(intake.AURA_CHOICES)
# For showing stored entries: also "brainstem" (which ones not known), the single choice that
# earlier versions offered and an old copy of the app on a phone may still send.
AURA_SHOWN: Labels = {**AURA, **dict(intake.RETIRED_CHOICES["aura_symptoms"])}
DRUG_CLASSES: Labels = {
    "non_opioid_analgesic": _("simple painkiller (paracetamol, ibuprofen, aspirin)"),
    "triptan": _("triptan"),
    "combination_analgesic": _("combination painkiller"),
    "opioid": _("opioid"),
    "ergotamine": _("ergotamine"),
    "other": _("other medicine"),
}
# Suggestions for the name field; the patient may type any other.
MEDICINE_NAMES = (
    "Paracetamol",
    "Ibuprofen",
    "Aspirin",
    "Naproxen",
    "Diclofenac",
    "Sumatriptan",
    "Rizatriptan",
    "Zolmitriptan",
    "Eletriptan",
    "Naratriptan",
    "Almotriptan",
    "Frovatriptan",
    "Oxygen",
    "Tramadol",
    "Codeine",
    "Metoclopramide",
)
INTENSITY_HINTS: Labels = {
    "0": _("no pain"),
    "5": _("moderate"),
    "10": _("worst imaginable"),
}

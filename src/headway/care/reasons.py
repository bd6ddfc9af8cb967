"""The clinical core's reasons (headway.clinical.messages) in the reader's language.

The core gives each criterion, red flag and screen finding as a message code with parameters;
here each code has its gettext wording, and each parameter is written as people write it in the
active language: 6 months, not "6.0 months"; 1,5 in German; 30 minutes, not "0.5 h"; yes, no
or not known, not True, False or None; symptom and feature names in words. A stored result from
before the codes (a plain English string) is shown as it was stored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from headway.care import vocabulary
from headway.clinical.messages import TEMPLATES, Kind, Message

Labels = Mapping[str, str | Promise]

# Criterion features as the practitioner reads them (headway.clinical.messages.FEATURES).
FEATURES: Labels = {
    "one_sided": _("one-sided"),
    "pulsating": _("pulsating"),
    "moderate_or_severe": _("moderate or severe"),
    "worse_with_activity": _("worse with routine activity"),
    "both_sides": _("both sides"),
    "pressing_or_tightening": _("pressing or tightening"),
    "mild_or_moderate": _("mild or moderate"),
    "not_worse_with_activity": _("not worse with routine activity"),
    "spreads_gradually": _("spreads gradually over 5 minutes or more"),
    "in_succession": _("two or more symptoms in succession"),
    "each_5_to_60_min": _("each symptom lasts 5 to 60 minutes"),
    "aura_one_sided": _("at least one symptom one-sided"),
    "positive_symptom": _("at least one positive symptom"),
    "headache_within_60_min": _("headache during or within 60 minutes"),
    "severe_or_very_severe": _("severe or very severe"),
    "around_eye_or_temple": _("around the eye or temple"),
    "lasting_15_to_180_min": _("15 to 180 minutes"),
    "temporal_relation": _("began with the neck disorder"),
    "parallel_improvement": _("improves in parallel"),
    "reduced_motion_and_provocation": _("reduced motion and provocation"),
    "diagnostic_block": _("abolished by diagnostic block"),
}
AURA_SYMPTOMS: Labels = {
    "visual": _("visual"),
    "sensory": _("sensory"),
    "speech": _("speech and/or language"),
    "motor": _("motor"),
    "retinal": _("retinal"),
    "dysarthria": _("dysarthria"),
    "vertigo": _("vertigo"),
    "tinnitus": _("tinnitus"),
    "hypacusis": _("hypacusis"),
    "diplopia": _("diplopia"),
    "ataxia": _("ataxia"),
    "decreased_consciousness": _("decreased level of consciousness"),
    "brainstem": _("brainstem (which symptoms not known)"),
}
NAUSEA: Labels = {"none": _("no"), "mild": _("mild"), "moderate_or_severe": _("moderate or severe")}
DRUG_CLASSES: Labels = {
    "ergotamine": _("ergotamine"),
    "triptan": _("triptan"),
    "non_opioid_analgesic": _("non-opioid analgesic"),
    "opioid": _("opioid"),
    "combination_analgesic": _("combination analgesic"),
    "other": _("other medication"),
    "unverified": _("unverified drug classes"),
}
UCI_TESTS: Labels = {"sharp_purser": _("Sharp-Purser"), "alar_ligament": _("alar ligament")}

VOCABULARIES: dict[Kind, Labels] = {
    Kind.NAUSEA: NAUSEA,
    Kind.DRUG: DRUG_CLASSES,
    Kind.FEATURE: FEATURES,
    Kind.AURA: AURA_SYMPTOMS,
    Kind.NEUROVASCULAR: vocabulary.NEUROVASCULAR_SYMPTOMS,
    Kind.INSTABILITY_SYMPTOM: vocabulary.INSTABILITY_SYMPTOMS,
    Kind.INSTABILITY_CONDITION: vocabulary.INSTABILITY_CONDITIONS,
    Kind.VASCULAR_RISK: vocabulary.VASCULAR_RISK_FACTORS,
    Kind.UCI_TEST: UCI_TESTS,
}

# One wording per code of headway.clinical.messages.TEMPLATES; a counted one is a function of
# the number that chooses the plural form. tests/web/care/test_reasons.py checks that every code
# has one, with the same placeholders.
Text = Promise | Callable[[int], str]
TEXTS: dict[str, Text] = {
    "attacks": lambda n: ngettext(
        "%(count)s attack",
        "%(count)s attacks",
        n,
    ),
    "attacks_unknown": _("number of attacks not known"),
    "episodes": lambda n: ngettext(
        "%(count)s episode",
        "%(count)s episodes",
        n,
    ),
    "episodes_unknown": _("number of episodes not known"),
    "days_a_month": lambda n: ngettext(
        "%(days)s day a month",
        "%(days)s days a month",
        n,
    ),
    "days_a_month_unknown": _("days a month not known"),
    "headache_days_a_month": lambda n: ngettext(
        "%(days)s headache day a month",
        "%(days)s headache days a month",
        n,
    ),
    "headache_days_a_month_unknown": _("headache days a month not known"),
    "for_months": lambda n: ngettext(
        "for %(months)s month",
        "for %(months)s months",
        n,
    ),
    "for_months_unknown": _("for an unknown number of months"),
    "duration": _("lasting %(low)s to %(high)s"),
    "duration_at_least": _("lasting at least %(low)s; the longest not known"),
    "duration_up_to": _("lasting up to %(high)s; the shortest not known"),
    "duration_unknown": _("duration not known"),
    "present": _("present: %(features)s"),
    "not_shown": _("not (yet) shown: %(features)s"),
    "all_present": _("all present"),
    "associated": _(
        "nausea: %(nausea)s; vomiting: %(vomiting)s; light sensitivity: %(photophobia)s; "
        "sound sensitivity: %(phonophobia)s"
    ),
    "aura_not_asked": _("aura not asked"),
    "aura_none": _("no aura symptoms"),
    "aura_reversible": _("aura: %(symptoms)s; fully reversible: %(reversible)s"),
    "aura_symptoms": _("aura: %(symptoms)s"),
    "aura_symptoms_unknown": _("aura symptoms not known"),
    "relative_hemiplegic": _("relative with hemiplegic aura: %(relative)s"),
    "tenderness": _("pericranial tenderness: %(tenderness)s"),
    "tenderness_not_examined": _("pericranial tenderness not examined"),
    "autonomic": _("cranial autonomic features: %(autonomic)s; restlessness: %(restlessness)s"),
    "attacks_a_day": _("attacks a day: %(low)s to %(high)s"),
    "attacks_a_day_at_least": _("attacks a day: at least %(low)s; the most not known"),
    "attacks_a_day_up_to": _("attacks a day: up to %(high)s; the fewest not known"),
    "attacks_a_day_unknown": _("attacks a day not known"),
    "bouts": lambda n: ngettext(
        "%(count)s bout",
        "%(count)s bouts",
        n,
    ),
    "bouts_unknown": _("number of bouts not known"),
    "bout_length": lambda n: ngettext(
        "bouts of %(low)s to %(high)s day",
        "bouts of %(low)s to %(high)s days",
        n,
    ),
    "bout_length_at_least": lambda n: ngettext(
        "bouts of at least %(low)s day; the longest not known",
        "bouts of at least %(low)s days; the longest not known",
        n,
    ),
    "bout_length_up_to": lambda n: ngettext(
        "bouts of up to %(high)s day; the shortest not known",
        "bouts of up to %(high)s days; the shortest not known",
        n,
    ),
    "bout_length_unknown": _("length of the bouts not known"),
    "shortest_remission": lambda n: ngettext(
        "shortest remission %(months)s month",
        "shortest remission %(months)s months",
        n,
    ),
    "shortest_remission_unknown": _("shortest remission not known"),
    "months_without_remission": lambda n: ngettext(
        "%(months)s month without a 3-month remission",
        "%(months)s months without a 3-month remission",
        n,
    ),
    "months_without_remission_unknown": _("time without a 3-month remission not known"),
    "from_migraine_kind": _("from the migraine-like kind of headache"),
    "from_migraine_days": _("from the diary or history of migraine-like days"),
    "no_drug_recorded": _("no %(drug)s recorded"),
    "medication_days_total": lambda n: ngettext(
        "%(days)s medication day a month in total",
        "%(days)s medication days a month in total",
        n,
    ),
    "one_class_reaches_10": _("one class alone reaches 10 days a month"),
    "classes_under_10": _("all classes together stay under 10 days a month"),
    "classes_may_share_days": _("the classes may share days; the total days a month are not known"),
    "class_entries": lambda n: ngettext(
        "%(count)s entry: %(low)s to %(high)s days a month, as they may share days",
        "%(count)s entries: %(low)s to %(high)s days a month, as they may share days",
        n,
    ),
    "for_months_range": _("for %(low)s to %(high)s months"),
    "trigger_points_only": _(
        "the neck findings are myofascial trigger points: coded as tension-type headache with "
        "pericranial tenderness where its criteria are met (ICHD-3 11.2.1 note)"
    ),
    "evidence_recorded": _("evidence recorded"),
    "no_evidence": _("no evidence"),
    "not_recorded": _("not recorded"),
    "kinds_described": lambda n: ngettext(
        "%(count)s kind of headache described",
        "%(count)s kinds of headache described",
        n,
    ),
    "answered_yes": _("answered yes"),
    "not_asked": _("not asked"),
    "onset_age": _("headache began at age %(age)s, at or over %(threshold)s"),
    "onset_age_unknown": _("age at onset of this headache not known"),
    "new_or_changed_timing_unknown": _("new or changed headache; when it began is not known"),
    "new_or_changed_recent": lambda n: ngettext(
        "new or changed headache %(months)s month ago, within the %(window)s-month window",
        "new or changed headache %(months)s months ago, within the %(window)s-month window",
        n,
    ),
    "neuro_dissection_with_pain": _(
        "new neurological symptoms (%(symptoms)s) with new severe or unusual head or neck pain: "
        "possible arterial dissection"
    ),
    "neuro_dissection": _("new neurological symptoms (%(symptoms)s): possible arterial dissection"),
    "neuro_symptoms": _("new or unexplained neurological symptoms: %(symptoms)s"),
    "new_pain_only": _(
        "new severe or unusual head or neck pain without other signs: early arterial dissection "
        "can present this way; consider a medical opinion before neck treatment"
    ),
    "cranial_nerves_abnormal": _("abnormal cranial nerve examination"),
    "gait_abnormal": _("abnormal gait or coordination"),
    "bp_crisis": _(
        "blood pressure %(systolic)s/%(diastolic)s mmHg is in the hypertensive-crisis range"
    ),
    "bp_raised": _("raised blood pressure %(systolic)s/%(diastolic)s mmHg"),
    "uci_test_positive": _("positive upper cervical instability test: %(tests)s"),
    "uci_symptoms_with_condition": _(
        "symptoms of upper cervical instability (%(symptoms)s) with a predisposing condition "
        "(%(conditions)s)"
    ),
    "uci_symptoms": _("symptoms suggesting upper cervical instability: %(symptoms)s"),
    "uci_condition": _("condition predisposing to upper cervical instability: %(conditions)s"),
    "vascular_risk_factors": _("risk factors for cervical arterial dysfunction: %(factors)s"),
    "trauma_no_c_spine": _("recent trauma and the Canadian C-spine rule was not applied"),
    "c_spine_imaging": _("Canadian C-spine rule: imaging needed (%(why)s)"),
    "c_spine_incomplete": _("Canadian C-spine rule not completed (%(why)s)"),
    "c_spine_no_imaging": _("recent trauma; Canadian C-spine rule: no imaging needed (%(why)s)"),
    "high_risk": _("high-risk factor: %(factors)s"),
    "age_65_or_over": _("age %(age)s (65 or over)"),
    "dangerous_mechanism": _("dangerous mechanism"),
    "paraesthesias": _("paraesthesias in the extremities"),
    "high_risk_unchecked": _("high-risk factors not all checked"),
    "low_risk_unchecked": _("low-risk factors not all checked"),
    "no_low_risk": _("no low-risk factor allows range-of-motion testing"),
    "rotation_not_tested": _("active rotation of 45 degrees not tested"),
    "cannot_rotate": _("cannot actively rotate 45 degrees left and right"),
    "low_risk_rotates": _("low risk and rotates 45 degrees both ways"),
    "screen_incomplete": lambda n: ngettext(
        "screen incomplete: %(count)s item not checked",
        "screen incomplete: %(count)s items not checked",
        n,
    ),
    "unchecked_symptom": _("symptom: %(item)s"),
    "unchecked_new_pain": _("symptom: new severe or unusual head or neck pain"),
    "unchecked_cranial_nerves": _("examination: cranial nerves"),
    "unchecked_gait": _("examination: gait and coordination"),
    "unchecked_blood_pressure": _("examination: blood pressure"),
    "unchecked_uci_tests": _("examination: upper cervical instability tests"),
    "unchecked_condition": _("history: %(item)s"),
    "unchecked_risk_factor": _("history: %(item)s"),
    "unchecked_recent_trauma": _("history: recent trauma"),
}


def _plural_count(value: Any) -> int:
    """The number that chooses the plural form: a fraction (1.5 days) takes the plural."""
    number = float(value or 0)
    return int(number) if number.is_integer() else 2


def number(value: float) -> str:
    """6.0 as "6", 1.5 as "1.5" (German "1,5"): at most two decimals, none when whole."""
    rounded = round(float(value), 2)
    if rounded.is_integer():
        return formats.number_format(int(rounded))
    return formats.number_format(rounded, decimal_pos=None, use_l10n=True)


def duration(hours: float) -> str:
    """Minutes under one hour, hours from one hour on."""
    if hours < 1:
        minutes = round(hours * 60)
        return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
    return ngettext("%(count)s hour", "%(count)s hours", _plural_count(hours)) % {
        "count": number(hours)
    }


def _value(kind: Kind, value: Any) -> str:
    if kind is Kind.MESSAGE:
        items = value if isinstance(value, list | tuple) else [value]
        return ", ".join(message_text(item) for item in items)
    if value is None:
        return gettext("not known")
    if kind is Kind.ANSWER:
        return gettext("yes") if value else gettext("no")
    if kind is Kind.COUNT or kind is Kind.NUMBER:
        return number(value)
    if kind is Kind.HOURS:
        return duration(value)
    labels = VOCABULARIES[kind]
    if isinstance(value, list | tuple):
        return ", ".join(str(labels.get(v, v)) for v in value) or pgettext("empty list", "none")
    return str(labels.get(value, value))


def message_text(stored: Any, fallback: str = "") -> str:
    """A message as stored ({"code", "params"}) or as the core made it, in the active language.

    Anything else (a result stored before the codes, an unknown code) shows `fallback`, or the
    stored text itself.
    """
    if isinstance(stored, Message):
        stored = stored.as_json()
    if isinstance(stored, dict) and stored.get("code") == "parts":
        # Several findings in one reason, each worded by itself.
        parts = (stored.get("params") or {}).get("parts")
        if isinstance(parts, list) and parts:
            return ", ".join(message_text(item) for item in parts)
        return fallback
    if not isinstance(stored, dict) or stored.get("code") not in TEXTS:
        return fallback or (stored if isinstance(stored, str) else "")
    code = stored["code"]
    template = TEMPLATES.get(code)
    params = stored.get("params") or {}
    if template is None or set(params) != set(template.kinds):
        return fallback or code
    text = TEXTS[code]
    words = {name: _value(template.kinds[name], value) for name, value in params.items()}
    if callable(text):
        return text(_plural_count(params[template.counted])) % words
    return str(text) % words if words else str(text)


def finding_json(message: Message, *, flag: str = "", name: str = "") -> dict[str, Any]:
    """A referral finding or an unchecked item as stored: the English text, for readers of the
    JSON and for the audit, and the message to word it in the letter's language."""
    english = f"{flag} {name}: {message}" if flag else str(message)
    return {"text": english, "flag": flag, "message": message.as_json()}


def finding_text(stored: Any) -> str:
    """A stored finding in the active language; one stored as a plain string, as it is."""
    if not isinstance(stored, dict):
        return str(stored)
    text = message_text(stored.get("message"), stored.get("text", ""))
    if stored.get("flag"):
        label = vocabulary.label(vocabulary.RED_FLAGS, stored["flag"])
        return f"{stored['flag']} {label}: {text}"
    return text

# ruff: noqa: E501  (the criteria are keyed by the core's sentences, which are longer than a line)
"""The clinical core's vocabularies in the reader's language.

The core names things in English (headway.clinical is plain Python, without gettext); here each
key gets its translated label. tests/web/care/test_vocabulary.py fails when the core gains a key
that has no label here. The reasons the core gives for a result are message codes with
parameters, worded in headway.care.reasons.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Labels = dict[str, str | Promise]

# headway.clinical.screening.cervical (clinical-reference.md section 3).
VASCULAR_RISK_FACTORS: Labels = {
    "past_cervical_trauma": _("past trauma to the cervical spine or its vessels"),
    "recent_minor_trauma_or_manipulation": _("recent minor neck trauma or neck manipulation"),
    "migraine_history": _("history of migraine-type headache"),
    "hypertension": _("hypertension"),
    "hypercholesterolaemia": _("hypercholesterolaemia or hyperlipidaemia"),
    "cardiovascular_disease": _("cardiac or vascular disease, previous stroke or TIA"),
    "diabetes": _("diabetes"),
    "clotting_disorder": _("clotting disorder or altered blood properties"),
    "anticoagulants": _("anticoagulant therapy"),
    "long_term_steroids": _("long-term corticosteroids"),
    "smoking": _("smoking"),
    "recent_infection": _("recent infection, especially respiratory"),
    "postpartum": _("immediately post-partum"),
    "connective_tissue_disorder": _("connective tissue disorder (vascular Ehlers-Danlos, Marfan)"),
    "fibromuscular_dysplasia_or_vessel_anomaly": _("fibromuscular dysplasia or vessel anomaly"),
    "family_history_vascular": _("family history of vascular disease"),
    "head_neck_surgery": _("previous head or neck surgery"),
}
INSTABILITY_CONDITIONS: Labels = {
    "rheumatoid_arthritis": _("rheumatoid arthritis"),
    "down_syndrome": _("Down syndrome"),
    "neck_trauma_whiplash": _("neck trauma such as whiplash"),
    "os_odontoideum": _("os odontoideum"),
    "ankylosing_spondylitis": _("ankylosing spondylitis"),
    "psoriatic_arthritis": _("psoriatic arthritis"),
    "ehlers_danlos": _("Ehlers-Danlos syndrome"),
}
INSTABILITY_SYMPTOMS: Labels = {
    "giving_way": _("feeling of the head giving way"),
    "clunking": _("clunking in the upper neck"),
    "facial_or_lip_paraesthesia": _("facial or lip paraesthesia"),
    "lump_in_throat": _("sensation of a lump in the throat"),
}
NEUROVASCULAR_SYMPTOMS: Labels = {
    "dizziness": _("dizziness"),
    "diplopia": _("double vision (diplopia)"),
    "dysarthria": _("difficulty speaking (dysarthria)"),
    "dysphagia": _("difficulty swallowing (dysphagia)"),
    "drop_attacks": _("drop attacks"),
    "nausea": _("nausea"),
    "numbness": _("numbness"),
    "nystagmus": _("nystagmus"),
    "ataxia": _("ataxia"),
    "horners_signs": _("Horner's signs (ptosis, miosis)"),
    "pulsatile_tinnitus": _("pulsatile tinnitus"),
}

# headway.clinical.screening.red_flags, SNNOOP10 (clinical-reference.md section 2).
RED_FLAGS: Labels = {
    "S": _("Systemic symptoms including fever"),
    "N1": _("Neoplasm in history"),
    "N2": _("Neurologic deficit or dysfunction, including decreased consciousness"),
    "O1": _("Onset sudden or abrupt (thunderclap)"),
    "O2": _("Older age at onset"),
    "P1": _("Pattern change or recent onset of new headache"),
    "P2": _("Positional headache"),
    "P3": _("Precipitated by sneezing, coughing or exercise"),
    "P4": _("Papilledema"),
    "P5": _("Progressive headache and atypical presentations"),
    "P6": _("Pregnancy or puerperium"),
    "P7": _("Painful eye with autonomic features"),
    "P8": _("Post-traumatic onset of headache"),
    "P9": _("Pathology of the immune system, e.g. HIV"),
    "P10": _("Painkiller overuse or new drug at onset of headache"),
}

# ICHD-3 diagnoses the core can suggest.
DIAGNOSES: Labels = {
    "1.1": _("Migraine without aura"),
    "1.2": _("Migraine with aura"),
    "1.2.1": _("Migraine with typical aura"),
    "1.2.1.1": _("Typical aura with headache"),
    "1.2.1.2": _("Typical aura without headache"),
    "1.2.2": _("Migraine with brainstem aura"),
    "1.2.3": _("Hemiplegic migraine"),
    "1.2.3.1": _("Familial hemiplegic migraine"),
    "1.2.3.2": _("Sporadic hemiplegic migraine"),
    "1.3": _("Chronic migraine"),
    "1.5.1": _("Probable migraine without aura"),
    "1.5.2": _("Probable migraine with aura"),
    "2.1": _("Infrequent episodic tension-type headache"),
    "2.1.1": _("Infrequent episodic tension-type headache with pericranial tenderness"),
    "2.1.2": _("Infrequent episodic tension-type headache without pericranial tenderness"),
    "2.2": _("Frequent episodic tension-type headache"),
    "2.2.1": _("Frequent episodic tension-type headache with pericranial tenderness"),
    "2.2.2": _("Frequent episodic tension-type headache without pericranial tenderness"),
    "2.3": _("Chronic tension-type headache"),
    "2.3.1": _("Chronic tension-type headache with pericranial tenderness"),
    "2.3.2": _("Chronic tension-type headache without pericranial tenderness"),
    "2.4": _("Probable tension-type headache"),
    "2.4.1": _("Probable infrequent episodic tension-type headache"),
    "2.4.2": _("Probable frequent episodic tension-type headache"),
    "2.4.3": _("Probable chronic tension-type headache"),
    "3.1": _("Cluster headache"),
    "3.1.1": _("Episodic cluster headache"),
    "3.1.2": _("Chronic cluster headache"),
    "3.5.1": _("Probable cluster headache"),
    "8.2.1": _("Ergotamine-overuse headache"),
    "8.2.2": _("Triptan-overuse headache"),
    "8.2.3": _("Non-opioid analgesic-overuse headache"),
    "8.2.4": _("Opioid-overuse headache"),
    "8.2.5": _("Combination-analgesic-overuse headache"),
    "8.2.6": _(
        "Medication-overuse headache attributed to multiple drug classes not individually overused"
    ),
    "8.2.7": _(
        "Medication-overuse headache attributed to unverified overuse of multiple drug classes"
    ),
    "8.2.8": _("Medication-overuse headache attributed to other medication"),
    "11.2.1": _("Cervicogenic headache"),
}

# headway.clinical.referral: pain-drawing regions and muscles (clinical-reference.md section 6).
REGIONS: Labels = {
    "vertex": _("top of the head (vertex)"),
    "forehead": _("forehead"),
    "temple": _("temple"),
    "side_of_head": _("band along the side of the head"),
    "eyebrow": _("eyebrow (supraorbital)"),
    "eye": _("in or behind the eye (orbit)"),
    "cheek": _("cheek (maxilla)"),
    "upper_teeth": _("upper teeth"),
    "lower_teeth": _("lower teeth"),
    "tmj": _("jaw joint (TMJ)"),
    "jaw_angle": _("angle of the jaw"),
    "mandible": _("lower jaw (mandible)"),
    "ear": _("deep in the ear"),
    "behind_ear": _("behind the ear (mastoid)"),
    "occiput": _("back of the head (occiput)"),
    "inside_head": _("deep inside the head"),
    "posterior_neck": _("back of the neck"),
    "lateral_neck": _("side of the neck"),
    "neck_base": _("base of the neck"),
    "throat": _("throat"),
    "chin": _("chin"),
    "sternum": _("breastbone (sternum)"),
    "shoulder": _("shoulder"),
    "upper_back": _("upper back"),
    "mid_back": _("middle of the back"),
    "low_back": _("low back"),
    "buttock": _("buttock"),
}
MUSCLES: Labels = {
    "scm_sternal": _("Sternocleidomastoid, sternal division"),
    "scm_clavicular": _("Sternocleidomastoid, clavicular division"),
    "upper_trapezius": _("Upper trapezius"),
    "suboccipitals": _("Suboccipital muscles"),
    "splenius_capitis": _("Splenius capitis"),
    "splenius_cervicis": _("Splenius cervicis"),
    "semispinalis_capitis": _("Semispinalis capitis"),
    "temporalis": _("Temporalis"),
    "masseter": _("Masseter"),
    "lateral_pterygoid": _("Lateral pterygoid"),
    "digastric_posterior": _("Digastric, posterior belly"),
}

# SOT indicators as practitioners describe them (clinical-reference.md 7.1). They are recorded
# as the practitioner's findings; no reliability study of them was found (7.2).
SOT_INDICATORS: Labels = {
    "heel_tension": _("heel tension"),
    "pelvis_rigid": _("pelvis rigid, no side-sway"),
    "functional_short_leg": _("functional short leg"),
    "first_rib_movable": _("movable first rib on head flexion and extension"),
    "arm_fossa_positive": _("arm-fossa test positive"),
    "pelvic_side_sway": _("pelvic side-sway or instability"),
    "inguinal_fossa_tender": _("tender inguinal fossa"),
    "first_rib_tender": _("painful first-rib tubercle"),
    "antalgic_posture": _("antalgic posture with a postural break"),
    "straight_leg_raise_positive": _("straight-leg raise positive"),
}


# Criteria of the ICHD-3 rules, keyed by the core's own wording (headway.clinical.ichd3).
CRITERIA: Labels = {
    "any headache meeting C": _("any headache meeting C"),
    "at least 10 episodes, on 1-14 days a month for more than 3 months": _(
        "at least 10 episodes, on 1-14 days a month for more than 3 months"
    ),
    "at least 10 episodes, on fewer than 1 day a month": _(
        "at least 10 episodes, on fewer than 1 day a month"
    ),
    "at least 2 attacks with aura": _("at least 2 attacks with aura"),
    "at least 2 bouts of 7 days to 1 year, with pain-free remissions of 3 months or more": _(
        "at least 2 bouts of 7 days to 1 year, with pain-free remissions of 3 months or more"
    ),
    "at least 2 of: both sides, pressing or tightening, mild or moderate, not worse with routine activity": _(
        "at least 2 of: both sides, pressing or tightening, mild or moderate, not worse with routine activity"
    ),
    "at least 2 of: one-sided, pulsating, moderate or severe, worse with routine activity": _(
        "at least 2 of: one-sided, pulsating, moderate or severe, worse with routine activity"
    ),
    "at least 3 of the 6 aura characteristics (ICHD-3 2018)": _(
        "at least 3 of the 6 aura characteristics (ICHD-3 2018)"
    ),
    "at least 5 attacks": _("at least 5 attacks"),
    "at least 10 episodes": _("at least 10 episodes"),
    "fewer than 1 headache day a month (infrequent)": _(
        "fewer than 1 headache day a month (infrequent)"
    ),
    "1-14 headache days a month (frequent)": _("1-14 headache days a month (frequent)"),
    "15 or more headache days a month (chronic)": _("15 or more headache days a month (chronic)"),
    "the headache days a month decide between 2.4.1 (infrequent) and 2.4.2 (frequent)": _(
        "the headache days a month decide between 2.4.1 (infrequent) and 2.4.2 (frequent)"
    ),
    "at least 5 attacks that meet the criteria of migraine without or with aura": _(
        "at least 5 attacks that meet the criteria of migraine without or with aura"
    ),
    "at least one fully reversible aura symptom": _("at least one fully reversible aura symptom"),
    "at most one of light sensitivity, sound sensitivity, mild nausea; no moderate or severe nausea; no vomiting": _(
        "at most one of light sensitivity, sound sensitivity, mild nausea; no moderate or severe nausea; no vomiting"
    ),
    "attacks for a year or more without a remission of 3 months": _(
        "attacks for a year or more without a remission of 3 months"
    ),
    "attacks last 4-72 hours untreated": _("attacks last 4-72 hours untreated"),
    "at least 2 of: dysarthria, vertigo, tinnitus, hypacusis, diplopia, ataxia, decreased consciousness; no motor or retinal": _(
        "at least 2 of: dysarthria, vertigo, tinnitus, hypacusis, diplopia, ataxia, decreased consciousness; no motor or retinal"
    ),
    "a first- or second-degree relative has had hemiplegic aura": _(
        "a first- or second-degree relative has had hemiplegic aura"
    ),
    "no first- or second-degree relative has had hemiplegic aura": _(
        "no first- or second-degree relative has had hemiplegic aura"
    ),
    "causation shown by at least 2 of: temporal relation, parallel improvement, reduced motion with provocation, diagnostic block": _(
        "causation shown by at least 2 of: temporal relation, parallel improvement, reduced motion with provocation, diagnostic block"
    ),
    "combination analgesic on 10 or more days a month for more than 3 months": _(
        "combination analgesic on 10 or more days a month for more than 3 months"
    ),
    "ergotamine on 10 or more days a month for more than 3 months": _(
        "ergotamine on 10 or more days a month for more than 3 months"
    ),
    "evidence of a disorder or lesion of the cervical spine or neck soft tissues known to cause headache": _(
        "evidence of a disorder or lesion of the cervical spine or neck soft tissues known to cause headache"
    ),
    "from one attack every other day to 8 a day": _("from one attack every other day to 8 a day"),
    "headache (migraine-like or tension-like) on 15 or more days a month for more than 3 months": _(
        "headache (migraine-like or tension-like) on 15 or more days a month for more than 3 months"
    ),
    "headache on 15 or more days a month for more than 3 months": _(
        "headache on 15 or more days a month for more than 3 months"
    ),
    "headache on 15 or more days a month, with a pre-existing headache disorder": _(
        "headache on 15 or more days a month, with a pre-existing headache disorder"
    ),
    "lasting 30 minutes to 7 days": _("lasting 30 minutes to 7 days"),
    "lasting hours to days, or unremitting": _("lasting hours to days, or unremitting"),
    "migraine-like (or relieved by a triptan or ergot) on 8 or more days a month for more than 3 months": _(
        "migraine-like (or relieved by a triptan or ergot) on 8 or more days a month for more than 3 months"
    ),
    "motor weakness, and visual, sensory and/or speech symptoms": _(
        "motor weakness, and visual, sensory and/or speech symptoms"
    ),
    "nausea and/or vomiting, or both light and sound sensitivity": _(
        "nausea and/or vomiting, or both light and sound sensitivity"
    ),
    "no nausea or vomiting; not both light and sound sensitivity": _(
        "no nausea or vomiting; not both light and sound sensitivity"
    ),
    "non opioid analgesic on 15 or more days a month for more than 3 months": _(
        "non opioid analgesic on 15 or more days a month for more than 3 months"
    ),
    "only visual, sensory and/or speech symptoms; no motor, brainstem or retinal": _(
        "only visual, sensory and/or speech symptoms; no motor, brainstem or retinal"
    ),
    "only visual, sensory and/or speech symptoms; no motor, brainstem or retinal; headache during or within 60 min": _(
        "only visual, sensory and/or speech symptoms; no motor, brainstem or retinal; headache during or within 60 min"
    ),
    "only visual, sensory and/or speech symptoms; no motor, brainstem or retinal; no headache within 60 min": _(
        "only visual, sensory and/or speech symptoms; no motor, brainstem or retinal; no headache within 60 min"
    ),
    "opioid on 10 or more days a month for more than 3 months": _(
        "opioid on 10 or more days a month for more than 3 months"
    ),
    "other on 10 or more days a month for more than 3 months": _(
        "other on 10 or more days a month for more than 3 months"
    ),
    "pericranial tenderness on manual palpation: with": _(
        "pericranial tenderness on manual palpation: with"
    ),
    "pericranial tenderness on manual palpation: without": _(
        "pericranial tenderness on manual palpation: without"
    ),
    "same-side cranial autonomic features and/or restlessness": _(
        "same-side cranial autonomic features and/or restlessness"
    ),
    "severe one-sided pain around the eye or temple, 15-180 minutes": _(
        "severe one-sided pain around the eye or temple, 15-180 minutes"
    ),
    "triptan on 10 or more days a month for more than 3 months": _(
        "triptan on 10 or more days a month for more than 3 months"
    ),
    "two or more of ergotamine, triptans, non-opioid analgesics, opioids on 10 or more days a month in total for more than 3 months, none overused alone": _(
        "two or more of ergotamine, triptans, non-opioid analgesics, opioids on 10 or more days a month in total for more than 3 months, none overused alone"
    ),
    "unverified on 10 or more days a month for more than 3 months": _(
        "unverified on 10 or more days a month for more than 3 months"
    ),
}


# headway.clinical.ichd3: what would settle a criterion left unknown (shown after "Missing:").
TO_SETTLE: Labels = {
    "whether a first- or second-degree relative has had hemiplegic aura": _(
        "whether a first- or second-degree relative has had hemiplegic aura"
    ),
    "number and length of bouts, and the shortest pain-free remission": _(
        "number and length of bouts, and the shortest pain-free remission"
    ),
    "how long attacks have gone on without a 3-month remission": _(
        "how long attacks have gone on without a 3-month remission"
    ),
    "how many attacks so far": _("how many attacks so far"),
    "intensity, side, site and untreated duration of attacks": _(
        "intensity, side, site and untreated duration of attacks"
    ),
    "tearing, red eye, blocked or runny nose, eyelid swelling, sweating, small pupil or drooping lid; restlessness": _(
        "tearing, red eye, blocked or runny nose, eyelid swelling, sweating, small pupil or drooping lid; restlessness"
    ),
    "how many attacks a day at the least and the most, during a bout": _(
        "how many attacks a day at the least and the most, during a bout"
    ),
    "the kinds of aura symptom": _("the kinds of aura symptom"),
    "how many attacks of this kind so far": _("how many attacks of this kind so far"),
    "how long attacks last without (effective) treatment": _(
        "how long attacks last without (effective) treatment"
    ),
    "side, quality, intensity and effect of activity": _(
        "side, quality, intensity and effect of activity"
    ),
    "nausea, vomiting, sensitivity to light and to sound": _(
        "nausea, vomiting, sensitivity to light and to sound"
    ),
    "how many attacks with aura so far": _("how many attacks with aura so far"),
    "which aura symptoms, and whether they go away completely": _(
        "which aura symptoms, and whether they go away completely"
    ),
    "spread, succession, duration, side, positive symptoms, headache within 60 min": _(
        "spread, succession, duration, side, positive symptoms, headache within 60 min"
    ),
    "which brainstem symptoms: dysarthria, vertigo, tinnitus, hypacusis, diplopia, ataxia, decreased consciousness": _(
        "which brainstem symptoms: dysarthria, vertigo, tinnitus, hypacusis, diplopia, ataxia, decreased consciousness"
    ),
    "headache days a month over all kinds of headache": _(
        "headache days a month over all kinds of headache"
    ),
    "headache days a month over all kinds of headache, and for how many months": _(
        "headache days a month over all kinds of headache, and for how many months"
    ),
    "the features of the patient's migraine-like attacks": _(
        "the features of the patient's migraine-like attacks"
    ),
    "migraine-like days a month": _("migraine-like days a month"),
    "the headache": _("the headache"),
    "clinical, laboratory or imaging evidence of a neck disorder": _(
        "clinical, laboratory or imaging evidence of a neck disorder"
    ),
    "history over time, range of motion with provocation, diagnostic block": _(
        "history over time, range of motion with provocation, diagnostic block"
    ),
    "days a month with any acute headache medication": _(
        "days a month with any acute headache medication"
    ),
    "days a month with this medication, and for how many months": _(
        "days a month with this medication, and for how many months"
    ),
    "number of episodes, headache days a month, and for how many months": _(
        "number of episodes, headache days a month, and for how many months"
    ),
    "nausea (and how strong), vomiting, light and sound sensitivity": _(
        "nausea (and how strong), vomiting, light and sound sensitivity"
    ),
    "headache days a month": _("headache days a month"),
    "how long episodes last": _("how long episodes last"),
    "manual palpation of the pericranial muscles": _("manual palpation of the pericranial muscles"),
    "number of episodes": _("number of episodes"),
}


def label(labels: Labels, key: str, fallback: str = "") -> str:
    return str(labels.get(key, fallback or key))

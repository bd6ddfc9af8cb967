"""Every word the clinical core can show has a translated label in the shell."""

from __future__ import annotations

from headway.care import vocabulary
from headway.clinical.ichd3.classify import classify
from headway.clinical.ichd3.profile import (
    Aura,
    AuraSymptom,
    ClassificationInput,
    DrugClass,
    HeadacheProfile,
    MedicationUse,
    Nausea,
)
from headway.clinical.referral import Region, referral_map
from headway.clinical.screening import cervical, red_flags


def _everything() -> list:
    result = classify(
        ClassificationInput(
            profiles=(
                HeadacheProfile(),
                HeadacheProfile(aura=Aura(symptoms=frozenset({AuraSymptom.VISUAL}))),
                # Probable TTH whose type the unknown days a month leave open: 2.4.
                HeadacheProfile(
                    attack_count=5,
                    duration_min_hours=1,
                    duration_max_hours=4,
                    bilateral=True,
                    pressing_or_tightening=True,
                    nausea=Nausea.NONE,
                    vomiting=False,
                    photophobia=False,
                ),
                # Hemiplegic aura with the family history unknown: 1.2.3.1 and 1.2.3.2 too.
                HeadacheProfile(
                    aura=Aura(symptoms=frozenset({AuraSymptom.MOTOR, AuraSymptom.SENSORY}))
                ),
            ),
            medication=tuple(MedicationUse(d, 20, 4) for d in DrugClass),
            acute_medication_days_per_month=20,
            total_headache_days_per_month=20,
        )
    )
    return [e for p in result.profiles for e in p.evaluations] + list(result.patient_evaluations)


def test_every_diagnosis_and_criterion_has_a_label():
    evaluations = _everything()
    assert {e.code for e in evaluations} <= set(vocabulary.DIAGNOSES)
    summaries = {c.summary for e in evaluations for c in e.criteria}
    assert summaries <= set(vocabulary.CRITERIA), summaries - set(vocabulary.CRITERIA)
    missing = {c.to_settle for e in evaluations for c in e.criteria if c.to_settle}
    assert missing <= set(vocabulary.TO_SETTLE), missing - set(vocabulary.TO_SETTLE)


def test_every_core_vocabulary_has_labels():
    assert set(vocabulary.VASCULAR_RISK_FACTORS) == set(cervical.VASCULAR_RISK_FACTORS)
    assert set(vocabulary.INSTABILITY_CONDITIONS) == set(cervical.INSTABILITY_CONDITIONS)
    assert set(vocabulary.INSTABILITY_SYMPTOMS) == set(cervical.INSTABILITY_SYMPTOMS)
    assert set(vocabulary.NEUROVASCULAR_SYMPTOMS) == set(cervical.NEUROVASCULAR_SYMPTOMS)
    assert set(vocabulary.RED_FLAGS) == {f.code for f in red_flags.FLAGS}
    assert set(vocabulary.REGIONS) == {r.value for r in Region}
    assert set(vocabulary.MUSCLES) == {m.key for m in referral_map()}


def test_labels_are_translated(settings):
    from django.utils import translation

    with translation.override("de"):
        assert vocabulary.label(vocabulary.DIAGNOSES, "3.1") != "Cluster headache"
        assert vocabulary.label(vocabulary.REGIONS, "temple") != "temple"

"""The rules against 200 physician-labelled records (../shared/data/migraine_records_dev.csv; see
ORIGIN.md there): they must not contradict the physician's label where the fields suffice.

The data has no attack count (criterion A), no aura characteristics (1.2 C), no motor-weakness
column and durations in whole days, so no record can reach a *definite* diagnosis; what is
checked is that every criterion the fields can decide agrees with the label. Agreement per class
is written down in docs/validation.md; this test recomputes it.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from headway.clinical.ichd3.classify import evaluate_profile
from headway.clinical.ichd3.criteria import Evaluation, Status
from headway.clinical.ichd3.profile import Aura, AuraSymptom, HeadacheProfile, Intensity, Nausea

DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "migraine_records_dev.csv"
# The seven brainstem symptoms of ICHD-3 (2018) 1.2.2 B1, as the columns name them.
BRAINSTEM_FIELDS = {
    "Dysarthria": AuraSymptom.DYSARTHRIA,
    "Vertigo": AuraSymptom.VERTIGO,
    "Tinnitus": AuraSymptom.TINNITUS,
    "Hypoacusis": AuraSymptom.HYPACUSIS,
    "Diplopia": AuraSymptom.DIPLOPIA,
    "Ataxia": AuraSymptom.ATAXIA,
    "Conscience": AuraSymptom.DECREASED_CONSCIOUSNESS,
}

pytestmark = pytest.mark.skipif(not DATA.exists(), reason=f"real data not found at {DATA}")


def load() -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def to_profile(row: dict[str, str]) -> HeadacheProfile:
    """Column coding from ORIGIN.md. Nausea severity is not recorded: any nausea is 'mild'
    (only chronic TTH distinguishes, and no record is TTH)."""
    n = {key: int(value) for key, value in row.items() if key not in ("Type",)}
    symptoms = set()
    if n["Visual"]:
        symptoms.add(AuraSymptom.VISUAL)
    if n["Sensory"]:
        symptoms.add(AuraSymptom.SENSORY)
    if n["Dysphasia"]:
        symptoms.add(AuraSymptom.SPEECH)
    symptoms |= {symptom for column, symptom in BRAINSTEM_FIELDS.items() if n[column]}
    # Visual and Sensory count *reversible* aura symptoms (ORIGIN.md).
    aura = Aura(symptoms=frozenset(symptoms), fully_reversible=True if symptoms else None)
    return HeadacheProfile(
        duration_min_hours=n["Duration"] * 24,
        duration_max_hours=n["Duration"] * 24,
        unilateral={1: True, 2: False}.get(n["Location"]),
        bilateral={2: True, 1: False}.get(n["Location"]),
        pulsating={1: True, 2: False}.get(n["Character"]),
        pressing_or_tightening={2: True, 1: False}.get(n["Character"]),
        intensity_max={1: Intensity.MILD, 2: Intensity.MODERATE, 3: Intensity.SEVERE}.get(
            n["Intensity"]
        ),
        nausea=Nausea.MILD if n["Nausea"] else Nausea.NONE,
        vomiting=bool(n["Vomit"]),
        photophobia=bool(n["Photophobia"]),
        phonophobia=bool(n["Phonophobia"]),
        aura=aura,
    )


def evaluations(row: dict[str, str]) -> dict[str, Evaluation]:
    return {e.code: e for e in evaluate_profile(to_profile(row), int(row["Age"]))}


def status(evaluation: Evaluation, label: str) -> Status:
    return next(c.status for c in evaluation.criteria if c.label == label)


def brainstem_symptoms(row: dict[str, str]) -> int:
    return sum(int(row[f]) for f in BRAINSTEM_FIELDS)


def by_class() -> dict[str, list[dict[str, str]]]:
    classes: dict[str, list[dict[str, str]]] = {}
    for row in load():
        classes.setdefault(row["Type"], []).append(row)
    return classes


def test_the_file_is_the_documented_one():
    counts = Counter(row["Type"] for row in load())
    assert sum(counts.values()) == 200
    assert counts["Typical aura with migraine"] == 125 and counts["Migraine without aura"] == 28


def test_migraine_without_aura_agrees_on_every_decidable_criterion():
    rows = by_class()["Migraine without aura"]
    for row in rows:
        ev = evaluations(row)
        # B (duration), C (pain features) and D (associated symptoms) are met; only A, the
        # attack count the data lacks, stays unknown. No aura, so 1.2 is excluded.
        assert [status(ev["1.1"], x) for x in "ABCD"] == [
            Status.UNKNOWN,
            Status.MET,
            Status.MET,
            Status.MET,
        ], row["record"]
        assert ev["1.2"].outcome is Status.NOT_MET
    assert len(rows) == 28


@pytest.mark.parametrize(
    ("label", "typical", "brainstem_aura", "one_brainstem_symptom"),
    [("Typical aura with migraine", 122, 0, 3), ("Typical aura without migraine", 7, 2, 2)],
)
def test_typical_aura_agrees_except_where_brainstem_symptoms_are_recorded(
    label, typical, brainstem_aura, one_brainstem_symptom
):
    rows = by_class()[label]
    agree = explained = unexplained = 0
    for row in rows:
        ev = evaluations(row)
        assert status(ev["1.2"], "B") is Status.MET, row["record"]  # a reversible aura symptom
        typical_kind = ev["1.2.1"].criteria[-1].status
        brainstem_kind = ev["1.2.2"].criteria[-1].status
        if typical_kind is Status.MET:
            agree += 1
            continue
        # Expected disagreement (ORIGIN.md): these records also list brainstem symptoms,
        # which ICHD-3 does not allow in a typical aura. With two or more the engine points
        # to 1.2.2; with one it is neither 1.2.1 nor 1.2.2 (1.2.2 B1 needs at least two), so
        # the record stays at 1.2 and the disagreement is not explained.
        count = brainstem_symptoms(row)
        assert count >= 1, row["record"]
        if count >= 2:
            assert brainstem_kind is Status.MET, row["record"]
            explained += 1
        else:
            assert brainstem_kind is Status.NOT_MET, row["record"]
            unexplained += 1
    assert (agree, explained, unexplained) == (typical, brainstem_aura, one_brainstem_symptom)


def test_typical_aura_with_migraine_has_a_migraine_like_headache():
    for row in by_class()["Typical aura with migraine"]:
        ev = evaluations(row)
        assert status(ev["1.1"], "C") is Status.MET and status(ev["1.1"], "D") is Status.MET


def test_basilar_type_aura_is_brainstem_aura_where_two_brainstem_symptoms_are_recorded():
    rows = by_class()["Basilar-type aura"]
    assert len(rows) == 9
    met = [r for r in rows if evaluations(r)["1.2.2"].criteria[-1].status is Status.MET]
    # ICHD-3 (2018) 1.2.2 B1 needs at least two brainstem symptoms; every record with two or
    # more is 1.2.2. The 3 with one (vertigo) reach two only with a bilateral visual field
    # defect or bilateral paraesthesia, which ICHD-2's basilar-type list counted and ICHD-3's
    # list no longer does: under ICHD-3 they are not 1.2.2.
    for row in rows:
        if brainstem_symptoms(row) == 1:
            assert int(row["Visual_defect"]) + int(row["Paresthesia"]) >= 1, row["record"]
    assert [brainstem_symptoms(r) >= 2 for r in rows] == [r in met for r in rows]
    assert (len(met), len(rows) - len(met)) == (6, 3)


def test_hemiplegic_records_cannot_be_told_apart_and_are_never_called_hemiplegic():
    # No motor-weakness column: the engine cannot see the defining symptom, so it must not
    # suggest 1.2.3 from these fields.
    rows = by_class()["Familial hemiplegic migraine"] + by_class()["Sporadic hemiplegic migraine"]
    assert len(rows) == 19
    assert all(evaluations(row)["1.2.3"].outcome is Status.NOT_MET for row in rows)

"""Reads of care data for lists of patients: their current diagnoses, a fixed number of queries
whatever the number of patients (issue 13, points 1.3 and 2.2)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf

from headway.care import vocabulary
from headway.care.models import Decision, DiagnosisDecision
from headway.patients.models import Patient

# A practitioner's decision that was not replaced by a later one on the same suggestion (as
# services.diagnoses_current), and not a rejection.
_LATER = DiagnosisDecision.objects.filter(
    patient_id=OuterRef("patient_id"), suggested_code=OuterRef("suggested_code")
).filter(
    Q(created_at__gt=OuterRef("created_at"))
    | Q(created_at=OuterRef("created_at"), id__gt=OuterRef("id"))
)


def _current() -> QuerySet[DiagnosisDecision]:
    return (
        DiagnosisDecision.objects.exclude(decision=Decision.REJECTED)
        .filter(~Exists(_LATER))
        .annotate(diagnosis=Coalesce(NullIf(F("code"), Value("")), F("suggested_code")))
        .order_by()
    )


def _named(code: str) -> str:
    name = vocabulary.label(vocabulary.DIAGNOSES, code)
    return code if name == code else f"{code} {name}"


def _primary_first(code: str) -> tuple[bool, str]:
    # As outcomes.queries.primary_diagnosis: a primary headache (ICHD-3 parts 1-3) first.
    return (code.split(".")[0] not in {"1", "2", "3"}, code)


def diagnoses_by_patient(patient_ids: Iterable[int]) -> dict[int, list[tuple[str, str]]]:
    """The current (code, "code name") of each patient, primary headaches first: one query."""
    found: dict[int, set[str]] = defaultdict(set)
    rows = _current().filter(patient_id__in=list(patient_ids))
    # The stubs do not see the "diagnosis" annotation of _current().
    for patient_id, code in rows.values_list("patient_id", "diagnosis"):  # type: ignore[misc]
        found[patient_id].add(code)
    return {
        pk: [(c, _named(c)) for c in sorted(codes, key=_primary_first)]
        for pk, codes in found.items()
    }


def diagnoses_in_use(practice_id: int) -> list[tuple[str, str]]:
    """(code, "code name") of every current diagnosis in the practice, for a filter: one query."""
    codes = _current().filter(practice_id=practice_id).values_list("diagnosis", flat=True)  # type: ignore[misc]
    return [(c, _named(c)) for c in sorted(set(codes), key=_primary_first)]


def patients_with_diagnosis(patients: QuerySet[Patient], code: str) -> QuerySet[Patient]:
    """The patients with `code` as a current diagnosis, or one of its subtypes (1.2 finds
    1.2.1)."""
    matching = (
        _current()
        .filter(patient_id=OuterRef("pk"))
        .filter(Q(diagnosis=code) | Q(diagnosis__startswith=f"{code}."))
    )
    return patients.filter(Exists(matching))

"""The core's classification and red-flag results as plain JSON, kept with each run exactly as
the practitioner saw them, so a later change to the rules never rewrites an earlier review."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from enum import Enum
from typing import Any

from headway.clinical.ichd3.classify import Classification
from headway.clinical.ichd3.criteria import Evaluation
from headway.clinical.screening.red_flags import RedFlagResult


def evaluation_json(evaluation: Evaluation) -> dict[str, Any]:
    return {
        "code": evaluation.code,
        "name": evaluation.name,
        "probable": evaluation.probable,
        "outcome": evaluation.outcome.value,
        "note": evaluation.note,
        "to_settle": list(evaluation.to_settle),
        "criteria": [
            {
                "label": c.label,
                "summary": c.summary,
                "status": c.status.value,
                # The English wording for readers of the stored JSON; the page words the
                # message (code and parameters) in the reader's language (care/reasons.py).
                "reason": str(c.reason),
                "reason_message": c.reason.as_json(),
                "to_settle": c.to_settle,
            }
            for c in evaluation.criteria
        ],
    }


def classification_json(result: Classification, labels: list[str]) -> dict[str, Any]:
    """labels: what the patient calls each kind of headache, in the order of the profiles."""
    return {
        "profiles": [
            {
                "index": p.index,
                "label": labels[p.index] if p.index < len(labels) else "",
                "suggested": [evaluation_json(e) for e in p.suggested],
                "undecided": [evaluation_json(e) for e in p.undecided],
            }
            for p in result.profiles
        ],
        "patient": {
            "suggested": [evaluation_json(e) for e in result.patient_suggested],
            "undecided": [evaluation_json(e) for e in result.patient_undecided],
        },
    }


def suggestions(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Every suggested diagnosis of a stored run, per kind of headache and for the patient."""
    found = [e for p in result.get("profiles", []) for e in p["suggested"]]
    return found + list(result.get("patient", {}).get("suggested", []))


def red_flags_json(result: RedFlagResult) -> dict[str, Any]:
    return {
        "action": result.action.value if result.action else None,
        "urgency": result.urgency.value if result.urgency else None,
        "raised": [
            {
                "code": f.code,
                "name": f.name,
                "reason": str(f.reason),
                "reason_message": f.reason.as_json(),
                "action": f.action.value,
                "think_of": f.think_of,
            }
            for f in result.raised
        ],
        "unknown": [
            {"code": code, "missing": str(missing), "missing_message": missing.as_json()}
            for code, missing in result.unknown
        ],
    }


def input_json(data: Any) -> Any:
    """A classification input as JSON: dataclasses as objects, sets as sorted lists."""
    if is_dataclass(data) and not isinstance(data, type):
        return {f.name: input_json(getattr(data, f.name)) for f in fields(data)}
    if isinstance(data, (set, frozenset)):
        return sorted(input_json(item) for item in data)
    if isinstance(data, (list, tuple)):
        return [input_json(item) for item in data]
    if isinstance(data, Enum):
        return data.value
    return data

"""The clinical core from the command line: JSON in, JSON out, no Django, no database.

    headway classify FILE|-              [--schema]
    headway screen-red-flags FILE|-      [--schema] [--older-onset-age N] [--recent-onset-months M]
    headway screen-cervical FILE|-       [--schema]
    headway score INSTRUMENT FILE|-      [--schema]
    headway referral REGION[:SIDE] ...   [--schema]

Bad input exits with status 2 and a message naming the field and the problem. Pydantic reads
the core's plain dataclasses (strict: "55" is not a number, "yes" is not true; unknown fields are
refused) and writes their JSON Schema for --schema.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import fields, is_dataclass
from enum import Enum
from typing import Any, TextIO

from pydantic import ConfigDict, TypeAdapter, ValidationError

from headway.clinical.checks import (
    Problem,
    cervical_screen_problems,
    classification_problems,
    red_flag_problems,
    red_flag_settings_problems,
)
from headway.clinical.ichd3.classify import classify
from headway.clinical.ichd3.criteria import Evaluation
from headway.clinical.ichd3.profile import (
    Aura,
    CervicalFindings,
    ClassificationInput,
    HeadacheProfile,
    MedicationUse,
)
from headway.clinical.instruments import AnswerError, instrument, score
from headway.clinical.instruments.definitions import INSTRUMENTS, Instrument
from headway.clinical.messages import Message
from headway.clinical.referral import (
    MIDLINE,
    PainfulRegion,
    Region,
    Side,
    candidate_muscles,
    regions_not_mapped,
)
from headway.clinical.screening.cervical import (
    INSTABILITY_CONDITIONS,
    INSTABILITY_SYMPTOMS,
    NEUROVASCULAR_SYMPTOMS,
    VASCULAR_RISK_FACTORS,
    CanadianCSpine,
    CervicalScreenInput,
    screen_cervical,
)
from headway.clinical.screening.red_flags import RedFlagAnswers, RedFlagSettings, screen_red_flags

# Each command with its one-line help (also listed by `headway --help`).
COMMAND_HELP = {
    "classify": "ICHD-3 suggestions",
    "screen-red-flags": "SNNOOP10 red flags",
    "screen-cervical": "cervical safety screen",
    "score": "score a questionnaire",
    "referral": "candidate trigger-point muscles",
}
COMMANDS = tuple(COMMAND_HELP)

_STRICT = ConfigDict(extra="forbid", strict=True)
for _input in (
    RedFlagAnswers,
    CanadianCSpine,
    CervicalScreenInput,
    Aura,
    HeadacheProfile,
    MedicationUse,
    CervicalFindings,
    ClassificationInput,
):
    # Pydantic's hook for plain dataclasses; the core itself does not know pydantic.
    setattr(_input, "__pydantic_config__", _STRICT)  # noqa: B010


class InputError(Exception):
    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")


def _refuse(problems: list[Problem]) -> None:
    """Impossible values (checks.py) exit 2 like malformed ones: the first, by its field."""
    if problems:
        raise InputError(problems[0].field, problems[0].text)


def _plain(value: Any) -> Any:
    """Dataclasses, enums and tuples as JSON-ready data. A message (a reason) is its English
    wording, with its code and parameters beside it: `reason`, `reason_code`, `reason_params`
    (a cervical screen's reason: `text`, `code`, `params`)."""
    if isinstance(value, Message):
        return str(value)
    if is_dataclass(value) and not isinstance(value, type):
        plain: dict[str, Any] = {}
        for field in fields(value):
            item = getattr(value, field.name)
            if isinstance(item, Message):
                prefix = "" if field.name == "message" else field.name + "_"
                plain[prefix.rstrip("_") or "text"] = str(item)
                plain[prefix + "code"] = item.code
                plain[prefix + "params"] = item.as_json()["params"]
            else:
                plain[field.name] = _plain(item)
        return plain
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(_plain(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | frozenset | set):
        return [_plain(v) for v in value]
    return value


def _read(source: str | None, stdin: TextIO) -> str:
    if source is None:
        raise InputError("FILE", "give a file name, or - to read standard input")
    if source == "-":
        text = stdin.read()
    else:
        try:
            with open(source, encoding="utf-8") as handle:
                text = handle.read()
        except OSError as error:
            raise InputError("FILE", f"cannot read {source}: {error.strerror}") from None
        except UnicodeDecodeError as error:
            raise InputError(
                "FILE",
                f"{source} is not UTF-8 text (byte 0x{error.object[error.start]:02x} at "
                f"position {error.start}); save it as UTF-8",
            ) from None
    # Some editors on Windows start UTF-8 files with a byte order mark; JSON has no use for it.
    return text.removeprefix("\ufeff")


def _validate(adapter: TypeAdapter[Any], text: str) -> Any:
    try:
        return adapter.validate_json(text)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "input"
        if first["type"] == "json_invalid":
            where = "input"
        raise InputError(where, first["msg"].lower()) from None


def _vocabularies_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """Name the allowed keys of the cervical screen's yes/no groups in its schema."""
    groups = {
        "vascular_risk_factors": VASCULAR_RISK_FACTORS,
        "instability_conditions": INSTABILITY_CONDITIONS,
        "neurovascular_symptoms": NEUROVASCULAR_SYMPTOMS,
        "instability_symptoms": INSTABILITY_SYMPTOMS,
    }
    properties = schema["properties"]
    for name, vocabulary in groups.items():
        properties[name] = {
            "type": "object",
            "description": "yes (true), no (false) or not asked (null or absent) per item",
            "properties": {
                key: {"type": ["boolean", "null"], "description": label}
                for key, label in vocabulary.items()
            },
            "additionalProperties": False,
        }
    return schema


def _score_schema(definition: Instrument) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for item in definition.items:
        if item.options:
            spec: dict[str, Any] = {"enum": [o.value for o in item.options] + [None]}
        else:
            spec = {"type": ["integer", "null"], "minimum": item.minimum, "maximum": item.maximum}
        if not item.scored:
            spec["description"] = "asked, not scored"
        properties[item.key] = spec
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{definition.name}: answers",
        "description": f"Recall period: {definition.recall_period}. {definition.missing_rule}.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if definition.max_missing == 0:
        schema["required"] = [i.key for i in definition.scored_items]
    return schema


REFERRAL_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Painful regions (command-line arguments)",
    "description": "Each argument is REGION or REGION:SIDE; midline regions take no side.",
    "type": "array",
    "items": {
        "type": "string",
        "pattern": "^(" + "|".join(r.value for r in Region) + ")(:(left|right))?$",
    },
    "x-midline-regions": sorted(r.value for r in MIDLINE),
}


def _region(argument: str) -> PainfulRegion:
    name, _, side = argument.partition(":")
    try:
        region = Region(name)
    except ValueError:
        raise InputError(argument, f"unknown region {name!r}") from None
    if side and side not in ("left", "right"):
        raise InputError(argument, f"side must be left or right, not {side!r}")
    try:
        return PainfulRegion(region, Side(side) if side else None)
    except ValueError as error:
        raise InputError(argument, str(error)) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="headway", description="Headway's clinical core.")
    commands = parser.add_subparsers(dest="command", required=True)
    classify_command = commands.add_parser("classify", help=COMMAND_HELP["classify"])
    classify_command.add_argument("file", nargs="?", help="JSON file, or - for standard input")
    red = commands.add_parser("screen-red-flags", help=COMMAND_HELP["screen-red-flags"])
    red.add_argument("file", nargs="?", help="JSON file, or - for standard input")
    red.add_argument("--older-onset-age", type=int, default=RedFlagSettings.older_onset_age)
    red.add_argument(
        "--recent-onset-months", type=float, default=RedFlagSettings.recent_onset_months
    )
    cervical = commands.add_parser("screen-cervical", help=COMMAND_HELP["screen-cervical"])
    cervical.add_argument("file", nargs="?", help="JSON file, or - for standard input")
    scoring = commands.add_parser("score", help=COMMAND_HELP["score"])
    scoring.add_argument("instrument", choices=sorted(INSTRUMENTS))
    scoring.add_argument("file", nargs="?", help="JSON file, or - for standard input")
    referral = commands.add_parser("referral", help=COMMAND_HELP["referral"])
    referral.add_argument("regions", nargs="*", metavar="REGION[:SIDE]")
    for command in (classify_command, red, cervical, scoring, referral):
        command.add_argument("--schema", action="store_true", help="print the input's JSON Schema")
    return parser


def _evaluation(evaluation: Evaluation) -> dict[str, Any]:
    return {
        "code": evaluation.code,
        "name": evaluation.name,
        "certainty": "probable" if evaluation.probable else "definite",
        "outcome": evaluation.outcome.value,
        "to_settle": list(evaluation.to_settle),
        "criteria": _plain(evaluation.criteria),
        **({"note": evaluation.note} if evaluation.note else {}),
    }


def run(args: argparse.Namespace, stdin: TextIO) -> Any:
    if args.command == "classify":
        adapter: TypeAdapter[Any] = TypeAdapter(ClassificationInput)
        if args.schema:
            return adapter.json_schema()
        data = _validate(adapter, _read(args.file, stdin))
        _refuse(classification_problems(data))
        classification = classify(data)
        return {
            "notice": "Suggestions for the practitioner to confirm or reject; not a diagnosis.",
            "profiles": [
                {
                    "profile": p.index,
                    "suggested": [_evaluation(e) for e in p.suggested],
                    "undecided": [_evaluation(e) for e in p.undecided],
                }
                for p in classification.profiles
            ],
            "patient": {
                "suggested": [_evaluation(e) for e in classification.patient_suggested],
                "undecided": [_evaluation(e) for e in classification.patient_undecided],
            },
        }
    if args.command == "screen-red-flags":
        adapter = TypeAdapter(RedFlagAnswers)
        if args.schema:
            return adapter.json_schema()
        settings = RedFlagSettings(args.older_onset_age, args.recent_onset_months)
        for problem in red_flag_settings_problems(settings):
            option = "--" + problem.field.replace("_", "-")
            raise InputError(option, problem.text)
        answers = _validate(adapter, _read(args.file, stdin))
        _refuse(red_flag_problems(answers))
        result = screen_red_flags(answers, settings)
        return {
            "action": _plain(result.action),
            "urgency": _plain(result.urgency),
            "raised": _plain(result.raised),
            "unknown": [
                {
                    "code": code,
                    "missing": str(why),
                    "missing_code": why.code,
                    "missing_params": why.as_json()["params"],
                }
                for code, why in result.unknown
            ],
            "settings": _plain(settings),
        }
    if args.command == "screen-cervical":
        adapter = TypeAdapter(CervicalScreenInput)
        if args.schema:
            return _vocabularies_schema(adapter.json_schema())
        screen = _validate(adapter, _read(args.file, stdin))
        _refuse(cervical_screen_problems(screen))
        try:
            cervical = screen_cervical(screen)
        except ValueError as error:
            raise InputError("input", str(error)) from None
        return {
            **_plain(cervical),
            "not_checked_codes": [m.as_json() for m in cervical.not_checked],
            "wording": cervical.wording,
        }
    if args.command == "score":
        definition = instrument(args.instrument)
        if args.schema:
            return _score_schema(definition)
        text = _read(args.file, stdin)
        try:
            answers = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(
                "input", f"not valid JSON ({error.msg}, line {error.lineno})"
            ) from None
        try:
            scored = score(definition, answers)
        except AnswerError as error:
            raise InputError(error.field, error.problem) from None
        return {**_plain(scored), "subscales": dict(scored.subscales)}
    if args.schema:
        return REFERRAL_SCHEMA
    if not args.regions:
        raise InputError("REGION", "name at least one painful region, e.g. temple:right")
    painful = [_region(argument) for argument in args.regions]
    not_mapped = regions_not_mapped(painful)
    return {
        # The map covers the head, face and neck: back regions are named, not silently dropped.
        **(
            {
                "not_mapped": [
                    f"{p.region.value}:{p.side.value}" if p.side else p.region.value
                    for p in not_mapped
                ],
                "note": "The trigger-point referral map covers the head, face and neck only; "
                "it names no muscle for the regions in not_mapped.",
            }
            if not_mapped
            else {}
        ),
        "candidates": [
            {
                "muscle": c.muscle.key,
                "name": c.muscle.name,
                "side": _plain(c.side),
                "score": c.score,
                "confidence": c.muscle.confidence,
                "explains": _plain(c.explains),
            }
            for c in candidate_muscles(painful)
        ],
    }


def main(
    argv: Sequence[str] | None = None,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    stderr: TextIO = sys.stderr,
) -> int:
    args = _parser().parse_args(argv)
    try:
        output = run(args, stdin)
    except InputError as error:
        print(f"headway {args.command}: {error}", file=stderr)
        return 2
    try:
        json.dump(output, stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    except BrokenPipeError:  # e.g. piped into `head`
        pass
    return 0

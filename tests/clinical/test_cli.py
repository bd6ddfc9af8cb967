"""`headway screen-red-flags | screen-cervical | score | referral`: JSON in, JSON out, exit 2
with the field named on bad input. Runs without Django."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from headway.clinical.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def run(*argv: str, stdin: str = "") -> tuple[int, dict | list | None, str]:  # type: ignore[type-arg]
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, (json.loads(out.getvalue()) if out.getvalue() else None), err.getvalue()


def test_red_flags_example_from_the_docs():
    code, output, _ = run("screen-red-flags", str(EXAMPLES / "red-flags.json"))
    assert code == 0
    assert [f["code"] for f in output["raised"]] == ["O2", "P1"]
    assert output["action"] == "urgent_referral"
    assert [u["code"] for u in output["unknown"]] == ["P4"]


def test_red_flag_thresholds_come_from_the_options():
    code, output, _ = run(
        "screen-red-flags",
        "--older-onset-age",
        "65",
        "--recent-onset-months",
        "1",
        str(EXAMPLES / "red-flags.json"),
    )
    assert code == 0 and output["raised"] == [] and output["settings"]["older_onset_age"] == 65


def test_standard_input_is_read_with_a_dash():
    code, output, _ = run("screen-red-flags", "-", stdin='{"papilledema": true}')
    assert code == 0 and output["raised"][0]["code"] == "P4"


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ('{"age_at_onset": "58"}', "age_at_onset: input should be a valid integer"),
        ('{"papilledema": "yes"}', "papilledema: input should be a valid boolean"),
        ('{"papiledema": true}', "papiledema: unexpected keyword argument"),
        ("{not json", "input: invalid json"),
    ],
)
def test_bad_red_flag_input_exits_2_naming_the_field(stdin, message):
    code, output, error = run("screen-red-flags", "-", stdin=stdin)
    assert code == 2 and output is None
    assert message in error


def test_cervical_example_from_the_docs_is_a_precaution():
    code, output, _ = run("screen-cervical", str(EXAMPLES / "cervical-screen.json"))
    assert code == 0 and output["outcome"] == "precaution"
    assert "safe" not in output["wording"].lower()
    assert "history of migraine-type headache" in output["reasons"][0]["text"]


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ('{"sharp_purser": "maybe"}', "sharp_purser: input should be"),
        ('{"neurovascular_symptoms": {"dizzyness": true}}', "unknown keys: dizzyness"),
        ('{"c_spine": {"age": "old"}}', "c_spine.age: input should be a valid integer"),
    ],
)
def test_bad_cervical_input_exits_2_naming_the_field(stdin, message):
    code, _, error = run("screen-cervical", "-", stdin=stdin)
    assert code == 2 and message in error


def test_score_hit6_example_from_the_docs():
    code, output, _ = run("score", "hit6", str(EXAMPLES / "hit6.json"))
    assert code == 0 and (output["value"], output["band"]) == (58, "substantial impact")


def test_score_names_the_item_on_bad_answers():
    code, _, error = run(
        "score", "midas", "-", stdin='{"q1": 91, "q2": 0, "q3": 0, "q4": 0, "q5": 0}'
    )
    assert code == 2 and "q1: 91 is outside 0-90" in error


def test_score_hdi_subscales_are_an_object():
    answers = {f"e{n}": "yes" for n in range(1, 14)} | {f"f{n}": "no" for n in range(1, 13)}
    code, output, _ = run("score", "hdi", "-", stdin=json.dumps(answers))
    assert code == 0 and output["subscales"] == {"emotional": 52, "functional": 0}


def test_referral_ranks_candidates():
    code, output, _ = run("referral", "temple:right", "occiput:right", "eye:right")
    assert code == 0
    assert [c["muscle"] for c in output["candidates"][:3]] == [
        "upper_trapezius",
        "scm_sternal",
        "suboccipitals",
    ]


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("templ:right", "unknown region 'templ'"),
        ("temple:up", "side must be left or right"),
        ("vertex:left", "midline"),
    ],
)
def test_referral_names_the_bad_region(argument, message):
    code, _, error = run("referral", argument)
    assert code == 2 and message in error


@pytest.mark.parametrize(
    "argv",
    [
        ["classify", "--schema"],
        ["screen-red-flags", "--schema"],
        ["screen-cervical", "--schema"],
        ["score", "ndi", "--schema"],
        ["referral", "--schema"],
    ],
)
def test_every_command_prints_its_input_schema(argv):
    code, schema, _ = run(*argv)
    assert code == 0 and schema["type"] in ("object", "array")


def test_cervical_schema_lists_the_symptom_vocabulary():
    _, schema, _ = run("screen-cervical", "--schema")
    symptoms = schema["properties"]["neurovascular_symptoms"]
    assert "horners_signs" in symptoms["properties"] and symptoms["additionalProperties"] is False


def test_score_schema_requires_every_hit6_item():
    _, schema, _ = run("score", "hit6", "--schema")
    assert schema["required"] == ["pain", "social", "role", "vitality", "cognition", "distress"]
    assert schema["properties"]["pain"]["enum"][:2] == ["never", "rarely"]


def test_the_headway_command_runs_the_core_without_django():
    # A fresh interpreter: the clinical commands must not need settings or a database.
    code = (
        "import sys; from headway.cli import main; sys.argv=['headway','referral','vertex'];\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert e.code == 0\n"
        "assert 'django.conf' not in sys.modules, 'Django was imported'"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert '"splenius_capitis"' in result.stdout


def test_classify_example_from_the_docs():
    code, output, _ = run("classify", str(EXAMPLES / "classify.json"))
    assert code == 0
    assert [[e["code"] for e in p["suggested"]] for p in output["profiles"]] == [["1.1"], ["2.2.1"]]
    first = output["profiles"][0]["suggested"][0]
    assert first["certainty"] == "definite"
    assert [c["status"] for c in first["criteria"]] == ["met"] * 4
    assert "not a diagnosis" in output["notice"]
    # Trigger points with a TTH phenotype: tension-type with tenderness, never 11.2.1.
    assert output["patient"]["suggested"] == []


def test_classify_lists_what_would_settle_an_undecided_diagnosis():
    code, output, _ = run(
        "classify", "-", stdin='{"profiles": [{"unilateral": true, "pulsating": true}]}'
    )
    undecided = {e["code"]: e for e in output["profiles"][0]["undecided"]}
    assert code == 0 and "1.1" in undecided
    assert "how many attacks of this kind so far" in undecided["1.1"]["to_settle"]


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ('{"profiles": [{"nausea": "lots"}]}', "profiles.0.nausea: input should be"),
        ('{"profiles": [{"aura": {"symptoms": ["smell"]}}]}', "profiles.0.aura.symptoms"),
        (
            '{"medication": [{"drug_class": "triptan"}]}',
            "medication.0.days_per_month: field required",
        ),
    ],
)
def test_bad_classification_input_exits_2_naming_the_field(stdin, message):
    code, _, error = run("classify", "-", stdin=stdin)
    assert code == 2 and message in error


def test_the_headway_command_knows_every_clinical_command():
    # headway.cli keeps its own list so manage.py commands do not load pydantic; they must agree.
    import headway.cli
    from headway.clinical.cli import COMMANDS

    assert headway.cli.CLINICAL_COMMANDS == COMMANDS

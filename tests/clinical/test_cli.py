"""`headway screen-red-flags | screen-cervical | score | referral`: JSON in, JSON out, exit 2
with the field named on bad input. Runs without Django."""

from __future__ import annotations

import io
import json
import os
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


# Impossible values (issue 12, 1.6): exit 2 naming the field and the problem, at each boundary.


def _profile(**fields: object) -> str:
    return json.dumps({"profiles": [fields]})


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (_profile(headache_days_per_month=31), None),
        (
            _profile(headache_days_per_month=32),
            "profiles.0.headache_days_per_month: cannot be more than 31",
        ),
        (
            _profile(headache_days_per_month=-1),
            "profiles.0.headache_days_per_month: cannot be negative",
        ),
        (
            '{"profiles": [{"headache_days_per_month": NaN}]}',
            "profiles.0.headache_days_per_month: must be a finite number",
        ),
        (
            '{"profiles": [{"duration_max_hours": Infinity}]}',
            "profiles.0.duration_max_hours: must be a finite number",
        ),
        (
            '{"profiles": [{"duration_min_hours": -Infinity}]}',
            "profiles.0.duration_min_hours: must be a finite number",
        ),
        (_profile(attack_count=-1), "profiles.0.attack_count: cannot be negative"),
        (
            _profile(months_at_this_frequency=-1),
            "profiles.0.months_at_this_frequency: cannot be negative",
        ),
        ('{"age": -1}', "age: cannot be negative"),
        (
            '{"total_headache_days_per_month": 32}',
            "total_headache_days_per_month: cannot be more than 31",
        ),
        ('{"total_headache_months": -0.5}', "total_headache_months: cannot be negative"),
        (
            '{"acute_medication_days_per_month": 31.5}',
            "acute_medication_days_per_month: cannot be more than 31",
        ),
        (
            '{"medication": [{"drug_class": "triptan", "days_per_month": 32, "months": 4}]}',
            "medication.0.days_per_month: cannot be more than 31",
        ),
        (
            '{"medication": [{"drug_class": "triptan", "days_per_month": 10, "months": -4}]}',
            "medication.0.months: cannot be negative",
        ),
        (
            '{"acute_medication_days_per_month": 5, "medication": '
            '[{"drug_class": "triptan", "days_per_month": 6, "months": 4}]}',
            "medication.0.days_per_month: cannot be more than acute_medication_days_per_month (5)",
        ),
        (_profile(headache_days_per_month=10, migraine_like_days_per_month=10), None),
        (
            _profile(headache_days_per_month=10, migraine_like_days_per_month=11),
            "profiles.0.migraine_like_days_per_month: cannot be more than "
            "profiles.0.headache_days_per_month (10)",
        ),
        (
            '{"total_headache_days_per_month": 12, "profiles": [{"headache_days_per_month": 13}]}',
            "profiles.0.headache_days_per_month: cannot be more than total_headache_days_per_month",
        ),
        (_profile(duration_min_hours=4, duration_max_hours=4), None),
        (
            _profile(duration_min_hours=5, duration_max_hours=4),
            "profiles.0.duration_min_hours: cannot be more than profiles.0.duration_max_hours (4)",
        ),
        (
            _profile(attacks_per_day_min=3, attacks_per_day_max=2),
            "profiles.0.attacks_per_day_min: cannot be more than profiles.0.attacks_per_day_max",
        ),
        (
            _profile(intensity_min="severe", intensity_max="moderate"),
            "profiles.0.intensity_min: cannot be more than profiles.0.intensity_max",
        ),
        (
            _profile(cluster_period_shortest_days=30, cluster_period_longest_days=20),
            "profiles.0.cluster_period_shortest_days: cannot be more than",
        ),
        (
            _profile(unilateral=True, bilateral=True),
            "profiles.0.unilateral: cannot be true together with profiles.0.bilateral",
        ),
    ],
)
def test_impossible_classification_input_exits_2_naming_the_field(stdin, message):
    code, output, error = run("classify", "-", stdin=stdin)
    if message is None:
        assert (code, error) == (0, "") and output["profiles"]
    else:
        assert code == 2 and output is None
        assert f"headway classify: {message}" in error


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        ([], '{"age_at_onset": -1}', "age_at_onset: cannot be negative"),
        ([], '{"age_at_onset": 131}', "age_at_onset: cannot be more than 130"),
        (
            [],
            '{"months_since_new_or_changed": -1}',
            "months_since_new_or_changed: cannot be negative",
        ),
        (
            [],
            '{"new_or_changed_headache": true, "months_since_new_or_changed": NaN}',
            "months_since_new_or_changed: must be a finite number",
        ),
        (
            [],
            '{"months_since_new_or_changed": Infinity}',
            "months_since_new_or_changed: must be a finite number",
        ),
        (["--older-onset-age", "0"], "{}", "--older-onset-age: must be more than 0"),
        (["--older-onset-age", "-50"], "{}", "--older-onset-age: must be more than 0"),
        (["--recent-onset-months", "0"], "{}", "--recent-onset-months: must be more than 0"),
        (["--recent-onset-months", "nan"], "{}", "--recent-onset-months: must be a finite number"),
        (["--recent-onset-months", "inf"], "{}", "--recent-onset-months: must be a finite number"),
        (["--older-onset-age", "1", "--recent-onset-months", "0.5"], "{}", None),
    ],
)
def test_impossible_red_flag_input_exits_2_naming_the_field(argv, stdin, message):
    code, output, error = run("screen-red-flags", *argv, "-", stdin=stdin)
    if message is None:
        assert code == 0 and output["settings"]["recent_onset_months"] == 0.5
    else:
        assert code == 2 and output is None
        assert f"headway screen-red-flags: {message}" in error


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ('{"systolic_bp": -120, "diastolic_bp": 80}', "systolic_bp: must be more than 0"),
        ('{"systolic_bp": 120, "diastolic_bp": 0}', "diastolic_bp: must be more than 0"),
        (
            '{"systolic_bp": 120, "diastolic_bp": 121}',
            "diastolic_bp: cannot be more than systolic_bp (120)",
        ),
        ('{"systolic_bp": 120, "diastolic_bp": 120}', None),
        ('{"recent_trauma": true, "c_spine": {"age": -1}}', "c_spine.age: cannot be negative"),
    ],
)
def test_impossible_cervical_input_exits_2_naming_the_field(stdin, message):
    code, output, error = run("screen-cervical", "-", stdin=stdin)
    if message is None:
        assert code == 0 and output["outcome"]
    else:
        assert code == 2 and output is None
        assert f"headway screen-cervical: {message}" in error


def test_a_nan_no_longer_switches_the_recent_change_flag_off():
    """NaN compares False with the threshold, so P1 was neither raised nor listed as unknown."""
    code, _, error = run(
        "screen-red-flags",
        "-",
        stdin='{"new_or_changed_headache": true, "months_since_new_or_changed": NaN}',
    )
    assert code == 2 and "months_since_new_or_changed" in error


@pytest.mark.parametrize(
    ("days", "message"),
    [(90, None), (91, "q1: 91 is outside 0-90"), (-1, "q1: -1 is outside 0-90")],
)
def test_midas_days_stay_within_the_3_month_recall(days, message):
    answers = {"q1": days, "q2": 0, "q3": 0, "q4": 0, "q5": 0}
    code, output, error = run("score", "midas", "-", stdin=json.dumps(answers))
    if message is None:
        assert code == 0 and output["value"] == 90
    else:
        assert code == 2 and message in error


# Canadian C-spine (issue 12, 1.7): its answers without recent trauma are refused, not ignored.


@pytest.mark.parametrize("trauma", ["false", "null"])
def test_the_c_spine_rule_without_recent_trauma_is_refused(trauma):
    stdin = f'{{"recent_trauma": {trauma}, "c_spine": {{"age": 70, "dangerous_mechanism": true}}}}'
    code, output, error = run("screen-cervical", "-", stdin=stdin)
    assert code == 2 and output is None
    assert "c_spine: the Canadian C-spine rule applies only after recent trauma" in error


def test_the_c_spine_rule_after_recent_trauma_counts_age_65():
    stdin = '{"recent_trauma": true, "c_spine": {"age": 65}}'
    code, output, _ = run("screen-cervical", "-", stdin=stdin)
    assert code == 0 and output["outcome"] == "do_not_treat" and output["urgency"] == "urgent"
    assert any("age 65 (65 or over)" in r["text"] for r in output["reasons"])


# Reading the input (issue 12, 1.9).


def test_a_file_that_is_not_utf8_names_the_file_and_exits_2(tmp_path):
    latin1 = tmp_path / "answers.json"
    latin1.write_bytes('{"neoplasm_history": true, "note": "Kopfschmerz ä"}'.encode("latin-1"))
    code, output, error = run("screen-red-flags", str(latin1))
    assert code == 2 and output is None
    assert f"FILE: {latin1} is not UTF-8 text (byte 0xe4" in error


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_a_utf8_byte_order_mark_is_accepted(tmp_path, source):
    text = '\ufeff{"papilledema": true}'
    if source == "file":
        path = tmp_path / "bom.json"
        path.write_bytes(text.encode("utf-8"))
        code, output, _ = run("screen-red-flags", str(path))
    else:
        code, output, _ = run("screen-red-flags", "-", stdin=text)
    assert code == 0 and output["raised"][0]["code"] == "P4"


def test_a_numeric_hit6_answer_is_echoed_as_given():
    code, _, error = run("score", "hit6", "-", stdin='{"pain": 6}')
    assert code == 2
    assert "pain: 6 is not one of" in error and "'6'" not in error


def test_back_regions_are_named_as_outside_the_map():
    code, output, _ = run("referral", "low_back:left", "temple:right")
    assert code == 0
    assert output["not_mapped"] == ["low_back:left"] and "head, face and neck" in output["note"]
    assert output["candidates"]  # the temple still has its candidates
    _, only_back, _ = run("referral", "buttock")
    assert only_back["candidates"] == [] and only_back["not_mapped"] == ["buttock"]
    _, head_only, _ = run("referral", "temple:right")
    assert "not_mapped" not in head_only


def test_headway_help_lists_the_clinical_commands_without_a_settings_error():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-m", "headway.cli", "--help"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    for command in ("classify", "screen-red-flags", "screen-cervical", "score", "referral"):
        assert f"    {command}" in done.stdout
    assert "migrate" in done.stdout
    assert "SECRET_KEY must be set" not in done.stdout + done.stderr
    assert "settings are not properly configured" not in done.stdout + done.stderr


def test_classify_schema_names_each_brainstem_aura_symptom():
    _, schema, _ = run("classify", "--schema")
    symptoms = schema["$defs"]["AuraSymptom"]
    assert {"dysarthria", "vertigo", "tinnitus", "hypacusis", "diplopia", "ataxia"} <= set(
        symptoms["enum"]
    )
    assert "decreased_consciousness" in symptoms["enum"]
    assert "1.2.2 needs at least two" in symptoms["description"]


def _with_aura(*symptoms: str) -> str:
    example = json.loads((EXAMPLES / "classify.json").read_text())
    example["profiles"][0]["aura"] = {
        "symptoms": list(symptoms),
        "fully_reversible": True,
        "spreads_gradually_over_5_min": True,
        "each_symptom_5_to_60_min": True,
        "unilateral": True,
        "headache_within_60_min": True,
    }
    return json.dumps(example)


@pytest.mark.parametrize(
    ("symptoms", "brainstem_aura"),
    [
        (("visual", "vertigo"), "not_met"),
        (("visual", "vertigo", "diplopia"), "met"),
        (("visual", "brainstem"), "unknown"),  # as stored before: which ones not known
    ],
)
def test_classify_needs_two_named_brainstem_symptoms_for_1_2_2(symptoms, brainstem_aura):
    code, output, _ = run("classify", "-", stdin=_with_aura(*symptoms))
    assert code == 0
    first = output["profiles"][0]
    found = {e["code"]: e["outcome"] for e in first["suggested"] + first["undecided"]}
    assert found.get("1.2.2", "not_met") == brainstem_aura


def test_classify_adds_up_two_entries_of_one_drug_class():
    example = json.loads((EXAMPLES / "classify.json").read_text())
    example["total_headache_days_per_month"] = 20
    example["total_headache_months"] = 6
    example["medication"] = [
        {"drug_class": "non_opioid_analgesic", "days_per_month": 10, "months": 6},
        {"drug_class": "non_opioid_analgesic", "days_per_month": 8, "months": 6},
    ]
    code, output, _ = run("classify", "-", stdin=json.dumps(example))
    assert code == 0
    # 10 to 18 days with a non-opioid analgesic: 8.2.3 is open, not ruled out.
    assert "8.2.3" in [e["code"] for e in output["patient"]["undecided"]]


def test_reasons_are_plain_english_with_their_code_and_parameters():
    # Issue 12, point 8: before, "autonomic features: True" and "1.0 to 3.0 a day".
    cluster = {
        "duration_min_hours": 0.5,
        "duration_max_hours": 2.0,
        "attacks_per_day_min": 1.0,
        "attacks_per_day_max": 3.0,
        "cranial_autonomic_features": True,
    }
    code, output, _ = run("classify", "-", stdin=json.dumps({"profiles": [cluster]}))
    assert code == 0
    criteria = {
        c["label"]: c
        for e in output["profiles"][0]["undecided"]
        if e["code"] == "3.1"
        for c in e["criteria"]
    }
    assert criteria["D"]["reason"] == "attacks a day: 1 to 3"
    assert criteria["D"]["reason_code"] == "attacks_a_day"
    assert criteria["D"]["reason_params"] == {"low": 1.0, "high": 3.0}
    assert criteria["C"]["reason"] == "cranial autonomic features: yes; restlessness: not known"
    code, flags, _ = run("screen-red-flags", str(EXAMPLES / "red-flags.json"))
    assert flags["raised"][1]["reason_code"] == "new_or_changed_recent"
    assert ".0" not in flags["raised"][1]["reason"]
    assert flags["unknown"][0]["missing_code"] == "not_asked"

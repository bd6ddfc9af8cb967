"""Practice dashboard: its queries over the rollup against DuckDB over the raw diary days.

    uv run --frozen --group bench python bench/dashboard.py       # 100,000 patients, PostgreSQL
    uv run --frozen --group bench python bench/dashboard.py --patients 10000 --db sqlite
    BENCH_PG=postgres://postgres@127.0.0.1:5432/postgres uv run ... bench/dashboard.py

It generates a synthetic registry in a fresh database: one practice, N patients with a first
treatment, one year of diary days each (a 28-day baseline, then 337 days; about 85 % of days
recorded), diagnoses (migraine, tension-type, cluster), practitioners and techniques. The
patient x period rollup and the patients' courses are written as the app keeps them; the raw
recorded days (about 31 million at 100,000 patients) go into DuckDB, in memory.

Then, in the same run, it times the dashboard's query (headway.outcomes.dashboard, by diagnosis,
technique and practitioner, at 12 weeks and 6 months) and the same aggregation computed by
DuckDB from the raw days (periods, baseline and follow-up counts, responders, median change),
and checks both give the same numbers. Targets (issue 6): dashboard p95 under 200 ms at 100,000
patients, and faster than DuckDB over the raw rows. Not a test: the numbers depend on the
machine; the ratio to DuckDB in the same run is what to compare.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 200.0
DIARY_DAYS = 365
BASELINE = 28
DIAGNOSES = ("1.1", "2.3", "3.1.1")
MEASURES = {"1.1": "migraine_like_days", "2.3": "headache_days", "3.1.1": "attacks_per_week"}
PRACTITIONERS = 6
TECHNIQUES = 5
RUNS = 25


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def registry(patients: int, seed: int) -> dict[str, Any]:
    """The synthetic diary as numpy arrays: one row per recorded day."""
    import numpy as np

    rng = np.random.default_rng(seed)
    # First treatments spread over the 60 days that leave a full year of diary up to today.
    first_offset = rng.integers(0, 60, patients)  # days before (today - 337)
    diagnosis = rng.integers(0, len(DIAGNOSES), patients)
    base_rate = rng.uniform(0.15, 0.6, patients)
    response = rng.choice([0.0, 0.2, 0.4, 0.5, 0.6, 0.7], patients)
    days = np.arange(-BASELINE, DIARY_DAYS - BASELINE, dtype=np.int16)  # relative to first
    grid_patient = np.repeat(np.arange(patients, dtype=np.int32), len(days))
    grid_day = np.tile(days, patients)
    recorded = rng.random(grid_patient.size) < 0.85
    weeks_in = np.clip(grid_day, 0, None) / 7
    effect = 1 - response[grid_patient] * np.minimum(1.0, weeks_in / 8)
    headache = rng.random(grid_patient.size) < base_rate[grid_patient] * effect
    is_migraine = diagnosis[grid_patient] == 0
    is_cluster = diagnosis[grid_patient] == 2
    migraine = headache & is_migraine & (rng.random(grid_patient.size) < 0.7)
    attacks = np.where(headache, 1 + (is_cluster & (rng.random(grid_patient.size) < 0.5)), 0)
    keep = recorded  # days without an entry are not rows, as in the diary
    return {
        "first_offset": first_offset,
        "diagnosis": diagnosis,
        "patient": grid_patient[keep],
        "day": grid_day[keep],
        "headache": headache[keep].astype(np.int8),
        "migraine": migraine[keep].astype(np.int8),
        "attacks": attacks[keep].astype(np.int8),
    }


def measure(database_url: str, patients: int, seed: int) -> dict[str, Any]:
    """Runs in a child process with DATABASE_URL set: one configured Django per database."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "headway.settings"
    import django

    django.setup()
    import duckdb
    import numpy as np
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    from headway.accounts.models import Membership, Practice, Role, User
    from headway.care.services import technique_catalogue
    from headway.outcomes import dashboard
    from headway.patients.models import Patient

    today = date.today()
    began = time.perf_counter()
    data = registry(patients, seed)
    practice = Practice.objects.create(name="Bench practice")
    staff = []
    for n in range(PRACTITIONERS):
        user = User.objects.create_user(f"p{n}-{uuid.uuid4().hex[:6]}@example.org", "x")
        Membership.objects.create(practice=practice, user=user, role=Role.PRACTITIONER)
        staff.append(user.pk)
    technique_ids = [t.pk for t in technique_catalogue(practice)][:TECHNIQUES]
    Patient.objects.bulk_create(
        (
            Patient(
                practice=practice,
                first_name="Bench",
                last_name=f"P{i}",
                date_of_birth=date(1980, 1, 1),
            )
            for i in range(patients)
        ),
        batch_size=5000,
    )
    ids = np.array(
        Patient.objects.filter(practice=practice).order_by("pk").values_list("pk", flat=True),
        dtype=np.int64,
    )
    first = [today - timedelta(days=DIARY_DAYS - BASELINE + int(o)) for o in data["first_offset"]]
    rng = np.random.default_rng(seed + 1)
    practitioner = rng.integers(0, PRACTITIONERS, patients)
    technique = rng.integers(0, len(technique_ids), patients)

    # The rollup, counted from the same days: period 0 is the baseline, then 28-day blocks.
    period = np.where(data["day"] < 0, 0, data["day"] // 28 + 1).astype(np.int64)
    key = data["patient"].astype(np.int64) * 16 + period
    size = patients * 16
    recorded = np.bincount(key, minlength=size)
    headache = np.bincount(key, weights=data["headache"], minlength=size).astype(np.int64)
    migraine = np.bincount(key, weights=data["migraine"], minlength=size).astype(np.int64)
    attacks = np.bincount(key, weights=data["attacks"], minlength=size).astype(np.int64)
    rows = np.nonzero(recorded)[0]
    rollup = io.StringIO()
    for k in rows:
        p, index = divmod(int(k), 16)
        start = (
            first[p] - timedelta(days=BASELINE)
            if index == 0
            else first[p] + timedelta(days=28 * (index - 1))
        )
        end = first[p] - timedelta(days=1) if index == 0 else start + timedelta(days=27)
        rollup.write(
            f"{practice.pk}\t{ids[p]}\t{index}\t{start}\t{end}\t{recorded[k]}\t{headache[k]}\t"
            f"{migraine[k]}\t{attacks[k]}\t0\t0\t\\N\t{{}}\t0\t0\t0\t2026-01-01T00:00:00+00:00\n"
        )
    columns = (
        'practice_id, patient_id, index, start, "end", recorded_days, headache_days, '
        "migraine_like_days, attacks, intensity_sum, intensity_count, intensity_peak, "
        "medication_days, acute_medication_days, self_management_used, "
        "self_management_stopped, updated_at"
    )
    courses = io.StringIO()
    for p in range(patients):
        code = DIAGNOSES[int(data["diagnosis"][p])]
        courses.write(
            f"{practice.pk}\t{ids[p]}\t{first[p]}\t{BASELINE}\t{code}\t{MEASURES[code]}\t"
            f"{staff[int(practitioner[p])]}\t2026-01-01T00:00:00+00:00\n"
        )
    _load(connection, rollup.getvalue(), courses.getvalue(), columns)
    course_ids = dict(_fetch(connection, "SELECT patient_id, id FROM outcomes_patientcourse"))
    links = io.StringIO()
    for p in range(patients):
        links.write(f"{course_ids[int(ids[p])]}\t{technique_ids[int(technique[p])]}\n")
    _copy(
        connection,
        "outcomes_patientcourse_techniques",
        "patientcourse_id, technique_id",
        links.getvalue(),
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE outcomes_periodrollup")
            cursor.execute("VACUUM ANALYZE outcomes_patientcourse")
            cursor.execute("VACUUM ANALYZE outcomes_patientcourse_techniques")
    built = time.perf_counter() - began

    duck = duckdb.connect()
    duck.register(
        "days_raw",
        {
            "patient": data["patient"],
            "day": data["day"],
            "headache": data["headache"],
            "migraine": data["migraine"],
            "attacks": data["attacks"],
        },
    )
    duck.execute("CREATE TABLE days AS SELECT * FROM days_raw")
    duck.register(
        "courses_raw",
        {
            "patient": np.arange(patients, dtype=np.int32),
            "first_offset": data["first_offset"].astype(np.int32),
            "diagnosis": np.array([DIAGNOSES[int(d)] for d in data["diagnosis"]], dtype=object),
            "practitioner": np.array([staff[int(x)] for x in practitioner], dtype=np.int64),
            "technique": np.array([technique_ids[int(x)] for x in technique], dtype=np.int64),
        },
    )
    duck.execute("CREATE TABLE courses AS SELECT * FROM courses_raw")

    if os.environ.get("BENCH_EXPLAIN") and connection.vendor == "postgresql":
        sample = dashboard.DashboardQuery(
            practice_id=practice.pk,
            group_by=dashboard.GroupBy.DIAGNOSIS,
            follow_up="week_12",
            started_from=date(2000, 1, 1),
            started_until=today,
            today=today,
        )
        params = [sample.period, practice.pk, sample.started_from, sample.latest_start]
        plan = _fetch(
            connection,
            "EXPLAIN ANALYZE "
            + dashboard._sql(sample.group_by)
            % tuple(f"'{p}'" if isinstance(p, date) else p for p in params),
        )
        print("\n".join(row[0] for row in plan), file=sys.stderr)
    results: list[dict[str, Any]] = []
    for group_by in ("diagnosis", "technique", "practitioner"):
        for follow_up in ("week_12", "month_6"):
            query = dashboard.DashboardQuery(
                practice_id=practice.pk,
                group_by=dashboard.GroupBy(group_by),
                follow_up=follow_up,
                started_from=date(2000, 1, 1),
                started_until=today,
                today=today,
            )
            ours = _time(lambda q=query: dashboard.outcomes_by_group(q))
            latest_offset = (today - query.latest_start).days - (DIARY_DAYS - BASELINE)
            theirs = _time(
                lambda g=group_by, q=query, lo=latest_offset: _duck(duck, g, q.period, lo)
            )
            mine = {
                str(g.key): (g.patients, g.evaluable, g.responders_50, g.responders_30)
                for g in ours["value"]
            }
            other = {str(k): v for k, v in theirs["value"].items()}
            results.append(
                {
                    "group_by": group_by,
                    "follow_up": follow_up,
                    "p50": ours["p50"],
                    "p95": ours["p95"],
                    "duck_p50": theirs["p50"],
                    "duck_p95": theirs["p95"],
                    "same": mine == other,
                    "patients": sum(v[0] for v in mine.values()),
                }
            )
    # The page as served (view, every query, template), beside a trivial page in the same run:
    # a slow view cannot hide behind a fast aggregate (issue 13, point 2.3).
    from django.test import Client

    sys.path.insert(0, str(ROOT / "bench"))
    from lists import time_pages

    client = Client()
    client.force_login(User.objects.get(pk=staff[0]), "django.contrib.auth.backends.ModelBackend")
    pages = time_pages(
        client,
        (
            ("trivial page (/healthz)", "/healthz"),
            ("dashboard by diagnosis", "/outcomes/"),
            ("dashboard by technique", "/outcomes/?group_by=technique&follow_up=week_12"),
            ("dashboard by practitioner", "/outcomes/?group_by=practitioner&follow_up=month_6"),
        ),
    )
    return {
        "built_s": built,
        "raw_rows": int(data["patient"].size),
        "results": results,
        "pages": pages,
    }


def _fetch(connection: Any, sql: str) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return list(cursor.fetchall())


def _copy(connection: Any, table: str, columns: str, text: str) -> None:
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            copy.write(text)
        return
    rows = [[None if v == "\\N" else v for v in line.split("\t")] for line in text.splitlines()]
    marks = ", ".join("?" * len(rows[0]))
    insert = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - our own names
    connection.connection.executemany(insert, rows)


def _load(connection: Any, rollup: str, courses: str, rollup_columns: str) -> None:
    from django.db import transaction

    with transaction.atomic():
        _copy(
            connection,
            "outcomes_patientcourse",
            "practice_id, patient_id, first_treatment, baseline_days, diagnosis, "
            "primary_measure, practitioner_id, updated_at",
            courses,
        )
        _copy(
            connection,
            "outcomes_periodrollup",
            rollup_columns.replace("index,", '"index",'),
            rollup,
        )


def _time(run: Any) -> dict[str, Any]:
    value = run()  # warm-up
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        value = run()
        times.append((time.perf_counter() - began) * 1000)
    return {"value": value, "p50": statistics.median(times), "p95": percentile(times, 0.95)}


def _duck(
    duck: Any, group_by: str, follow_period: int, latest_offset: int
) -> dict[str, tuple[int, int, int, int]]:
    """The dashboard's aggregation from the raw days: periods, counts, responders."""
    key = {
        "diagnosis": "c.diagnosis",
        "technique": "c.technique",
        "practitioner": "c.practitioner",
    }[group_by]
    count = (
        "CASE c.diagnosis WHEN '1.1' THEN {t}.migraine WHEN '3.1.1' THEN {t}.attacks "
        "ELSE {t}.headache END"
    )
    b, f = count.format(t="b"), count.format(t="f")
    evaluable = f"(b.rec * 2 >= {BASELINE} AND f.rec * 2 >= 28 AND {b} > 0)"
    sql = f"""
    WITH per AS (
      SELECT patient, CASE WHEN day < 0 THEN 0 ELSE day // 28 + 1 END AS idx,
             count(*) AS rec, sum(headache) AS headache, sum(migraine) AS migraine,
             sum(attacks) AS attacks
      FROM days GROUP BY ALL
    ),
    b AS (SELECT * FROM per WHERE idx = 0),
    f AS (SELECT * FROM per WHERE idx = {follow_period})
    SELECT {key} AS grp, count(*),
      sum(CASE WHEN {evaluable} THEN 1 ELSE 0 END),
      sum(CASE WHEN {evaluable} AND {f} * b.rec * 2 <= {b} * f.rec THEN 1 ELSE 0 END),
      sum(CASE WHEN {evaluable} AND {f} * b.rec * 10 <= {b} * f.rec * 7 THEN 1 ELSE 0 END)
    FROM courses c
    LEFT JOIN b ON b.patient = c.patient
    LEFT JOIN f ON f.patient = c.patient
    WHERE c.first_offset >= {latest_offset}
    GROUP BY grp
    """  # noqa: S608 - our own fragments and integers
    return {row[0]: tuple(int(v or 0) for v in row[1:]) for row in duck.execute(sql).fetchall()}


def run_child(label: str, url: str, patients: int, seed: int) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--child",
        url,
        "--patients",
        str(patients),
        "--seed",
        str(seed),
    ]
    done = subprocess.run(  # noqa: S603 - our own script, with arguments we built
        command, capture_output=True, text=True, cwd=ROOT, env=os.environ.copy(), check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{label} failed:\n{done.stderr[-3000:]}")
    if os.environ.get("BENCH_EXPLAIN"):
        print(done.stderr[-6000:])
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        # The app's var folder for this run, removed with everything in it when the run ends.
        with tempfile.TemporaryDirectory(prefix="headway-bench-") as var:
            os.environ.setdefault("HEADWAY_VAR_DIR", var)
            print(json.dumps(measure(args.child, args.patients, args.seed)))
        return
    sys.path.insert(0, str(ROOT / "bench"))
    from diary_sync import postgres_database

    if args.db == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            result = run_child(
                "SQLite", f"sqlite:///{folder}/bench.sqlite3", args.patients, args.seed
            )
    else:
        admin = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres")
        url, drop = postgres_database(admin)
        try:
            result = run_child("PostgreSQL", url, args.patients, args.seed)
        finally:
            drop()
    print(
        f"Dashboard on {args.db}: {args.patients} patients, {result['raw_rows']} recorded diary "
        f"days (built in {result['built_s']:.0f} s); {RUNS} runs per query after a warm-up"
    )
    print(
        f"{'group by':<13} {'follow-up':<9} {'patients':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'duckdb p50':>10} {'duckdb p95':>10} {'ratio':>6} {'same':>5}"
    )
    worst = 0.0
    for r in result["results"]:
        ratio = r["p95"] / r["duck_p95"]
        worst = max(worst, r["p95"])
        print(
            f"{r['group_by']:<13} {r['follow_up']:<9} {r['patients']:>8} {r['p50']:>8.1f} "
            f"{r['p95']:>8.1f} {r['duck_p50']:>10.1f} {r['duck_p95']:>10.1f} {ratio:>6.2f} "
            f"{'yes' if r['same'] else 'NO':>5}"
        )
    faster = all(r["p95"] < r["duck_p95"] for r in result["results"])
    print("\nThe dashboard page as served (Django's test client, whole request):")
    from lists import print_pages

    print_pages(result["pages"])
    print(
        f"Dashboard p95 at most {worst:.1f} ms: {'meets' if worst < TARGET_MS else 'MISSES'} "
        f"the {TARGET_MS:.0f} ms target; {'faster' if faster else 'NOT faster'} than DuckDB "
        "over the raw days in every query"
    )


if __name__ == "__main__":
    main()

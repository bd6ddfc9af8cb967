"""Practice list pages as served: the overdue questionnaires, the patient list and the
dashboard, beside a trivial page measured in the same run.

    uv run --frozen python bench/lists.py                      # 5,000 patients, PostgreSQL
    uv run --frozen python bench/lists.py --patients 1000 --db sqlite

It generates one practice with N patients in a fresh database: each with a first treatment
200 days ago, a confirmed diagnosis, three questionnaires never answered (baseline, 12 weeks and
6 months, so all three are overdue) and an audit entry. Then it times each page through
Django's test client (the whole request: middleware, view, queries, template), 25 runs after a
warm-up, with the number of queries of one request. Target (issue 13, point 2.2): the overdue
list under 100 ms at 5,000 patients (it took 8.8 s and 6,842 queries before). Not a test: the
numbers depend on the machine; the ratio to the trivial page is what to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 100.0
RUNS = 25
DIAGNOSES = ("1.1", "2.2", "3.1")
PAGES = (
    ("trivial page (/healthz)", "/healthz"),
    ("overdue questionnaires", "/outcomes/overdue/"),
    ("patient list", "/patients/"),
    ("patient list, diagnosis 1.1", "/patients/?diagnosis=1.1"),
    ("patient list, search", "/patients/?q=P12"),
    ("audit trail", "/practice/audit/"),
    ("practice dashboard", "/outcomes/"),
)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def time_pages(client: Any, pages: tuple[tuple[str, str], ...]) -> list[dict[str, Any]]:
    """Each page as served: p50 and p95 over RUNS requests after a warm-up, and its queries."""
    from django.db import connection

    results = []
    for label, url in pages:
        captured: list[str] = []  # a wrapper, since each request empties connection.queries

        def count(execute: Any, sql: str, *rest: Any, seen: list[str] = captured) -> Any:
            seen.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(count):
            status = client.get(url, HTTP_HOST="localhost").status_code
        if status != 200:
            raise SystemExit(f"{url} answered {status}")
        times = []
        for _ in range(RUNS):
            began = time.perf_counter()
            client.get(url, HTTP_HOST="localhost")
            times.append((time.perf_counter() - began) * 1000)
        results.append(
            {
                "page": label,
                "url": url,
                "queries": len(captured),
                "p50": statistics.median(times),
                "p95": percentile(times, 0.95),
            }
        )
    return results


def print_pages(results: list[dict[str, Any]]) -> None:
    floor = results[0]["p50"]
    print(f"{'page':<30} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'x trivial':>9}")
    for r in results:
        print(
            f"{r['page']:<30} {r['queries']:>7} {r['p50']:>8.1f} {r['p95']:>8.1f} "
            f"{r['p50'] / floor:>9.1f}"
        )


def measure(database_url: str, patients: int) -> dict[str, Any]:
    """Runs in a child process with DATABASE_URL set: one configured Django per database."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "headway.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    from headway.accounts.models import Membership, Practice, Role, User
    from headway.audit.models import AuditEntry
    from headway.care.models import ClassificationRun, DiagnosisDecision, TreatmentSession
    from headway.clinical.outcomes import schedule
    from headway.outcomes.models import ScheduledQuestionnaire
    from headway.patients.models import Patient

    began = time.perf_counter()
    practice = Practice.objects.create(name="Bench practice")
    owner = User.objects.create_user("owner@example.org", "x", full_name="Bench Owner")
    Membership.objects.create(practice=practice, user=owner, role=Role.OWNER)
    first = timezone.localdate() - timedelta(days=200)
    people = Patient.objects.bulk_create(
        (
            Patient(
                practice=practice,
                first_name="Bench",
                last_name=f"P{i}",
                date_of_birth=first.replace(year=1980),
            )
            for i in range(patients)
        ),
        batch_size=1000,
    )
    TreatmentSession.objects.bulk_create(
        (TreatmentSession(practice=practice, patient=p, session_date=first) for p in people),
        batch_size=1000,
    )
    runs = ClassificationRun.objects.bulk_create(
        (ClassificationRun(practice=practice, patient=p, source="intake") for p in people),
        batch_size=1000,
    )
    DiagnosisDecision.objects.bulk_create(
        (
            DiagnosisDecision(
                practice=practice,
                patient=p,
                run=run,
                suggested_code=DIAGNOSES[i % 3],
                suggested_name="",
                decision="confirmed",
                code=DIAGNOSES[i % 3],
                reason="bench",
            )
            for i, (p, run) in enumerate(zip(people, runs, strict=True))
        ),
        batch_size=1000,
    )
    ScheduledQuestionnaire.objects.bulk_create(
        (
            # Dated as questionnaires_schedule dates them: from the first treatment.
            ScheduledQuestionnaire(
                practice=practice,
                patient=p,
                instrument=i,
                timepoint=t,
                due=schedule.due_date(schedule.Timepoint(t), first),
            )
            for p in people
            for i, t in (("hit6", "baseline"), ("hit6", "week_12"), ("pgic", "month_6"))
        ),
        batch_size=1000,
    )
    sample = AuditEntry.objects.log_create(
        people[0], force_log=True, action=AuditEntry.Action.ACCESS, action_code="patient.viewed"
    )
    AuditEntry.objects.bulk_create(
        (
            AuditEntry(
                content_type_id=sample.content_type_id,
                object_pk=str(p.pk),
                object_id=p.pk,
                object_repr=str(p),
                action=sample.action,
                action_code="patient.viewed",
                practice_id=practice.pk,
                patient_ref=p.pk,
                timestamp=sample.timestamp,
            )
            for p in people[1:]
        ),
        batch_size=1000,
    )
    built = time.perf_counter() - began
    client = Client()
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    return {"built_s": built, "pages": time_pages(client, PAGES)}


def run_child(label: str, url: str, patients: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", url, "--patients", str(patients)]
    done = subprocess.run(  # noqa: S603 - our own script, with arguments we built
        command, capture_output=True, text=True, cwd=ROOT, env=os.environ.copy(), check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{label} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--patients", type=int, default=5000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        # The app's var folder for this run, removed with everything in it when the run ends.
        with tempfile.TemporaryDirectory(prefix="headway-bench-") as var:
            os.environ.setdefault("HEADWAY_VAR_DIR", var)
            print(json.dumps(measure(args.child, args.patients)))
        return
    sys.path.insert(0, str(ROOT / "bench"))
    from diary_sync import postgres_database

    if args.db == "sqlite":
        with tempfile.TemporaryDirectory(prefix="headway-bench-") as folder:
            result = run_child("SQLite", f"sqlite:///{folder}/bench.sqlite3", args.patients)
    else:
        admin = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres")
        url, drop = postgres_database(admin)
        try:
            result = run_child("PostgreSQL", url, args.patients)
        finally:
            drop()
    print(
        f"List pages on {args.db}: {args.patients} patients, {3 * args.patients} overdue "
        f"questionnaires (built in {result['built_s']:.0f} s); {RUNS} requests per page after "
        "a warm-up, through Django's test client"
    )
    print_pages(result["pages"])
    overdue = next(r for r in result["pages"] if r["url"] == "/outcomes/overdue/")
    verdict = "meets" if overdue["p95"] < TARGET_MS else "MISSES"
    print(
        f"Overdue list p95 {overdue['p95']:.1f} ms: {verdict} the {TARGET_MS:.0f} ms target at "
        f"{args.patients} patients"
    )


if __name__ == "__main__":
    main()

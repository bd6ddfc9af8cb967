"""Diary sync throughput: the real API against a raw insert of the same rows (the limit).

    uv run --frozen python bench/diary_sync.py                 # SQLite and PostgreSQL
    uv run --frozen python bench/diary_sync.py --db sqlite --batches 10
    BENCH_PG=postgres://postgres@127.0.0.1:5432/postgres uv run --frozen python bench/diary_sync.py

For each database it generates synthetic attacks and check-ins, then, in the same run and the
same fresh database:
  - raw:    DiaryEntry rows bulk-inserted, one INSERT per batch, no validation (the floor);
  - api:    POST /api/diary/sync through Django's full request stack (middleware, session,
            ninja, per-entry validation, conflict rule, history, audit), in-process, no network;
  - replay: the same batches sent again (every entry "unchanged"), as a phone does after a
            lost answer.
It prints entries per second and p50/p95 per batch, and the API's rate as a ratio of the raw
rate. Target (issue 5): ratio >= 0.25 on PostgreSQL with 500-entry batches. Not a test: the
numbers depend on the machine; the ratio is what to compare.
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
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.25


def entries(count: int, seed: int) -> list[dict[str, Any]]:
    """Realistic payloads: two thirds check-ins, one third detailed attacks."""
    import random

    rng = random.Random(seed)
    # Every two hours, ending before now (the API refuses entries dated in the future).
    start = datetime.now(UTC) - timedelta(hours=2 * count + 48)
    out = []
    for i in range(count):
        when = start + timedelta(hours=i * 2, minutes=rng.randint(0, 59))
        entry: dict[str, Any] = {
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "changed_at": when.isoformat(),
            "day": when.date().isoformat(),
        }
        if i % 3:
            entry |= {"kind": "checkin", "headache": bool(i % 2), "worst_intensity": i % 10}
            if not i % 2:
                entry["worst_intensity"] = None
        else:
            entry |= {
                "kind": "attack",
                "start": when.isoformat(),
                "end": (when + timedelta(minutes=rng.randint(20, 600))).isoformat(),
                "peak_intensity": rng.randint(3, 10),
                "side": rng.choice(["left", "right", "both"]),
                "regions": rng.sample(["eye", "temple", "forehead", "occiput"], 2),
                "quality": "pressing",
                "nausea": rng.random() < 0.5,
                "photophobia": rng.random() < 0.5,
                "phonophobia": False,
                "medications": [{"drug_class": "triptan", "name": "Sumatriptan", "dose": "50 mg"}],
                "self_management": {"used": True, "stopped_attack": False, "minutes": 10},
                "triggers": ["stress"],
                "note": "synthetic",
            }
        out.append(entry)
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary(name: str, times: list[float], size: int) -> dict[str, Any]:
    return {
        "path": name,
        "rate": size * len(times) / sum(times),
        "p50_ms": statistics.median(times) * 1000,
        "p95_ms": percentile(times, 0.95) * 1000,
    }


def measure(database_url: str, batches: int, size: int) -> list[dict[str, Any]]:
    """Runs in a child process with DATABASE_URL set: one configured Django per database."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "1")  # a development key; the query log is switched off below
    os.environ["DJANGO_SETTINGS_MODULE"] = "headway.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)

    from headway.accounts.models import Practice, User
    from headway.diary.models import DiaryEntry
    from headway.patients.models import Patient

    practice = Practice.objects.create(name="Bench practice")

    def patient(tag: str) -> Patient:
        user = User.objects.create_user(f"{tag}-{uuid.uuid4().hex[:8]}@example.org", "x")
        return Patient.objects.create(
            practice=practice,
            first_name="Bench",
            last_name=tag,
            date_of_birth=datetime(1980, 1, 1).date(),
            user=user,
        )

    data = entries(batches * size + size, seed=1)  # one extra batch warms each path up
    chunks = [data[i : i + size] for i in range(0, len(data), size)]

    # Raw: the same rows, straight into the table.
    raw_patient = patient("raw")
    raw_times = []
    for n, chunk in enumerate(chunks):
        rows = [
            DiaryEntry(
                practice_id=practice.pk,
                patient=raw_patient,
                client_id=e["id"],
                kind=e["kind"],
                day=e["day"],
                data={k: v for k, v in e.items() if k not in ("id", "changed_at")},
                changed_at=e["changed_at"],
                fingerprint="x" * 64,
            )
            for e in chunk
        ]
        began = time.perf_counter()
        with transaction.atomic():
            DiaryEntry.objects.bulk_create(rows)
        if n:
            raw_times.append(time.perf_counter() - began)

    # API: the phone's request, through the whole stack.
    api_patient = patient("api")
    client = Client()
    assert api_patient.user is not None
    client.force_login(api_patient.user)

    def sync(chunk: list[dict[str, Any]]) -> float:
        body = json.dumps({"entries": chunk})
        began = time.perf_counter()
        response = client.post("/api/diary/sync", body, content_type="application/json")
        elapsed = time.perf_counter() - began
        assert response.status_code == 200, response.content[:300]
        assert response.json()["rejected"] == 0
        return elapsed

    api_times = [sync(chunk) for chunk in chunks][1:]
    replay_times = [sync(chunk) for chunk in chunks][1:]
    assert DiaryEntry.objects.filter(patient=api_patient).count() == len(data)
    return [
        summary("raw", raw_times, size),
        summary("api", api_times, size),
        summary("replay", replay_times, size),
    ]


def run_child(label: str, url: str, batches: int, size: int) -> list[dict[str, Any]]:
    command = [sys.executable, __file__, "--child", url, "--batches", str(batches)]
    command += ["--batch-size", str(size)]
    done = subprocess.run(  # noqa: S603 - our own script, with arguments we built
        command, capture_output=True, text=True, cwd=ROOT, env=os.environ.copy(), check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{label} failed:\n{done.stderr[-3000:]}")
    result: list[dict[str, Any]] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def postgres_database(admin_url: str) -> tuple[str, Any]:
    import psycopg

    name = f"headway_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return admin_url.rsplit("/", 1)[0] + "/" + name, drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--batches", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        # The app's var folder for this run, removed with everything in it when the run ends.
        with tempfile.TemporaryDirectory(prefix="headway-bench-") as var:
            os.environ.setdefault("HEADWAY_VAR_DIR", var)
            print(json.dumps(measure(args.child, args.batches, args.batch_size)))
        return

    results: dict[str, list[dict[str, Any]]] = {}
    if args.db in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{folder}/bench.sqlite3"
            results["SQLite"] = run_child("SQLite", url, args.batches, args.batch_size)
    if args.db in ("postgres", "both"):
        admin = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres")
        url, drop = postgres_database(admin)
        try:
            results["PostgreSQL"] = run_child("PostgreSQL", url, args.batches, args.batch_size)
        finally:
            drop()

    print(
        f"Diary sync: {args.batches} batches of {args.batch_size} entries per path "
        "(after one warm-up batch)"
    )
    print(
        f"{'database':<11} {'path':<7} {'entries/s':>10} {'p50 ms':>9} {'p95 ms':>9} {'ratio':>7}"
    )
    for database, rows in results.items():
        raw = rows[0]["rate"]
        for row in rows:
            ratio = row["rate"] / raw
            print(
                f"{database:<11} {row['path']:<7} {row['rate']:>10.0f} {row['p50_ms']:>9.1f} "
                f"{row['p95_ms']:>9.1f} {ratio:>7.2f}"
            )
    if "PostgreSQL" in results and args.batch_size == 500:
        ratio = results["PostgreSQL"][1]["rate"] / results["PostgreSQL"][0]["rate"]
        verdict = "meets" if ratio >= TARGET else "MISSES"
        print(f"PostgreSQL api/raw ratio {ratio:.2f} {verdict} the target of {TARGET:.2f}")


if __name__ == "__main__":
    main()

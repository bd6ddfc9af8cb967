"""A patient's outcome page as served, at 1 month and at 5 years of diary, beside a trivial page.

    uv run --frozen --group bench python bench/pages.py               # PostgreSQL
    uv run --frozen --group bench python bench/pages.py --db sqlite
    BENCH_PG=postgres://postgres@127.0.0.1:5432/postgres uv run ... bench/pages.py

It builds a fresh database with one practice, one practitioner and two synthetic patients: one
with a month of diary (a 28-day baseline, treated yesterday), one with 5 years (a baseline, then
treatment every two weeks for three months and every eight weeks after, HIT-6 and NDI answered
at baseline, 4 and 12 weeks and every six months). The diary goes in through the sync service,
as the phone sends it, so the rollup is kept as in use: a check-in on about 85 % of days, an
attack with medicine and triggers on about one day in five.

Then, in the same run and the same process, through Django's full request stack (middleware,
session, audit, templates; no network), it times:
  - floor:   GET /healthz by the same signed-in client (the request path with nothing in it);
  - 1 month: the outcome page of the first patient;
  - 5 years: the outcome page of the second;
  - a chart, 5 years: one of its chart drawings (SVG), which the page links to;
  - first view: each outcome page once right after a new diary entry (charts drawn again).
It prints p95 and median of each, and each as a multiple of the floor. Targets (issue 13, 2.1):
p95 under 150 ms at 5 years, and 5 years no more than 1.5 times 1 month. Not a test: the
numbers depend on the machine; the ratios are what to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_P95_MS = 150.0
TARGET_RATIO = 1.5
RUNS = 40


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def diary(first_day: date, last_day: date, rng: random.Random) -> list[dict[str, Any]]:
    """The phone's entries from first_day to last_day."""
    stamp = datetime(2026, 1, 1, tzinfo=UTC).isoformat()
    entries: list[dict[str, Any]] = []
    day = first_day
    while day <= last_day:
        if rng.random() < 0.85:
            base = {"id": str(uuid.uuid4()), "changed_at": stamp, "day": day.isoformat()}
            if rng.random() < 0.2:
                start = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
                medicine = rng.choice(["triptan", "non_opioid_analgesic", None])
                entries.append(
                    base
                    | {
                        "kind": "attack",
                        "start": start.isoformat(),
                        "end": (start + timedelta(hours=rng.randint(2, 20))).isoformat(),
                        "peak_intensity": rng.randint(3, 9),
                        "medications": [{"drug_class": medicine}] if medicine else [],
                        "triggers": rng.sample(["stress", "sleep", "alcohol", "weather"], 1),
                    }
                )
            else:
                headache = rng.random() < 0.15
                entries.append(
                    base
                    | {
                        "kind": "checkin",
                        "headache": headache,
                        "worst_intensity": rng.randint(1, 5) if headache else None,
                    }
                )
        day += timedelta(days=1)
    return entries


def patient_build(practice: Any, by: Any, *, diary_days: int, rng: random.Random) -> Any:
    from headway.care.models import TreatmentSession
    from headway.diary.schemas import EntryIn
    from headway.diary.services import diary_entries_upsert
    from headway.outcomes import services
    from headway.outcomes.demo import _answers
    from headway.outcomes.models import Source
    from headway.patients.models import Patient

    today = date.today()
    begins = today - timedelta(days=diary_days)
    first = begins + timedelta(days=28)
    patient = Patient.objects.create(
        practice=practice,
        first_name="Bench",
        last_name=f"D{diary_days}",
        date_of_birth=date(1980, 1, 1),
    )
    sessions, day, n = [], first, 0
    while day < today:
        sessions.append(
            TreatmentSession(practice=practice, patient=patient, session_date=day, practitioner=by)
        )
        n += 1
        day += timedelta(days=14 if n < 7 else 56)
    TreatmentSession.objects.bulk_create(sessions)
    services.course_refresh(patient=patient)
    services.rollup_refresh(patient=patient, days=())
    entries = [EntryIn.model_validate(e) for e in diary(begins, today - timedelta(days=1), rng)]
    for at in range(0, len(entries), 500):
        diary_entries_upsert(patient=patient, entries=entries[at : at + 500])
    answered = [first - timedelta(days=1), first + timedelta(weeks=4), first + timedelta(weeks=12)]
    answered += [first + timedelta(days=182 * k) for k in range(1, 11)]
    for k, on in enumerate(d for d in answered if d < today):
        for key in ("hit6", "ndi"):
            services.questionnaire_record(
                patient=patient,
                instrument_key=key,
                answers=_answers(key, max(0.1, 0.7 - 0.1 * k), rng),
                completed_on=on,
                source=Source.PAPER,
                entered_by=by,
            )
    return patient


def timed(client: Any, url: str, runs: int) -> dict[str, float]:
    client.get(url)  # warm-up
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return {"p50": statistics.median(times), "p95": percentile(times, 0.95)}


def first_view(client: Any, patient: Any, url: str, rng: random.Random) -> float:
    """The page right after a new diary entry: the one view that draws the charts again."""
    from headway.diary.schemas import EntryIn
    from headway.diary.services import diary_entries_upsert

    yesterday = date.today() - timedelta(days=1)
    entry = diary(yesterday, yesterday, random.Random(rng.random()))
    entry = entry or [
        {
            "id": str(uuid.uuid4()),
            "changed_at": datetime(2026, 1, 2, tzinfo=UTC).isoformat(),
            "day": yesterday.isoformat(),
            "kind": "checkin",
            "headache": False,
            "worst_intensity": None,
        }
    ]
    diary_entries_upsert(patient=patient, entries=[EntryIn.model_validate(e) for e in entry])
    began = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200
    return (time.perf_counter() - began) * 1000


def measure(database_url: str, runs: int, seed: int) -> dict[str, Any]:
    """Runs in a child process with DATABASE_URL set: one configured Django per database."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "headway.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from headway.accounts.models import Membership, Practice, Role, User

    rng = random.Random(seed)
    practice = Practice.objects.create(name="Bench practice")
    user = User.objects.create_user(f"p-{uuid.uuid4().hex[:6]}@example.org", "x")
    Membership.objects.create(practice=practice, user=user, role=Role.PRACTITIONER)
    began = time.perf_counter()
    month = patient_build(practice, user, diary_days=29, rng=rng)
    years = patient_build(practice, user, diary_days=5 * 365, rng=rng)
    built = time.perf_counter() - began
    client = Client()
    client.force_login(user)
    pages = {
        "floor": reverse("healthz") if _named("healthz") else "/healthz",
        "1 month": reverse("patient_outcomes", args=[month.pk]),
        "5 years": reverse("patient_outcomes", args=[years.pk]),
    }
    results = {name: timed(client, url, runs) for name, url in pages.items()}
    # Each chart's drawing is its own request (not cached: patient data, no-store).
    chart = reverse("outcome_chart", args=[years.pk, 0])
    results["a chart, 5 years"] = timed(client, chart, runs)
    results["first view, 1 month"] = {"once": first_view(client, month, pages["1 month"], rng)}
    results["first view, 5 years"] = {"once": first_view(client, years, pages["5 years"], rng)}
    from headway.diary.models import DiaryEntry

    return {
        "built_s": built,
        "entries": DiaryEntry.objects.filter(patient=years).count(),
        "results": results,
    }


def _named(name: str) -> bool:
    from django.urls import NoReverseMatch, reverse

    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


def run_child(label: str, url: str, runs: int, seed: int, var_dir: str) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", url, "--runs", str(runs), "--seed", str(seed)]
    env = os.environ.copy() | {"HEADWAY_VAR_DIR": var_dir}
    done = subprocess.run(  # noqa: S603 - our own script, with arguments we built
        command, capture_output=True, text=True, cwd=ROOT, env=env, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{label} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def report(label: str, result: dict[str, Any]) -> bool:
    r = result["results"]
    floor = r["floor"]["p50"]
    print(
        f"\n{label}: built in {result['built_s']:.1f} s; 5 years = {result['entries']} diary "
        "entries"
    )
    print(f"  {'page':<22} {'median ms':>10} {'p95 ms':>8} {'median / floor':>15}")
    for name in ("floor", "1 month", "5 years", "a chart, 5 years"):
        row = r[name]
        print(f"  {name:<22} {row['p50']:>10.1f} {row['p95']:>8.1f} {row['p50'] / floor:>15.1f}")
    for name in ("first view, 1 month", "first view, 5 years"):
        print(f"  {name:<22} {r[name]['once']:>10.1f} {'(once)':>8}")
    ratio = r["5 years"]["p95"] / r["1 month"]["p95"]
    ok = r["5 years"]["p95"] < TARGET_P95_MS and ratio <= TARGET_RATIO
    print(
        f"  5 years p95 {r['5 years']['p95']:.1f} ms (target < {TARGET_P95_MS:.0f}); "
        f"5 years / 1 month at p95 {ratio:.2f} (target <= {TARGET_RATIO}): "
        + ("met" if ok else "NOT met")
    )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="postgres")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.runs, args.seed)))
        return
    sys.path.insert(0, str(ROOT / "bench"))
    from diary_sync import postgres_database

    ok = True
    # Everything the run writes (database, media, logs) goes into folders removed at the end.
    var_dir = tempfile.mkdtemp(prefix="headway-bench-pages-")
    try:
        if args.db in ("sqlite", "both"):
            url = f"sqlite:///{var_dir}/bench.sqlite3"
            ok &= report("SQLite", run_child("SQLite", url, args.runs, args.seed, var_dir))
        if args.db in ("postgres", "both"):
            admin = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres")
            url, drop = postgres_database(admin)
            try:
                result = run_child("PostgreSQL", url, args.runs, args.seed, var_dir)
            finally:
                drop()
            ok &= report("PostgreSQL", result)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

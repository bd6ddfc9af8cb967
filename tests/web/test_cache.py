"""The counters behind rate limits are shared by every worker (issue 12, point 4.3): a cache in
each process's memory let 4 gunicorn workers send 4 sign-in mails where 1 is allowed. Each
"worker" here is a separate Python process, as under gunicorn."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]

WORKER = r"""
import sys

import django

django.setup()
from django.test.utils import setup_test_environment

setup_test_environment()
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

step, email = sys.argv[1], sys.argv[2]
if step == "setup":
    call_command("migrate", verbosity=0)
    cache.clear()
    from headway.accounts.models import User

    User.objects.create_user(email, "correct horse battery staple")
else:
    Client().post("/accounts/login/link/", {"email": email})
    print(len(mail.outbox))
"""

SETTINGS = r"""
import json

import django

django.setup()
from django.conf import settings

print(json.dumps(settings.CACHES["default"]))
"""


def _run(script: str, *args: str, env: dict[str, str], settings: str) -> str:
    full = {
        **env,
        "DJANGO_SETTINGS_MODULE": settings,
        "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(  # noqa: S603 (our own script, run by this Python)
        [sys.executable, "-c", script, *args],
        env=full,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_two_workers_send_one_sign_in_link_where_one_is_allowed(tmp_path: Path):
    # Both processes use the project's own cache setting (the database by default, Redis when
    # REDIS_URL is set, as in .ci/run) and one database file between them.
    env = {
        **os.environ,
        "HEADWAY_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    email = f"worker-{uuid.uuid4().hex[:8]}@example.org"
    _run(WORKER, "setup", email, env=env, settings="headway_test_settings")
    sent = [int(_run(WORKER, "ask", email, env=env, settings="headway_test_settings"))]
    sent.append(int(_run(WORKER, "ask", email, env=env, settings="headway_test_settings")))
    assert sent == [1, 0]


@pytest.mark.parametrize(
    ("variables", "backend", "location"),
    [
        ({}, "django.core.cache.backends.db.DatabaseCache", "headway_cache"),
        (
            {"REDIS_URL": "redis://cache.internal:6379/2"},
            "django.core.cache.backends.redis.RedisCache",
            "redis://cache.internal:6379/2",
        ),
        (
            {"CACHE_URL": "redis://first:6379/0", "REDIS_URL": "redis://second:6379/0"},
            "django.core.cache.backends.redis.RedisCache",
            "redis://first:6379/0",
        ),
    ],
)
def test_the_cache_is_the_database_unless_a_redis_url_is_set(
    tmp_path: Path, variables: dict[str, str], backend: str, location: str
):
    env = {k: v for k, v in os.environ.items() if k not in ("CACHE_URL", "REDIS_URL", "DEBUG")}
    env.update(variables, SECRET_KEY="x" * 50, HEADWAY_VAR_DIR=str(tmp_path))
    chosen = json.loads(_run(SETTINGS, env=env, settings="headway.settings"))
    assert (chosen["BACKEND"], chosen["LOCATION"]) == (backend, location)


@pytest.mark.skipif(
    not (os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL")),
    reason="no CACHE_URL/REDIS_URL: the database cache is tested; .ci/run tests Redis as well",
)
def test_a_configured_redis_is_used_and_answers(db: None):
    from django.core.cache import cache, caches

    assert type(caches["default"]).__name__ == "RedisCache"
    key = f"probe-{uuid.uuid4().hex}"
    assert cache.add(key, 0, timeout=30)
    assert cache.incr(key) == 1 and cache.get(key) == 1
    cache.delete(key)

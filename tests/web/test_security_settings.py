"""The production defaults of design.md section 6, read from headway.settings itself."""

import importlib
import os
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured

import headway.settings


def load_production(**env: str):  # type: ignore[no-untyped-def]
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "HEADWAY_HTTPS", "SECRET_KEY", "DATABASE_URL")
    }
    with mock.patch.dict(os.environ, {**clean, **env}, clear=True):
        return importlib.reload(headway.settings)


@pytest.fixture(autouse=True)
def restore_settings_module():
    yield
    importlib.reload(headway.settings)


def test_production_requires_a_secret_key():
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        load_production()


def test_production_defaults_are_safe():
    prod = load_production(SECRET_KEY="k" * 50)
    assert prod.DEBUG is False
    assert prod.SESSION_COOKIE_SECURE and prod.CSRF_COOKIE_SECURE and prod.SECURE_SSL_REDIRECT
    assert prod.SECURE_HSTS_SECONDS >= 31536000
    assert prod.ALLOWED_HOSTS == []
    assert prod.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"] == ["'self'"]


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    prod = load_production(SECRET_KEY="k" * 50)
    options = prod.DATABASES["default"]["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"] and options["timeout"] >= 5


def test_database_url_selects_postgresql():
    prod = load_production(
        SECRET_KEY="k" * 50, DATABASE_URL="postgres://u@db.internal:5432/headway"
    )
    assert prod.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert prod.DATABASES["default"]["HOST"] == "db.internal"


def test_pages_carry_a_content_security_policy(client, db):
    response = client.get("/accounts/login/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"

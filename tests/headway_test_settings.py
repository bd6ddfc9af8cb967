"""Settings for the test suite: production settings with test-only keys and fast hashing.

Everything else (DEBUG off, CSP, lockout, audit) stays as in production, so the tests exercise
the real configuration. DATABASE_URL chooses SQLite (default) or PostgreSQL, as in production.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-not-a-secret-" + "x" * 40)
os.environ.setdefault("HEADWAY_HTTPS", "0")
os.environ.setdefault("HEADWAY_VAR_DIR", tempfile.mkdtemp(prefix="headway-test-"))

from headway.settings import *  # noqa: F403

# Argon2 is deliberately slow; tests that check hashing read headway.settings directly.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
# The browser tests' live server gets static files straight from the source folders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

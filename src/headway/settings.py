"""Headway settings: one file, driven by the environment (see README, "Configuration").

Defaults are the safe production ones. `make run` sets DEBUG=1 for local work; production sets
SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS and leaves the rest alone.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()

BASE_DIR = Path(__file__).resolve().parent
# ./var/ beside the checkout holds the embedded database and the development secret key.
VAR_DIR = Path(env("HEADWAY_VAR_DIR", default=str(BASE_DIR.parent.parent / "var")))

DEBUG = env.bool("DEBUG", default=False)
# HTTPS is assumed unless we are debugging locally: secure cookies, HSTS and redirects follow it.
HTTPS = env.bool("HEADWAY_HTTPS", default=not DEBUG)


def _secret_key() -> str:
    key = env("SECRET_KEY", default="")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (production).")
    # Local development only: a random key kept in ./var/ so sessions survive restarts.
    from django.utils.crypto import get_random_string

    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        path.write_text(get_random_string(64))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "auditlog",
    "rules.apps.AutodiscoverRulesConfig",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves its Swagger UI from our own static files (no CDN, CSP-friendly)
    "headway.accounts",
    "headway.patients",
    "headway.care",
    "headway.diary",
    "headway.outcomes",
    "headway.audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Every response from here on (static files are answered above) says "no-store".
    "headway.lib.http.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "headway.accounts.middleware.PracticeMiddleware",
    "headway.audit.middleware.AuditContextMiddleware",
    # Axes must be last: it answers lockouts raised by the authentication backend.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "headway.urls"
WSGI_APPLICATION = "headway.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "headway.accounts.context_processors.practice",
            ],
        },
    },
]

# Database: embedded SQLite under ./var/ unless DATABASE_URL points elsewhere (PostgreSQL).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'headway.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE plus a busy timeout makes
    # concurrent writers wait instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # models.W040: SQLite has no covering indexes, so outcomes' rollup_period_counts is built
    # there on its key columns alone (still used by the dashboard's lookups). Its included
    # columns serve index-only scans at 100,000 patients, which is PostgreSQL's job; the check
    # is silenced for SQLite only, so it still speaks for any other database without them.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

# The cache holds the counters that must hold across every worker and process: how many sign-in
# links an address or a sender asked for (accounts/views.py). In the database by default, so
# several gunicorn workers share it without another server (the table comes with `migrate`).
# CACHE_URL, or REDIS_URL as hosting platforms name it, points it at Redis instead
# (redis://host:6379/0, Django's own RedisCache); see README, "Cache".
_CACHE_URL = env("CACHE_URL", default="") or env("REDIS_URL", default="")
CACHES = {
    "default": env.cache_url_config(_CACHE_URL)
    if _CACHE_URL
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "headway_cache",
    }
}
CACHES["default"].setdefault("KEY_PREFIX", "headway")

# Lockout (django-axes): after 5 failed logins, sign-in pauses for 15 minutes, counted per account
# (stops a guesser who rotates addresses) and per address+browser (stops one client trying many
# accounts). Address alone is not used: a whole clinic behind one NAT address would lock together.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", ["ip_address", "user_agent"]]
AXES_RESET_ON_SUCCESS = True
# Failed attempts are rows in the database, so every worker counts the same ones (axes' cache
# handler would count per worker with a per-process cache).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "headway.lib.http.client_ip"
AXES_USERNAME_CALLABLE = "headway.lib.http.login_username"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False

# Sessions end after 30 idle minutes (every request extends them) and when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto / X-Forwarded-For.
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline scripts or styles anywhere: the theme and htmx load from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

OTP_TOTP_ISSUER = "Headway"

AUDITLOG_LOGENTRY_MODEL = "audit.AuditEntry"
# auditlog's own migrations would create its (swapped-out, unused) LogEntry table anyway, whose
# foreign key to the user table then blocks PostgreSQL from truncating between tests.
MIGRATION_MODULES = {"auditlog": None}
AUDITLOG_DISABLE_REMOTE_ADDR = False
AUDITLOG_INCLUDE_ALL_MODELS = False

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("de", "Deutsch"), ("es", "Español"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates as in the practices' countries: 29/11/2026, 14:30 (headway/formats/en).
FORMAT_MODULE_PATH = ["headway.formats"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(VAR_DIR / "static")))
# Uploaded documents (credentials) are private: no URL serves this folder; a view that checks
# the practice streams each file. MEDIA_URL stays unset on purpose.
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Links in emails sent by background tasks (no request to take the address from).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Background work (diary reminders) goes to a queue in the database; `headway db_worker` runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Headway <headway@localhost>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Invitations to staff and patients expire after a week.
INVITATION_VALID_DAYS = 7
# A one-time sign-in link by email lasts this long.
LOGIN_LINK_VALID_MINUTES = 20

# The practice's licensed wording of validated questionnaires (HIT-6, NDI, ...), one file
# `<instrument>.<language>.json` each (headway.clinical.instruments.text). Without it those
# questionnaires are entered from paper; NPRS and PGIC come with Headway's own wording.
INSTRUMENT_TEXT_DIR = env("INSTRUMENT_TEXT_DIR", default="") or None
# A patient may choose to stay signed in on their own phone, so the diary syncs without a
# password at 3 a.m.; staff sessions always end after the idle timeout or when the browser closes.
PATIENT_REMEMBER_DAYS = env.int("PATIENT_REMEMBER_DAYS", default=30)

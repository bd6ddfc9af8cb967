# Two commands for a newcomer: `make run` and `make test`. Everything else is a step they use.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
UV := $(shell command -v uv 2>/dev/null || echo python3 -m uv)
RUN := $(UV) run --frozen
# `uv run` would install the dev group again: the app runs from the environment as synced.
APP := $(UV) run --frozen --no-sync headway
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run runtime test setup uv gettext pdflibs messages lint types check-deploy e2e

uv:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv

gettext:
	@command -v msgfmt >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq gettext)

# WeasyPrint (PDF letters and reports) needs Pango and a font from Debian.
pdflibs:
	@ldconfig -p | grep -q libpangoft2-1.0 && ldconfig -p | grep -q libharfbuzz-subset && \
	  fc-list | grep -qi dejavu || (apt-get update -qq && apt-get install -y -qq \
	  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)

# Everything: the app and the development tools (tests, Playwright, ruff, mypy).
setup: uv gettext pdflibs
	$(UV) sync --frozen --quiet
	cd src/headway && DEBUG=1 $(CURDIR)/.venv/bin/headway compilemessages --verbosity 0 --ignore=.venv

# What running needs and no more: the dev group stays out of a fresh environment; --inexact
# leaves the tools of a developer who already has them (`make test` after `make run` works).
runtime: uv gettext pdflibs
	$(UV) sync --frozen --no-dev --inexact --quiet
	cd src/headway && DEBUG=1 $(CURDIR)/.venv/bin/headway compilemessages --verbosity 0 --ignore=.venv

# The development server: Django's "not for production" banner is hidden, since `make run` is
# the developer's way in (production runs gunicorn, see README).
run: runtime
	mkdir -p var
	DEBUG=1 $(APP) migrate --no-input --verbosity 0
	DEBUG=1 $(APP) demo --if-empty
	DEBUG=1 $(APP) outcomes_rebuild --missing
	@echo "Headway is at http://$(HOST):$(PORT)/ (with a background worker for diary reminders)"
	DEBUG=1 $(APP) db_worker --interval 10 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  DEBUG=1 DJANGO_RUNSERVER_HIDE_WARNING=true $(APP) runserver $(HOST):$(PORT)

test: setup
	$(RUN) pytest

# Translators' step: collect new strings into the .po files of de, es and fr.
messages: uv
	cd src/headway && DEBUG=1 $(CURDIR)/.venv/bin/headway makemessages -l de -l es -l fr --no-obsolete --ignore=static/vendor

lint: setup
	$(RUN) ruff check src tests bench
	$(RUN) ruff format --check src tests bench

types: setup
	DEBUG=1 $(RUN) mypy

check-deploy: setup
	DEBUG=0 SECRET_KEY="$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	ALLOWED_HOSTS=headway.example.org $(RUN) headway check --deploy --fail-level WARNING

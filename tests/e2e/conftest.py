"""Playwright on Debian's Chromium (never a downloaded browser). Skips with a clear message where
no Chromium is installed; .ci/run installs it, so CI never skips."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session", autouse=True)
def _one_request_at_a_time_on_in_memory_sqlite(django_db_setup: None) -> Iterator[None]:
    """The live server shares the test's one in-memory SQLite connection between its request
    threads; a browser asking for several images at once then collides on it ("cannot commit
    transaction - SQL statements in progress"). A file database (make run) or PostgreSQL has a
    connection per thread and is unaffected, so only here the live server answers one request
    at a time."""
    from django.core.servers.basehttp import WSGIServer
    from django.db import connection
    from django.test.testcases import LiveServerThread

    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return

    class OneAtATime(WSGIServer):
        # LiveServerThread passes the shared connection; its own thread already uses it.
        def __init__(self, *args: object, connections_override: object = None, **kwargs: object):
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    threaded = LiveServerThread.server_class
    LiveServerThread.server_class = OneAtATime
    yield
    LiveServerThread.server_class = threaded


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run must install Debian's chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()

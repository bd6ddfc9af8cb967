"""Running requests at the same moment, for the race tests (design.md §7).

Each callable runs in its own thread with its own database connection; a barrier releases them
together so their transactions overlap. Only PostgreSQL runs them truly side by side: SQLite
takes one writer at a time, so race tests skip there (`needs_postgresql`)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="race tests need concurrent transactions: run with DATABASE_URL=postgres://...",
)


def run_together(*calls: Callable[[], Any], timeout: float = 30) -> list[Any]:
    """Start every call at once and wait for all. Returns each call's result in order, or the
    exception it raised (so a test can assert on it, never losing one in a thread)."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout)
            results[index] = call()
        except BaseException as error:  # handed to the test as a result
            results[index] = error
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(t.is_alive() for t in threads), "a concurrent call did not finish in time"
    return results

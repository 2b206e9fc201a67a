"""The shared rate limit: counted in the cache with atomic `add`, so every process sees one count."""

import threading
from typing import Any

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection

from samspill.core.ratelimit import rate_limit_hit

CACHE_TABLE = "samspill_test_rate_limits"


def _database_cache(settings: Any, *aliases: str) -> None:
    """Every alias is one more process: its own cache object over the same database table."""
    backend = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE}
    settings.CACHES = dict.fromkeys(("default", *aliases), backend)
    call_command("createcachetable", verbosity=0)


def test_the_limit_counts_per_key_and_window(settings) -> None:
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    hits = [rate_limit_hit("t", "a", limit=3, window_seconds=60, now=1000) for _ in range(4)]

    assert hits == [False, False, False, True]
    assert rate_limit_hit("t", "b", limit=3, window_seconds=60, now=1000) is False
    assert rate_limit_hit("t", "a", limit=3, window_seconds=60, now=1060) is False  # next window


@pytest.mark.django_db
def test_two_processes_share_one_limit_in_the_database_cache(settings) -> None:
    # The defect: with 2 workers, 7 of 14 submissions got through a limit of 5 (a count per process).
    _database_cache(settings, "worker-a", "worker-b")
    workers = [caches["worker-a"], caches["worker-b"]]

    allowed = 0
    for attempt in range(14):
        over = rate_limit_hit(
            "form",
            "203.0.113.9",
            limit=5,
            window_seconds=3600,
            now=1000,
            cache=workers[attempt % 2],
        )
        allowed += not over

    assert allowed == 5


def _in_own_connection(work: Any) -> None:
    """Run `work` in a thread: its own database connection, committing outside the test's transaction."""

    def run() -> None:
        work()
        connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()


@pytest.mark.django_db
def test_simultaneous_attempts_never_pass_the_limit(settings) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Real parallel connections need PostgreSQL.")
    backend = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "rl_race"}
    settings.CACHES = {"default": backend}
    _in_own_connection(lambda: call_command("createcachetable", verbosity=0))
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def attempt() -> None:
        barrier.wait()
        results.extend(
            rate_limit_hit("race", "x", limit=5, window_seconds=3600, now=1000) for _ in range(3)
        )
        connection.close()

    try:
        threads = [threading.Thread(target=attempt) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        _in_own_connection(lambda: connection.cursor().execute("DROP TABLE rl_race"))

    assert results.count(False) == 5

"""Load test of the shipped server: `python -m bench.load` (or `make bench-load`).

Runs gunicorn (2 workers, DEBUG off, collected static files served by whitenoise) on the demo
data, on SQLite and on PostgreSQL, and drives it with locust (headless, loopback only, bounded in
time) in three phases of `--seconds` each: a mix of anonymous public pages and a signed-in
coordinator's pages, the anonymous pages alone, and the static-file floor (files of the public
pages' sizes served by the same server). 20 users without think time. Prints requests/s, p50, p95
and errors per phase; `--repeat N` runs every phase N times and reports the medians.

The demo database and collected static files are kept in var/bench/ (SQLite) and in the
PostgreSQL database `samspill_bench_load`, so only the first run pays for `samspill demo`.
"""

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import suppress
from pathlib import Path

import psycopg
import redis
import requests

from bench.load_pages import PUBLIC_PAGES, STAFF_PAGES
from bench.servers import (
    POSTGRES_ADMIN_URL,
    REDIS_URL,
    REPO_DIR,
    gunicorn,
    production_environment,
    reachable,
    run_django,
)

VAR_DIR = REPO_DIR / "var" / "bench"
POSTGRES_DATABASE = "samspill_bench_load"
PHASES = {
    "mixed": ["AnonymousVisitor", "StaffMember"],
    "anonymous": ["AnonymousVisitor"],
    "static": ["StaticFloor"],
}
FLOOR_DIR = "bench-floor"

PREPARE = f"""
from pathlib import Path
from django.conf import settings
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
call_command("demo", verbosity=0)
if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
    call_command("collectstatic", interactive=False, verbosity=0)
floor = Path(settings.STATIC_ROOT) / "{FLOOR_DIR}"
floor.mkdir(exist_ok=True)
client = Client(HTTP_HOST="127.0.0.1")
for number, path in enumerate({PUBLIC_PAGES!r}):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    (floor / f"page-{{number}}.html").write_bytes(b"x" * len(response.content))
"""


def _database_url(database: str) -> str:
    if database == "sqlite":
        return f"sqlite:///{VAR_DIR / 'sqlite' / 'bench.sqlite3'}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [POSTGRES_DATABASE]
        ).fetchone()
        if not exists:
            connection.execute(f"CREATE DATABASE {POSTGRES_DATABASE}")  # type: ignore[arg-type]  # a constant
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{POSTGRES_DATABASE}"


def _locust(
    url: str, phase: str, *, users: int, seconds: int, output: Path, static: str
) -> dict[str, float]:
    log = output / f"{phase}.log"
    with log.open("w", encoding="utf-8") as errors:
        result = subprocess.run(  # noqa: S603 - our own interpreter and driver
            [sys.executable, "-m", "bench.load_driver", url, str(seconds), str(users)]
            + PHASES[phase],
            cwd=REPO_DIR,
            env={**os.environ, "SAMSPILL_BENCH_STATIC": static},
            check=False,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
    if result.returncode != 0:
        raise RuntimeError(f"the load driver failed: {log.read_text(encoding='utf-8')[-2000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    for kind in figures.pop("error_kinds"):
        print(f"    error: {kind}")
    for entry in figures.pop("slowest"):
        print(f"    slowest: {entry}")
    return {key: float(value) for key, value in figures.items()}


def _warm_up(url: str) -> None:
    """Every page once per worker (imports, template compilation, cache): not measured."""
    with requests.Session() as session:
        for _ in range(4):
            for path in [*PUBLIC_PAGES, *STAFF_PAGES]:
                session.get(url + path, timeout=120)


def run(
    database: str, *, cache: str, users: int, seconds: int, repeat: int
) -> dict[str, dict[str, float]]:
    """All phases on one database; returns the median of each figure over the repeats."""
    var_dir = VAR_DIR / database
    var_dir.mkdir(parents=True, exist_ok=True)
    prefix = f"samspill-bench-{secrets.token_hex(4)}"
    environment = production_environment(
        database_url=_database_url(database),
        cache_url=REDIS_URL if cache == "redis" else "db://",
        key_prefix=prefix,
        var_dir=var_dir,
    )
    static = ",".join(
        f"/static/{FLOOR_DIR}/page-{number}.html" for number in range(len(PUBLIC_PAGES))
    )
    started = time.perf_counter()
    run_django(environment, PREPARE)
    print(f"[{database}] demo data and static files ready ({time.perf_counter() - started:.0f} s)")
    results: dict[str, list[dict[str, float]]] = {phase: [] for phase in PHASES}
    try:
        with (
            tempfile.TemporaryDirectory(prefix="samspill-load-") as output,
            gunicorn(environment, workers=2, log=var_dir / "gunicorn.log") as url,
        ):
            _warm_up(url)
            for _ in range(repeat):
                for phase in PHASES:
                    figures = _locust(
                        url, phase, users=users, seconds=seconds, output=Path(output), static=static
                    )
                    results[phase].append(figures)
                    print(f"[{database}] {phase:9} {_line(figures)}", flush=True)
    finally:
        if cache == "redis":
            store = redis.Redis.from_url(REDIS_URL)
            for key in store.scan_iter(match=f"{prefix}:*"):
                store.delete(key)
    medians = {
        phase: {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        for phase, runs in results.items()
    }
    medians["ratio"] = {
        "static_over_anonymous": medians["static"]["rps"] / medians["anonymous"]["rps"]
    }
    return medians


def _line(figures: dict[str, float]) -> str:
    return (
        f"{figures['rps']:7.1f} req/s  p50 {figures['p50']:5.0f} ms  p95 {figures['p95']:5.0f} ms"
        f"  errors {figures['errors']:.0f} of {figures['requests']:.0f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--cache", choices=["redis", "db"], default="redis")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=1)
    options = parser.parse_args()
    if options.cache == "redis" and not reachable(REDIS_URL):
        print(f"Redis is not reachable at {REDIS_URL}: using the database cache (--cache db).")
        options.cache = "db"
    summary: dict[str, dict[str, dict[str, float]]] = {}
    for database in options.databases.split(","):
        if database == "postgres" and not reachable(POSTGRES_ADMIN_URL):
            print(f"[postgres] skipped: nothing listens at {POSTGRES_ADMIN_URL}")
            continue
        summary[database] = medians = run(
            database,
            cache=options.cache,
            users=options.users,
            seconds=options.seconds,
            repeat=options.repeat,
        )
        print(f"[{database}] medians of {options.repeat} run(s), cache {options.cache}:")
        for phase in PHASES:
            print(f"    {phase:9} {_line(medians[phase])}")
        print(
            f"    static floor / anonymous pages: {medians['ratio']['static_over_anonymous']:.1f}x"
        )
    results = REPO_DIR / "bench" / "results"
    results.mkdir(exist_ok=True)
    with suppress(OSError):
        (results / "load.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

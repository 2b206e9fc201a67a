"""Statistics benchmark: import the six national commuting matrices, render a region dashboard.

1. `import_ssb_table` of ../shared/data/pendling/pendling_03321_2017…2022.csv (169 007 rows read,
   153 798 flows after harmonisation to today's municipalities) into an empty series: parsing,
   number checks, harmonisation, writing and the gap detection, in one transaction; then the same
   files again (nothing changes: every row compared, none written).
2. The Trondheimsregionen dashboard (`/statistikk/regioner/trondheimsregionen/`) with all demo
   statistics loaded, through Django's test client: server time only (no network, no browser).

Prints the median (and min/max) of `--runs` runs, wall-clock and CPU time. The database is
`DATABASE_URL` (e.g. postgres://postgres@127.0.0.1:5432/samspill_bench), else a fresh SQLite
file in a temporary folder; it is migrated and filled by the benchmark itself.
Run: `.venv/bin/python -m bench.bench_stats_import [--runs 5]`.
"""

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

IMPORT_TARGET_SECONDS = 3.0
DASHBOARD_TARGET_SECONDS = 0.300


def _configure() -> None:
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samspill.config.settings")
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="samspill-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()


def _server_cpu_seconds() -> float:
    """CPU time used so far by this connection's PostgreSQL backend (same machine), else 0."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _measure(
    label: str, runs: int, before: Callable[[], object], work: Callable[[], object]
) -> float:
    walls: list[float] = []
    cpus: list[float] = []
    servers: list[float] = []
    for _ in range(runs):
        before()
        server = _server_cpu_seconds()
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        servers.append(_server_cpu_seconds() - server)
    median = statistics.median(walls)
    server_text = (
        f", median {statistics.median(servers) * 1000:.0f} ms database-server CPU"
        if any(servers)
        else ""
    )
    print(
        f"{label}: median {median * 1000:.0f} ms wall (min {min(walls) * 1000:.0f}, "
        f"max {max(walls) * 1000:.0f}), median {statistics.median(cpus) * 1000:.0f} ms CPU{server_text}, "
        f"{runs} runs; load average {os.getloadavg()[0]:.1f}"
    )
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    _configure()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from samspill.stats.models import CommutingFlow, Series

    print(f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
    call_command("migrate", verbosity=0)
    call_command("import_municipalities", verbosity=0)
    repo = Path(__file__).resolve().parent.parent
    call_command("import_regions", str(repo / "demo" / "regions.csv"), verbosity=0)
    data = Path(settings.SHARED_DATA_DIR)
    files = [str(path) for path in sorted((data / "pendling").glob("pendling_03321_*.csv"))]

    def empty() -> None:
        Series.objects.filter(code="03321-sysselsatte").delete()

    def load() -> None:
        call_command("import_ssb_table", *files, verbosity=0, no_progress=True)

    fresh = _measure("import 6 commuting matrices, empty series", args.runs, empty, load)
    again = _measure("import the same 6 files again (unchanged)", args.runs, lambda: None, load)
    print(f"flows stored: {CommutingFlow.objects.count()}")

    call_command("import_ssb_table", str(data / "befolkning" / "befolkning_kommune_b2024_2006_2026.csv"),
                 table="07459", verbosity=0, no_progress=True)  # fmt: skip
    others = [data / "pendling" / "kommune_sysselsatte_11618_2017_2022.csv",
              *sorted((data / "sysselsetting").glob("*_1[0-9][0-9][0-9][0-9]_*.csv"))]  # fmt: skip
    call_command("import_ssb_table", *map(str, others), verbosity=0, no_progress=True)
    from django.core.cache import cache

    setup_test_environment()  # the test client's host name, nothing else
    client = Client()
    url = "/statistikk/regioner/trondheimsregionen/"
    client.get(url)  # warm-up: template compilation, imports
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    print(f"dashboard {url}: HTTP {status}, {len(queries)} queries")
    cold = "region dashboard, cold (cache cleared before each request)"
    page = _measure(cold, args.runs * 2, cache.clear, lambda: client.get(url))
    warm = "region dashboard, warm (cached until a series changes)"
    _measure(warm, args.runs * 2, lambda: None, lambda: client.get(url))
    ok = fresh < IMPORT_TARGET_SECONDS and page < DASHBOARD_TARGET_SECONDS
    print(
        f"targets: import < {IMPORT_TARGET_SECONDS:.0f} s ({'met' if fresh < IMPORT_TARGET_SECONDS else 'NOT met'}), "
        f"re-import {again:.2f} s, dashboard < {DASHBOARD_TARGET_SECONDS * 1000:.0f} ms "
        f"({'met' if page < DASHBOARD_TARGET_SECONDS else 'NOT met'})"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

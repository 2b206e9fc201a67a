"""What the Django-backed benchmarks share: a private database and a median-of-runs timer."""

import os
import statistics
import tempfile
import time
from collections.abc import Callable


def configure_django() -> None:
    """Set up Django on DATABASE_URL, or on a fresh SQLite file in a temporary folder."""
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samspill.config.settings")
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="samspill-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()


def measure(
    label: str,
    runs: int,
    work: Callable[[], object],
    before: Callable[[], object] = lambda: None,
) -> float:
    """Run `work` `runs` times (after `before` each time); print and return the median wall time.

    CPU time is printed beside wall time: on a shared machine it is the steadier figure.
    """
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(runs):
        before()
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    median = statistics.median(walls)
    print(
        f"{label}: median {median * 1000:.0f} ms wall (min {min(walls) * 1000:.0f}, "
        f"max {max(walls) * 1000:.0f}), median {statistics.median(cpus) * 1000:.0f} ms CPU, "
        f"{runs} runs"
    )
    return median

"""Run every benchmark module in this folder (`python -m bench [name ...]`), each in its own process."""

import os
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def main() -> int:
    """Run the selected (default: all) benchmarks; return non-zero if any failed."""
    wanted = set(sys.argv[1:])
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samspill.config.settings")
    failures = 0
    for script in sorted(BENCH_DIR.glob("bench_*.py")):
        if (
            wanted
            and script.stem not in wanted
            and script.stem.removeprefix("bench_") not in wanted
        ):
            continue
        print(f"== {script.stem}", flush=True)
        module = f"bench.{script.stem}"
        result = subprocess.run([sys.executable, "-m", module], check=False, cwd=BENCH_DIR.parent)  # noqa: S603 - our own modules
        failures += result.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Cost allocation: time of `samspill.analytics.allocation.allocate` for a mixed key.

A key of 30 % equal and 70 % by a figure (seeded random "populations" of 200–700 000), split
over 4 parties (a pre-project like Sør-Troms), 50 (a county) and 357 (every municipality), for a
total of 123 456 789 kroner; each size is repeated 200 times per run. Pure Python, no database.
Run: `.venv/bin/python -m bench.bench_collaboration [--runs 7]`.
"""

import argparse
import random

from bench.harness import measure
from samspill.analytics.allocation import KeyPart, allocate


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(2017)
    for size in (4, 50, 357):
        parties = [f"{n:04d}" for n in range(size)]
        figures = {party: float(rng.randint(200, 700_000)) for party in parties}
        parts = [KeyPart(30), KeyPart(70, figures)]

        def work(parties: list[str] = parties, parts: list[KeyPart] = parts) -> None:
            for _ in range(200):
                shares = allocate(123_456_789, parties, parts)
                assert sum(shares.values()) == 123_456_789  # noqa: S101

        measure(f"allocate × 200, {size} parties", args.runs, work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

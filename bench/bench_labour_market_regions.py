"""Labour-market regions (EURO-LMA) benchmark.

Times `labour_market_regions` end to end (input checks, zero list, the dissolution loop, the
reserve pass and every statistic) with the vignette parameters 1000 / 0.6667 / 10000 / 0.75:

- Sardinia, 377 municipalities (../shared/reference/lma/sardinia_flows.csv), target < 0.8 s;
  the R reference takes 41.5 s;
- Sardinia 1-km grid, 3 566 cells (sardinia_grid_flows.csv), target < 5 s; R: 419 s;
- Norway 2022, 356 municipalities (SSB table 03321), target < 0.5 s;
- a generated 8 000-unit matrix (fixed seed: random points on a 600 km square, lognormal
  sizes, 35–85 % working at home, the rest spread by a gravity model over the 20–50 nearest
  units), target < 60 s and peak memory < 1 GB;
- optionally the UK example (1 822 zones, licence unclear: benchmark only), with the ONS TTWA
  parameters 3500 / 0.6667 / 25000 / 0.75.

Prints the median wall and CPU time of `--runs` runs (fewer for the 8 000 case) and, for the
8 000 case, the peak traced allocation of one extra run (tracemalloc) and the process's maximum
resident set size. Run: `.venv/bin/python -m bench.bench_labour_market_regions`.
"""

import argparse
import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from samspill.analytics.labour_market_regions import LabourMarketRegions, labour_market_regions

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
LMA = SHARED / "reference" / "lma"
VIGNETTE: dict[str, Any] = {
    "minimum_size": 1000,
    "minimum_self_containment": 0.6667,
    "target_size": 10000,
    "target_self_containment": 0.75,
}
TTWA = VIGNETTE | {"minimum_size": 3500, "target_size": 25000}


def reference_flows(name: str, *, text_ids: bool = False) -> pd.DataFrame:
    dtype = {"community_live": str, "community_work": str} if text_ids else None
    frame = pd.read_csv(LMA / f"{name}_flows.csv", dtype=dtype)
    return frame.rename(columns={"community_live": "residence", "community_work": "workplace"})


def norway_flows(year: int = 2022) -> pd.DataFrame:
    frame = pd.read_csv(
        SHARED / "data" / "pendling" / f"pendling_03321_{year}.csv",
        dtype={"bosted_knr": str, "arbeidssted_knr": str},
    )
    return frame.rename(
        columns={"bosted_knr": "residence", "arbeidssted_knr": "workplace", "sysselsatte": "amount"}
    )


def uk_flows() -> pd.DataFrame | None:
    path = SHARED / "data" / "international" / "uk" / "coombes_fortran_example_run1410a_flows.csv"
    if not path.exists():
        return None
    frame = pd.read_csv(path)
    return frame.rename(
        columns={"origin_zone": "residence", "destination_zone": "workplace", "flow": "amount"}
    )


def generated_flows(units: int = 8000, seed: int = 20241122) -> pd.DataFrame:
    """Sparse, distance-decaying commuting: ~30 destinations per origin, most mass at home."""
    generator = np.random.default_rng(seed)
    side_km, decay_km, candidates = 600.0, 12.0, 50
    points = generator.uniform(0, side_km, size=(units, 2))
    residents = np.maximum(50, generator.lognormal(mean=7.3, sigma=1.1, size=units)).round()
    attraction = residents**1.25
    at_home = generator.uniform(0.35, 0.85, size=units)
    destinations = generator.integers(20, candidates + 1, size=units)
    commuters = np.round(residents * (1 - at_home)).astype(np.int64)
    origins, targets, amounts = [], [], []
    for start in range(0, units, 500):
        block = np.arange(start, min(start + 500, units))
        distance = np.sqrt(((points[block, None, :] - points[None, :, :]) ** 2).sum(axis=2))
        distance[np.arange(len(block)), block] = np.inf  # not a destination of itself
        nearest = np.argpartition(distance, candidates, axis=1)[:, :candidates]
        near_distance = np.take_along_axis(distance, nearest, axis=1)
        rank = np.argsort(near_distance, axis=1)
        nearest = np.take_along_axis(nearest, rank, axis=1)
        near_distance = np.take_along_axis(near_distance, rank, axis=1)
        weight = attraction[nearest] * np.exp(-near_distance / decay_km)
        weight[np.arange(candidates)[None, :] >= destinations[block, None]] = 0.0
        counts = generator.multinomial(commuters[block], weight / weight.sum(axis=1)[:, None])
        row, column = np.nonzero(counts)
        origins += [block, block[row]]
        targets += [block, nearest[row, column]]
        amounts += [residents[block] - commuters[block], counts[row, column]]
    return pd.DataFrame(
        {
            "residence": np.concatenate(origins),
            "workplace": np.concatenate(targets),
            "amount": np.concatenate(amounts).astype(np.float64),
        }
    )


def median_seconds(function: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds over `runs` runs after one warm-up run."""
    function()
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall), statistics.median(cpu)


def describe(result: LabourMarketRegions) -> str:
    return (
        f"{len(result.assignment):,} units clustered, {len(result.zero_list):,} in the zero list, "
        f"{result.region_count} regions, {result.iterations:,} iterations, "
        f"{len(result.reserve_list)} reserve-list events, Q = {result.modularity:.4f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="runs of the small cases")
    parser.add_argument("--large-runs", type=int, default=3, help="runs of the 8 000-unit case")
    arguments = parser.parse_args()
    cases: list[tuple[str, pd.DataFrame, dict[str, Any], float, int]] = [
        ("Sardinia (377 municipalities)", reference_flows("sardinia"), VIGNETTE, 0.8, 0),
        ("Norway 2022 (356 municipalities)", norway_flows(), VIGNETTE, 0.5, 0),
        (
            "Sardinia 1-km grid (3 566 cells)",
            reference_flows("sardinia_grid", text_ids=True),
            VIGNETTE,
            5.0,
            0,
        ),
    ]
    uk = uk_flows()
    if uk is not None:
        cases.append(("UK example (1 822 zones, TTWA parameters)", uk, TTWA, float("nan"), 0))
    started = time.perf_counter()
    generated = generated_flows()
    generation = time.perf_counter() - started
    cases.append(("generated (8 000 units)", generated, VIGNETTE, 60.0, arguments.large_runs))
    print(f"generated matrix: {len(generated):,} flows in {generation:.1f} s (not timed below)")

    for name, flows, parameters, target, runs in cases:
        runs = runs or arguments.runs

        def detect(
            flows: pd.DataFrame = flows, parameters: dict[str, Any] = parameters
        ) -> LabourMarketRegions:
            return labour_market_regions(flows, **parameters)

        seconds, cpu_seconds = median_seconds(detect, runs)
        verdict = ""
        if target == target:  # not NaN
            verdict = f" (target < {target:g} s: " + ("met" if seconds < target else "MISSED") + ")"
        print(f"{name}: median of {runs}: {seconds:.3f} s wall, {cpu_seconds:.3f} s CPU{verdict}")
        print(f"    {describe(labour_market_regions(flows, **parameters))}")

    tracemalloc.start()
    labour_market_regions(generated, **VIGNETTE)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    max_resident = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        f"generated (8 000 units): peak traced allocation {peak / 2**20:.0f} MiB "
        f"(target < 1 GiB: {'met' if peak < 2**30 else 'MISSED'}); "
        f"process max RSS {max_resident:.0f} MiB (whole benchmark, all data sets loaded)"
    )


if __name__ == "__main__":
    main()

"""Analyses in the product: server time of the analysis pages and of the LMA-for-Norway job.

1. `/regioner/notodden-byregion/analyser/` (growth, shift-share on SSB 13470, specialisation,
   commuting 2017–2022, the new-jobs form) and `/regioner/trondheimsregionen/analyser/`,
   through Django's test client: server time only (no network, no browser), with query counts.
2. The new-jobs partial (500 jobs in Stjørdal, 2022; and pooled over 2017–2022).
3. The labour-market-region job for Norway 2022 with default parameters, as the worker runs it
   (`labour_market_regions_run.call`: read the matrix, EURO-LMA, store the JSON result), on a
   fresh run each time (the cache would otherwise answer at once).

The database is `DATABASE_URL`, else a fresh SQLite file in a temporary folder, migrated and
filled with the demo statistics by the benchmark itself.
Run: `.venv/bin/python -m bench.bench_analysis_pages [--runs 5]`.
"""

import argparse
from functools import partial
from pathlib import Path

from bench.harness import configure_django, measure


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    configure_django()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from samspill.analyses.models import AnalysisRun
    from samspill.analyses.selectors import LabourMarketRegionRequest
    from samspill.analyses.services import analysis_run_request
    from samspill.analyses.tasks import labour_market_regions_run

    print(f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
    call_command("migrate", verbosity=0)
    call_command("import_municipalities", verbosity=0)
    repo = Path(__file__).resolve().parent.parent
    call_command("import_regions", str(repo / "demo" / "regions.csv"), verbosity=0)
    data = Path(settings.SHARED_DATA_DIR)
    imports: list[tuple[list[Path], dict[str, object]]] = [
        (sorted((data / "pendling").glob("pendling_03321_*.csv")), {}),
        (sorted((data / "pendling").glob("kommune_sysselsatte_11618_*.csv")), {}),
        (sorted((data / "befolkning").glob("befolkning_kommune_*.csv")), {"table": "07459"}),
        (sorted((data / "sysselsetting").glob("telemark_*_13470_*.csv")), {}),
        (sorted((data / "sysselsetting").glob("jobber_naering2siffer_11656_*.csv")), {}),
    ]
    for files, options in imports:
        call_command("import_ssb_table", *map(str, files), verbosity=0, no_progress=True, **options)

    setup_test_environment()
    client = Client()
    for path in (
        "/regioner/notodden-byregion/analyser/",
        "/regioner/trondheimsregionen/analyser/",
        "/regioner/kommuner/5035/analyser/",
        "/analyser/nye-jobber/?count=500&municipality=5035&year=2022&direction=jobs",
        "/analyser/nye-jobber/?count=500&municipality=5035&year=2022&direction=jobs&pool=6",
    ):
        headers = {"HX-Request": "true"} if "nye-jobber" in path else {}
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path, headers=headers).status_code
        assert status == 200, (path, status)  # noqa: S101 - a benchmark precondition
        measure(
            f"GET {path} ({len(queries)} queries)",
            args.runs,
            partial(client.get, path, headers=headers),
        )

    # Signed in: the page cache is bypassed, the data-only results (growth, commuting, shift-share,
    # industry types) come from the data-version cache: the "warm" server time a user waits for.
    from samspill.accounts.models import User

    signed_in = Client()
    signed_in.force_login(User.objects.create_user("bench-analyst"))
    for path in (
        "/regioner/notodden-byregion/analyser/",
        "/regioner/trondheimsregionen/analyser/",
        "/regioner/kommuner/5035/analyser/",
    ):
        with CaptureQueriesContext(connection) as queries:
            status = signed_in.get(path).status_code
        assert status == 200, (path, status)  # noqa: S101 - a benchmark precondition
        measure(
            f"GET {path} signed in, warm data cache ({len(queries)} queries)",
            args.runs,
            partial(signed_in.get, path),
        )

    request = LabourMarketRegionRequest(year=2022)

    def fresh_run() -> None:
        AnalysisRun.objects.all().delete()

    def job() -> None:
        run = analysis_run_request(request=request, actor=None, enqueue=False)
        labour_market_regions_run.call(run.pk)

    measure("LMA job, Norway 2022, default parameters (request + run + store)", args.runs, job, fresh_run)  # fmt: skip
    run = AnalysisRun.objects.get()
    print(f"  run: {run.result['summary']['regions']} regions, stored duration {run.duration_ms} ms")  # type: ignore[index]  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

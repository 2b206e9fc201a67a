"""`samspill compare …`: benchmarking and region comparison on the command line (CSV or XLSX).

    samspill compare benchmark [--municipality 5031 --municipality 5035] [--output tall.xlsx]
    samspill compare classification --classification okonomiske-regioner-2024 [--run 7]

`benchmark` is the table of /analyser/sammenligning/ (every region and the chosen
municipalities, each indicator's value and rank, and Norway); `classification` lists the
municipalities whose computed labour-market region (the newest finished run, or --run) lies in
another class than the region's centre, with the adjusted Rand index among the parameters.
Output as `samspill analyse` (the same writer; source and licence on standard error).
"""

from typing import Any

from django.core.management.base import CommandError, CommandParser

from samspill.analyses.benchmark import benchmark, benchmark_areas
from samspill.analyses.comparison import classification_comparison
from samspill.analyses.management.commands.analyse import Command as AnalyseCommand
from samspill.analyses.presenters import benchmark_table, comparison_table
from samspill.analyses.selectors import classification_get, lma_run_get, lma_run_latest_done
from samspill.analyses.tables import ExportTable
from samspill.regions.models import Municipality


class Command(AnalyseCommand):
    help = "Benchmark the regions, or compare labour-market regions with a classification."

    def add_arguments(self, parser: CommandParser) -> None:
        analyses = parser.add_subparsers(dest="analysis", required=True, metavar="COMPARISON")
        bench = analyses.add_parser("benchmark", help="Regions and municipalities side by side.")
        bench.add_argument(
            "--municipality", action="append", default=[], help="Municipality number (repeat)."
        )
        self._output_arguments(bench)
        classes = analyses.add_parser(
            "classification", help="Labour-market regions against a loaded classification."
        )
        classes.add_argument("--classification", required=True, help="Slug of the classification.")
        classes.add_argument("--run", type=int, default=None, help="Run id (default: newest).")
        self._output_arguments(classes)

    def _table(self, analysis: str, options: dict[str, Any]) -> ExportTable:
        if analysis == "benchmark":
            numbers = [str(n) for n in options["municipality"]]
            known = set(
                Municipality.objects.filter(number__in=numbers).values_list("number", flat=True)
            )
            if unknown := [n for n in numbers if n not in known]:
                raise CommandError(f"Ukjent kommunenummer: {', '.join(unknown)}")
            return benchmark_table(benchmark(areas=benchmark_areas(municipality_numbers=numbers)))
        run = lma_run_get(pk=options["run"]) if options["run"] else lma_run_latest_done()
        if run is None or run.result is None:
            raise CommandError(
                "Ingen ferdig beregning av arbeidsmarkedsregioner (samspill analyse "
                "labour-market-regions)."
            )
        classification = classification_get(slug=str(options["classification"]))
        return comparison_table(classification_comparison(run=run, classification=classification))

"""`samspill analyse <analysis> …`: the product's analyses on the command line (CSV or XLSX).

    samspill analyse shift-share --region notodden-byregion --from 2016 --to 2025 [--reference county|rest|norway]
    samspill analyse labour-market-regions --year 2022 [--min-size 1000 …] --output regioner.xlsx
    samspill analyse new-jobs --municipality 5035 --jobs 500 --year 2022 [--pool 2]
    samspill analyse commuting --region trondheimsregionen

Thin: parse → the same selectors and services as the web pages → write (through
`samspill.core.exports`, the writer of the web downloads). Without --output the CSV goes to
standard output and its source, licence and parameters to standard error; an XLSX file has them
in its "Kilde" sheet.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from samspill.analyses.area import (
    REFERENCE_ALIASES,
    REFERENCES,
    SCOPES,
    Area,
    allocation_analysis,
    area_for_municipality,
    area_for_region,
    commuting_analysis,
    shift_share_analysis,
)
from samspill.analyses.exceptions import AnalysisDataMissingError, AnalysisParameterError
from samspill.analyses.exports import FORMATS, table_bytes
from samspill.analyses.presenters import (
    allocation_table,
    commuting_table,
    lma_table,
    shift_share_table,
    specialisation_table,
)
from samspill.analyses.selectors import LabourMarketRegionRequest
from samspill.analyses.services import analysis_run_execute, analysis_run_request
from samspill.analyses.tables import ExportTable
from samspill.regions.models import Municipality
from samspill.regions.selectors import municipality_get, region_get


class Command(BaseCommand):
    help = "Run an analysis (shift-share, labour-market regions, new jobs, commuting) to CSV/XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        analyses = parser.add_subparsers(dest="analysis", required=True, metavar="ANALYSIS")

        shift = analyses.add_parser("shift-share", help="Shift-share on SSB 13470 (Telemark).")
        self._area_arguments(shift)
        shift.add_argument("--from", dest="start_year", type=int, default=2016)
        shift.add_argument("--to", dest="end_year", type=int, default=2025)
        shift.add_argument(
            "--reference",
            choices=[*REFERENCES, *REFERENCE_ALIASES],
            default="county",
            help="county (default): the whole county; rest: the county without the area; "
            "norway. Only references the loaded data covers work.",
        )
        shift.add_argument(
            "--scope",
            choices=sorted(SCOPES),
            default="business",
            help="business (default): without public services and unknown; all: every industry.",
        )
        shift.add_argument(
            "--specialisation",
            action="store_true",
            help="Write location quotients (end year) instead of the decomposition.",
        )
        self._output_arguments(shift)

        lma = analyses.add_parser(
            "labour-market-regions", help="Functional labour-market regions of Norway."
        )
        defaults = LabourMarketRegionRequest(year=2022)
        lma.add_argument("--year", type=int, default=defaults.year)
        lma.add_argument("--min-size", type=float, default=defaults.minimum_size)
        lma.add_argument(
            "--min-self-containment", type=float, default=defaults.minimum_self_containment
        )
        lma.add_argument("--target-size", type=float, default=defaults.target_size)
        lma.add_argument(
            "--target-self-containment", type=float, default=defaults.target_self_containment
        )
        self._output_arguments(lma)

        jobs = analyses.add_parser("new-jobs", help="Where will the workers of new jobs live?")
        jobs.add_argument("--municipality", required=True, help="Municipality number, e.g. 5035.")
        jobs.add_argument(
            "--jobs", type=int, required=True, help="Number of new jobs (or residents)."
        )
        jobs.add_argument("--year", type=int, default=2022)
        jobs.add_argument(
            "--pool",
            type=int,
            default=1,
            help="Pool the shares of this many commuting years up to --year (default 1).",
        )
        jobs.add_argument(
            "--residents",
            action="store_true",
            help="The reverse: where will new employed residents work?",
        )
        self._output_arguments(jobs)

        commuting = analyses.add_parser("commuting", help="Commuting indicators per year.")
        self._area_arguments(commuting)
        self._output_arguments(commuting)

    @staticmethod
    def _area_arguments(parser: CommandParser) -> None:
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--region", help="Region slug, e.g. notodden-byregion.")
        where.add_argument("--municipality", help="Municipality number, e.g. 4005.")

    @staticmethod
    def _output_arguments(parser: CommandParser) -> None:
        parser.add_argument("--format", dest="file_format", choices=FORMATS, default=None)
        parser.add_argument("--output", type=Path, help="File to write (default: CSV to stdout).")

    def handle(self, *args: Any, analysis: str, **options: Any) -> None:
        try:
            table = self._table(analysis, options)
        except (AnalysisDataMissingError, AnalysisParameterError, Http404, ValueError) as error:
            raise CommandError(str(error) or "Fant ikke regionen eller kommunen.") from error
        output: Path | None = options["output"]
        file_format = options["file_format"] or (
            "xlsx" if output is not None and output.suffix == ".xlsx" else "csv"
        )
        content = table_bytes(table, file_format=file_format)
        if output is None:
            if file_format == "xlsx":
                raise CommandError("XLSX needs --output FILE.")
            self.stdout.write(content.decode("utf-8-sig"), ending="")
            for line in [table.title, *table.provenance]:
                self.stderr.write(f"# {line}")
            return
        output.write_bytes(content)
        self.stderr.write(self.style.SUCCESS(f"{table.title}: {len(table.rows)} rader → {output}"))

    def _table(self, analysis: str, options: dict[str, Any]) -> ExportTable:
        if analysis == "labour-market-regions":
            return self._labour_market_regions(options)
        if analysis == "new-jobs":
            result = allocation_analysis(
                municipality=municipality_get(number=options["municipality"]),
                count=options["jobs"],
                year=options["year"],
                direction="residents" if options["residents"] else "jobs",
                pool=options["pool"],
            )
            return allocation_table(result)
        area = self._area(options)
        if analysis == "commuting":
            commuting = commuting_analysis(area=area)
            if commuting is None:
                raise AnalysisDataMissingError("Pendlingsdata (SSB 03321) er ikke importert.")
            return commuting_table(commuting)
        shift = shift_share_analysis(
            area=area,
            start_year=options["start_year"],
            end_year=options["end_year"],
            reference=options["reference"],
            scope=options["scope"],
        )
        if shift is None:
            raise AnalysisDataMissingError(
                f"Ingen sysselsatte etter næring (SSB 13470) for {area.name}: filen dekker Telemark."
            )
        return (
            specialisation_table(shift) if options["specialisation"] else shift_share_table(shift)
        )

    @staticmethod
    def _area(options: dict[str, Any]) -> Area:
        if options.get("region"):
            return area_for_region(region=region_get(slug=options["region"]))
        return area_for_municipality(municipality=municipality_get(number=options["municipality"]))

    def _labour_market_regions(self, options: dict[str, Any]) -> ExportTable:
        request = LabourMarketRegionRequest(
            year=options["year"],
            minimum_size=options["min_size"],
            minimum_self_containment=options["min_self_containment"],
            target_size=options["target_size"],
            target_self_containment=options["target_self_containment"],
        )
        run = analysis_run_request(request=request, actor=None, enqueue=False)
        run = analysis_run_execute(run_id=run.pk)  # cached runs return at once
        if run.result is None:
            raise AnalysisParameterError(run.error or "Beregningen feilet.")
        names = dict(Municipality.objects.values_list("number", "name"))
        return lma_table(run, names)

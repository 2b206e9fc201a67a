"""`samspill population_structure AREA …`: the population-structure tables as CSV or XLSX.

    samspill population_structure trondheimsregionen                     # every table, CSV
    samspill population_structure 3407 --table forsorgerbrok --format xlsx --output gjovik.xlsx
    samspill population_structure notodden-byregion --table alderspyramide --year 2016

AREA is a region's slug or a municipality number. Thin: the same presenters as the web page and
the same writer (`samspill.core.exports`) as its downloads. Without --output the CSV goes to
standard output (tables separated by a blank line).
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from samspill.core.exports import FORMATS, table_bytes
from samspill.population.presenters import PopulationPage, municipality_page, region_page
from samspill.regions.selectors import municipality_get, region_get
from samspill.stats.exports import chart_table

TABLES = ("alderspyramide", "forsorgerbrok", "sysselsettingsandel", "utdanning")


class Command(BaseCommand):
    help = (
        "Population structure of a region or municipality: age groups by sex, dependency ratios, "
        "employment rate and education level, each against Norway (CSV or XLSX)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("area", help="A region's slug or a municipality number.")
        parser.add_argument("--table", choices=TABLES, help="One table (default: all).")
        parser.add_argument("--year", type=int, help="Year of the age groups (default: latest).")
        parser.add_argument("--format", dest="file_format", choices=sorted(FORMATS), default="csv")
        parser.add_argument("--output", type=Path, help="File to write (XLSX needs one table).")

    def handle(self, *args: Any, area: str, table: str | None, year: int | None,
               file_format: str, output: Path | None, **options: Any) -> None:  # fmt: skip
        board = self._page(area, year)
        if year is not None and board.year != year:
            raise CommandError(
                f"No age groups for {year}; loaded years: {', '.join(map(str, board.years))}"
            )
        wanted = [table] if table else [key for key in TABLES if key in board.charts]
        missing = [key for key in wanted if key not in board.charts]
        if missing or not wanted:
            raise CommandError(
                f"No data for {', '.join(missing) or 'any table'} in {board.area.label}; "
                f"missing series: {', '.join(board.missing) or 'none'}"
            )
        if file_format == "xlsx" and (output is None or len(wanted) != 1):
            raise CommandError("XLSX needs --output and one --table")
        parts = [
            table_bytes(
                chart_table(board.charts[key], area_label=board.area.label),
                file_format=file_format,
            )
            for key in wanted
        ]
        data = b"\n".join(parts)
        if output is not None:
            output.write_bytes(data)
            self.stderr.write(f"Wrote {output}")
        else:
            self.stdout.write(data.decode("utf-8-sig"), ending="")

    def _page(self, area: str, year: int | None) -> PopulationPage:
        try:
            if area.isdigit():
                municipality = municipality_get(number=area)
                if not municipality.is_current:
                    raise CommandError(f"{area} is a former municipality")
                return municipality_page(municipality=municipality, year=year)
            return region_page(region=region_get(slug=area), year=year)
        except Http404 as error:
            raise CommandError(f"No region or municipality {area!r}") from error

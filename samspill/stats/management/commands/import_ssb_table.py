"""`samspill import_ssb_table FILE […]`: load SSB tables (CSV or JSON-stat) into statistics."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from tqdm import tqdm

from samspill.stats.importers.csv_tables import parse_csv_table
from samspill.stats.importers.jsonstat import parse_jsonstat
from samspill.stats.importers.tables import ImportFileError, ParsedTable
from samspill.stats.models import Series
from samspill.stats.services import KnownGap, series_refresh, table_import

FORMATS = ("auto", "csv", "jsonstat")


def read_text(path: Path) -> str:
    """UTF-8 (with or without BOM), else Latin-1 as older StatBank downloads use."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def parse_file(text: str, *, source: str, file_format: str, table: str | None) -> ParsedTable:
    """Parse with the named parser, or pick one from the content."""
    if file_format == "auto":
        file_format = "jsonstat" if text.lstrip("\ufeff \r\n\t").startswith("{") else "csv"
    if file_format == "jsonstat":
        return parse_jsonstat(text, source=source, table_number=table)
    return parse_csv_table(text, source=source, table_number=table)


class Command(BaseCommand):
    help = (
        "Import SSB tables (StatBank CSV downloads, plain CSV, JSON-stat 1.x/2.0) into statistical "
        "series. Municipality numbers are harmonised to today's municipalities (merges summed, "
        "splits flagged, never apportioned). All files load in one transaction; re-importing "
        "changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, help="CSV or JSON-stat files.")
        parser.add_argument("--format", dest="file_format", choices=FORMATS, default="auto")
        parser.add_argument("--table", help="SSB table number when the file does not name it.")
        parser.add_argument(
            "--known-gap",
            action="append",
            default=[],
            metavar="PERIOD:KNR:TEXT",
            help="A documented gap to show with the series (repeatable).",
        )
        parser.add_argument(
            "--source",
            help="Publisher when it is not Statistics Norway (e.g. «IMDi / Statistisk sentralbyrå»).",
        )
        parser.add_argument("--licence", help="Licence when it is not CC BY 4.0.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, files: list[Path], file_format: str, table: str | None,
               known_gap: list[str], no_progress: bool, source: str | None = None,
               licence: str | None = None, **options: Any) -> None:  # fmt: skip
        try:
            gaps = [KnownGap.parse(text) for text in known_gap]
        except ValueError as error:
            raise CommandError(str(error)) from error
        quiet = no_progress or options["verbosity"] == 0
        try:
            parsed = []
            for path in files:
                text = read_text(path)
                parsed.append(
                    parse_file(text, source=path.name, file_format=file_format, table=table)
                )
            total = sum(len(item.flows) + len(item.observations) for item in parsed)
            with (
                tqdm(total=total, unit=" rader", disable=quiet, desc="Importerer") as bar,
                transaction.atomic(),
            ):
                summaries = [
                    table_import(table=item, progress=bar.update, refresh=False) for item in parsed
                ]
                codes = {code for summary in summaries for code in summary.series}
                for series in Series.objects.filter(code__in=codes):
                    series_refresh(series=series, known_gaps=gaps, source=source, licence=licence)
        except FileNotFoundError as error:
            raise CommandError(f"Nothing was imported. File not found: {error.filename}") from error
        except ImportFileError as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        if options["verbosity"] > 0:
            for summary in summaries:
                self.stdout.write(self.style.SUCCESS(str(summary)))

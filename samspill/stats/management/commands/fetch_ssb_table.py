"""`samspill fetch_ssb_table TABLE`: download an SSB table (PxWebApi v2, JSON-stat) and import it."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samspill.stats.fetchers.ssb import API_ROOT, FetchError, TableRequest, table_fetch
from samspill.stats.importers.jsonstat import parse_jsonstat
from samspill.stats.importers.tables import ImportFileError
from samspill.stats.services import table_import


class Command(BaseCommand):
    help = (
        "Fetch a StatBank table from SSB's PxWebApi v2 as JSON-stat 2.0 and import it like "
        "import_ssb_table. Needs internet access."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("table", help="SSB table number, e.g. 07459.")
        parser.add_argument(
            "--municipality",
            "-m",
            action="append",
            default=[],
            help="Number (repeatable); default all.",
        )
        parser.add_argument(
            "--year", "-y", action="append", default=[], help="Period (repeatable); default all."
        )
        parser.add_argument("--region-dimension", default="Region")
        parser.add_argument("--time-dimension", default="Tid")
        parser.add_argument(
            "--codelist", help="Region code list, e.g. agg_KommSummer (merged series)."
        )
        parser.add_argument(
            "--select",
            action="append",
            default=[],
            metavar="DIM=CODE,CODE",
            help="Other selections.",
        )
        parser.add_argument("--save", type=Path, help="Also keep the downloaded JSON-stat here.")
        parser.add_argument("--dry-run", action="store_true", help="Only print the request URL.")
        parser.add_argument(
            "--api-root", default=API_ROOT, help="PxWebApi v2 root (a mirror or proxy)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            selections = {
                name: codes.split(",")
                for name, codes in (s.split("=", 1) for s in options["select"])
            }
            request = TableRequest(
                table=options["table"],
                municipalities=options["municipality"],
                periods=options["year"],
                region_dimension=options["region_dimension"],
                time_dimension=options["time_dimension"],
                codelist=options["codelist"],
                selections=selections,
            )
            url = request.url(options["api_root"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"GET {url}")
        if options["dry_run"]:
            return
        try:
            text = table_fetch(request, root=options["api_root"])
        except FetchError as error:
            raise CommandError(f"Nothing was imported: {error}") from error
        if options["save"]:
            options["save"].write_text(text, encoding="utf-8")
        try:
            summary = table_import(
                table=parse_jsonstat(
                    text, source=f"SSB {request.table} (PxWebApi v2)", table_number=request.table
                )
            )
        except ImportFileError as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        self.stdout.write(self.style.SUCCESS(str(summary)))

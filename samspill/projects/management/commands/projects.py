"""`samspill projects import FILE --region SLUG`: a mapping study's spreadsheet into the register.

CSV or XLSX with the export's columns (one transaction: every rejected row is named with its
reason and nothing is written; idempotent on the key). `samspill projects export --region SLUG`
writes the register as CSV to stdout (or XLSX/GeoJSON with --output).
"""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samspill.core.exports import table_bytes
from samspill.projects.exports import register_geojson, register_table
from samspill.projects.importers import ImportFileError, read_rows
from samspill.projects.models import Project
from samspill.projects.services import ImportRejectedError, projects_import
from samspill.regions.models import Region


class Command(BaseCommand):
    help = "Projects register: `import FILE --region SLUG`, `export --region SLUG`."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser("import", help="Import projects from CSV or XLSX.")
        load.add_argument("file", type=Path)
        load.add_argument("--region", default="trondheimsregionen", help="The region's slug.")
        export = actions.add_parser("export", help="Export the register.")
        export.add_argument("--region", required=True)
        export.add_argument("--format", default="csv", choices=["csv", "xlsx", "geojson"])
        export.add_argument("--output", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        region = Region.objects.filter(slug=options["region"]).first()
        if region is None:
            raise CommandError(f"Ukjent region: {options['region']}")
        if options["action"] == "import":
            self._import(region, options["file"])
        else:
            self._export(region, options["format"], options["output"])

    def _import(self, region: Region, path: Path) -> None:
        if not path.is_file():
            raise CommandError(f"Fant ikke filen {path}.")
        try:
            rows = read_rows(path.read_bytes(), name=path.name)
            summary = projects_import(actor=None, region=region, rows=rows, file_name=path.name)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        except ImportRejectedError as error:
            for problem in error.problems:
                self.stderr.write(f"{path.name}, linje {problem.line}: {problem.reason}")
            raise CommandError(
                f"{len(error.problems)} rader avvist; ingenting er importert."
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{summary.created} nye, {summary.updated} endret, "
                f"{summary.unchanged} uendret prosjekter i {region.name}."
            )
        )

    def _export(self, region: Region, file_format: str, output: Path | None) -> None:
        projects = list(
            Project.objects.filter(region=region).prefetch_related("municipalities", "phases")
        )
        if file_format == "geojson":
            content = json.dumps(register_geojson(projects), ensure_ascii=False).encode()
        else:
            content = table_bytes(
                register_table(projects, title=f"Store prosjekter, {region.name}"),
                file_format=file_format,
            )
        if output is None:
            if file_format == "xlsx":
                raise CommandError("XLSX trenger --output FIL.")
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
        else:
            output.write_bytes(content)
        self.stderr.write(self.style.SUCCESS(f"{len(projects)} prosjekter eksportert."))

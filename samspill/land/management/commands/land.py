"""`samspill land import FILE --municipality KNR` and `samspill land export`.

Import reads a GeoJSON or CSV file (the same columns as the import page) and saves every row in
one transaction, or none: each rejected row is printed with its reasons and the command exits
with an error. Export writes the published register (CSV, XLSX or GeoJSON) to stdout or --output.
"""

import json
import sys
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser

from samspill.core.exports import table_bytes
from samspill.land import exports
from samspill.land.importing import ImportFileError, rows_from_file
from samspill.land.selectors import SearchFilters, site_search
from samspill.land.services import ImportRejectedError, sites_import
from samspill.regions.models import Municipality


class Command(BaseCommand):
    help = "Land register: `import FILE --municipality KNR`, `export [--format csv|xlsx|geojson]`."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser("import", help="Load a municipality's sites (all or none).")
        load.add_argument("file", type=Path)
        load.add_argument("--municipality", required=True, help="Kommunenummer, e.g. 5035.")
        load.add_argument("--example", action="store_true", help="Mark the sites as examples.")
        export = actions.add_parser("export", help="The published register as a file.")
        export.add_argument("--format", default="csv", choices=["csv", "xlsx", "geojson"])
        export.add_argument("--output", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options)
        else:
            self._export(options)

    def _import(self, options: dict[str, Any]) -> None:
        municipality = Municipality.objects.filter(number=options["municipality"]).first()
        if municipality is None:
            raise CommandError(f"Ukjent kommunenummer: {options['municipality']}")
        path: Path = options["file"]
        try:
            rows = rows_from_file(path.name, path.read_bytes())
            summary = sites_import(
                actor=None, municipality=municipality, rows=rows, is_example=options["example"]
            )
        except OSError as error:
            raise CommandError(f"Kan ikke lese {path}: {error}") from error
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        except ImportRejectedError as error:
            for row in error.rejected:
                self.stderr.write(f"Rad {row.row} ({row.label or '–'}): {' '.join(row.reasons)}")
            raise CommandError(f"Ingenting lagret: {len(error.rejected)} rader avvist.") from error
        for name in summary.outside:
            self.stderr.write(f"Advarsel: «{name}» ligger utenfor kommunegrensen.")
        self.stdout.write(
            self.style.SUCCESS(f"{summary.created} nye og {summary.updated} oppdaterte arealer.")
        )

    def _export(self, options: dict[str, Any]) -> None:
        result = site_search(user=AnonymousUser(), filters=SearchFilters(), limit=1_000_000)
        if options["format"] == "geojson":
            content = json.dumps(exports.sites_geojson(result.hits), ensure_ascii=False).encode()
        else:
            table = exports.site_table(result.hits, title="Næringsareal og lokaler")
            content = table_bytes(table, file_format=options["format"])
        output: Path | None = options["output"]
        if output is None:
            if options["format"] == "xlsx":
                raise CommandError("XLSX trenger --output FIL.")
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
        else:
            output.write_bytes(content)
        self.stderr.write(f"{len(result.hits)} arealer eksportert.")

"""`samspill decisions export --region SLUG`: the region's decision log as CSV or XLSX.

The same table and writer as the page's download (`core/exports.py`); run by an operator, it
exports every decision of the region. The file goes to stdout (or `--output`), the provenance to
stderr.
"""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samspill.core.exports import table_bytes
from samspill.knowledge.exports import decision_table
from samspill.knowledge.models import DecisionBody
from samspill.knowledge.selectors import DecisionFilters, decision_list_system
from samspill.regions.models import Region


class Command(BaseCommand):
    help = "Decisions: `export --region SLUG [--format csv|xlsx] [--output FILE]`."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="The region's decision log as CSV or XLSX.")
        export.add_argument("--region", required=True, help="The region's slug, e.g. sor-troms.")
        export.add_argument("--format", default="csv", choices=["csv", "xlsx"])
        export.add_argument("--output", type=Path, help="A file (default: stdout).")
        export.add_argument("--body", default="", choices=["", *DecisionBody.values])
        export.add_argument("--year", type=int)
        export.add_argument("--text", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        region = Region.objects.filter(slug=options["region"]).first()
        if region is None:
            raise CommandError(f"Ukjent region: {options['region']}")
        filters = DecisionFilters(body=options["body"], year=options["year"], text=options["text"])
        decisions = list(decision_list_system(region=region, filters=filters))
        table = decision_table(region=region, decisions=decisions)
        content = table_bytes(table, file_format=options["format"])
        output: Path | None = options["output"]
        if output is None:
            if options["format"] == "xlsx":
                raise CommandError("XLSX trenger --output FIL.")
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
        else:
            output.write_bytes(content)
        for line in [table.title, *table.sources, *table.notes]:
            self.stderr.write(f"# {line}")
        self.stderr.write(self.style.SUCCESS(f"{len(decisions)} vedtak eksportert."))

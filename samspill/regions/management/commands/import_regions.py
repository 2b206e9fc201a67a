"""`samspill import_regions FILE`: create or replace regions from a membership CSV."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samspill.regions.exceptions import ImportFileError
from samspill.regions.importers.regions import parse_region_memberships
from samspill.regions.services import regions_import


class Command(BaseCommand):
    help = (
        "Import region definitions: CSV with region_slug, region_name, kind, municipality_number, "
        "valid_from, valid_to, note, description, source. Old municipality numbers are allowed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        try:
            rows = parse_region_memberships(
                path.read_text(encoding="utf-8-sig").splitlines(), source=path.name
            )
            result = regions_import(rows=rows, actor=None)
        except ImportFileError as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        except FileNotFoundError as error:
            raise CommandError(f"Nothing was imported. No such file: {path}") from error
        names = ", ".join(region.name for region in result.regions)
        if options["verbosity"] > 0:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Regions: {len(result.regions)} ({names}); memberships: {result.memberships}"
                )
            )

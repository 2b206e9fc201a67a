"""`samspill import_region ARCHIVE.zip`: a region exported by export_region, into this Samspill."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samspill.portability.services import ArchiveError, region_import


class Command(BaseCommand):
    help = (
        "Import a region archive made by export_region, in one transaction. Load the "
        "municipalities first (import_municipalities); the region must not exist yet. "
        "New users get no password and must use 'forgotten password'."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="The ZIP file to read.")

    def handle(self, *args: Any, archive: Path, **options: Any) -> None:
        if not archive.is_file():
            raise CommandError(f"No file {archive}.")
        try:
            result = region_import(source=archive, actor=None)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Imported {result}"))

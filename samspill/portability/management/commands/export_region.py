"""`samspill export_region SLUG ARCHIVE.zip`: everything a region owns, in one archive."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samspill.portability.services import ArchiveError, region_export
from samspill.regions.models import Region


class Command(BaseCommand):
    help = (
        "Export a region's data (members, roles, strategy, plans and measures, inquiries, "
        "service entries, routing rules, adviser profiles, projects, documents, collaboration, "
        "land sites, the members' innovation challenges) to a ZIP archive for import_region. "
        "Inquiries' contact persons, notes and descriptions only with --with-personal-data; "
        "suppliers' answers, scores and attachments never."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="The region's short name (as in its URL).")
        parser.add_argument("archive", type=Path, help="The ZIP file to write.")
        parser.add_argument(
            "--with-personal-data",
            action="store_true",
            help="Include inquiries' contact persons, notes and free-text descriptions.",
        )

    def handle(
        self, *args: Any, slug: str, archive: Path, with_personal_data: bool, **options: Any
    ) -> None:
        region = Region.objects.filter(slug=slug).first()
        if region is None:
            raise CommandError(f"No region {slug!r}.")
        try:
            summary = region_export(
                region=region,
                destination=archive,
                with_personal_data=with_personal_data,
                actor=None,
            )
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Exported {summary} to {archive}"))

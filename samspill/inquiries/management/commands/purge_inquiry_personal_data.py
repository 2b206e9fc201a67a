"""`samspill purge_inquiry_personal_data`: the retention rule for closed inquiries, run daily."""

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from samspill.inquiries.services import inquiry_personal_data_purge


class Command(BaseCommand):
    help = (
        "Erase the contact person, description and notes of inquiries closed longer ago than "
        "INQUIRY_RETENTION_DAYS. Safe to run daily; --dry-run only lists what would be erased."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Change nothing; list the inquiries."
        )

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        try:
            summary = inquiry_personal_data_purge(dry_run=dry_run)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(str(summary)))
        if summary.inquiry_ids and options.get("verbosity", 1) > 1:
            self.stdout.write("Inquiries: " + ", ".join(f"#{pk}" for pk in summary.inquiry_ids))

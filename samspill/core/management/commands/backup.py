"""`samspill backup FILE`: a consistent copy of the whole database while the site runs."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samspill.core.backups import BackupError, database_backup


class Command(BaseCommand):
    help = (
        "Back up the database to FILE: SQLite through its online backup API (a SQLite file), "
        "PostgreSQL through pg_dump --format=custom. Safe while Samspill runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Where to write the backup.")
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args: Any, file: Path, database: str, **options: Any) -> None:
        try:
            result = database_backup(path=file, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written: {result}"))

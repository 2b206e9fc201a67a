"""`samspill restore FILE`: replace the database's contents with a backup made by `samspill backup`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samspill.core.backups import BackupError, database_restore


class Command(BaseCommand):
    help = (
        "Restore the database from FILE (made by `samspill backup`). Everything in the database "
        "now is replaced. Stop the web server and the worker first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The backup to restore.")
        parser.add_argument("--database", default="default", help="Database alias.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(
        self, *args: Any, file: Path, database: str, interactive: bool, **options: Any
    ) -> None:
        if interactive:
            answer = input(f"Replace everything in the database with {file}? Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            result = database_restore(path=file, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored from {result}"))

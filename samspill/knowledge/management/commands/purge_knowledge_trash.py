"""`samspill purge_knowledge_trash`: delete for good the documents whose trash period is over."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samspill.knowledge.services import trash_purge


class Command(BaseCommand):
    help = (
        "Delete for good (with every version and file) the documents that have been in the trash "
        "longer than KNOWLEDGE_TRASH_DAYS. Safe to run daily; --dry-run only lists them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Change nothing; list the documents."
        )

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        ids = trash_purge(dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(ids)} document(s) from the trash."))
        if ids and options.get("verbosity", 1) > 1:
            self.stdout.write("Documents: " + ", ".join(f"#{pk}" for pk in ids))

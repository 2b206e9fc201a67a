"""`samspill fail_stale_analysis_runs`: mark as failed the runs whose worker was killed."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samspill.analyses.services import stale_runs_fail


class Command(BaseCommand):
    help = (
        'Mark as failed the analysis runs left "running" longer than LMA_RUN_STALE_MINUTES '
        "(their worker was killed), so that they can be started again. Safe to run daily; "
        "--dry-run only lists them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Change nothing; list the runs.")

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        ids = stale_runs_fail(dry_run=dry_run)
        verb = "Would mark" if dry_run else "Marked"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(ids)} stale run(s) as failed."))
        if ids and options.get("verbosity", 1) > 1:
            self.stdout.write("Runs: " + ", ".join(f"#{pk}" for pk in ids))

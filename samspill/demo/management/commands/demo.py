"""`samspill demo`: load the real demo data (idempotent and fast on a second run) and demo users."""

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from samspill.demo.steps import STEPS, fingerprint, step_is_current, step_mark_done
from samspill.demo.users import demo_users_create


class Command(BaseCommand):
    help = (
        "Load the demo data from ../shared/data through the normal importers, and the demo users."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Reload every step.")

    def handle(self, *args: Any, force: bool, **options: Any) -> None:
        if not settings.SHARED_DATA_DIR.is_dir():
            raise CommandError(
                f"The shared data folder {settings.SHARED_DATA_DIR} is missing. Put the 'shared' folder "
                "beside the repository, or set SAMSPILL_SHARED_DATA (see README: Data)."
            )
        for step in STEPS:
            print_hash = fingerprint(step.inputs())
            if not force and step_is_current(step, print_hash):
                self.stdout.write(f"  ✓ {step.label} (unchanged, skipped)")
                continue
            started = time.perf_counter()
            step.run()
            step_mark_done(step, print_hash)
            self.stdout.write(f"  ✓ {step.label} ({time.perf_counter() - started:.1f} s)")
        demo_users_create()
        self.stdout.write(self.style.SUCCESS("Demo data ready."))

"""`samspill refresh_indicators`: update indicators bound to statistics after an import."""

from typing import Any

from django.core.management.base import BaseCommand

from samspill.strategy.services import indicator_refresh_from_statistics


class Command(BaseCommand):
    help = "Write readings of every strategy indicator bound to statistics from the imported data."

    def handle(self, *args: Any, **options: Any) -> None:
        summary = indicator_refresh_from_statistics()
        self.stdout.write(self.style.SUCCESS(str(summary)))

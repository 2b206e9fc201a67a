"""`samspill refresh_company_facts`: fill in company facts the Brønnøysund API could not give yet."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samspill.inquiries.services import company_facts_refresh_due


class Command(BaseCommand):
    help = (
        "Fetch company facts from Enhetsregisteret for companies still waiting (the API was down) "
        "or with facts older than --stale-days. Safe to run repeatedly, e.g. hourly."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--stale-days", type=int, default=30, help="Refresh facts older than this."
        )
        parser.add_argument("--limit", type=int, default=None, help="At most this many companies.")

    def handle(self, *args: Any, stale_days: int, limit: int | None, **options: Any) -> None:
        summary = company_facts_refresh_due(stale_days=stale_days, limit=limit)
        self.stdout.write(self.style.SUCCESS(f"Company facts: {summary}"))

"""`samspill demo_logins`: print the URL and the demo users."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samspill.demo.users import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Print where Samspill runs and the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args: Any, url: str, **options: Any) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Samspill runs at {url}"))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.username:<12} {user.description}")
        self.stdout.write("Stop with Ctrl+C.\n")

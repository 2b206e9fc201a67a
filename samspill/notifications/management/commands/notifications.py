"""`samspill notifications send-digests --period daily|weekly` sends the digests (cron)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samspill.notifications.models import Delivery
from samspill.notifications.services import digest_send


class Command(BaseCommand):
    help = "Varsler: send daglige eller ukentlige sammendrag / notification digests"

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        send = commands.add_parser("send-digests", help="send sammendrag på e-post")
        send.add_argument(
            "--period", required=True, choices=[Delivery.DAILY.value, Delivery.WEEKLY.value]
        )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = digest_send(period=options["period"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Sendt / sent: {summary.sent} e-post(er) med {summary.notifications} varsler"
            )
        )

"""`samspill notifications send-digests --period daily|weekly` sends the digests (cron);
`samspill notifications fan-out` tells the followers of any event the task worker has not yet
fanned out (a catch-up; the digests do it first anyway)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samspill.notifications.models import Delivery
from samspill.notifications.services import digest_send, events_fan_out_pending


class Command(BaseCommand):
    help = "Varsler: send daglige eller ukentlige sammendrag / notification digests"

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        send = commands.add_parser("send-digests", help="send sammendrag på e-post")
        send.add_argument(
            "--period", required=True, choices=[Delivery.DAILY.value, Delivery.WEEKLY.value]
        )
        commands.add_parser("fan-out", help="varsle følgere om hendelser som venter")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "fan-out":
            count = events_fan_out_pending()
            self.stdout.write(self.style.SUCCESS(f"Varslet / fanned out: {count} hendelser"))
            return
        summary = digest_send(period=options["period"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Sendt / sent: {summary.sent} e-post(er) med {summary.notifications} varsler"
            )
        )

"""`samspill challenges export|graveyard|remind|supplier-facts`: public challenges as CSV/XLSX;
the pilots past their end date without a decision (the "pilot graveyard") for a follow-up
meeting; reminders before answer deadlines and dialogue meetings (idempotent, hourly from
systemd, which also sends announcement and outcome mails the worker could not send); and a new
attempt at Brønnøysund for supplier profiles registered while it did not answer.

The same table and writer as the page's download (`core/exports.py`); the file goes to stdout (or
`--output`), the provenance to stderr.
"""

import datetime
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samspill.challenges.exports import challenge_table
from samspill.challenges.models import Area, Stage
from samspill.challenges.selectors import ChallengeFilters, challenge_public_list, pilot_graveyard
from samspill.challenges.services import mail_catch_up, reminders_send, supplier_facts_retry
from samspill.core.exports import table_bytes
from samspill.core.mail import MailNotSentError


class Command(BaseCommand):
    help = (
        "Innovation challenges: `export [--area A] [--stage S] [--format csv|xlsx]`, `graveyard`, "
        "`remind [--hours N]`, `supplier-facts`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="Public challenges as CSV or XLSX.")
        export.add_argument("--area", default="", choices=["", *Area.values])
        export.add_argument("--stage", default="", choices=["", *Stage.values])
        export.add_argument("--municipality", default="", help="A municipality number.")
        export.add_argument("--format", default="csv", choices=["csv", "xlsx"])
        export.add_argument("--output", type=Path, help="A file (default: stdout).")
        actions.add_parser("graveyard", help="Pilots past their end date without a decision.")
        remind = actions.add_parser(
            "remind", help="Mail reminders of answer deadlines and dialogue meetings (once each)."
        )
        remind.add_argument("--hours", type=int, default=48, help="How far ahead (default 48).")
        actions.add_parser(
            "supplier-facts", help="Ask Brønnøysund again for profiles it did not answer for."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "remind":
            try:
                caught_up = mail_catch_up()
                summary = reminders_send(ahead=datetime.timedelta(hours=options["hours"]))
            except MailNotSentError as error:
                raise CommandError(f"E-post kunne ikke sendes: {error}") from error
            self.stdout.write(
                f"{summary.sent} påminnelser sendt, {summary.skipped} sendt før; "
                f"{caught_up} ventende e-poster sendt."
            )
            return
        if options["action"] == "supplier-facts":
            self.stdout.write(f"{supplier_facts_retry()} leverandører slått opp på nytt.")
            return
        if options["action"] == "graveyard":
            pilots = list(pilot_graveyard())
            for pilot in pilots:
                self.stdout.write(
                    f"{pilot.ends_on:%Y-%m-%d}\t{pilot.challenge.title}\t{pilot.answer.supplier.name}"
                )
            self.stderr.write(f"{len(pilots)} piloter uten beslutning.")
            return
        filters = ChallengeFilters(
            area=options["area"], stage=options["stage"], municipality=options["municipality"]
        )
        challenges = list(challenge_public_list(filters=filters))
        table = challenge_table(challenges=challenges)
        content = table_bytes(table, file_format=options["format"])
        output: Path | None = options["output"]
        if output is None:
            if options["format"] == "xlsx":
                raise CommandError("XLSX trenger --output FIL.")
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
        else:
            output.write_bytes(content)
        for line in [table.title, *table.sources, *table.notes]:
            self.stderr.write(f"# {line}")
        self.stderr.write(self.style.SUCCESS(f"{len(challenges)} utfordringer eksportert."))

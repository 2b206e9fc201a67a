"""`samspill search rebuild` rebuilds the index; `samspill search find WORDS --user NAME` searches."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser

from samspill.accounts.models import User
from samspill.search.models import Kind
from samspill.search.selectors import Filters, search_for
from samspill.search.services import index_rebuild


class Command(BaseCommand):
    help = "Søkeindeksen: bygg den på nytt, eller søk som en bruker / the search index"

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        rebuild = commands.add_parser("rebuild", help="bygg indeksen på nytt fra alle objekter")
        rebuild.add_argument(
            "--kind",
            action="append",
            choices=Kind.values,
            help="bare denne typen (kan gjentas)",
        )
        find = commands.add_parser("find", help="søk som en bruker ser det")
        find.add_argument("words", nargs="+")
        find.add_argument("--user", help="brukernavn (uten: som en anonym besøkende)")
        find.add_argument("--kind", choices=Kind.values)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "rebuild":
            kinds = [Kind(kind) for kind in options["kind"]] if options["kind"] else None
            summary = index_rebuild(kinds=kinds)
            for kind, count in summary.counts.items():
                self.stdout.write(f"{kind}: {count}")
            self.stdout.write(self.style.SUCCESS(f"Indeksert / indexed: {summary.total}"))
            return
        user: User | AnonymousUser = AnonymousUser()
        if options["user"]:
            found = User.objects.filter(username=options["user"]).first()
            if found is None:
                raise CommandError(f"Ukjent bruker / unknown user: {options['user']}")
            user = found

        results = search_for(
            user=user,
            query=" ".join(options["words"]),
            filters=Filters(kinds=[options["kind"]] if options["kind"] else []),
        )
        self.stdout.write(f"{results.total} treff / hits")
        for hit in results.hits:
            self.stdout.write(f"{hit.entry.kind}\t{hit.entry.object_id}\t{hit.entry.title}")

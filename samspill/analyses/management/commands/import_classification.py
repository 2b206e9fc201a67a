"""`samspill import_classification FILE --slug … --name …`: load a grouping of municipalities.

    samspill import_classification ../shared/data/kommuner/kommuner_2024.csv \
        --slug okonomiske-regioner-2024 --name "SSB økonomiske regioner 2024" \
        --number-column knr --code-column okonomisk_region --name-column okonomisk_region_navn \
        --source "SSB KLASS 108 via helseprofil/norgeo (CC BY 4.0)" --year 2024

The CSV has one row per municipality (today's numbers) and a class code (any text); strict
checks as in ADR 30 (the error names the line). Loading the same slug again replaces it.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samspill.analyses.importers.classification import classification_parse
from samspill.analyses.services import classification_import
from samspill.regions.importers.errors import ImportFileError


class Command(BaseCommand):
    help = "Load a classification of municipalities (CSV: number → class) to compare regions with."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--slug", required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument("--source", default="")
        parser.add_argument("--description", default="")
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument("--number-column", default="knr")
        parser.add_argument("--code-column", default="klasse")
        parser.add_argument("--name-column", default=None)

    def handle(self, *args: object, **options: object) -> None:
        path = Path(str(options["file"]))
        try:
            rows = classification_parse(
                path.read_text(encoding="utf-8"),
                source=path.name,
                number_column=str(options["number_column"]),
                code_column=str(options["code_column"]),
                name_column=str(options["name_column"]) if options["name_column"] else None,
            )
            classification = classification_import(
                actor=None,
                slug=str(options["slug"]),
                name=str(options["name"]),
                rows=rows,
                source=str(options["source"]),
                description=str(options["description"]),
                year=options["year"] if isinstance(options["year"], int) else None,
                file_name=path.name,
            )
        except (OSError, UnicodeDecodeError, ImportFileError) as error:
            raise CommandError(str(error)) from error
        classes = len({row.class_code for row in rows})
        if int(str(options.get("verbosity", 1))) > 0:
            self.stdout.write(
                f"{classification.name}: {len(rows)} kommuner i {classes} klasser "
                f"({classification.slug})."
            )

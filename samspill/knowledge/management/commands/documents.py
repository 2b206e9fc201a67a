"""`samspill documents import FOLDER --region SLUG`: load a folder of files as documents.

Every file is checked like an upload (type by content, size, zip bombs, corrupt PDFs); a refused
file is reported with its reason and skipped, the others are stored. One document per file, titled
by its file name, with the kind, visibility, tags and registrant given. `--dry-run` only checks.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samspill.accounts.models import User
from samspill.core.exceptions import PermissionDeniedError
from samspill.knowledge.models import DocumentKind, Visibility
from samspill.knowledge.services import Upload, document_create, upload_limits
from samspill.knowledge.uploads import UploadRefusedError, file_inspect, oversize_error
from samspill.regions.models import Region


class Command(BaseCommand):
    help = "Shared knowledge documents: `import FOLDER --region SLUG` loads a folder of files."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser("import", help="Load every file in a folder as a document.")
        load.add_argument("folder", type=Path)
        load.add_argument("--region", required=True, help="The region's slug, e.g. sor-troms.")
        load.add_argument("--kind", default=DocumentKind.OTHER, choices=DocumentKind.values)
        load.add_argument(
            "--visibility",
            default=Visibility.REGION,
            choices=[Visibility.PUBLIC, Visibility.REGION],
        )
        load.add_argument("--tag", action="append", default=[], help="A tag (repeatable).")
        load.add_argument("--user", help="Username recorded as the registrant (checked as theirs).")
        load.add_argument("--dry-run", action="store_true", help="Check the files, store nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        region = Region.objects.filter(slug=options["region"]).first()
        if region is None:
            raise CommandError(f"Ukjent region: {options['region']}")
        folder: Path = options["folder"]
        if not folder.is_dir():
            raise CommandError(f"Ikke en mappe: {folder}")
        actor = None
        if options["user"]:
            actor = User.objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"Ukjent bruker: {options['user']}")
        stored = refused = 0
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            size = path.stat().st_size
            limits = upload_limits()
            try:
                if size > limits.max_bytes:  # refused without reading it
                    raise oversize_error(size, limits.max_bytes)
                data = path.read_bytes()
                if options["dry_run"]:
                    file_inspect(name=path.name, data=data, limits=limits)
                else:
                    document_create(
                        actor=actor,
                        region=region,
                        title=path.stem.replace("_", " "),
                        kind=options["kind"],
                        tags=options["tag"],
                        visibility=options["visibility"],
                        upload=Upload(name=path.name, data=data),
                    )
            except PermissionDeniedError as error:
                raise CommandError(str(error)) from error
            except UploadRefusedError as error:
                refused += 1
                self.stderr.write(f"{path.name}: {error.message}")
                continue
            stored += 1
            self.stdout.write(f"{path.name}: {'ok' if options['dry_run'] else 'lagret'}")
        verb = "godkjent" if options["dry_run"] else "lagret"
        self.stdout.write(self.style.SUCCESS(f"{stored} filer {verb}, {refused} avvist."))

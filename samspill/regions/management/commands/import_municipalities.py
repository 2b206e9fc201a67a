"""`samspill import_municipalities`: load municipalities, reform history and outlines."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from samspill.regions.exceptions import ImportFileError
from samspill.regions.importers.municipalities import (
    parse_boundaries,
    parse_correspondence,
    parse_municipality_list,
)
from samspill.regions.services import municipalities_import


class Command(BaseCommand):
    help = (
        "Import every Norwegian municipality (2024 and 2020 structures), the reform history "
        "(old number → today's number) and Kartverket outlines. Reads the standard file names "
        "in --data-dir (default: ../shared/data)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir", type=Path, default=None, help="Folder with kommuner/ and geo/."
        )

    def handle(self, *args: Any, data_dir: Path | None, **options: Any) -> None:
        root = data_dir or settings.SHARED_DATA_DIR
        kommuner, geo = root / "kommuner", root / "geo"
        try:
            current = parse_municipality_list(
                _lines(kommuner / "kommuner_2024.csv"), source="kommuner_2024.csv"
            )
            previous = parse_municipality_list(
                _lines(kommuner / "kommuner_2020.csv"), source="kommuner_2020.csv"
            )
            correspondences = []
            for name in (
                "korrespondanse_kommune_1990_2024_til_2024_csdata.csv",
                "korrespondanse_kommune_2017_til_2024.csv",
                "korrespondanse_kommune_2018_til_2024.csv",
                "korrespondanse_kommune_2020_til_2024.csv",
            ):
                correspondences += parse_correspondence(_lines(kommuner / name), source=name)
            boundaries = parse_boundaries(
                (geo / "kommuner_2024_S.geojson").read_text(encoding="utf-8"),
                source="kommuner_2024_S.geojson",
            )
            current_numbers = {row.number for row in current}
            boundaries += [
                boundary
                for boundary in parse_boundaries(
                    (geo / "kommuner_2020_medium.geojson").read_text(encoding="utf-8"),
                    source="kommuner_2020_medium.geojson",
                )
                if boundary.number not in current_numbers
            ]
            summary = municipalities_import(
                current=current,
                previous=previous,
                correspondences=correspondences,
                boundaries=boundaries,
            )
        except (ImportFileError, FileNotFoundError) as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(f"Municipalities: {summary}"))


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").splitlines()

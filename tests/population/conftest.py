"""Age groups and education for a few municipalities, through the real importer.

The full files (285 000 and 75 000 rows) would slow every test database; these tests load the
rows of Trondheimsregionen's members and Gjøvik (every vintage of their numbers), and compare
against sums of exactly those rows. Norway on these pages = the sum of what is loaded.
"""

import csv
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import SHARED_DIR

DATA = SHARED_DIR / "data"
TRONDHEIMSREGIONEN = ["5001", "5027", "5028", "5029", "5031", "5035", "5054", "5059"]
GJOVIK = "3407"
LOADED = {*TRONDHEIMSREGIONEN, GJOVIK}


def today_numbers() -> dict[str, str]:
    """Old number → today's number from the correspondence files; split numbers left out."""
    targets: dict[str, set[str]] = {}
    for name in ("2017", "2018", "2020"):
        path = DATA / "kommuner" / f"korrespondanse_kommune_{name}_til_2024.csv"
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                targets.setdefault(row[f"knr_{name}"], set()).add(row["knr_2024"])
    mapping = {old: next(iter(new)) for old, new in targets.items() if len(new) == 1}
    mapping.update({number: number for number in LOADED})
    return mapping


def _filtered(source: Path, target: Path, keep: set[str]) -> Path:
    with source.open(encoding="utf-8") as handle, target.open("w", encoding="utf-8") as out:
        reader = csv.DictReader(handle)
        assert reader.fieldnames is not None
        writer = csv.DictWriter(out, fieldnames=reader.fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(row for row in reader if row["knr"] in keep)
    return target


def education_numbers() -> set[str]:
    """Every IMDi number (any vintage) that is one of the loaded municipalities today."""
    mapping = today_numbers()
    return {old for old, new in mapping.items() if new in LOADED}


@pytest.fixture
def population_data(db: None, tmp_path: Path) -> None:
    ages = _filtered(
        DATA / "befolkning_alder" / "befolkning_kommune_b2024_kjonn_5aar_2006_2026.csv",
        tmp_path / "befolkning_alder.csv",
        LOADED,
    )
    education = _filtered(
        DATA / "utdanning" / "utdanningsniva_kommune_imdi_2011_2020.csv",
        tmp_path / "utdanning.csv",
        education_numbers(),
    )
    call_command("import_ssb_table", str(ages), table="07459", verbosity=0, no_progress=True)
    call_command(
        "import_ssb_table",
        str(education),
        table="IMDi",
        source="IMDi / Statistisk sentralbyrå",
        licence="ikke oppgitt (SSB: CC BY 4.0)",
        verbosity=0,
        no_progress=True,
    )

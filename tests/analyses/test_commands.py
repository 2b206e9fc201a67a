"""`samspill analyse …`: the same analyses on the command line, as CSV or XLSX."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("analyse", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_shift_share_for_a_region_as_csv(telemark_industries):
    text = run(
        "shift-share", "--region", "notodden-byregion", "--from", "2016", "--to", "2025",
        "--reference", "rest", "--scope", "all",
    )  # fmt: skip

    assert "# Skift-andel-analyse for Notodden byregion" in text
    assert "# Lisens: CC BY 4.0" in text
    assert "# Parameter referanse: Resten av Telemark (uten området selv)" in text
    assert "notodden-byregion;I alt;14535,0;15052,0;517,0" in text


def test_labour_market_regions_to_an_xlsx_file(commuting, tmp_path):
    output = tmp_path / "regioner.xlsx"

    run("labour-market-regions", "--year", "2022", "--output", str(output))

    workbook = load_workbook(output)
    assert workbook["Data"].max_row == 357
    provenance = list(workbook["Kilde"].iter_rows(values_only=True))
    assert ("Kilde", "Statistisk sentralbyrå, tabell 03321") in provenance


def test_new_jobs_to_stdout():
    text = run("new-jobs", "--municipality", "5035", "--jobs", "500", "--year", "2022")

    assert "5035;Stjørdal;7388,0" in text


def test_commuting_for_a_region():
    text = run("commuting", "--region", "trondheimsregionen")

    assert "trondheimsregionen;2022;" in text
    assert "5035;2017;" in text


@pytest.mark.parametrize(
    "args",
    [
        ("shift-share", "--municipality", "5035"),
        ("new-jobs", "--municipality", "5035", "--jobs", "500", "--year", "1999"),
        ("commuting", "--region", "finnes-ikke"),
        ("new-jobs", "--municipality", "5035", "--jobs", "5", "--format", "xlsx"),
    ],
)
def test_impossible_requests_end_with_a_message(args):
    with pytest.raises(CommandError):
        run(*args)


def test_commuting_to_xlsx_keeps_years_and_counts_as_numbers(tmp_path):
    output = tmp_path / "pendling.xlsx"

    run("commuting", "--region", "trondheimsregionen", "--output", str(output))

    sheet = load_workbook(output)["Data"]
    header = [cell.value for cell in sheet[1]]
    year = sheet.cell(row=2, column=header.index("ar") + 1)
    assert (year.data_type, year.number_format) == ("n", "0")
    assert isinstance(year.value, int)

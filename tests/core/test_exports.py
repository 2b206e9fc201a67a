"""The shared export writer: safe cells, CSV per language, XLSX types and the source sheet."""

import csv
import datetime
import io
from decimal import Decimal

import numpy as np
import pytest
from django.utils import translation
from openpyxl import load_workbook

from samspill.core.exports import (
    ExportTable,
    export_filename,
    is_formula_like,
    neutralise,
    table_bytes,
    table_csv,
    table_xlsx,
)

TRIGGERS = ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "  =1"]


def _table(**overrides: object) -> ExportTable:
    values: dict[str, object] = {
        "title": "Folketall",
        "columns": ["År", "Kommune", "Folketall", "Andel", "Dato"],
        "rows": [
            [2024, '=HYPERLINK("http://x","klikk")', 315065, 0.955, datetime.date(2024, 1, 1)],
            ["2025", "Malvik", -237, -1.5, None],
            [2026, "-Malvik", np.int64(14000), float("nan"), None],
        ],
        "sources": ["Statistisk sentralbyrå, tabell 07459"],
        "licence": "CC BY 4.0",
        "notes": ["Tall per 1. januar"],
        "exported_at": datetime.datetime(2026, 12, 2, 9, 30, tzinfo=datetime.UTC),
    }
    values.update(overrides)
    return ExportTable(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", TRIGGERS)
def test_text_that_a_spreadsheet_could_evaluate_is_prefixed(text: str) -> None:
    assert is_formula_like(text)
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Malvik", "1+1", "a=b", "", "'quoted"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert neutralise(text) == text


def _csv_rows(content: bytes, delimiter: str) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=delimiter))


def test_norwegian_csv_is_semicolon_separated_with_decimal_comma_and_header_first() -> None:
    with translation.override("nb"):
        rows = _csv_rows(table_csv(_table()), ";")

    assert rows[0] == ["År", "Kommune", "Folketall", "Andel", "Dato"]
    assert rows[1] == ["2024", '\'=HYPERLINK("http://x","klikk")', "315065", "0,955", "2024-01-01"]
    # a negative number is a number, not text; text starting with "-" is neutralised
    assert rows[2] == ["2025", "Malvik", "-237", "-1,5", ""]
    assert rows[3] == ["2026", "'-Malvik", "14000", "", ""]


def test_english_csv_is_comma_separated_with_decimal_point() -> None:
    with translation.override("en"):
        rows = _csv_rows(table_csv(_table()), ",")

    assert rows[1][3] == "0.955"
    assert rows[2][2:4] == ["-237", "-1.5"]


def test_nynorsk_uses_the_norwegian_dialect() -> None:
    assert _csv_rows(table_csv(_table(), language="nn"), ";")[2][3] == "-1,5"


def test_xlsx_keeps_numbers_years_and_dates_typed_and_formulas_as_text() -> None:
    workbook = load_workbook(io.BytesIO(table_xlsx(_table())))

    data = workbook.worksheets[0]
    assert [cell.value for cell in data[1]] == ["År", "Kommune", "Folketall", "Andel", "Dato"]
    year, name, population, share, date = data[2]
    assert (year.value, year.data_type, year.number_format) == (2024, "n", "0")
    assert (name.data_type, name.value) == ("s", '=HYPERLINK("http://x","klikk")')
    assert (population.value, population.number_format) == (315065, "#,##0")
    assert (share.value, share.data_type) == (0.955, "n")
    assert date.is_date
    assert date.value == datetime.datetime.fromisoformat("2024-01-01T00:00")
    second = data[3]
    assert second[0].value == 2025  # a year given as text becomes a number
    assert (second[2].value, second[2].data_type) == (-237, "n")
    assert (second[3].value, second[3].data_type) == (-1.5, "n")
    assert data[4][2].value == 14000  # numpy integers are numbers too
    assert data[4][3].value is None  # NaN is an empty cell, never "nan"
    assert not any(cell.data_type == "f" for row in data.iter_rows() for cell in row)


def test_xlsx_has_a_source_sheet_with_source_licence_notes_and_export_time() -> None:
    workbook = load_workbook(io.BytesIO(table_xlsx(_table())))

    assert workbook.sheetnames == ["Data", "Kilde"]
    assert list(workbook["Kilde"].iter_rows(values_only=True)) == [
        ("Tittel", "Folketall"),
        ("Kilde", "Statistisk sentralbyrå, tabell 07459"),
        ("Lisens", "CC BY 4.0"),
        ("Merknad", "Tall per 1. januar"),
        ("Eksportert", "2026-12-02 10:30"),
    ]


def test_example_content_is_marked_in_the_source_sheet_and_the_file_name() -> None:
    workbook = load_workbook(io.BytesIO(table_xlsx(_table(is_example=True))))

    labels = [row[0] for row in workbook["Kilde"].iter_rows(values_only=True)]
    assert "Eksempel" in labels
    assert export_filename("Plan", file_format="csv", is_example=True) == "eksempel-plan.csv"
    assert export_filename("Plan", file_format="csv") == "plan.csv"


def test_decimals_datetimes_and_booleans() -> None:
    aware = datetime.datetime(2026, 6, 1, 10, 0, tzinfo=datetime.UTC)
    table = _table(
        columns=["Beløp", "Tid", "Ja"],
        rows=[[Decimal("12.50"), aware, True]],
        decimals={0: 2},
    )

    sheet = load_workbook(io.BytesIO(table_xlsx(table))).worksheets[0]
    amount, moment, yes = sheet[2]
    assert (amount.value, amount.number_format) == (12.5, "#,##0.00")
    assert moment.value == datetime.datetime.fromisoformat("2026-06-01T12:00")  # Oslo, naive
    assert yes.value == "ja"
    with translation.override("nb"):
        assert _csv_rows(table_csv(table), ";")[1] == ["12,5", "2026-06-01 12:00", "ja"]


def test_an_unknown_format_is_an_error() -> None:
    with pytest.raises(ValueError, match="pdf"):
        table_bytes(_table(), file_format="pdf")


def test_a_long_or_odd_sheet_name_is_made_valid() -> None:
    table = _table(sheet_name="Tiltak: plan/2026 [utkast] med et navn som er for langt")

    name = load_workbook(io.BytesIO(table_xlsx(table))).sheetnames[0]
    assert len(name) <= 31
    assert not set(name) & set("[]:*?/\\")

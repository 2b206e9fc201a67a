"""The one writer behind every CSV and XLSX download and the `analyse` CLI.

* **Safe cells** (OWASP "CSV injection"): a text cell that starts with ``= + - @``, a tab or a
  carriage return (after any leading spaces) is never a formula. CSV prefixes it with a single
  quote; XLSX writes it as a text cell (``data_type "s"``). Numbers stay numbers: ``-5`` given
  as an int is a number, ``"-5"`` given as text is text and is neutralised.
* **CSV per language** (ADR "Exports: one writer"): Norwegian downloads are ``;``-separated with
  a decimal comma, English downloads ``,``-separated with a decimal point; both UTF-8 with a
  byte-order mark, a header line first and nothing above it. Provenance lives in the XLSX's
  source sheet and in the file name, never as lines above the header.
* **XLSX**: a data sheet (bold header, frozen first row, numbers as numbers with a thousands
  separator, years without one, dates as dates) and a source sheet ("Kilde") with the title,
  sources, licence, notes, the export time and, for demo content, that it is an example.
"""

import csv
import datetime
import decimal
import io
import math
import numbers
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

__all__ = [
    "CONTENT_TYPES",
    "FORMATS",
    "CsvDialect",
    "ExportTable",
    "csv_dialect",
    "is_formula_like",
    "neutralise",
    "table_bytes",
    "table_csv",
    "table_response",
    "table_xlsx",
]

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""OWASP's list: a cell starting with one of these may be read as a formula by a spreadsheet."""

YEAR_HEADINGS = frozenset({"år", "ar", "aar", "year", "periode", "period", "fra år", "til år"})
INTEGER_FORMAT = "#,##0"
YEAR_FORMAT = "0"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
SHEET_NAME_LIMIT = 31


@dataclass(frozen=True)
class CsvDialect:
    """How a CSV download separates fields and writes decimals."""

    delimiter: str
    decimal: str


NORWEGIAN = CsvDialect(delimiter=";", decimal=",")
ENGLISH = CsvDialect(delimiter=",", decimal=".")


def csv_dialect(language: str | None = None) -> CsvDialect:
    """Norwegian (bokmål, nynorsk) → ``;`` and decimal comma; English → ``,`` and decimal point."""
    code = (language or get_language() or "nb").lower()
    return ENGLISH if code.startswith("en") else NORWEGIAN


@dataclass
class ExportTable:
    """A table to download: header, rows of typed values, and what the source sheet says.

    `rows` hold Python values: ``int``/``float``/``Decimal`` (numbers), ``date``/``datetime``,
    ``str``, ``bool`` or ``None``. `year_columns` are column indices written without a
    thousands separator; by default the columns whose heading is a year word ("År", "Year").
    `decimals` fixes the decimals shown for a column (index → count) in XLSX.
    """

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    sources: Sequence[str] = ()
    licence: str = ""
    notes: Sequence[str] = ()
    is_example: bool = False
    sheet_name: str = ""
    year_columns: frozenset[int] | None = None
    decimals: dict[int, int] = field(default_factory=dict)
    exported_at: datetime.datetime | None = None

    def years(self) -> frozenset[int]:
        if self.year_columns is not None:
            return self.year_columns
        return frozenset(
            index
            for index, heading in enumerate(self.columns)
            if str(heading).strip().lower() in YEAR_HEADINGS
        )


def is_formula_like(text: str) -> bool:
    """True if a spreadsheet could read the text as a formula (leading spaces ignored)."""
    return text.lstrip(" ").startswith(FORMULA_TRIGGERS)


def neutralise(text: str) -> str:
    """The text as a CSV cell that no spreadsheet evaluates: a leading ``'`` when needed."""
    return f"'{text}" if is_formula_like(text) else text


def _number(value: Any) -> int | float | None:
    """The value as a Python number, or None when it is not one (bool is not a number here)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real | decimal.Decimal):
        number = float(value)
        return number if math.isfinite(number) else None
    return None


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    return isinstance(value, float | decimal.Decimal) and not math.isfinite(float(value))


def _naive(value: datetime.datetime) -> datetime.datetime:
    if timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nei")


def _csv_number(value: int | float, dialect: CsvDialect) -> str:
    if isinstance(value, int):
        return str(value)
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(value, "f").rstrip("0").rstrip(".")
    return text.replace(".", dialect.decimal)


def _csv_cell(value: Any, dialect: CsvDialect) -> str:
    if _is_missing(value):
        return ""
    number = _number(value)
    if number is not None:
        return _csv_number(number, dialect)
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, datetime.datetime):
        return _naive(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralise(str(value))


def table_csv(table: ExportTable, *, language: str | None = None) -> bytes:
    """The table as CSV in the language's dialect: BOM, header, rows; nothing above the header."""
    dialect = csv_dialect(language)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=dialect.delimiter, lineterminator="\r\n")
    writer.writerow([neutralise(str(column)) for column in table.columns])
    writer.writerows([_csv_cell(value, dialect) for value in row] for row in table.rows)
    return buffer.getvalue().encode("utf-8")


def _float_format(decimals: int | None) -> str:
    if decimals is None:
        return "#,##0.0##"
    return INTEGER_FORMAT if decimals <= 0 else f"#,##0.{'0' * decimals}"


def _xlsx_cell(sheet: WriteOnlyWorksheet, value: Any, *, year: bool, decimals: int | None) -> Cell:
    if year and isinstance(value, str) and value.isdigit() and len(value) == 4:
        value = int(value)
    if _is_missing(value):
        return WriteOnlyCell(sheet, value=None)
    number = _number(value)
    if number is not None:
        cell = WriteOnlyCell(sheet, value=number)
        if year and isinstance(number, int):
            cell.number_format = YEAR_FORMAT
        elif isinstance(number, int) and decimals is None:
            cell.number_format = INTEGER_FORMAT
        else:
            cell.number_format = _float_format(decimals)
        return cell
    if isinstance(value, bool):
        return _text_cell(sheet, _yes_no(value))
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value=_naive(value))
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet)
        cell.value = value
        cell.number_format = DATE_FORMAT
        return cell
    return _text_cell(sheet, str(value))


def _text_cell(sheet: WriteOnlyWorksheet, text: str, *, bold: bool = False) -> Cell:
    """A text cell that is never a formula, whatever it starts with."""
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def _width(value: Any) -> int:
    if _is_missing(value):
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    return len(str(value))


def _sheet_title(text: str) -> str:
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in text).strip()
    return cleaned[:SHEET_NAME_LIMIT] or "Data"


def source_lines(table: ExportTable) -> list[tuple[str, str]]:
    """What the source sheet lists, as (label, text) pairs."""
    exported = table.exported_at or timezone.now()
    lines = [(_("Tittel"), table.title)]
    lines += [(_("Kilde"), source) for source in table.sources]
    if table.licence:
        lines.append((_("Lisens"), table.licence))
    lines += [(_("Merknad"), note) for note in table.notes]
    if table.is_example:
        lines.append(
            (
                _("Eksempel"),
                _("Eksempeldata laget for demonstrasjon, ikke hentet fra en offentlig kilde."),
            )
        )
    lines.append((_("Eksportert"), _naive(exported).strftime("%Y-%m-%d %H:%M")))
    return lines


def table_xlsx(table: ExportTable) -> bytes:
    """The table as a workbook: a data sheet and a source sheet ("Kilde")."""
    workbook = Workbook(write_only=True)
    data = workbook.create_sheet(_sheet_title(table.sheet_name or _("Data")))
    years = table.years()
    widths = [len(str(column)) for column in table.columns]
    for row in table.rows:
        for index, value in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], _width(value))
    for index, width in enumerate(widths, start=1):
        data.column_dimensions[get_column_letter(index)].width = max(8, min(60, width + 2))
    data.freeze_panes = "A2"
    data.append([_text_cell(data, str(column), bold=True) for column in table.columns])
    for row in table.rows:
        data.append(
            [
                _xlsx_cell(data, value, year=index in years, decimals=table.decimals.get(index))
                for index, value in enumerate(row)
            ]
        )
    about = workbook.create_sheet(_sheet_title(_("Kilde")))
    about.column_dimensions["A"].width = 14
    about.column_dimensions["B"].width = 100
    for label, text in source_lines(table):
        about.append([_text_cell(about, label, bold=True), _text_cell(about, text)])
    workbook.properties.title = table.title[:255]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_bytes(table: ExportTable, *, file_format: str, language: str | None = None) -> bytes:
    """CSV or XLSX bytes of the table."""
    if file_format == "xlsx":
        return table_xlsx(table)
    if file_format == "csv":
        return table_csv(table, language=language)
    raise ValueError(f"unknown export format {file_format!r}")


def export_filename(
    name: str, *, file_format: str, is_example: bool = False, parts: Iterable[str] = ()
) -> str:
    """ "trondheimsregionen-befolkning-ssb-07459.csv"; demo content starts with "eksempel-"."""
    stem = slugify("-".join([name, *parts])) or "eksport"
    if is_example:
        stem = f"{slugify(_('eksempel'))}-{stem}"
    return f"{stem}.{file_format}"


def table_response(
    table: ExportTable, *, file_format: str, name: str, parts: Iterable[str] = ()
) -> HttpResponse:
    """A download of the table; the file name carries `name`, `parts` and the example marker."""
    response = HttpResponse(
        table_bytes(table, file_format=file_format), content_type=CONTENT_TYPES[file_format]
    )
    filename = export_filename(
        name, file_format=file_format, is_example=table.is_example, parts=parts
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

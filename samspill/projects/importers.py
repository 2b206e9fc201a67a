"""Reading a mapping study's spreadsheet: CSV (`;` or `,`, UTF-8 with or without BOM) or XLSX,
first row = column names (the export's columns). Pure parsing: rows as dicts with their line
numbers; the service decides what each row means and writes them in one transaction."""

import csv
import io
from dataclasses import dataclass
from typing import Any


class ImportFileError(ValueError):
    """The file cannot be read at all (the message names the file and why)."""


@dataclass(frozen=True)
class ImportRow:
    line: int
    values: dict[str, str]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_rows(content: bytes, *, name: str) -> list[ImportRow]:
    """The file's data rows; empty rows are skipped."""
    if name.lower().endswith(".xlsx"):
        return _xlsx_rows(content, name=name)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(f"{name}: filen er ikke UTF-8 ({error.reason}).") from error
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [column.strip() for column in next(reader, [])]
    if not header or not any(header):
        raise ImportFileError(f"{name}: filen har ingen overskriftsrad.")
    rows = []
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        rows.append(ImportRow(line, dict(zip(header, (c.strip() for c in cells), strict=False))))
    return rows


def _xlsx_rows(content: bytes, *, name: str) -> list[ImportRow]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:
        raise ImportFileError(f"{name}: filen kan ikke leses som XLSX ({error}).") from error
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    header = [_text(cell) for cell in next(iterator, ())]
    if not header or not any(header):
        raise ImportFileError(f"{name}: arket har ingen overskriftsrad.")
    rows = []
    for line, cells in enumerate(iterator, start=2):
        values = [_text(cell) for cell in cells]
        if not any(values):
            continue
        rows.append(ImportRow(line, dict(zip(header, values, strict=False))))
    workbook.close()
    return rows

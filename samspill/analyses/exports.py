"""CSV and XLSX writers for analysis results, with source, parameters and licence."""

import csv
import io
import math
from typing import Any

from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

from samspill.analyses.tables import ExportTable

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _cell(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def table_csv(table: ExportTable) -> bytes:
    """The table as UTF-8 CSV (with BOM, for Excel): provenance as `#` lines, then the data."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([f"# {table.title}"])
    for line in table.provenance:
        writer.writerow([f"# {line}"])
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(["" if _cell(value) is None else value for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_xlsx(table: ExportTable) -> bytes:
    """The table as an Excel workbook: sheet "Data" and sheet "Kilde" with the provenance."""
    workbook = Workbook()
    data = workbook.active
    assert data is not None  # noqa: S101 - a new workbook always has a sheet
    data.title = "Data"
    data.append(table.columns)
    for cell in data[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        data.append([_cell(value) for value in row])
    about = workbook.create_sheet("Kilde")
    about.append([table.title])
    for line in table.provenance:
        about.append([line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_bytes(table: ExportTable, *, file_format: str) -> bytes:
    """CSV or XLSX bytes of the table."""
    if file_format == "xlsx":
        return table_xlsx(table)
    return table_csv(table)


def table_response(table: ExportTable, *, file_format: str, name: str) -> HttpResponse:
    """A download of the table as CSV or XLSX."""
    response = HttpResponse(
        table_bytes(table, file_format=file_format), content_type=CONTENT_TYPES[file_format]
    )
    filename = f"{slugify(name) or 'analyse'}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

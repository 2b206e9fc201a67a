"""CSV and Excel downloads of exactly what a chart shows, with source, table, vintage and licence."""

import csv
import io
from collections.abc import Sequence
from typing import Any, Protocol

from openpyxl import Workbook
from openpyxl.styles import Font


class ExportCell(Protocol):
    """A table cell: its raw value is what goes into the file."""

    @property
    def value(self) -> Any: ...


class ChartTable(Protocol):
    """What a download needs from a chart (`presenters.ChartTable` has it)."""

    @property
    def title(self) -> str: ...
    @property
    def columns(self) -> list[str]: ...
    @property
    def rows(self) -> Sequence[Sequence[ExportCell]]: ...
    @property
    def notes(self) -> list[str]: ...
    def citation_lines(self) -> list[str]: ...


LICENCE_LINE = "Lisens: Creative Commons Navngivelse 4.0 (CC BY 4.0), https://creativecommons.org/licenses/by/4.0/"


def _header_lines(chart: ChartTable, area_label: str) -> list[str]:
    return [f"{chart.title} – {area_label}", *chart.citation_lines(), LICENCE_LINE, *chart.notes]


def chart_csv(chart: ChartTable, *, area_label: str) -> bytes:
    """The table as CSV (UTF-8 with BOM for Excel); source lines first, then a blank line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in _header_lines(chart, area_label):
        writer.writerow([line])
    writer.writerow([])
    writer.writerow(chart.columns)
    for row in chart.rows:
        writer.writerow(["" if cell.value is None else cell.value for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def chart_xlsx(chart: ChartTable, *, area_label: str) -> bytes:
    """The table in a sheet "Data" and the sources in a sheet "Kilde"."""
    workbook = Workbook()
    data = workbook.active
    assert data is not None  # noqa: S101 - a new workbook always has a sheet
    data.title = "Data"
    data.append(chart.columns)
    for cell in data[1]:
        cell.font = Font(bold=True)
    for row in chart.rows:
        data.append([cell.value for cell in row])
    data.append([])
    for line in _header_lines(chart, area_label)[1:3]:
        data.append([line])
    sources = workbook.create_sheet("Kilde")
    for line in _header_lines(chart, area_label):
        sources.append([line])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()

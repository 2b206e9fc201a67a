"""CSV and Excel downloads of exactly what a chart shows, with source, table, vintage and licence.

The files are written by `samspill.core.exports` (safe cells, CSV dialect per language, the
"Kilde" sheet); this module only says what a chart's table and provenance are.
"""

from collections.abc import Sequence
from typing import Any, Protocol

from django.http import HttpResponse

from samspill.core.exports import ExportTable, table_response

LICENCE = (
    "Creative Commons Navngivelse 4.0 (CC BY 4.0), https://creativecommons.org/licenses/by/4.0/"
)


class ExportCell(Protocol):
    """A table cell: its raw value is what goes into the file."""

    @property
    def value(self) -> Any: ...


class SeriesSource(Protocol):
    """What a source line needs from a series (`stats.models.Series` has it)."""

    source: str
    table_number: str
    title: str
    first_period: str
    last_period: str
    vintage: str
    licence: str

    @property
    def imported_at(self) -> Any: ...


class ChartTable(Protocol):
    """What a download needs from a chart (`presenters.ChartTable` has it)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def columns(self) -> list[str]: ...
    @property
    def rows(self) -> Sequence[Sequence[ExportCell]]: ...
    @property
    def notes(self) -> list[str]: ...
    @property
    def sources(self) -> Sequence[SeriesSource]: ...


def _source_line(series: SeriesSource) -> str:
    imported = series.imported_at.strftime("%Y-%m-%d") if series.imported_at else "–"
    return (
        f"{series.source}, tabell {series.table_number} ({series.title}). "
        f"Perioder {series.first_period}–{series.last_period}. "
        f"Kommunenummerering: {series.vintage}. Hentet {imported}."
    )


def chart_table(chart: ChartTable, *, area_label: str) -> ExportTable:
    """The chart's rows as they are shown, with its sources for the XLSX source sheet."""
    licences = sorted({series.licence for series in chart.sources})
    licence = LICENCE if licences in ([], ["CC BY 4.0"]) else ", ".join(licences)
    return ExportTable(
        title=f"{chart.title} – {area_label}",
        columns=chart.columns,
        rows=[[cell.value for cell in row] for row in chart.rows],
        sources=[_source_line(series) for series in chart.sources],
        licence=licence,
        notes=chart.notes,
    )


def chart_response(
    chart: ChartTable, *, area_key: str, area_label: str, file_format: str
) -> HttpResponse:
    """A chart's table as a CSV or XLSX download named after the area, chart and SSB tables."""
    tables = [f"ssb-{series.table_number}" for series in chart.sources]
    return table_response(
        chart_table(chart, area_label=area_label),
        file_format=file_format,
        name=area_key,
        parts=[chart.id, *tables],
    )

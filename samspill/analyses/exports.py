"""CSV and XLSX of analysis results, through the one export writer in `samspill.core.exports`.

The CSV is the bare table (header first); the XLSX carries the source, licence and parameters
in its "Kilde" sheet, and the file name names the analysis and the area.
"""

from django.http import HttpResponse

from samspill.analyses.tables import ExportTable
from samspill.core import exports as core_exports

FORMATS = core_exports.FORMATS
CONTENT_TYPES = core_exports.CONTENT_TYPES


def export_table(table: ExportTable) -> core_exports.ExportTable:
    """An analysis table as the writer's table: source, licence, parameters and notes."""
    parameters = [f"Parameter {name}: {value}" for name, value in table.parameters.items()]
    return core_exports.ExportTable(
        title=table.title,
        columns=table.columns,
        rows=table.rows,
        sources=[table.source],
        licence=table.licence,
        notes=[*parameters, *table.notes],
    )


def table_bytes(table: ExportTable, *, file_format: str, language: str | None = None) -> bytes:
    """CSV or XLSX bytes of the table."""
    return core_exports.table_bytes(export_table(table), file_format=file_format, language=language)


def table_response(table: ExportTable, *, file_format: str, name: str) -> HttpResponse:
    """A download of the table as CSV or XLSX."""
    return core_exports.table_response(
        export_table(table), file_format=file_format, name=name or "analyse"
    )

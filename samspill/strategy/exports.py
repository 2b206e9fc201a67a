"""CSV, Excel and PDF writers for action plans and the politicians' report (fed by presenters).

PDFs are tagged PDF/UA documents rendered from templates (samspill.core.pdf, ADR 18).
"""

import csv
import datetime
import io
from collections.abc import Sequence
from typing import Any, Protocol

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from samspill.core.numbers import format_number
from samspill.core.pdf import render_pdf
from samspill.strategy.changes import Snapshot, SnapshotChanges


class ReportData(Protocol):
    """What the report PDF needs (presenters.ReportView provides it; exports sit beside presenters)."""

    @property
    def title(self) -> str: ...

    @property
    def snapshot(self) -> Snapshot: ...

    @property
    def changes(self) -> SnapshotChanges: ...

    @property
    def previous_as_of(self) -> str | None: ...

    @property
    def as_of(self) -> datetime.date: ...

    @property
    def focus_areas(self) -> list[dict[str, Any]]: ...

    @property
    def indicator_summary(self) -> list[tuple[str, int, str]]: ...

    @property
    def measure_summary(self) -> list[tuple[str, int]]: ...


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def rows_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Semicolon-separated (Excel in Norwegian locale opens it directly), with a BOM for æøå."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(columns)
    writer.writerows([[_text(value) for value in row] for row in rows])
    return buffer.getvalue()


def rows_xlsx(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, title: str) -> bytes:
    """One sheet with a bold header row, dates as dates and numbers as numbers."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook always has one sheet
    sheet.title = title[:31]
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    for index, column in enumerate(columns, start=1):
        width = max([len(column), *(len(_text(row[index - 1])) for row in rows)])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, width + 2)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rows_pdf(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str,
    subtitle: str = "",
    region: str = "",
    is_example: bool = False,
) -> bytes:
    """A landscape table of the rows (tagged PDF), headers repeated on each page."""
    return render_pdf(
        "strategy/pdf/rows.html",
        {
            "title": title,
            "subtitle": subtitle,
            "region": region,
            "date": None if subtitle else _today(),
            "columns": columns,
            "rows": rows,
            "landscape": len(columns) > 5,
            "is_example": is_example,
        },
    )


def report_pdf(report: ReportData) -> bytes:
    """The politicians' report (tagged PDF): cover, summary, what changed, goals with indicators."""
    snapshot = report.snapshot
    return render_pdf(
        "strategy/pdf/report.html",
        {
            "title": report.title,
            "subtitle": str(snapshot.get("strategy", "")),
            "region": str(snapshot.get("region", "")),
            "date": report.as_of,
            "report": report,
            "changes_first": report.previous_as_of is None,
            "change_lines": change_lines(report),
            "is_example": bool(snapshot.get("is_example", False)),
        },
    )


def _today() -> datetime.date:
    return timezone.localdate()


def change_lines(report: ReportData) -> list[str]:
    """What changed since the report before, one sentence each, numbers in the active language."""
    changes = report.changes
    if report.previous_as_of is None or changes.is_empty:
        return []
    lines = [
        _("Nytt tiltak: {title} ({municipality})").format(
            title=m["title"], municipality=m["municipality"]
        )
        for m in changes.new_measures
    ]
    lines += [
        _("Status endret: {title} ({municipality}): {before} → {after}").format(
            title=c.title, municipality=c.municipality, before=c.before, after=c.after
        )
        for c in changes.status_changes
    ]
    lines += [
        _("Indikator: {name}: {before} → {after} ({status_before} → {status_after})").format(
            name=m.name,
            before=format_number(m.value_before, -2),
            after=format_number(m.value_after, -2),
            status_before=m.status_before or "–",
            status_after=m.status_after,
        )
        for m in changes.indicator_movements
    ]
    lines += [_("Fjernet: {title}").format(title=m["title"]) for m in changes.removed_measures]
    return lines

"""Exports of action plans and the politicians' report (fed by presenters).

CSV and Excel go through the shared writer `samspill.core.exports` (`rows_table` says what to
write). PDFs are tagged PDF/UA documents rendered from templates (samspill.core.pdf, ADR 18).
"""

import datetime
from collections.abc import Sequence
from typing import Any, Protocol

from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.core.exports import ExportTable
from samspill.core.numbers import format_quantity
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


def rows_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str,
    sheet_name: str,
    source: str = "",
    is_example: bool = False,
) -> ExportTable:
    """Rows for the shared CSV/XLSX writer (`samspill.core.exports`): safe cells, source sheet."""
    return ExportTable(
        title=title,
        columns=columns,
        rows=rows,
        sources=[source] if source else [],
        is_example=is_example,
        sheet_name=sheet_name,
    )


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
            "date": _today(),  # the cover's date, written for the language
            "columns": columns,
            "rows": rows,
            "landscape": len(columns) > 5,
            "is_example": is_example,
        },
    )


def report_pdf(report: ReportData, *, figures: dict[str, Any] | None = None) -> bytes:
    """The politicians' report (tagged PDF): cover, summary, what changed, goals with indicators.

    `figures` (indicator key → `ChartFigure`): the indicators' charts as SVG, from today's data
    for today's report and from the snapshot for a saved one (`presenters.snapshot_figures`)."""
    snapshot = report.snapshot
    figures = figures or {}
    areas = [
        area
        | {
            "goals": [
                goal | {"figures": [figures[k] for k in goal["indicator_keys"] if k in figures]}
                for goal in area["goals"]
            ]
        }
        for area in report.focus_areas
    ]
    return render_pdf(
        "strategy/pdf/report.html",
        {
            "title": report.title,
            "subtitle": str(snapshot.get("strategy", "")),
            "region": str(snapshot.get("region", "")),
            "date": report.as_of,
            "report": report,
            "areas": areas,
            "changes_first": report.previous_as_of is None,
            "change_lines": change_lines(report),
            "is_example": bool(snapshot.get("is_example", False)),
        },
    )


def public_progress_pdf(
    *,
    strategy: Any,
    focus_areas: Sequence[Any],
    has_example_plans: bool,
    today: datetime.date,
    report: ReportData | None = None,
) -> bytes:
    """The published progress page as a tagged PDF: cover, what changed since the last saved
    report (when there is one), goals, indicators with their charts (`figure`: SVG from the page's
    own chart specs, built by the presenters) and measures with status and public notes."""
    return render_pdf(
        "strategy/pdf/public.html",
        {
            "title": _("Fremdrift: {title}").format(title=strategy.title),
            "subtitle": strategy.title,
            "region": strategy.region.name,
            "date": today,
            "strategy": strategy,
            "focus_areas": focus_areas,
            "is_example": strategy.is_example or has_example_plans,
            "report": report,
            "change_lines": change_lines(report) if report is not None else [],
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
            before=format_quantity(m.value_before, m.unit),
            after=format_quantity(m.value_after, m.unit),
            status_before=m.status_before or _("ny indikator"),
            status_after=m.status_after,
        )
        for m in changes.indicator_movements
    ]
    lines += [_("Fjernet: {title}").format(title=m["title"]) for m in changes.removed_measures]
    return lines

"""Each municipality's share by a key, for invoicing: CSV/XLSX (core/exports) and a tagged PDF."""

import datetime
from typing import Any

from django.utils.translation import gettext as _

from samspill.collaboration.models import Project, StatusReport
from samspill.collaboration.reporting import plan_timeline, progress, report_changes
from samspill.collaboration.selectors import (
    KeyResult,
    budget_totals,
    municipalities_of,
    report_previous,
)
from samspill.core.exports import ExportTable
from samspill.core.numbers import format_date
from samspill.core.pdf import render_pdf


def _is_example(project: Project) -> bool:
    return (
        project.is_example
        or any(line.is_example for line in project.cost_lines.all())
        or any(source.is_example for source in project.financing.all())
    )


def allocation_rows(project: Project, result: KeyResult) -> list[list[Any]]:
    """One row per municipality: number, name, population (if used), share in kroner."""
    rows: list[list[Any]] = []
    for municipality in municipalities_of(project):
        population = result.population.get(municipality.pk)
        rows.append(
            [
                municipality.number,
                municipality.name,
                int(population[1]) if population else None,
                result.shares.get(municipality.pk),
            ]
        )
    return rows


def allocation_table(project: Project, result: KeyResult) -> ExportTable:
    totals = budget_totals(project)
    return ExportTable(
        title=_("Kommunenes andeler – %(project)s") % {"project": project.title},
        columns=[_("Kommunenummer"), _("Kommune"), _("Folketall"), _("Andel (kr)")],
        rows=allocation_rows(project, result),
        sources=[
            _("Samspill: prosjektets budsjett og fordelingsnøkkel «%(key)s» (%(desc)s)")
            % {"key": result.key.name, "desc": result.key.description()},
            _("Folketall: SSB tabell 07459, 1. januar"),
        ],
        licence="CC BY 4.0 (SSB)",
        notes=[
            _(
                "Kommunenes egenandel i alt: %(total)s kr. Avrunding til hele kroner etter største "
                "rest; andelene summerer seg nøyaktig til totalen."
            )
            % {"total": totals.municipal_share}
        ],
        is_example=_is_example(project),
    )


def allocation_pdf(project: Project, result: KeyResult) -> bytes:
    table = allocation_table(project, result)
    return render_pdf(
        "collaboration/pdf/allocation.html",
        {
            "title": table.title,
            "subtitle": result.key.description(),
            "region": project.region.name if project.region else "",
            "date": datetime.date.today(),  # noqa: DTZ011 - the cover's calendar date
            "columns": table.columns,
            "rows": table.rows,
            "total": budget_totals(project).municipal_share,
            "notes": table.notes,
            "is_example": table.is_example,
        },
    )


def report_context(report: StatusReport) -> dict[str, Any]:
    """What the report page and its PDF show: status, changes, progress, the frozen timeline."""
    previous = report_previous(report)
    return {
        "report": report,
        "previous": previous,
        "changes": report_changes(
            previous_status=previous.status if previous else None,
            previous=previous.snapshot if previous else None,
            status=report.status,
            current=report.snapshot,
        ),
        "progress": progress(report.snapshot),
        "timeline": plan_timeline(report.snapshot),
    }


def status_report_pdf(report: StatusReport) -> bytes:
    """The report for the steering group as a tagged PDF (cover, Norwegian formats, timeline)."""
    project = report.project
    return render_pdf(
        "collaboration/pdf/status_report.html",
        {
            **report_context(report),
            "title": _("Statusrapport – %(project)s") % {"project": project.title},
            "subtitle": _("Periode %(start)s–%(end)s")
            % {"start": format_date(report.period_start), "end": format_date(report.period_end)},
            "region": project.region.name if project.region else "",
            "date": report.created_at.date(),
            "is_example": report.is_example or project.is_example,
        },
    )

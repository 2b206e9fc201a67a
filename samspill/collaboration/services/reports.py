"""Collaboration writes, status reports."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.collaboration.models import Project, StatusReport
from samspill.collaboration.search import status_report_document_for
from samspill.collaboration.selectors import report_snapshot
from samspill.collaboration.services._common import (
    Action,
    _audit,
    _material_indexed,
    _require,
    _versioned_update,
)


@transaction.atomic
def status_report_create(
    *,
    actor: User | None,
    project: Project,
    period_start: datetime.date | None,
    period_end: datetime.date | None,
    status: str,
    explanation: str,
    is_example: bool = False,
) -> StatusReport:
    """The project manager's report for a period; freezes the plan and budget as they are now."""
    _require(actor, project, "can_edit_plan")
    errors: dict[str, str] = {}
    if period_start is None:
        errors["period_start"] = _("Oppgi når perioden begynner.")
    if period_end is None:
        errors["period_end"] = _("Oppgi når perioden slutter.")
    elif period_start is not None and period_end < period_start:
        errors["period_end"] = _("Perioden kan ikke slutte før den begynner.")
    if not explanation.strip():
        errors["explanation"] = _("Forklar statusen med noen setninger.")
    if errors or period_start is None or period_end is None:
        raise ValidationError(errors)
    Project.objects.select_for_update().filter(pk=project.pk).first()  # one report at a time
    report = StatusReport.objects.create(
        project=project,
        period_start=period_start,
        period_end=period_end,
        status=status,
        explanation=explanation,
        snapshot=report_snapshot(project, on=period_end),
        created_by=actor,
        is_example=is_example,
    )
    _audit(
        actor,
        report,
        Action.CREATE,
        {
            "period": [None, f"{period_start}–{period_end}"],
            "status": [None, status],
            "explanation": [None, explanation],
        },
    )
    _audit(actor, project, Action.UPDATE, {"status_report": [None, str(report)]})
    _material_indexed(status_report_document_for, report.pk)
    return report


REPORT_EDITABLE = frozenset({"status", "explanation"})


@transaction.atomic
def status_report_update(
    *, actor: User | None, report: StatusReport, expected_version: int | None, **fields: Any
) -> StatusReport:
    """Correct a report's status or explanation; its period and frozen snapshot stay (ADR 89)."""
    unknown = set(fields) - REPORT_EDITABLE
    if unknown:
        raise ValidationError(
            _("Bare status og forklaring kan endres i en statusrapport (ikke %(fields)s).")
            % {"fields": ", ".join(sorted(unknown))}
        )
    if "explanation" in fields and not str(fields["explanation"]).strip():
        raise ValidationError({"explanation": _("Forklar statusen med noen setninger.")})
    updated: StatusReport = _versioned_update(
        actor=actor,
        instance=report,
        project=report.project,
        right="can_edit_plan",
        expected_version=expected_version,
        fields=fields,
    )
    _material_indexed(status_report_document_for, updated.pk)
    return updated

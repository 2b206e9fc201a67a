"""Collaboration API, status reports: the project's list and editing one."""

import datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Schema

from samspill.collaboration import exports, services
from samspill.collaboration.api._common import WRITE_ERRORS, _actor, _changes, _visible, router
from samspill.collaboration.selectors import (
    project_get_for,
    status_report_get_for,
    status_reports_of,
)
from samspill.core.api import IF_MATCH, ConflictOut, errors, expected_version
from samspill.core.concurrency import etag


class CollaborationStatusReportOut(Schema):
    id: int
    period_start: datetime.date
    period_end: datetime.date
    status: str
    explanation: str
    activities_done: int
    activities_total: int
    milestones_reached: int
    milestones_total: int
    planned: int
    spent: int
    changes_since_previous: list[str]
    version: int


def _report_out(report: Any) -> CollaborationStatusReportOut:
    context = exports.report_context(report)
    done = context["progress"]
    return CollaborationStatusReportOut(
        id=report.pk,
        period_start=report.period_start,
        period_end=report.period_end,
        status=report.status,
        explanation=report.explanation,
        activities_done=done.activities_done,
        activities_total=done.activities_total,
        milestones_reached=done.milestones_reached,
        milestones_total=done.milestones_total,
        planned=done.planned,
        spent=done.spent,
        changes_since_previous=context["changes"],
        version=report.version,
    )


@router.get(
    "/projects/{project_id}/status-reports",
    response={200: list[CollaborationStatusReportOut], **errors(401, 404, 422)},
    url_name="collaboration_status_reports",
    operation_id="samspill_collaboration_api_status_reports",
)
def status_reports(request: HttpRequest, project_id: int) -> list[CollaborationStatusReportOut]:
    """The project's status reports, newest first, with what changed since the one before."""
    found = _visible(
        lambda user, pk: project_get_for(user=user, pk=pk), request, project_id, "can_view_internal"
    )
    return [_report_out(report) for report in status_reports_of(found)]


class CollaborationStatusReportPatchIn(Schema):
    version: int | None = Field(default=None, ge=0, description="The version read (or If-Match).")
    status: Literal["on_track", "at_risk", "off_track"] = "on_track"
    explanation: str = Field(default="", min_length=1, max_length=100000)


@router.patch(
    "/status-reports/{report_id}",
    response={200: CollaborationStatusReportOut, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_status_report",
    operation_id="samspill_collaboration_api_status_report_patch",
    openapi_extra=IF_MATCH,
)
def status_report_patch(
    request: HttpRequest,
    report_id: int,
    body: CollaborationStatusReportPatchIn,
    response: HttpResponse,
) -> CollaborationStatusReportOut:
    """Correct a report's status or explanation; its period and frozen plan and budget stay."""
    report = _visible(status_report_get_for, request, report_id, "can_edit_plan")
    version = expected_version(request, body.version, required=True)
    saved = services.status_report_update(
        actor=_actor(request), report=report, expected_version=version, **_changes(body)
    )
    response["ETag"] = etag(saved.version)
    return _report_out(saved)

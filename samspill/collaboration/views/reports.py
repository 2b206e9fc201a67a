"""Status reports per period for the steering group: the page, the PDF, and writing one."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from samspill.audit.models import AuditEntry
from samspill.audit.selectors import audit_entries_for
from samspill.audit.services import audit_record
from samspill.collaboration import exports, services
from samspill.collaboration.forms import StatusReportEditForm, StatusReportForm
from samspill.collaboration.models import Project
from samspill.collaboration.selectors import status_report_get_for, status_reports_of
from samspill.collaboration.views.common import (
    actor_of,
    object_edit,
    project_for,
    simple_create,
)
from samspill.core.exports import CONTENT_TYPES
from samspill.core.htmx import HtmxHttpRequest


@login_required
@require_safe
def report_list(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    project, rights = project_for(request, pk, "can_view_internal")
    context = {"project": project, "rights": rights, "reports": status_reports_of(project)}
    return render(request, "collaboration/report_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    def call(project: Project, data: dict[str, Any]) -> Any:
        return services.status_report_create(actor=actor_of(request), project=project, **data)

    return simple_create(
        request,
        pk,
        form_class=StatusReportForm,
        right="can_edit_plan",
        title=_("Ny statusrapport"),
        saved=_("Statusrapporten er lagret med plan og budsjett slik de er nå."),
        call=call,
        back=lambda project: project.get_absolute_url() + "#status",
    )


@login_required
@require_safe
def report_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    report, rights = status_report_get_for(user=request.user, pk=pk)
    context = {
        **exports.report_context(report),
        "project": report.project,
        "rights": rights,
        "history": audit_entries_for(subject=report),
    }
    return render(request, "collaboration/report_detail.html", context)


@login_required
@require_safe
def report_pdf(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    report, _rights = status_report_get_for(user=request.user, pk=pk)
    audit_record(
        actor=actor_of(request),
        subject=report,
        action=AuditEntry.Action.EXPORT,
        changes={"format": "pdf"},
    )
    response = HttpResponse(
        exports.status_report_pdf(report), content_type=CONTENT_TYPES.get("pdf", "application/pdf")
    )
    response["Content-Disposition"] = (
        f'attachment; filename="statusrapport-{report.project_id}-{report.period_end}.pdf"'
    )
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    report, rights = status_report_get_for(user=request.user, pk=pk)
    return object_edit(
        request,
        instance=report,
        project=report.project,
        allowed=rights.can_edit_plan,
        form_class=StatusReportEditForm,
        update=lambda version, data: services.status_report_update(
            actor=actor_of(request), report=report, expected_version=version, **data
        ),
        title=_("Endre statusrapport"),
        saved=_("Statusrapporten er lagret. Plan og budsjett i rapporten er som før."),
        back=report.get_absolute_url(),
    )

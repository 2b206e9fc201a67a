"""The budget: cost lines, financing, cost-allocation keys and the shares for invoicing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.audit.models import AuditEntry
from samspill.audit.services import audit_record
from samspill.collaboration import exports, presenters, services
from samspill.collaboration.forms import (
    CostKeyEditForm,
    CostKeyForm,
    CostLineForm,
    FinancingForm,
)
from samspill.collaboration.models import Project
from samspill.collaboration.selectors import (
    budget_totals,
    cost_key_get,
    cost_key_get_for,
    cost_line_get_for,
    cost_lines_of,
    financing_get_for,
    financing_of,
    key_allocate,
    key_results,
    municipalities_of,
)
from samspill.collaboration.views.common import (
    FORMATS,
    actor_of,
    object_delete,
    object_edit,
    project_for,
    simple_create,
)
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.exports import CONTENT_TYPES, table_response
from samspill.core.htmx import HtmxHttpRequest

# Budget ------------------------------------------------------------------------------------------


@login_required
@require_safe
def budget(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    project, rights = project_for(request, pk, "can_view_internal")
    results = key_results(project)
    lines = cost_lines_of(project)
    sources = financing_of(project)
    context = {
        "project": project,
        "rights": rights,
        "lines": lines,
        "sources": sources,
        "totals": budget_totals(project),
        "is_example": any(x.is_example for x in lines) or any(x.is_example for x in sources),
        "keys": [
            {
                "result": result,
                "description": presenters.key_description(result),
                "error": presenters.key_error_text(result.error) if result.error else "",
            }
            for result in results
        ],
        "comparison": presenters.comparison_rows(project, results),
    }
    return render(request, "collaboration/budget.html", context)


def _budget_url(project: Project) -> str:
    return reverse("collaboration:budget", kwargs={"pk": project.pk})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cost_line_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return simple_create(
        request,
        pk,
        form_class=CostLineForm,
        right="can_edit_plan",
        title=_("Ny kostnadslinje"),
        saved=_("Kostnaden er lagt til."),
        call=lambda project, data: services.cost_line_add(
            actor=actor_of(request), project=project, **data
        ),
        back=_budget_url,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def financing_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return simple_create(
        request,
        pk,
        form_class=FinancingForm,
        right="can_edit_plan",
        title=_("Ny finansieringskilde"),
        saved=_("Finansieringen er lagt til."),
        call=lambda project, data: services.financing_add(
            actor=actor_of(request), project=project, **data
        ),
        back=_budget_url,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cost_key_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return simple_create(
        request,
        pk,
        form_class=CostKeyForm,
        right="can_edit_plan",
        title=_("Ny fordelingsnøkkel"),
        saved=_("Nøkkelen er lagt til og vises i sammenligningen."),
        call=lambda project, data: services.cost_key_add(
            actor=actor_of(request), project=project, **data
        ),
        back=_budget_url,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cost_key_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    key, rights = cost_key_get_for(user=request.user, pk=pk)
    return object_edit(
        request,
        instance=key,
        project=key.project,
        allowed=rights.can_edit_plan,
        form_class=CostKeyEditForm,
        update=lambda version, data: services.cost_key_update(
            actor=actor_of(request), key=key, expected_version=version, **data
        ),
        title=_("Endre fordelingsnøkkel"),
        saved=_("Nøkkelen er lagret; andelene er regnet på nytt."),
        back=_budget_url(key.project),
    )


@login_required
@require_POST
def cost_key_choose(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    from samspill.collaboration.models import CostKey

    key = CostKey.objects.filter(pk=pk).first()
    if key is None:
        raise Http404
    project, _rights = project_for(request, key.project_id, "can_view_internal")
    try:
        services.cost_key_choose(actor=actor_of(request), key=key)
        messages.success(request, _("Nøkkelen «%(name)s» er valgt.") % {"name": key.name})
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    except ConflictError as error:
        messages.info(request, error.message)
    return redirect(_budget_url(project))


@login_required
@require_safe
def allocation_export(request: HtmxHttpRequest, pk: int, fmt: str) -> HttpResponse:
    from samspill.collaboration.models import CostKey

    if fmt not in FORMATS:
        raise Http404
    key = CostKey.objects.filter(pk=pk).first()
    if key is None:
        raise Http404
    project, _rights = project_for(request, key.project_id, "can_view_internal")
    result = key_allocate(
        cost_key_get(project=project, pk=pk),
        total=budget_totals(project).municipal_share,
        municipalities=municipalities_of(project),
    )
    if result.error:
        raise Http404
    audit_record(
        actor=actor_of(request),
        subject=key,
        action=AuditEntry.Action.EXPORT,
        changes={"format": fmt},
    )
    if fmt == "pdf":
        response = HttpResponse(
            exports.allocation_pdf(project, result),
            content_type=CONTENT_TYPES.get("pdf", "application/pdf"),
        )
        response["Content-Disposition"] = f'attachment; filename="andeler-{key.pk}.pdf"'
        return response
    return table_response(
        exports.allocation_table(project, result),
        file_format=fmt,
        name=project.title,
        parts=[_("andeler"), key.name],
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cost_line_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    line, rights = cost_line_get_for(user=request.user, pk=pk)
    return object_edit(
        request,
        instance=line,
        project=line.project,
        allowed=rights.can_edit_plan,
        form_class=CostLineForm,
        update=lambda version, data: services.cost_line_update(
            actor=actor_of(request), line=line, expected_version=version, **data
        ),
        title=_("Endre kostnadslinje"),
        saved=_("Kostnaden er lagret."),
        back=_budget_url(line.project),
        delete_url=reverse("collaboration:cost-line-delete", kwargs={"pk": line.pk}),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cost_line_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    line, rights = cost_line_get_for(user=request.user, pk=pk)
    return object_delete(
        request,
        instance=line,
        project=line.project,
        allowed=rights.can_edit_plan,
        delete=lambda version: services.cost_line_delete(
            actor=actor_of(request), line=line, expected_version=version
        ),
        title=_("Slett kostnadslinje"),
        back=reverse("collaboration:cost-line-edit", kwargs={"pk": line.pk}),
        done=_budget_url(line.project),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def financing_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    source, rights = financing_get_for(user=request.user, pk=pk)
    return object_edit(
        request,
        instance=source,
        project=source.project,
        allowed=rights.can_edit_plan,
        form_class=FinancingForm,
        update=lambda version, data: services.financing_update(
            actor=actor_of(request), source=source, expected_version=version, **data
        ),
        title=_("Endre finansieringskilde"),
        saved=_("Finansieringen er lagret."),
        back=_budget_url(source.project),
        delete_url=reverse("collaboration:financing-delete", kwargs={"pk": source.pk}),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def financing_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    source, rights = financing_get_for(user=request.user, pk=pk)
    return object_delete(
        request,
        instance=source,
        project=source.project,
        allowed=rights.can_edit_plan,
        delete=lambda version: services.financing_delete(
            actor=actor_of(request), source=source, expected_version=version
        ),
        title=_("Slett finansieringskilde"),
        back=reverse("collaboration:financing-edit", kwargs={"pk": source.pk}),
        done=_budget_url(source.project),
    )

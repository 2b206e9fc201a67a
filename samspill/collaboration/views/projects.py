"""Project pages: the list, creating and editing a project, its detail page and its roles."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from samspill.accounts.models import User
from samspill.audit.selectors import audit_entries_for
from samspill.collaboration import presenters, services
from samspill.collaboration.forms import (
    ProjectForm,
    RoleForm,
)
from samspill.collaboration.models import Project
from samspill.collaboration.reporting import plan_timeline
from samspill.collaboration.selectors import (
    adoption_for,
    agreement_rows,
    budget_totals,
    decision_points_of,
    milestones_of,
    municipalities_of,
    plan_warnings,
    point_passed,
    project_get_for,
    project_list_for,
    report_snapshot,
    role_get_for,
    roles_by_kind,
    status_reports_of,
)
from samspill.collaboration.views.common import (
    actor_of,
    form_page,
    object_delete,
    object_edit,
    project_for,
    regions_for,
    run_service,
    simple_create,
)
from samspill.core.htmx import HtmxHttpRequest
from samspill.regions.models import Region

# Projects ----------------------------------------------------------------------------------------


@require_safe
def project_list(request: HtmxHttpRequest) -> HttpResponse:
    context = {
        "projects": project_list_for(user=request.user),
        "can_create": request.user.is_authenticated and regions_for(request).exists(),
    }
    return render(request, "collaboration/project_list.html", context)


def _project_values(form: ProjectForm) -> dict[str, Any]:
    keys = (
        "title",
        "region",
        "stage",
        "previous",
        "purpose",
        "improvements",
        "start_date",
        "end_date",
        "is_published",
    )
    return {key: form.cleaned_data[key] for key in keys}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def project_create(request: HtmxHttpRequest) -> HttpResponse:
    regions = regions_for(request)
    if not regions.exists():
        raise PermissionDenied
    form = ProjectForm(
        request.POST or None, regions=regions, projects=project_list_for(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        project = run_service(
            form, lambda: services.project_create(actor=actor_of(request), **_project_values(form))
        )
        if project:
            messages.success(request, _("Prosjektet er opprettet."))
            return redirect(project)
    return form_page(
        request,
        form,
        title=_("Nytt samarbeidsprosjekt"),
        back=reverse("collaboration:project-list"),
        help=_("Regionens deltakende kommuner i dag blir prosjektets kommuner."),
    )


@require_safe
def project_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    project, rights = project_get_for(user=request.user, pk=pk)
    points = decision_points_of(project)
    point_rows = []
    for point in points:
        status = adoption_for(point)
        point_rows.append(
            {
                "point": point,
                "passed": point_passed(point, status),
                "adoption": presenters.adoption_sentence(status)
                if point.needs_all_councils
                else "",
            }
        )
    context = {
        "project": project,
        "rights": rights,
        "municipalities": municipalities_of(project),
        "roles": roles_by_kind(project),
        "goals": project.goals.select_related("focus_area__strategy"),
        "next_stages": project.next_stages.all(),
        "activities": project.activities.all(),
        "milestones": milestones_of(project),
        "points": point_rows,
        "warnings": [presenters.warning_sentence(w) for w in plan_warnings(project)],
        "meetings": project.meetings.all() if rights.can_view_internal else [],
        "totals": budget_totals(project) if rights.can_view_internal else None,
        "history": audit_entries_for(subject=project) if rights.can_view_internal else [],
        "timeline": plan_timeline(report_snapshot(project, on=datetime.date.today())),  # noqa: DTZ011
        "agreements": agreement_rows(project) if rights.can_view_internal else [],
        "reports": status_reports_of(project)[:3] if rights.can_view_internal else [],
    }
    return render(request, "collaboration/project_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def project_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    project, _rights = project_for(request, pk, "can_manage")
    regions = regions_for(request) | Region.objects.filter(pk=project.region_id or 0)
    others = project_list_for(user=request.user).exclude(pk=project.pk)
    form = ProjectForm(
        request.POST or None,
        regions=regions.distinct(),
        projects=others,
        initial=ProjectForm.initial_from(project),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            lambda: services.project_update(
                actor=actor_of(request),
                project=project,
                expected_version=form.cleaned_data["version"],
                **_project_values(form),
            ),
            reload=lambda: Project.objects.get(pk=pk),
            initial_of=ProjectForm.initial_from,
        )
    ):
        messages.success(request, _("Prosjektet er lagret."))
        return redirect(project)
    return form_page(request, form, title=_("Endre prosjektet"), back=project.get_absolute_url())


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def role_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    def call(project: Project, data: dict[str, Any]) -> Any:
        user = None
        if data["username"]:
            user = User.objects.filter(username=data["username"]).first()
            if user is None:
                raise ValidationError(
                    {"username": _("Finner ingen bruker med dette brukernavnet.")}
                )
        values = {k: v for k, v in data.items() if k != "username"}
        return services.role_add(actor=actor_of(request), project=project, user=user, **values)

    return simple_create(
        request,
        pk,
        form_class=RoleForm,
        right="can_manage",
        title=_("Ny rolle"),
        saved=_("Rollen er lagt til."),
        call=call,
    )


def _role_user(data: dict[str, Any]) -> dict[str, Any]:
    """The form's values with `username` turned into the Samspill user (a field error if unknown)."""
    values = {k: v for k, v in data.items() if k != "username"}
    values["user"] = None
    if data.get("username"):
        values["user"] = User.objects.filter(username=data["username"]).first()
        if values["user"] is None:
            raise ValidationError({"username": _("Finner ingen bruker med dette brukernavnet.")})
    return values


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def role_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    role, rights = role_get_for(user=request.user, pk=pk)
    return object_edit(
        request,
        instance=role,
        project=role.project,
        allowed=rights.can_manage,
        form_class=RoleForm,
        update=lambda version, data: services.role_update(
            actor=actor_of(request), role=role, expected_version=version, **_role_user(data)
        ),
        title=_("Endre rolle"),
        saved=_("Rollen er lagret."),
        back=role.project.get_absolute_url(),
        delete_url=reverse("collaboration:role-delete", kwargs={"pk": role.pk}),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def role_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    role, rights = role_get_for(user=request.user, pk=pk)
    return object_delete(
        request,
        instance=role,
        project=role.project,
        allowed=rights.can_manage,
        delete=lambda version: services.role_delete(
            actor=actor_of(request), role=role, expected_version=version
        ),
        title=_("Slett rolle"),
        back=reverse("collaboration:role-edit", kwargs={"pk": role.pk}),
        done=role.project.get_absolute_url(),
    )

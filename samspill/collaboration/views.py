"""Collaboration project pages. Thin: parse → selector/service → render.

Unpublished projects answer 404 to people outside them; internal parts (budget, meetings,
decisions, contact details) answer 404 to people who only see what is published.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.models import AuditEntry
from samspill.audit.selectors import audit_entries_for
from samspill.audit.services import audit_record
from samspill.collaboration import exports, presenters, services
from samspill.collaboration.forms import (
    ActivityForm,
    AgendaItemForm,
    CostKeyForm,
    CostLineForm,
    DecisionPointForm,
    DecisionRecordForm,
    FinancingForm,
    MeetingForm,
    MilestoneForm,
    OverrideForm,
    ProjectForm,
    RoleForm,
    TreatmentForm,
    errors_to_form,
)
from samspill.collaboration.models import Milestone, Project
from samspill.collaboration.selectors import (
    ProjectRights,
    adoption_for,
    budget_totals,
    cost_key_get,
    cost_lines_of,
    decision_point_get_for,
    decision_points_of,
    financing_of,
    key_allocate,
    key_results,
    meeting_get_for,
    milestones_of,
    municipalities_of,
    plan_warnings,
    point_passed,
    project_get_for,
    project_list_for,
    roles_by_kind,
)
from samspill.collaboration.selectors import (
    decision_list as project_decisions,
)
from samspill.core.conflicts import conflict_show
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.exports import CONTENT_TYPES, table_response
from samspill.core.htmx import HtmxHttpRequest
from samspill.regions.models import Region

FORMATS = ("csv", "xlsx", "pdf")


def _actor(request: HtmxHttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _run(
    form: Any,
    action: Callable[[], Any],
    *,
    reload: Callable[[], Any] | None = None,
    initial_of: Callable[[Any], dict[str, Any]] | None = None,
) -> Any:
    """Call a service: validation errors land next to the fields, conflicts above the form."""
    try:
        return action()
    except ValidationError as error:
        errors_to_form(form, error)
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    except ConflictError as error:
        if reload is None or initial_of is None:
            form.add_error(None, error.message)
        else:
            saved = reload()
            conflict_show(
                form,
                error,
                saved=initial_of(saved),
                version=saved.version,
                history=audit_entries_for(subject=saved),
            )
    return None


def _form_page(
    request: HtmxHttpRequest, form: Any, *, title: str, back: str, **extra: Any
) -> HttpResponse:
    context = {"form": form, "page_title": title, "back_url": back, **extra}
    status = 409 if getattr(form, "conflict", None) else (422 if form.errors else 200)
    return render(request, "collaboration/form_page.html", context, status=status)


def _project_for(request: HtmxHttpRequest, pk: int, right: str) -> tuple[Project, ProjectRights]:
    project, rights = project_get_for(user=request.user, pk=pk)
    if right == "can_view_internal" and not rights.can_view_internal:
        raise Http404
    if not getattr(rights, right):
        raise PermissionDenied
    return project, rights


def _regions_for(request: HtmxHttpRequest) -> Any:
    access = access_for(user=request.user)
    regions = Region.objects.all()
    if not access.is_site_admin:
        regions = regions.filter(pk__in=access.coordinated_region_ids)
    return regions


# Projects ----------------------------------------------------------------------------------------


@require_safe
def project_list(request: HtmxHttpRequest) -> HttpResponse:
    context = {
        "projects": project_list_for(user=request.user),
        "can_create": request.user.is_authenticated and _regions_for(request).exists(),
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
    regions = _regions_for(request)
    if not regions.exists():
        raise PermissionDenied
    form = ProjectForm(
        request.POST or None, regions=regions, projects=project_list_for(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        project = _run(
            form, lambda: services.project_create(actor=_actor(request), **_project_values(form))
        )
        if project:
            messages.success(request, _("Prosjektet er opprettet."))
            return redirect(project)
    return _form_page(
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
    }
    return render(request, "collaboration/project_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def project_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    project, _rights = _project_for(request, pk, "can_manage")
    regions = _regions_for(request) | Region.objects.filter(pk=project.region_id or 0)
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
        and _run(
            form,
            lambda: services.project_update(
                actor=_actor(request),
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
    return _form_page(request, form, title=_("Endre prosjektet"), back=project.get_absolute_url())


def _simple_create(
    request: HtmxHttpRequest,
    pk: int,
    *,
    form_class: type,
    right: str,
    title: str,
    saved: str,
    call: Callable[[Project, dict[str, Any]], Any],
    back: Callable[[Project], str] | None = None,
    form_kwargs: Callable[[Project], dict[str, Any]] | None = None,
    initial: dict[str, Any] | None = None,
) -> HttpResponse:
    project, _rights = _project_for(request, pk, right)
    form = form_class(
        request.POST or None, initial=initial, **(form_kwargs(project) if form_kwargs else {})
    )
    target = back(project) if back else project.get_absolute_url()
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: call(project, form.cleaned_data))
        if done:
            messages.success(request, saved)
            return redirect(target)
    return _form_page(
        request, form, title=f"{title} – {project.title}", back=target, project=project
    )


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
        return services.role_add(actor=_actor(request), project=project, user=user, **values)

    return _simple_create(
        request,
        pk,
        form_class=RoleForm,
        right="can_manage",
        title=_("Ny rolle"),
        saved=_("Rollen er lagt til."),
        call=call,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def activity_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _simple_create(
        request,
        pk,
        form_class=ActivityForm,
        right="can_edit_plan",
        title=_("Ny aktivitet"),
        saved=_("Aktiviteten er lagt til."),
        call=lambda project, data: services.activity_add(
            actor=_actor(request), project=project, **data
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def milestone_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _simple_create(
        request,
        pk,
        form_class=MilestoneForm,
        right="can_edit_plan",
        title=_("Ny milepæl"),
        saved=_("Milepælen er lagt til."),
        call=lambda project, data: services.milestone_add(
            actor=_actor(request),
            project=project,
            **{k: v for k, v in data.items() if k != "version"},
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def milestone_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    milestone = Milestone.objects.select_related("project").filter(pk=pk).first()
    if milestone is None:
        raise Http404
    project, _rights = _project_for(request, milestone.project_id, "can_edit_plan")
    form = MilestoneForm(request.POST or None, initial=MilestoneForm.initial_from(milestone))
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            form,
            lambda: services.milestone_update(
                actor=_actor(request),
                milestone=milestone,
                expected_version=form.cleaned_data["version"],
                **{k: v for k, v in form.cleaned_data.items() if k != "version"},
            ),
            reload=lambda: Milestone.objects.get(pk=pk),
            initial_of=MilestoneForm.initial_from,
        )
    ):
        messages.success(request, _("Milepælen er lagret."))
        return redirect(project)
    return _form_page(
        request,
        form,
        title=_("Endre milepæl %(number)s") % {"number": milestone.number},
        back=project.get_absolute_url(),
        history=audit_entries_for(subject=milestone),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def decision_point_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _simple_create(
        request,
        pk,
        form_class=DecisionPointForm,
        right="can_edit_plan",
        title=_("Nytt beslutningspunkt"),
        saved=_("Beslutningspunktet er lagt til."),
        call=lambda project, data: services.decision_point_add(
            actor=_actor(request), project=project, **data
        ),
    )


# Decision points and adoption -----------------------------------------------------------------


@require_safe
def decision_point_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    point, rights = decision_point_get_for(user=request.user, pk=pk)
    status = adoption_for(point)
    treatments = point.treatments.select_related("municipality").order_by(
        "municipality__name", "meeting_date"
    )
    context = {
        "point": point,
        "project": point.project,
        "rights": rights,
        "status": status,
        "sentence": presenters.adoption_sentence(status),
        "passed": point_passed(point, status),
        "treatments": treatments if rights.can_view_internal else [],
        "history": audit_entries_for(subject=point) if rights.can_view_internal else [],
    }
    return render(request, "collaboration/decision_point_detail.html", context)


def _point_form(
    request: HtmxHttpRequest,
    pk: int,
    *,
    right: str,
    form_class: type,
    title: str,
    saved: str,
    call: Callable[[Any, dict[str, Any]], Any],
    form_kwargs: Callable[[Any], dict[str, Any]] | None = None,
) -> HttpResponse:
    point, rights = decision_point_get_for(user=request.user, pk=pk)
    if not rights.can_view_internal:
        raise Http404
    if not getattr(rights, right):
        raise PermissionDenied
    form = form_class(request.POST or None, **(form_kwargs(point) if form_kwargs else {}))
    if request.method == "POST" and form.is_valid():
        done = _run(form, lambda: call(point, form.cleaned_data))
        if done:
            messages.success(request, saved)
            return redirect(point)
    return _form_page(
        request, form, title=f"{title} – BP {point.number}", back=point.get_absolute_url()
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def decision_record(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _point_form(
        request,
        pk,
        right="can_decide",
        form_class=DecisionRecordForm,
        title=_("Registrer beslutning"),
        saved=_("Beslutningen er registrert."),
        call=lambda point, data: services.decision_record(
            actor=_actor(request), point=point, **data
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def treatment_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _point_form(
        request,
        pk,
        right="can_edit_plan",
        form_class=TreatmentForm,
        title=_("Registrer politisk behandling"),
        saved=_("Behandlingen er registrert."),
        call=lambda point, data: services.treatment_add(actor=_actor(request), point=point, **data),
        form_kwargs=lambda point: {"municipalities": point.project.municipalities.order_by("name")},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def point_override(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _point_form(
        request,
        pk,
        right="can_edit_plan",
        form_class=OverrideForm,
        title=_("Overstyr kravet om vedtak i alle kommuner"),
        saved=_("Beslutningspunktet er overstyrt; begrunnelsen er lagret."),
        call=lambda point, data: services.point_override(
            actor=_actor(request), point=point, reason=data["reason"]
        ),
    )


# Budget ------------------------------------------------------------------------------------------


@login_required
@require_safe
def budget(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    project, rights = _project_for(request, pk, "can_view_internal")
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
    return _simple_create(
        request,
        pk,
        form_class=CostLineForm,
        right="can_edit_plan",
        title=_("Ny kostnadslinje"),
        saved=_("Kostnaden er lagt til."),
        call=lambda project, data: services.cost_line_add(
            actor=_actor(request), project=project, **data
        ),
        back=_budget_url,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def financing_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _simple_create(
        request,
        pk,
        form_class=FinancingForm,
        right="can_edit_plan",
        title=_("Ny finansieringskilde"),
        saved=_("Finansieringen er lagt til."),
        call=lambda project, data: services.financing_add(
            actor=_actor(request), project=project, **data
        ),
        back=_budget_url,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cost_key_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _simple_create(
        request,
        pk,
        form_class=CostKeyForm,
        right="can_edit_plan",
        title=_("Ny fordelingsnøkkel"),
        saved=_("Nøkkelen er lagt til og vises i sammenligningen."),
        call=lambda project, data: services.cost_key_add(
            actor=_actor(request), project=project, **data
        ),
        back=_budget_url,
    )


@login_required
@require_POST
def cost_key_choose(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    from samspill.collaboration.models import CostKey

    key = CostKey.objects.filter(pk=pk).first()
    if key is None:
        raise Http404
    project, _rights = _project_for(request, key.project_id, "can_view_internal")
    try:
        services.cost_key_choose(actor=_actor(request), key=key)
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
    project, _rights = _project_for(request, key.project_id, "can_view_internal")
    result = key_allocate(
        cost_key_get(project=project, pk=pk),
        total=budget_totals(project).municipal_share,
        municipalities=municipalities_of(project),
    )
    if result.error:
        raise Http404
    audit_record(
        actor=_actor(request), subject=key, action=AuditEntry.Action.EXPORT, changes={"format": fmt}
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


# Meetings and decisions ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    def call(project: Project, data: dict[str, Any]) -> Any:
        return services.meeting_add(actor=_actor(request), project=project, **data)

    return _simple_create(
        request,
        pk,
        form_class=MeetingForm,
        right="can_edit_plan",
        title=_("Nytt møte"),
        saved=_("Møtet er registrert. Legg til sakene."),
        call=call,
    )


@login_required
@require_safe
def meeting_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting, rights = meeting_get_for(user=request.user, pk=pk)
    context = {
        "meeting": meeting,
        "project": meeting.project,
        "rights": rights,
        "items": meeting.items.all(),
        "history": audit_entries_for(subject=meeting),
    }
    return render(request, "collaboration/meeting_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agenda_item_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting, rights = meeting_get_for(user=request.user, pk=pk)
    if not rights.can_edit_plan:
        raise PermissionDenied
    form = AgendaItemForm(request.POST or None, initial={"year": meeting.date.year})
    if request.method == "POST" and form.is_valid():
        done = _run(
            form,
            lambda: services.agenda_item_add(
                actor=_actor(request), meeting=meeting, **form.cleaned_data
            ),
        )
        if done:
            messages.success(request, _("Saken er lagt til."))
            return redirect(meeting)
    return _form_page(
        request,
        form,
        title=_("Ny sak – %(meeting)s") % {"meeting": meeting.title},
        back=meeting.get_absolute_url(),
    )


@login_required
@require_safe
def decision_list(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    project, _rights = _project_for(request, pk, "can_view_internal")
    context = {
        "project": project,
        "items": project_decisions(project),
        "points": [p for p in decision_points_of(project) if p.decided_on],
    }
    return render(request, "collaboration/decision_list.html", context)

"""Opportunities in the wake of the projects: list, page, new, edit, export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.selectors import audit_entries_for
from samspill.core.conflicts import conflict_show
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.exports import table_response
from samspill.core.htmx import HtmxHttpRequest
from samspill.projects import services
from samspill.projects.exports import opportunity_table
from samspill.projects.forms import OpportunityForm, errors_to_form
from samspill.projects.models import Opportunity
from samspill.projects.selectors import (
    can_create_in_region,
    can_edit_opportunity,
    measure_choices,
    opportunity_get_for,
    opportunity_list_for,
    project_choices,
    regions_for_new_project,
)
from samspill.regions.models import Region
from samspill.regions.selectors import region_get


def _actor(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _region_slug(request: HttpRequest) -> str:
    slug = request.GET.get("region", "")
    return slug if len(slug) <= 60 and slug.replace("-", "").isalnum() else ""


@require_safe
def opportunity_list(request: HtmxHttpRequest) -> HttpResponse:
    """Every visible opportunity, with its projects and the measures that pursue it."""
    opportunities = list(opportunity_list_for(user=request.user, region=_region_slug(request)))
    context = {
        "opportunities": opportunities,
        "new_regions": regions_for_new_project(user=request.user),
        "any_example": any(o.is_example for o in opportunities),
        "query": request.GET.urlencode(),
    }
    return render(request, "projects/opportunity_list.html", context)


@require_safe
def opportunity_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    opportunity = opportunity_get_for(user=request.user, pk=pk)
    access = access_for(user=request.user)
    project_ids = [p.pk for p in opportunity.projects.all()]
    context = {
        "opportunity": opportunity,
        "can_edit": can_edit_opportunity(
            access, region_id=opportunity.region_id, project_ids=project_ids
        ),
        "history": audit_entries_for(subject=opportunity)
        if access.can_view_region(opportunity.region_id)
        else [],
    }
    return render(request, "projects/opportunity_detail.html", context)


def _form(
    request: HttpRequest, region: Region, initial: dict[str, object] | None = None
) -> OpportunityForm:
    return OpportunityForm(
        request.POST if request.method == "POST" else None,
        projects=project_choices(region=region),
        measures=measure_choices(region=region),
        initial=initial,
    )


def _page(request: HttpRequest, form: OpportunityForm, *, title: str, back: str) -> HttpResponse:
    status = 409 if getattr(form, "conflict", None) else 200
    context = {"form": form, "page_title": title, "back_url": back}
    return render(request, "projects/opportunity_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def opportunity_create(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Record an opportunity (coordinators, and developers of a touched municipality)."""
    region = region_get(slug=slug)
    if not can_create_in_region(access_for(user=request.user), region=region):
        raise PermissionDenied
    form = _form(request, region)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.opportunity_create(
                actor=_actor(request), region=region, data=form.to_input()
            )
        except ValidationError as error:
            errors_to_form(form, error)
        except PermissionDeniedError as error:
            form.add_error("projects", str(error))
        else:
            messages.success(request, _("Muligheten er registrert."))
            return redirect(created)
    return _page(
        request,
        form,
        title=_("Ny mulighet i kjølvannet, %(region)s") % {"region": region.name},
        back=reverse("projects:opportunity-list"),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def opportunity_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    opportunity = opportunity_get_for(user=request.user, pk=pk)
    if not can_edit_opportunity(
        access_for(user=request.user),
        region_id=opportunity.region_id,
        project_ids=[p.pk for p in opportunity.projects.all()],
    ):
        raise PermissionDenied
    form = _form(request, opportunity.region, OpportunityForm.initial_from(opportunity))
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.opportunity_update(
                actor=_actor(request),
                opportunity=opportunity,
                data=form.to_input(is_example=opportunity.is_example),
                expected_version=int(form.cleaned_data["version"]),
            )
        except ValidationError as error:
            errors_to_form(form, error)
        except PermissionDeniedError as error:
            form.add_error("projects", str(error))
        except ConflictError as error:
            current = opportunity_get_for(user=request.user, pk=pk)
            conflict_show(
                form,
                error,
                saved=OpportunityForm.initial_from(current),
                version=current.version,
                history=audit_entries_for(subject=current),
            )
        else:
            messages.success(request, _("Endringene er lagret."))
            return redirect(saved)
    return _page(
        request,
        form,
        title=_("Endre %(title)s") % {"title": opportunity.title},
        back=opportunity.get_absolute_url(),
    )


@require_safe
def opportunity_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The visible opportunities as CSV or XLSX."""
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    opportunities = list(opportunity_list_for(user=request.user, region=_region_slug(request)))
    table = opportunity_table(opportunities, title=_("Muligheter i kjølvannet"))
    return table_response(table, file_format=fmt, name="muligheter")


__all__ = ["Opportunity"]

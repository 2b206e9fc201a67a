"""Public pages for regions and municipalities (open data) and the coordinator's edit form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samspill.accounts.selectors import access_for
from samspill.audit.selectors import audit_entries_for
from samspill.core.page_cache import cache_public_page
from samspill.regions.exceptions import MembershipOverlapError
from samspill.regions.forms import MembershipForm, RegionForm
from samspill.regions.selectors import (
    municipality_get,
    municipality_history,
    municipality_list_current,
    municipality_regions,
    region_get,
    region_members,
)
from samspill.regions.selectors import (
    region_list as region_list_selector,
)
from samspill.regions.services import membership_create, region_update


@require_GET
@cache_public_page
def region_list(request: HttpRequest) -> HttpResponse:
    """All regions."""
    return render(request, "regions/region_list.html", {"regions": region_list_selector()})


@require_GET
@cache_public_page
def region_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A region: members on a map and in a table, with reform notes, population and history."""
    region = region_get(slug=slug)
    members = region_members(region=region)
    access = access_for(user=request.user)
    context = {
        "region": region,
        "members": members,
        "area_km2": sum(m.municipality.area_km2 or 0 for m in members),
        "can_edit": access.can_edit_region(region.pk),
        "history": audit_entries_for(subject=region),
    }
    return render(request, "regions/region_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def region_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Coordinators change the region's name and description."""
    region = region_get(slug=slug)
    if not access_for(user=request.user).can_edit_region(region.pk):
        raise PermissionDenied
    form = RegionForm(
        request.POST or None, initial={"name": region.name, "description": region.description}
    )
    if request.method == "POST" and form.is_valid():
        region_update(
            region=region,
            actor=request.user,  # type: ignore[arg-type]  # login_required guarantees a User
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
        )
        messages.success(request, _("Regionen er lagret."))
        return redirect(region)
    return render(
        request,
        "regions/region_form.html",
        {"region": region, "form": form, "membership_form": MembershipForm()},
    )


@login_required
@require_http_methods(["POST"])
def membership_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Coordinators add a member for a period; an overlapping period is shown next to the date."""
    region = region_get(slug=slug)
    if not access_for(user=request.user).can_edit_region(region.pk):
        raise PermissionDenied
    form = MembershipForm(request.POST)
    if form.is_valid():
        try:
            membership_create(region=region, actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]  # login_required
        except MembershipOverlapError as error:
            form.add_error("valid_from", str(error))
        else:
            messages.success(request, _("Medlemskapet er lagt til."))
            return redirect(region)
    form.style_fields()
    context = {
        "region": region,
        "form": RegionForm(initial={"name": region.name, "description": region.description}),
        "membership_form": form,
    }
    return render(request, "regions/region_form.html", context, status=422)


@require_GET
@cache_public_page
def municipality_list(request: HttpRequest) -> HttpResponse:
    """Today's municipalities, by county."""
    return render(
        request, "regions/municipality_list.html", {"municipalities": municipality_list_current()}
    )


@require_GET
@cache_public_page
def municipality_detail(request: HttpRequest, number: str) -> HttpResponse:
    """A municipality: facts, regions, reform history and outline."""
    municipality = municipality_get(number=number)
    made, ended = municipality_history(municipality=municipality)
    context = {
        "municipality": municipality,
        "regions": municipality_regions(municipality=municipality),
        "made_from": made,
        "ended_in": ended,
    }
    return render(request, "regions/municipality_detail.html", context)

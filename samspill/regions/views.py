"""Public pages for regions and municipalities (open data) and the coordinator's edit form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from samspill.accounts.selectors import access_for
from samspill.audit.selectors import audit_entries_for
from samspill.core.conflicts import conflict_show
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.regions.exceptions import MembershipOverlapError, MembershipRequestConflictError
from samspill.regions.forms import MembershipAnswerForm, MembershipForm, RegionForm
from samspill.regions.models import MembershipRequest, Region
from samspill.regions.selectors import (
    membership_request_get_for,
    membership_requests_pending_for_region,
    membership_requests_to_answer,
    membership_requests_visible,
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
from samspill.regions.services import region_update
from samspill.regions.services.memberships import membership_add as membership_add_service
from samspill.regions.services.memberships import (
    membership_request_accept,
    membership_request_decline,
)


@require_safe
def region_list(request: HttpRequest) -> HttpResponse:
    """All regions."""
    return render(request, "regions/region_list.html", {"regions": region_list_selector()})


@require_safe
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
        # Who changed what names staff: only for the region's own people, never the public.
        "history": audit_entries_for(subject=region) if access.can_view_region(region.pk) else None,
    }
    return render(request, "regions/region_detail.html", context)


def _region_initial(region: Region) -> dict[str, object]:
    return {"name": region.name, "description": region.description, "version": region.version}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def region_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Coordinators change the region's name and description; a concurrent save shows both."""
    region = region_get(slug=slug)
    if not access_for(user=request.user).can_edit_region(region.pk):
        raise PermissionDenied
    form = RegionForm(request.POST or None, initial=_region_initial(region))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            region_update(
                region=region,
                actor=request.user,  # type: ignore[arg-type]  # login_required guarantees a User
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                expected_version=form.cleaned_data["version"],
            )
        except ConflictError as error:
            saved = region_get(slug=slug)
            conflict_show(
                form,
                error,
                saved=_region_initial(saved),
                version=saved.version,
                history=audit_entries_for(subject=saved),
            )
            status = 409
        else:
            messages.success(request, _("Regionen er lagret."))
            return redirect(region)
    return render(
        request,
        "regions/region_form.html",
        {
            "region": region,
            "form": form,
            "membership_form": MembershipForm(),
            "pending": membership_requests_pending_for_region(region=region),
        },
        status=status,
    )


@login_required
@require_http_methods(["POST"])
def membership_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Coordinators ask a municipality to join for a period; it counts once the municipality agrees."""
    region = region_get(slug=slug)
    if not access_for(user=request.user).can_edit_region(region.pk):
        raise PermissionDenied
    form = MembershipForm(request.POST)
    if form.is_valid():
        try:
            asked = membership_add_service(region=region, actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]  # login_required
        except MembershipOverlapError as error:
            form.add_error("valid_from", str(error))
        except MembershipRequestConflictError as error:
            form.add_error("municipality", str(error))
        else:
            if asked.status == MembershipRequest.Status.ACCEPTED:
                messages.success(request, _("Medlemskapet er lagt til."))
            else:
                messages.success(
                    request,
                    _(
                        "Forespørselen er sendt. {municipality} blir medlem når kommunens "
                        "næringsutviklere har godtatt den."
                    ).format(municipality=asked.municipality.name),
                )
            return redirect(region)
    form.style_fields()
    context = {
        "region": region,
        "form": RegionForm(initial=_region_initial(region)),
        "membership_form": form,
        "pending": membership_requests_pending_for_region(region=region),
    }
    return render(request, "regions/region_form.html", context, status=422)


@login_required
@require_safe
def membership_requests(request: HttpRequest) -> HttpResponse:
    """Requests from regions to count the user's municipality as a member, to accept or decline."""
    return render(
        request,
        "regions/membership_requests.html",
        {
            "to_answer": membership_requests_to_answer(user=request.user),
            "recent": membership_requests_visible(user=request.user),
        },
    )


@login_required
@require_http_methods(["POST"])
def membership_request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The municipality's own business developers (or an administrator) accept or decline."""
    found = membership_request_get_for(user=request.user, pk=pk)
    if not access_for(user=request.user).can_answer_for_municipality(found.municipality_id):
        raise PermissionDenied
    form = MembershipAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Velg om forespørselen skal godtas eller avslås."))
        return redirect("regions:membership-requests")
    answer = (
        membership_request_accept
        if form.cleaned_data["decision"] == MembershipAnswerForm.ACCEPT
        else membership_request_decline
    )
    try:
        answer(membership_request=found, actor=request.user)  # type: ignore[arg-type]  # login_required
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    except (MembershipOverlapError, MembershipRequestConflictError) as error:
        messages.error(request, str(error))
    else:
        found.refresh_from_db()
        messages.success(
            request,
            _("{municipality}: forespørselen fra {region} er {status}.").format(
                municipality=found.municipality.name,
                region=found.region.name,
                status=found.get_status_display(),
            ),
        )
    return redirect("regions:membership-requests")


@require_safe
def municipality_list(request: HttpRequest) -> HttpResponse:
    """Today's municipalities, by county."""
    return render(
        request, "regions/municipality_list.html", {"municipalities": municipality_list_current()}
    )


@require_safe
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

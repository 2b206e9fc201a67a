"""One site: its public page, fact sheet, registration, editing and publishing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.accounts.selectors import access_for
from samspill.audit.selectors import audit_entries_for
from samspill.core.conflicts import conflict_show
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.htmx import HtmxHttpRequest
from samspill.core.pdf import render_pdf
from samspill.land import presenters, selectors, services
from samspill.land.forms import SiteForm, errors_to_form, site_initial
from samspill.land.models import Site
from samspill.land.places import AVERAGE_SPEED_KMH, DETOUR_FACTOR
from samspill.land.views.common import form_page, request_actor


@require_safe
def site_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    site = selectors.site_get_for(user=request.user, pk=pk)
    access = access_for(user=request.user)
    can_edit = selectors.can_edit_site(access=access, site=site)
    photos = selectors.site_photos(site=site)
    distances = selectors.site_distances(site=site, points=selectors.point_choices(), route=True)
    context = {
        "site": site,
        "can_edit": can_edit,
        "children": selectors.site_children(user=request.user, site=site),
        "photos": photos,
        "photo_order": ",".join(str(photo.pk) for photo in photos),
        "distances": distances,
        "travel": selectors.travel_note(distances),
        "reservations": selectors.reservations_for_site(user=request.user, site=site),
        "history": audit_entries_for(subject=site) if can_edit else [],
        "detour": DETOUR_FACTOR,
        "speed": AVERAGE_SPEED_KMH,
    }
    return render(request, "land/site_detail.html", context)


@require_safe
def site_pdf(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A one-page fact sheet a business developer can send (tagged PDF)."""
    site = selectors.site_get_for(user=request.user, pk=pk)
    distances = selectors.site_distances(
        site=site,
        points=[
            p
            for p in selectors.point_choices()
            if not p.is_centroid or p.key == f"kommune-{site.municipality.number}"
        ],
        route=True,
    )
    context = {
        "title": site.name,
        "subtitle": _("Faktaark: %(kind)s i %(municipality)s")
        % {"kind": site.get_kind_display(), "municipality": site.municipality.name},
        "site": site,
        "distances": distances,
        "travel": selectors.travel_note(distances),
        "date": timezone.localdate(),
        "photo": presenters.photo_data_uri(selectors.site_photos(site=site)[:1]),
        "one_page": True,
        "is_example": site.is_example,
        "detour": DETOUR_FACTOR,
        "speed": AVERAGE_SPEED_KMH,
    }
    response = HttpResponse(
        render_pdf("land/pdf/site.html", context), content_type="application/pdf"
    )
    prefix = "eksempel-" if site.is_example else ""
    response["Content-Disposition"] = f'inline; filename="{prefix}faktaark-{site.pk}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def site_create(request: HtmxHttpRequest) -> HttpResponse:
    """Register a site in one of the municipalities the user works for."""
    municipalities = selectors.editable_municipalities(user=request.user)
    number = request.POST.get("kommune") or request.GET.get("kommune", "")
    municipality = municipalities.filter(number=number).first() if number else None
    if municipality is None:
        if not municipalities.exists():
            raise PermissionDenied
        return render(
            request,
            "land/choose_municipality.html",
            {"municipalities": municipalities.order_by("name")},
        )
    form = SiteForm(request.POST or None, areas=selectors.area_choices(municipality=municipality))
    if request.method == "POST" and form.is_valid():
        try:
            site = services.site_create(
                actor=request_actor(request),
                municipality=municipality,
                geometry=form.cleaned_data["geometry_text"],
                fields=form.site_fields(),
            )
        except ValidationError as error:
            errors_to_form(form, error)
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        else:
            messages.success(request, _("Arealet er registrert."))
            return redirect(site)
    return form_page(
        request,
        form,
        title=_("Registrer areal i %(municipality)s") % {"municipality": municipality.name},
        back=str(request.build_absolute_uri("/areal/")),
        municipality=municipality,
        draw=True,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def site_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    site = selectors.site_get_for(user=request.user, pk=pk)
    if not selectors.can_edit_site(access=access_for(user=request.user), site=site):
        raise PermissionDenied
    form = SiteForm(
        request.POST or None,
        initial=site_initial(site),
        areas=selectors.area_choices(municipality=site.municipality).exclude(pk=site.pk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            site = services.site_update(
                actor=request_actor(request),
                site=site,
                expected_version=form.cleaned_data["version"],
                fields=form.site_fields(),
                geometry=form.cleaned_data["geometry_text"],
            )
        except ValidationError as error:
            errors_to_form(form, error)
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        except ConflictError as error:
            saved = Site.objects.get(pk=site.pk)
            conflict_show(
                form,  # type: ignore[arg-type]  # a ModelForm is a BaseForm with the same API
                error,
                saved=site_initial(saved),
                version=saved.version,
                history=audit_entries_for(subject=saved),
            )
        else:
            messages.success(request, _("Endringene er lagret."))
            return redirect(site)
    return form_page(
        request,
        form,
        title=_("Endre %(name)s") % {"name": site.name},
        back=site.get_absolute_url(),
        municipality=site.municipality,
        draw=True,
    )


@login_required
@require_POST
def site_publish(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    site = selectors.site_get_for(user=request.user, pk=pk)
    version = request.POST.get("version", "")
    try:
        services.site_publish(
            actor=request_actor(request),
            site=site,
            expected_version=int(version) if version.isdecimal() else -1,
            publish=request.POST.get("publish") == "1",
        )
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    except ConflictError:
        messages.error(request, _("Noen andre har endret arealet. Se over og prøv igjen."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("land:site-detail", pk=site.pk)

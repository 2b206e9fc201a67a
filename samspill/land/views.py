"""Pages of the land register: public search and site pages, registration, import, matching.

Thin: parse → selector/service → render. The search is a GET form, so every search is a URL that
can be shared; the map and the list show the same `SearchResult`.
"""

import datetime
import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.selectors import audit_entries_for
from samspill.core.conflicts import conflict_show
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.exports import table_response
from samspill.core.htmx import HtmxHttpRequest
from samspill.core.numbers import format_date
from samspill.core.pdf import render_pdf
from samspill.core.svgcharts import chart_figure
from samspill.land import exports, presenters, selectors, services
from samspill.land.forms import (
    CriteriaForm,
    ImportForm,
    ReserveForm,
    SearchForm,
    SelectionForm,
    SiteForm,
    errors_to_form,
    site_initial,
)
from samspill.land.importing import ImportFileError, rows_from_file
from samspill.land.models import Availability, Kind, LandCover, Readiness, Reservation, Site
from samspill.land.places import AVERAGE_SPEED_KMH, DETOUR_FACTOR, POINTS

EXPORT_FORMATS = ("csv", "xlsx", "geojson")


def _actor(request: HtmxHttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _search(request: HtmxHttpRequest) -> tuple[SearchForm, selectors.SearchResult]:
    form = SearchForm(
        request.GET or None,
        municipalities=selectors.land_municipalities(),
        points=selectors.point_choices(),
    )
    result = selectors.site_search(user=request.user, filters=form.filters())
    return form, result


@require_safe
def search(request: HtmxHttpRequest) -> HttpResponse:
    """Anyone searches the whole region; the list is a full alternative to the map."""
    form, result = _search(request)
    query = request.GET.urlencode()
    context = {
        "form": form,
        "result": result,
        "query": query,
        "points": POINTS,
        "detour": DETOUR_FACTOR,
        "speed": AVERAGE_SPEED_KMH,
        "can_register": selectors.editable_municipalities(user=request.user).exists(),
        "any_example": any(hit.site.is_example for hit in result.hits),
        "tile_url": settings.LAND_TILE_URL,
    }
    return render(request, "land/search.html", context)


@require_safe
def search_layer(request: HtmxHttpRequest) -> JsonResponse:
    """The map's data: municipal outlines, the corridor and the same sites as the list."""
    _form, result = _search(request)
    return JsonResponse(presenters.search_layer(result, selectors.land_municipalities()))


@require_safe
def search_export(request: HtmxHttpRequest, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_FORMATS:
        raise Http404
    _form, result = _search(request)
    if fmt == "geojson":
        response = HttpResponse(
            json.dumps(exports.sites_geojson(result.hits), ensure_ascii=False),
            content_type="application/geo+json",
        )
        prefix = "eksempel-" if any(hit.site.is_example for hit in result.hits) else ""
        response["Content-Disposition"] = f'attachment; filename="{prefix}naeringsareal.geojson"'
        return response
    table = exports.site_table(result.hits, title=_("Næringsareal og lokaler"))
    return table_response(table, file_format=fmt, name=_("næringsareal"))


@require_safe
def site_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    site = selectors.site_get_for(user=request.user, pk=pk)
    access = access_for(user=request.user)
    can_edit = selectors.can_edit_site(access=access, site=site)
    distances = [
        (point, hit)
        for point, hit in selectors.site_distances(site=site, points=selectors.point_choices())
    ]
    context = {
        "site": site,
        "can_edit": can_edit,
        "children": selectors.site_children(user=request.user, site=site),
        "distances": distances,
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
    context = {
        "title": site.name,
        "subtitle": _("Faktaark: %(kind)s i %(municipality)s")
        % {"kind": site.get_kind_display(), "municipality": site.municipality.name},
        "site": site,
        "distances": selectors.site_distances(
            site=site,
            points=[
                p
                for p in selectors.point_choices()
                if not p.is_centroid or p.key == f"kommune-{site.municipality.number}"
            ],
        ),
        "date": timezone.localdate(),
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


def _form_page(
    request: HtmxHttpRequest, form: Any, *, title: str, back: str, **extra: Any
) -> HttpResponse:
    context = {"form": form, "page_title": title, "back_url": back, **extra}
    status = 409 if getattr(form, "conflict", None) else 200
    return render(request, "land/form_page.html", context, status=status)


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
                actor=_actor(request),
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
    return _form_page(
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
                actor=_actor(request),
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
    return _form_page(
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
            actor=_actor(request),
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


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def site_import(request: HtmxHttpRequest) -> HttpResponse:
    """A municipality's sites from one GeoJSON or CSV file: all rows, or none."""
    municipalities = selectors.editable_municipalities(user=request.user)
    if not municipalities.exists():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, municipalities=municipalities)
    rejected: list[services.RejectedRow] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = rows_from_file(upload.name, upload.read())
            summary = services.sites_import(
                actor=_actor(request), municipality=form.cleaned_data["municipality"], rows=rows
            )
        except ImportFileError as error:
            form.add_error("file", str(error))
        except services.ImportRejectedError as error:
            rejected = error.rejected
            form.add_error(
                None,
                _("Ingen rader ble lagret: %(count)s rader har feil (se listen under).")
                % {"count": len(rejected)},
            )
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        else:
            messages.success(
                request,
                _("Importert: %(created)s nye og %(updated)s oppdaterte arealer.")
                % {"created": summary.created, "updated": summary.updated},
            )
            for name in summary.outside:
                messages.warning(
                    request, _("«%(name)s» ligger utenfor kommunegrensen.") % {"name": name}
                )
            return redirect("land:search")
    from samspill.land.importing import COLUMNS

    return render(
        request,
        "land/import.html",
        {"form": form, "rejected": rejected, "columns": COLUMNS},
    )


# Land accounts -----------------------------------------------------------------------------------


def _moments() -> list[datetime.datetime]:
    now = timezone.now()
    return [now - datetime.timedelta(days=30 * months) for months in (12, 9, 6, 3, 0)]


@require_safe
def accounts(request: HtmxHttpRequest) -> HttpResponse:
    rows = selectors.land_accounts(user=request.user)
    series = selectors.land_accounts_series(user=request.user, moments=_moments())
    readiness = dict(Readiness.choices)
    spec = {
        "type": "line",
        "data": {
            "labels": [format_date(moment.date()) for moment, _values in series],
            "datasets": [
                {
                    "label": str(readiness[code]),
                    "data": [round(values.get(code, 0.0), 1) for _moment, values in series],
                }
                for code in Readiness.values
            ],
        },
        "samspill": {"x": "category"},
    }
    staff = access_for(user=request.user).is_staff_of_some_scope
    context = {
        "rows": rows,
        "total_daa": sum(row.daa for row in rows),
        "kinds": dict(Kind.choices),
        "readiness": readiness,
        "covers": dict(LandCover.choices),
        "chart": chart_figure(
            spec,
            title=_("Ledig areal etter byggeklarhet (daa)"),
            description=_("Ledig areal i dekar ved hvert tidspunkt, fra arealenes historikk."),
            x_heading=_("Dato"),
            language=get_language() or "nb",
        ),
        "demand": selectors.land_demand(),
        "unmet": list(selectors.unmet_demand_list()[:50]) if staff else [],
    }
    return render(request, "land/accounts.html", context)


@require_safe
def accounts_export(request: HtmxHttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    table = exports.accounts_table(
        selectors.land_accounts(user=request.user), selectors.land_demand()
    )
    return table_response(table, file_format=fmt, name=_("arealregnskap"))


# Matching inquiries ------------------------------------------------------------------------------


@login_required
@require_safe
def inquiry_match(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Candidates for one inquiry, best first, with the reason for each score."""
    inquiry = selectors.inquiry_for_matching(user=request.user, pk=pk)
    criteria = selectors.criteria_for(inquiry)
    result = selectors.match_inquiry(inquiry=inquiry, criteria=criteria)
    candidates = [
        {
            "site": candidate.site,
            "score": candidate.score,
            "distance_m": candidate.distance_m,
            "reasons": [
                {
                    "text": presenters.reason_text(reason),
                    "points": reason.points,
                    "weight": reason.weight,
                }
                for reason in candidate.score.reasons
            ],
        }
        for candidate in result.candidates
    ]
    candidate_ids = [c.site.pk for c in result.candidates]
    context = {
        "inquiry": inquiry,
        "criteria": criteria,
        "result": result,
        "candidates": candidates,
        "failed_labels": [presenters.criterion_label(name) for name in result.failed_everywhere],
        "selection_form": SelectionForm(
            sites=Site.objects.filter(pk__in=candidate_ids, is_published=True)
        ),
        "reserve_form": ReserveForm(
            sites=Site.objects.filter(pk__in=candidate_ids, availability=Availability.AVAILABLE)
        ),
        "reservations": selectors.reservations_for_inquiry(inquiry=inquiry),
        "selections": selectors.selections_for_inquiry(inquiry=inquiry),
        "unmet": inquiry.unmet_land_demand.all(),
    }
    return render(request, "land/inquiry_match.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def inquiry_criteria(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    inquiry = selectors.inquiry_for_matching(user=request.user, pk=pk)
    criteria = selectors.criteria_for(inquiry)
    initial: dict[str, Any] = {}
    if criteria is not None:
        initial = {
            "kind": criteria.kind,
            "purpose": criteria.purpose,
            "min_daa": criteria.min_daa,
            "max_daa": criteria.max_daa,
            "readiness": criteria.readiness,
            "infrastructure": criteria.infrastructure,
            "near_point": criteria.near_point,
            "max_km": criteria.max_km,
            "version": criteria.version,
        }
    form = CriteriaForm(request.POST or None, initial=initial, points=selectors.point_choices())
    if request.method == "POST" and form.is_valid():
        try:
            services.criteria_save(
                actor=_actor(request),
                inquiry=inquiry,
                expected_version=form.cleaned_data.get("version"),
                values=form.values(),
            )
        except ValidationError as error:
            errors_to_form(form, error)
        except ConflictError as error:
            form.add_error(None, str(error))
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        else:
            return redirect("land:inquiry-match", pk=inquiry.pk)
    return _form_page(
        request,
        form,
        title=_("Arealbehov for %(inquiry)s") % {"inquiry": inquiry.reference},
        back=f"/areal/henvendelse/{inquiry.pk}/",
    )


@login_required
@require_POST
def selection_send(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    inquiry = selectors.inquiry_for_matching(user=request.user, pk=pk)
    form = SelectionForm(request.POST, sites=Site.objects.filter(is_published=True))
    if form.is_valid():
        try:
            selection = services.selection_send(
                actor=_actor(request),
                inquiry=inquiry,
                sites=list(form.cleaned_data["sites"]),
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        else:
            messages.success(
                request,
                _("Utvalget er klart. Send lenken til bedriften: %(url)s")
                % {"url": request.build_absolute_uri(selection.get_absolute_url())},
            )
    else:
        messages.error(request, _("Velg minst ett publisert areal."))
    return redirect("land:inquiry-match", pk=inquiry.pk)


@login_required
@require_POST
def site_reserve(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    inquiry = selectors.inquiry_for_matching(user=request.user, pk=pk)
    form = ReserveForm(request.POST, sites=selectors.sites_visible(user=request.user))
    if form.is_valid():
        try:
            services.site_reserve(
                actor=_actor(request),
                site=form.cleaned_data["site"],
                inquiry=inquiry,
                reserved_until=form.cleaned_data["reserved_until"],
                note=form.cleaned_data["note"],
            )
        except ConflictError as error:
            messages.error(request, str(error))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        else:
            messages.success(
                request,
                _("«%(site)s» er reservert for %(inquiry)s.")
                % {"site": form.cleaned_data["site"].name, "inquiry": inquiry.reference},
            )
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("land:inquiry-match", pk=inquiry.pk)


@login_required
@require_POST
def reservation_release(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    reservation = get_object_or_404(Reservation.objects.select_related("inquiry"), pk=pk)
    inquiry = selectors.inquiry_for_matching(user=request.user, pk=reservation.inquiry_id)
    try:
        services.reservation_release(actor=_actor(request), reservation=reservation)
    except ConflictError as error:
        messages.error(request, str(error))
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    else:
        messages.success(request, _("Reservasjonen er opphevet."))
    return redirect("land:inquiry-match", pk=inquiry.pk)


@login_required
@require_POST
def unmet_record(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    inquiry = selectors.inquiry_for_matching(user=request.user, pk=pk)
    result = selectors.match_inquiry(inquiry=inquiry, criteria=selectors.criteria_for(inquiry))
    if result.fitting:
        messages.error(
            request, _("Noen arealer oppfyller alle kriteriene; ingenting er registrert.")
        )
    else:
        try:
            services.unmet_record(
                actor=_actor(request),
                inquiry=inquiry,
                need=result.need,
                failed=result.failed_everywhere,
                checked=result.checked,
            )
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        messages.success(request, _("Registrert som udekket arealbehov."))
    return redirect("land:inquiry-match", pk=inquiry.pk)


@require_safe
def selection_public(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """The page the business gets: the selected sites, nothing about the inquiry or others."""
    selection = selectors.selection_by_token(token=token)
    sites = selectors.selection_sites(selection=selection)
    response = render(
        request,
        "land/selection_public.html",
        {"selection": selection, "sites": sites, "any_example": any(s.is_example for s in sites)},
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response

"""The public search: page, map layer and export of the same result.

The search is a GET form, so every search is a URL that can be shared; the map and the list
show the same `SearchResult`."""

import json

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from samspill.core.exports import table_response
from samspill.core.htmx import HtmxHttpRequest
from samspill.land import exports, presenters, selectors
from samspill.land.forms import SearchForm
from samspill.land.places import AVERAGE_SPEED_KMH, DETOUR_FACTOR, POINTS

EXPORT_FORMATS = ("csv", "xlsx", "geojson")


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

"""Population structure pages (region and municipality), chart downloads and key-figure fragments."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from samspill.core.exports import FORMATS
from samspill.core.page_cache import cache_public_page
from samspill.population import presenters
from samspill.population.presenters import PopulationPage, municipality_page, region_page
from samspill.regions.models import Municipality
from samspill.regions.selectors import municipality_get, region_get
from samspill.stats.exports import chart_response


def _year(request: HttpRequest) -> int | None:
    raw = request.GET.get("ar", "")
    return int(raw) if raw.isdigit() and len(raw) == 4 else None


def _current(number: str) -> Municipality:
    municipality = municipality_get(number=number)
    if not municipality.is_current:
        raise Http404
    return municipality


def _export(board: PopulationPage, chart_id: str, file_format: str) -> HttpResponse:
    chart = board.charts.get(chart_id)
    if chart is None or file_format not in FORMATS:
        raise Http404
    return chart_response(
        chart, area_key=board.area.key, area_label=board.area.label, file_format=file_format
    )


@require_safe
@cache_public_page
def region_structure(request: HttpRequest, slug: str) -> HttpResponse:
    """A region's population structure, employment rate and education (members summed)."""
    board = region_page(region=region_get(slug=slug), year=_year(request))
    return render(request, "population/structure.html", {"board": board})


@require_safe
def region_export(request: HttpRequest, slug: str, chart: str, file_format: str) -> HttpResponse:
    """One table of the region's page as CSV or XLSX."""
    board = region_page(region=region_get(slug=slug), year=_year(request))
    return _export(board, chart, file_format)


@require_safe
@cache_public_page
def municipality_structure(request: HttpRequest, number: str) -> HttpResponse:
    """A municipality's population structure, employment rate and education."""
    board = municipality_page(municipality=_current(number), year=_year(request))
    return render(request, "population/structure.html", {"board": board})


@require_safe
def municipality_export(
    request: HttpRequest, number: str, chart: str, file_format: str
) -> HttpResponse:
    """One table of the municipality's page as CSV or XLSX."""
    board = municipality_page(municipality=_current(number), year=_year(request))
    return _export(board, chart, file_format)


@require_safe
@cache_public_page
def region_key_figures(request: HttpRequest, slug: str) -> HttpResponse:
    """Fragment for the region page: key figures in words, with sources."""
    region = region_get(slug=slug)
    context = {
        "figures": presenters.region_key_figures(region=region),
        "kind": "region",
        "key": region.slug,
    }
    return render(request, "population/_key_figures.html", context)


@require_safe
@cache_public_page
def municipality_key_figures(request: HttpRequest, number: str) -> HttpResponse:
    """Fragment for the municipality page."""
    municipality = _current(number)
    context = {
        "figures": presenters.municipality_key_figures(municipality=municipality),
        "kind": "municipality",
        "key": municipality.number,
    }
    return render(request, "population/_key_figures.html", context)

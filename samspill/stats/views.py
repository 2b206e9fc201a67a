"""Statistics pages: region and municipality dashboards, chart downloads and the data page."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from samspill.core.exports import FORMATS
from samspill.core.htmx import HtmxHttpRequest, partial_template
from samspill.core.page_cache import cache_public_page
from samspill.regions.selectors import municipality_get, region_get, region_list
from samspill.stats.exports import chart_response
from samspill.stats.presenters import (
    Dashboard,
    municipality_dashboard,
    municipality_population_fact,
    region_dashboard,
    region_population_fact,
)
from samspill.stats.selectors import series_list


def _render_dashboard(request: HtmxHttpRequest, board: Dashboard) -> HttpResponse:
    template = partial_template(request, "stats/dashboard.html", "population")
    context = {"board": board, "compare_choices": region_list().order_by("name")}
    return render(request, template, context)


def _export(board: Dashboard, chart_id: str, file_format: str) -> HttpResponse:
    chart = board.charts.get(chart_id)
    if chart is None or file_format not in FORMATS:
        raise Http404
    return chart_response(
        chart, area_key=board.area.key, area_label=board.area.label, file_format=file_format
    )


@require_safe
@vary_on_headers("HX-Request")
@cache_public_page
def region_statistics(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """A region's dashboard: population, age, employment and commuting."""
    board = region_dashboard(
        region=region_get(slug=slug),
        compare_slug=request.GET.get("sammenlign"),
        centre=request.GET.get("senter"),
    )
    return _render_dashboard(request, board)


@require_safe
def region_chart_export(
    request: HttpRequest, slug: str, chart: str, file_format: str
) -> HttpResponse:
    """One chart of the region dashboard as CSV or XLSX."""
    board = region_dashboard(
        region=region_get(slug=slug),
        compare_slug=request.GET.get("sammenlign"),
        centre=request.GET.get("senter"),
    )
    return _export(board, chart, file_format)


@require_safe
@vary_on_headers("HX-Request")
@cache_public_page
def municipality_statistics(request: HtmxHttpRequest, number: str) -> HttpResponse:
    """A municipality's dashboard."""
    municipality = municipality_get(number=number)
    board = municipality_dashboard(
        municipality=municipality, compare_slug=request.GET.get("sammenlign")
    )
    return _render_dashboard(request, board)


@require_safe
def municipality_chart_export(
    request: HttpRequest, number: str, chart: str, file_format: str
) -> HttpResponse:
    """One chart of the municipality dashboard as CSV or XLSX."""
    municipality = municipality_get(number=number)
    board = municipality_dashboard(
        municipality=municipality, compare_slug=request.GET.get("sammenlign")
    )
    return _export(board, chart, file_format)


@require_safe
@cache_public_page
def region_population(request: HttpRequest, slug: str) -> HttpResponse:
    """Fragment for the region page: the population fact and the dashboard link."""
    region = region_get(slug=slug)
    context = {
        "fact": region_population_fact(region=region),
        "url": reverse("stats:region-dashboard", args=[slug]),
    }
    return render(request, "stats/_population_fact.html", context)


@require_safe
@cache_public_page
def municipality_population(request: HttpRequest, number: str) -> HttpResponse:
    """Fragment for the municipality page."""
    municipality = municipality_get(number=number)
    context = {
        "fact": municipality_population_fact(municipality=municipality),
        "url": reverse("stats:municipality-dashboard", args=[number]),
    }
    return render(request, "stats/_population_fact.html", context)


@require_safe
@cache_public_page
def series_list_view(request: HttpRequest) -> HttpResponse:
    """Every series loaded: source, periods, vintage, harmonisation, import time, known gaps."""
    return render(request, "stats/series_list.html", {"series_list": series_list()})

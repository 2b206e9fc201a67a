"""Benchmarking regions and chosen municipalities on the key indicators."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from samspill.analyses.benchmark import (
    INDICATORS,
    BenchmarkResult,
    benchmark,
    benchmark_areas,
)
from samspill.analyses.exports import FORMATS, table_response
from samspill.analyses.forms import (
    BenchmarkForm,
)
from samspill.analyses.presenters import (
    benchmark_table,
    benchmark_view,
)
from samspill.analyses.views.common import _current_municipalities
from samspill.core.htmx import HtmxHttpRequest
from samspill.core.page_cache import cache_public_page, cached_for_data_version

BENCHMARK_TEMPLATE = "analyses/benchmark.html"


def _benchmark_form(request: HtmxHttpRequest) -> BenchmarkForm:
    return BenchmarkForm(
        request.GET or None,
        indicators=[(indicator.key, str(indicator.label)) for indicator in INDICATORS],
        known=_current_municipalities(),
    )


def _benchmark_result(numbers: list[str]) -> BenchmarkResult:
    return cached_for_data_version(
        f"analyses:benchmark:{','.join(numbers)}:{get_language()}",
        lambda: benchmark(areas=benchmark_areas(municipality_numbers=numbers)),
    )


@require_safe
@cache_public_page
def benchmark_page(request: HtmxHttpRequest) -> HttpResponse:
    """The regions (and chosen municipalities) side by side: values, ranks, Norway, a chart."""
    form = _benchmark_form(request)
    valid = form.is_valid()
    numbers: list[str] = form.cleaned_data.get("kommuner", []) if valid else []
    chart_key = form.cleaned_data.get("indikator") if valid else None
    result = _benchmark_result(numbers)
    return render(
        request,
        BENCHMARK_TEMPLATE,
        {
            "form": form,
            "view": benchmark_view(result, chart_key=chart_key),
            "export_query": request.GET.urlencode(),
        },
        status=422 if form.is_bound and form.errors else 200,
    )


@require_safe
def benchmark_export(request: HtmxHttpRequest, file_format: str) -> HttpResponse:
    """The benchmark table as CSV or XLSX (same parameters as the page)."""
    form = _benchmark_form(request)
    if file_format not in FORMATS or (form.is_bound and not form.is_valid()):
        raise Http404(_("Ingen slik nedlasting."))
    numbers: list[str] = form.cleaned_data.get("kommuner", []) if form.is_bound else []
    return table_response(
        benchmark_table(_benchmark_result(numbers)),
        file_format=file_format,
        name="sammenligning-regioner",
    )

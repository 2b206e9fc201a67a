"""New jobs, new taxpayers: the allocation page, its map layer and downloads."""

from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from samspill.analyses.area import (
    AllocationResult,
    allocation_analysis,
)
from samspill.analyses.exceptions import (
    AnalysisDataMissingError,
    AnalysisParameterError,
)
from samspill.analyses.exports import FORMATS, table_response
from samspill.analyses.forms import (
    NewJobsForm,
)
from samspill.analyses.presenters import (
    allocation_feature_collection,
    allocation_table,
    allocation_view,
)
from samspill.analyses.views.common import _new_jobs_form
from samspill.core.htmx import HtmxHttpRequest, partial_template
from samspill.regions.selectors import municipality_get, municipality_list_current

NEW_JOBS_TEMPLATE = "analyses/new_jobs.html"


@require_safe
def new_jobs(request: HtmxHttpRequest) -> HttpResponse:
    """The new-jobs tool: allocation table with uncertainty (htmx: the result partial only)."""
    form = _new_jobs_form(request.GET or None, default=None)
    view = None
    if form.is_valid():
        try:
            view = allocation_view(_allocation(form))
        except (AnalysisDataMissingError, AnalysisParameterError) as error:
            form.add_error(None, str(error))
    template = partial_template(request, NEW_JOBS_TEMPLATE, "new-jobs-result")
    # htmx does not swap 4xx answers by default, so the partial with the errors comes with 200
    invalid = form.is_bound and bool(form.errors)
    status = 422 if invalid and not request.htmx else 200
    return render(
        request,
        template,
        {"form": form, "view": view, "export_query": request.GET.urlencode()},
        status=status,
    )


def _allocation(form: NewJobsForm) -> AllocationResult:
    data = form.cleaned_data
    return allocation_analysis(
        municipality=municipality_get(number=data["municipality"]),
        count=int(data["count"]),
        year=int(data["year"]),
        direction=str(data["direction"]),
        pool=int(data.get("pool") or 1),
    )


def new_jobs_result(data: QueryDict) -> AllocationResult | None:
    """The allocation for the tool's parameters, or None when they are invalid or lack data."""
    form = _new_jobs_form(data, default=None)
    if not form.is_valid():
        return None
    try:
        return _allocation(form)
    except (AnalysisDataMissingError, AnalysisParameterError):
        return None


@require_safe
def new_jobs_layer(request: HtmxHttpRequest) -> JsonResponse:
    """The new-jobs allocation (same parameters as the tool) as GeoJSON for allocation-map.js."""
    result = new_jobs_result(request.GET)
    if result is None:
        raise Http404(_("Ingen fordeling for disse parameterne."))
    return JsonResponse(allocation_feature_collection(result, municipality_list_current()))


@require_safe
def new_jobs_export(request: HtmxHttpRequest, file_format: str) -> HttpResponse:
    """The allocation as CSV or XLSX (same parameters as the tool)."""
    form = _new_jobs_form(request.GET, default=None)
    if file_format not in FORMATS or not form.is_valid():
        raise Http404(_("Ingen slik nedlasting."))
    try:
        result = _allocation(form)
    except (AnalysisDataMissingError, AnalysisParameterError) as error:
        raise Http404(str(error)) from error
    return table_response(
        allocation_table(result),
        file_format=file_format,
        name=f"nye-jobber-{result.municipality.number}-{result.count}-{result.year}",
    )

"""Labour-market regions: the page, background runs, downloads and comparison with a loaded classification."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from samspill.analyses.comparison import (
    ClassificationComparison,
    classification_comparison,
    run_assignment,
)
from samspill.analyses.exceptions import (
    AnalysisDataMissingError,
    AnalysisRateLimitedError,
)
from samspill.analyses.exports import FORMATS, table_response
from samspill.analyses.forms import (
    ClassificationChoiceForm,
    LabourMarketRegionForm,
    MunicipalitySearchForm,
)
from samspill.analyses.models import AnalysisRun
from samspill.analyses.presenters import (
    comparison_table,
    comparison_view,
    lma_members_view,
    lma_result_view,
    lma_table,
)
from samspill.analyses.selectors import (
    classification_get,
    classification_list,
    commuting_year_choices,
    lma_run_find,
    lma_run_get,
    lma_runs_recent,
)
from samspill.analyses.services import analysis_run_request
from samspill.analyses.views.common import _current_municipalities
from samspill.core.htmx import HtmxHttpRequest, partial_template
from samspill.regions.models import Municipality

LMA_TEMPLATE = "analyses/labour_market_regions.html"


@require_safe
def lma_page(request: HtmxHttpRequest) -> HttpResponse:
    """Labour-market regions of Norway: parameters, and the cached result for them if any."""
    years = commuting_year_choices()
    form = LabourMarketRegionForm(request.GET if "year" in request.GET else None, years=years)
    chosen = form.chosen_request() if years else None
    run = lma_run_find(request=chosen) if chosen is not None else None
    return render(request, LMA_TEMPLATE, _lma_context(form, run, years, request=request))


def _lma_context(
    form: LabourMarketRegionForm,
    run: AnalysisRun | None,
    years: list[int],
    *,
    request: HtmxHttpRequest | None = None,
) -> dict[str, object]:
    view = lma_result_view(run)
    search = None
    found: dict[str, object] | None = None
    if view is not None and run is not None:
        current = _current_municipalities()
        data = request.GET if request is not None and "kommune" in request.GET else None
        search = MunicipalitySearchForm(data, known=current)
        assignment = run_assignment(run)
        found_region = None
        if search.is_valid():
            number = search.cleaned_data["kommune"]
            found_region = assignment.get(number)
            found = {"number": number, "name": current[number], "region": found_region}
        names = dict(Municipality.objects.values_list("number", "name"))
        view = lma_members_view(view, names=names, found_region=found_region)
    return {
        "form": form,
        "run": run,
        "view": view,
        "years": years,
        "recent": lma_runs_recent(),
        "search": search,
        "found": found,
        "classifications": classification_list(),
    }


@login_required
@require_POST
def lma_start(request: HtmxHttpRequest) -> HttpResponse:
    """Request a run (reused from the cache when it exists) and show its page."""
    years = commuting_year_choices()
    form = LabourMarketRegionForm(request.POST, years=years)
    if not form.is_valid():
        return render(request, LMA_TEMPLATE, _lma_context(form, None, years), status=422)
    try:
        run = analysis_run_request(request=form.to_request(), actor=request.user)  # type: ignore[arg-type]  # login_required
    except AnalysisDataMissingError as error:
        messages.error(request, str(error))
        return redirect("analyses:lma")
    except AnalysisRateLimitedError as error:
        form.add_error(None, str(error))
        response = render(request, LMA_TEMPLATE, _lma_context(form, None, years), status=429)
        response["Retry-After"] = str(error.retry_after_seconds)
        return response
    return redirect(run)


@require_safe
def lma_run(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """One run: progress while queued/running (htmx polls the status partial), then the result."""
    run = lma_run_get(pk=pk)
    years = commuting_year_choices()
    form = LabourMarketRegionForm(initial=run.parameters, years=years)
    template = partial_template(request, LMA_TEMPLATE, "run-status")
    return render(request, template, _lma_context(form, run, years, request=request))


@require_safe
def lma_export(request: HtmxHttpRequest, pk: int, file_format: str) -> HttpResponse:
    """A finished run as CSV or XLSX."""
    run = lma_run_get(pk=pk)
    if file_format not in FORMATS or run.result is None:
        raise Http404(_("Ingen slik nedlasting."))
    names = dict(Municipality.objects.values_list("number", "name"))
    return table_response(
        lma_table(run, names),
        file_format=file_format,
        name=f"arbeidsmarkedsregioner-{run.parameters.get('year')}-{run.pk}",
    )


COMPARISON_TEMPLATE = "analyses/lma_comparison.html"


def _comparison(
    request: HtmxHttpRequest, run: AnalysisRun
) -> tuple[ClassificationChoiceForm, ClassificationComparison | None]:
    classifications = classification_list()
    form = ClassificationChoiceForm(
        request.GET or None, choices=[(c.slug, c.name) for c in classifications]
    )
    if run.result is None or not classifications:
        return form, None
    slug = form.cleaned_data["inndeling"] if form.is_valid() else classifications[0].slug
    classification = classification_get(slug=slug)
    return form, classification_comparison(run=run, classification=classification)


@require_safe
def lma_comparison(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A finished run against a loaded classification: adjusted Rand index and differences."""
    run = lma_run_get(pk=pk)
    form, comparison = _comparison(request, run)
    return render(
        request,
        COMPARISON_TEMPLATE,
        {
            "run": run,
            "form": form,
            "comparison": comparison,
            "view": comparison_view(comparison) if comparison else None,
            "export_query": request.GET.urlencode(),
        },
    )


@require_safe
def lma_comparison_export(request: HtmxHttpRequest, pk: int, file_format: str) -> HttpResponse:
    """The differing municipalities as CSV or XLSX."""
    run = lma_run_get(pk=pk)
    _form, comparison = _comparison(request, run)
    if file_format not in FORMATS or comparison is None:
        raise Http404(_("Ingen slik nedlasting."))
    return table_response(
        comparison_table(comparison),
        file_format=file_format,
        name=f"arbeidsmarkedsregioner-{run.pk}-mot-{comparison.classification.slug}",
    )

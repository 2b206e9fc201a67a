"""Analysis pages: labour-market regions (background job), region and municipality analyses."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samspill.analyses.exceptions import AnalysisDataMissingError
from samspill.analyses.exports import FORMATS, table_response
from samspill.analyses.forms import LabourMarketRegionForm
from samspill.analyses.models import AnalysisRun
from samspill.analyses.presenters import lma_result_view, lma_table
from samspill.analyses.selectors import (
    commuting_year_choices,
    lma_run_find,
    lma_run_get,
    lma_runs_recent,
)
from samspill.analyses.services import analysis_run_request
from samspill.core.htmx import HtmxHttpRequest, partial_template
from samspill.regions.models import Municipality

LMA_TEMPLATE = "analyses/labour_market_regions.html"


@require_GET
def lma_page(request: HtmxHttpRequest) -> HttpResponse:
    """Labour-market regions of Norway: parameters, and the cached result for them if any."""
    years = commuting_year_choices()
    form = LabourMarketRegionForm(request.GET if "year" in request.GET else None, years=years)
    chosen = form.chosen_request() if years else None
    run = lma_run_find(request=chosen) if chosen is not None else None
    return render(request, LMA_TEMPLATE, _lma_context(form, run, years))


def _lma_context(
    form: LabourMarketRegionForm, run: AnalysisRun | None, years: list[int]
) -> dict[str, object]:
    return {
        "form": form,
        "run": run,
        "view": lma_result_view(run),
        "years": years,
        "recent": lma_runs_recent(),
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
    return redirect(run)


@require_GET
def lma_run(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """One run: progress while queued/running (htmx polls the status partial), then the result."""
    run = lma_run_get(pk=pk)
    years = commuting_year_choices()
    form = LabourMarketRegionForm(initial=run.parameters, years=years)
    template = partial_template(request, LMA_TEMPLATE, "run-status")
    return render(request, template, _lma_context(form, run, years))


@require_GET
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

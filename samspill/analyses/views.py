"""Analysis pages: labour-market regions (background job), region and municipality analyses."""

from collections.abc import Sequence

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.accounts.selectors import access_for
from samspill.analyses import frames
from samspill.analyses.area import (
    AllocationResult,
    Area,
    allocation_analysis,
    allocation_years,
    area_for_municipality,
    area_for_region,
    commuting_analysis,
    growth_analysis,
    shift_share_analysis,
    shift_share_reference_choices,
    shift_share_years,
)
from samspill.analyses.benchmark import (
    INDICATORS,
    BenchmarkResult,
    benchmark,
    benchmark_areas,
)
from samspill.analyses.comparison import (
    ClassificationComparison,
    classification_comparison,
    run_assignment,
)
from samspill.analyses.exceptions import (
    AnalysisDataMissingError,
    AnalysisParameterError,
    AnalysisRateLimitedError,
)
from samspill.analyses.exports import FORMATS, table_response
from samspill.analyses.forms import (
    BenchmarkForm,
    ClassificationChoiceForm,
    IndustryTypesForm,
    LabourMarketRegionForm,
    MunicipalitySearchForm,
    NewJobsForm,
    ShiftShareForm,
)
from samspill.analyses.models import AnalysisRun, RegionIndustryTypes
from samspill.analyses.presenters import (
    allocation_feature_collection,
    allocation_table,
    allocation_view,
    benchmark_table,
    benchmark_view,
    commuting_table,
    commuting_view,
    comparison_table,
    comparison_view,
    growth_table,
    growth_view,
    industry_types_view,
    lma_members_view,
    lma_result_view,
    lma_table,
    shift_share_table,
    shift_share_view,
    specialisation_table,
)
from samspill.analyses.selectors import (
    classification_get,
    classification_list,
    commuting_year_choices,
    default_group_types,
    lma_run_find,
    lma_run_get,
    lma_runs_recent,
    municipality_choices,
    national_group_type_mix,
    region_industry_types,
    region_industry_types_get,
)
from samspill.analyses.services import analysis_run_request, region_industry_types_update
from samspill.analyses.tables import ExportTable
from samspill.audit.selectors import audit_entries_for
from samspill.core.conflicts import conflict_show
from samspill.core.exceptions import ConflictError
from samspill.core.htmx import HtmxHttpRequest, partial_template
from samspill.core.page_cache import cache_public_page, cached_for_data_version
from samspill.regions.models import Municipality, Region
from samspill.regions.selectors import municipality_get, municipality_list_current, region_get

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


# --------------------------------------------------------------------------------------------
# Region and municipality analyses

AREA_TEMPLATE = "analyses/area_analyses.html"
NEW_JOBS_TEMPLATE = "analyses/new_jobs.html"
EXPORTS = ("befolkning", "arbeidsplasser", "skift-andel", "spesialisering", "pendling")


@require_safe
@cache_public_page
def region_analyses(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Growth, shift-share, specialisation, commuting and the new-jobs tool for a region."""
    region = region_get(slug=slug)
    return _area_page(request, area_for_region(region=region), subject=region)


@require_safe
@cache_public_page
def municipality_analyses(request: HtmxHttpRequest, number: str) -> HttpResponse:
    """The same analyses for one municipality."""
    municipality = municipality_get(number=number)
    return _area_page(
        request, area_for_municipality(municipality=municipality), subject=municipality
    )


def _area_page(
    request: HtmxHttpRequest, area: Area, *, subject: Region | Municipality
) -> HttpResponse:
    years = shift_share_years()
    shift_form = ShiftShareForm(
        request.GET or None, years=years, references=_reference_choices(area)
    )
    wanted_years = (years[0], years[-1]) if years else (2016, 2025)
    context: dict[str, object] = {
        "area": area,
        "subject": subject,
        "shift_form": shift_form,
        "shift": _shift_share(area, shift_form),
        "fetch_command": " ".join(
            [
                "samspill fetch_ssb_table 13470",
                *(f"-m {number}" for number in area.numbers),
                *(f"-y {year}" for year in wanted_years),
            ]
        ),
        "export_query": request.GET.urlencode(),
        "exports": _export_urls(area),
    }
    if request.htmx and not request.htmx.boosted:
        return render(request, f"{AREA_TEMPLATE}#shift-share", context)
    context |= cached_for_data_version(
        f"analyses:area:{area.kind}:{area.code}:{get_language()}", lambda: _area_results(area)
    )
    context["industry_types"] = cached_for_data_version(
        f"analyses:industry-types:{area.kind}:{area.code}:{get_language()}",
        lambda: industry_types_view(
            mapping=(
                region_industry_types(region_slug=area.code)
                if area.is_region
                else default_group_types()
            ),
            defaults=default_group_types(),
            mix=national_group_type_mix(),
        ),
    )
    context["can_edit_types"] = area.is_region and access_for(user=request.user).can_edit_region(
        subject.pk
    )
    context["new_jobs_form"] = (
        # Only the area's own municipalities here: a select of all 357 costs ~0.4 s to render;
        # the full tool (/analyser/nye-jobber/) offers every municipality.
        _new_jobs_form(
            None, default=area.numbers[0] if area.numbers else None, numbers=area.numbers
        )
    )
    return render(request, AREA_TEMPLATE, context)


def _reference_choices(area: Area) -> list[tuple[str, str]]:
    return [
        (choice.key, choice.label)
        for choice in cached_for_data_version(
            f"analyses:references:{area.kind}:{area.code}:{get_language()}",
            lambda: shift_share_reference_choices(area=area),
        )
    ]


def _area_results(area: Area) -> dict[str, object]:
    """Growth and commuting of an area: the same for every visitor until the data changes."""
    return {
        "growth": [
            growth_view(
                growth_analysis(area=area, spec=frames.POPULATION, indicator=_("Befolkning")),
                chart_id="growth-population",
            ),
            growth_view(
                growth_analysis(
                    area=area, spec=frames.JOBS_BY_WORKPLACE, indicator=_("Arbeidsplasser")
                ),
                chart_id="growth-jobs",
            ),
        ],
        "commuting": commuting_view(commuting_analysis(area=area)),
    }


def _export_urls(area: Area) -> dict[str, dict[str, str]]:
    name = "analyses:region-export" if area.is_region else "analyses:municipality-export"
    return {
        analysis.replace("-", "_"): {
            file_format: reverse(name, args=[area.code, analysis, file_format])
            for file_format in FORMATS
        }
        for analysis in EXPORTS
    }


def _shift_share(area: Area, form: ShiftShareForm) -> dict[str, object] | None:
    chosen = form.chosen() if form.years else None
    if chosen is None:
        return None
    start, end, reference, scope = chosen
    try:
        return cached_for_data_version(
            f"analyses:shift-share:{area.kind}:{area.code}:{start}:{end}:{reference}:{scope}:"
            f"{get_language()}",
            lambda: shift_share_view(
                shift_share_analysis(
                    area=area, start_year=start, end_year=end, reference=reference, scope=scope
                )
            ),
        )
    except AnalysisParameterError as error:
        form.add_error(None, str(error))
        return None


def _new_jobs_form(
    data: object, *, default: str | None, numbers: Sequence[str] | None = None
) -> NewJobsForm:
    form = NewJobsForm(
        data,
        municipalities=municipality_choices(numbers=numbers),
        years=list(allocation_years()),
    )
    if default:
        form.fields["municipality"].initial = default
    return form


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


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def region_industry_types_edit(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """A region's coordinators set the industry type of each SSB group (default: national)."""
    region = region_get(slug=slug)
    if not access_for(user=request.user).can_edit_region(region.pk):
        raise PermissionDenied
    groups = list(default_group_types())
    stored = region_industry_types_get(region=region)
    initial = _industry_types_initial(groups, region_industry_types(region_slug=slug), stored)
    form = IndustryTypesForm(
        request.POST if request.method == "POST" else None, initial=initial, groups=groups
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            region_industry_types_update(
                region=region,
                actor=request.user,  # type: ignore[arg-type]  # login_required
                mapping=form.mapping(),
                expected_version=form.cleaned_data.get("version"),
            )
        except ConflictError as error:
            saved = region_industry_types_get(region=region)
            conflict_show(
                form,
                error,
                saved=_industry_types_initial(
                    groups, region_industry_types(region_slug=slug), saved
                ),
                version=saved.version if saved else 1,
                history=audit_entries_for(subject=saved) if saved else [],
            )
            status = 409
        else:
            messages.success(request, _("Næringstypene er lagret."))
            return redirect(reverse("analyses:region-analyses", args=[slug]) + "#industry-types")
    view = industry_types_view(
        mapping=region_industry_types(region_slug=slug),
        defaults=default_group_types(),
        mix=national_group_type_mix(),
    )
    return render(
        request,
        "analyses/industry_types_form.html",
        {"region": region, "form": form, "industry_types": view},
        status=status,
    )


def _industry_types_initial(
    groups: list[str], mapping: dict[str, str], stored: RegionIndustryTypes | None
) -> dict[str, object]:
    initial: dict[str, object] = {
        f"group_{index}": mapping[group] for index, group in enumerate(groups)
    }
    if stored is not None:
        initial["version"] = stored.version
    return initial


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


@require_safe
def region_export(
    request: HtmxHttpRequest, slug: str, analysis: str, file_format: str
) -> HttpResponse:
    """One analysis of a region as CSV or XLSX."""
    area = area_for_region(region=region_get(slug=slug))
    return _area_export(request, area, analysis, file_format)


@require_safe
def municipality_export(
    request: HtmxHttpRequest, number: str, analysis: str, file_format: str
) -> HttpResponse:
    """One analysis of a municipality as CSV or XLSX."""
    area = area_for_municipality(municipality=municipality_get(number=number))
    return _area_export(request, area, analysis, file_format)


def _area_export(
    request: HtmxHttpRequest, area: Area, analysis: str, file_format: str
) -> HttpResponse:
    if file_format not in FORMATS or analysis not in EXPORTS:
        raise Http404(_("Ingen slik nedlasting."))
    table = _area_table(request, area, analysis)
    if table is None:
        raise Http404(_("Ingen data for denne analysen."))
    return table_response(table, file_format=file_format, name=f"{analysis}-{area.code}")


def _area_table(request: HtmxHttpRequest, area: Area, analysis: str) -> ExportTable | None:
    if analysis in ("befolkning", "arbeidsplasser"):
        spec = frames.POPULATION if analysis == "befolkning" else frames.JOBS_BY_WORKPLACE
        growth = growth_analysis(area=area, spec=spec, indicator=analysis)
        return growth_table(growth) if growth else None
    if analysis == "pendling":
        commuting = commuting_analysis(area=area)
        return commuting_table(commuting) if commuting else None
    form = ShiftShareForm(
        request.GET or None, years=shift_share_years(), references=_reference_choices(area)
    )
    chosen = form.chosen() if form.years else None
    if chosen is None:
        return None
    try:
        result = shift_share_analysis(
            area=area,
            start_year=chosen[0],
            end_year=chosen[1],
            reference=chosen[2],
            scope=chosen[3],
        )
    except AnalysisParameterError:
        return None
    if result is None:
        return None
    return shift_share_table(result) if analysis == "skift-andel" else specialisation_table(result)


# --------------------------------------------------------------------------------------------
# Benchmarking and the comparison of labour-market regions with a loaded classification

BENCHMARK_TEMPLATE = "analyses/benchmark.html"
COMPARISON_TEMPLATE = "analyses/lma_comparison.html"


def _current_municipalities() -> dict[str, str]:
    return dict(Municipality.objects.filter(valid_to__isnull=True).values_list("number", "name"))


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

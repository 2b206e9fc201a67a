"""A region's or municipality's analyses (growth, shift-share, specialisation, commuting), downloads and industry types."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from samspill.accounts.selectors import access_for
from samspill.analyses import frames
from samspill.analyses.area import (
    Area,
    area_for_municipality,
    area_for_region,
    commuting_analysis,
    growth_analysis,
    shift_share_analysis,
    shift_share_reference_choices,
    shift_share_years,
)
from samspill.analyses.exceptions import (
    AnalysisParameterError,
)
from samspill.analyses.exports import FORMATS, table_response
from samspill.analyses.forms import (
    IndustryTypesForm,
    ShiftShareForm,
)
from samspill.analyses.models import RegionIndustryTypes
from samspill.analyses.presenters import (
    commuting_table,
    commuting_view,
    growth_table,
    growth_view,
    industry_types_view,
    shift_share_table,
    shift_share_view,
    specialisation_table,
)
from samspill.analyses.selectors import (
    default_group_types,
    national_group_type_mix,
    region_industry_types,
    region_industry_types_get,
)
from samspill.analyses.services import region_industry_types_update
from samspill.analyses.tables import ExportTable
from samspill.analyses.views.common import _new_jobs_form
from samspill.audit.selectors import audit_entries_for
from samspill.core.conflicts import conflict_show
from samspill.core.exceptions import ConflictError
from samspill.core.htmx import HtmxHttpRequest
from samspill.core.page_cache import cache_public_page, cached_for_data_version
from samspill.regions.models import Municipality, Region
from samspill.regions.selectors import municipality_get, region_get

AREA_TEMPLATE = "analyses/area_analyses.html"


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

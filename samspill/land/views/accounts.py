"""The region's land accounts (arealregnskap): table, change over time by period, chart, export."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from samspill.accounts.selectors import access_for
from samspill.core.exports import table_response
from samspill.core.htmx import HtmxHttpRequest
from samspill.core.svgcharts import chart_figure
from samspill.land import exports, selectors
from samspill.land.forms import PeriodForm
from samspill.land.models import Kind, LandCover, Readiness


def _periods(request: HtmxHttpRequest) -> tuple[PeriodForm, str, list[selectors.AccountPeriod]]:
    """The periods the user picked (year or quarter, from–to), read from the sites' history."""
    form = PeriodForm(request.GET or None)
    now = timezone.now()
    this_year = timezone.localtime(now).year
    first_year = selectors.first_snapshot_year(user=request.user) or this_year
    granularity, first, last = form.choice(first_year=first_year, this_year=this_year)
    bounds = selectors.period_bounds(
        granularity=granularity, first_year=first, last_year=last, now=now
    )
    return form, granularity, selectors.land_accounts_periods(user=request.user, bounds=bounds)


@require_safe
def accounts(request: HtmxHttpRequest) -> HttpResponse:
    rows = selectors.land_accounts(user=request.user)
    form, _granularity, periods = _periods(request)
    readiness = dict(Readiness.choices)
    spec = {
        "type": "line",
        "data": {
            "labels": [period.label for period in periods],
            "datasets": [
                {
                    "label": str(readiness[code]),
                    "data": [round(period.by_readiness.get(code, 0.0), 1) for period in periods],
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
        "period_form": form,
        "periods": periods,
        "query": request.GET.urlencode(),
        "chart": chart_figure(
            spec,
            title=_("Ledig areal etter byggeklarhet (daa)"),
            description=_(
                "Ledig areal i dekar ved slutten av hver periode, fra arealenes historikk."
            ),
            x_heading=_("Periode"),
            language=get_language() or "nb",
        ),
        "demand": selectors.land_demand(),
        "unmet": list(selectors.unmet_demand_list()[:50]) if staff else [],
        "any_example": selectors.any_example_site(user=request.user),
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


@require_safe
def accounts_periods_export(request: HtmxHttpRequest, fmt: str) -> HttpResponse:
    """The change over time for the periods picked on the page (same query string)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _form, granularity, periods = _periods(request)
    table = exports.accounts_periods_table(
        periods,
        granularity=granularity,
        is_example=selectors.any_example_site(user=request.user),
    )
    return table_response(table, file_format=fmt, name=_("arealregnskap-over-tid"))

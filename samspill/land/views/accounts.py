"""The region's land accounts (arealregnskap): table, chart and export."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from samspill.accounts.selectors import access_for
from samspill.core.exports import table_response
from samspill.core.htmx import HtmxHttpRequest
from samspill.core.numbers import format_date
from samspill.core.svgcharts import chart_figure
from samspill.land import exports, selectors
from samspill.land.models import Kind, LandCover, Readiness


def _moments() -> list[datetime.datetime]:
    now = timezone.now()
    return [now - datetime.timedelta(days=30 * months) for months in (12, 9, 6, 3, 0)]


@require_safe
def accounts(request: HtmxHttpRequest) -> HttpResponse:
    rows = selectors.land_accounts(user=request.user)
    series = selectors.land_accounts_series(user=request.user, moments=_moments())
    readiness = dict(Readiness.choices)
    spec = {
        "type": "line",
        "data": {
            "labels": [format_date(moment.date()) for moment, _values in series],
            "datasets": [
                {
                    "label": str(readiness[code]),
                    "data": [round(values.get(code, 0.0), 1) for _moment, values in series],
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
        "chart": chart_figure(
            spec,
            title=_("Ledig areal etter byggeklarhet (daa)"),
            description=_("Ledig areal i dekar ved hvert tidspunkt, fra arealenes historikk."),
            x_heading=_("Dato"),
            language=get_language() or "nb",
        ),
        "demand": selectors.land_demand(),
        "unmet": list(selectors.unmet_demand_list()[:50]) if staff else [],
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

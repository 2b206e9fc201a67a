"""Follow-up and reports: overdue inquiries, the region's report and its downloads."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from samspill.core.exports import table_response
from samspill.inquiries import presenters
from samspill.inquiries.exports import inquiries_table
from samspill.inquiries.forms import (
    UnmetDemandForm,
)
from samspill.inquiries.selectors import (
    inquiry_rows_for,
    overdue_notes_for,
)
from samspill.inquiries.views.common import _region_for_staff


@login_required
@require_safe
def overdue(request: HttpRequest, slug: str) -> HttpResponse:
    """Next steps past their due date, on open inquiries the user follows up."""
    region = _region_for_staff(request, slug)
    return render(
        request,
        "inquiries/overdue.html",
        {"region": region, "notes": overdue_notes_for(user=request.user, region=region)},
    )


@login_required
@require_safe
def reports(request: HttpRequest, slug: str) -> HttpResponse:
    """Inquiries by need, municipality, outcome and response time, and unmet demand."""
    region = _region_for_staff(request, slug)
    demand_form = UnmetDemandForm(request.GET or None)
    rows = inquiry_rows_for(user=request.user, region=region)
    context = {
        "region": region,
        "demand_form": demand_form,
        **presenters.report_context(rows, *demand_form.values()),
    }
    return render(request, "inquiries/reports.html", context)


@login_required
@require_safe
def report_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """All the region's inquiries as CSV or Excel (no personal data)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    region = _region_for_staff(request, slug)
    rows = inquiry_rows_for(user=request.user, region=region)
    table = inquiries_table(rows, title=_("Henvendelser – {region}").format(region=region.name))
    return table_response(table, file_format=fmt, name=f"henvendelser-{region.slug}")

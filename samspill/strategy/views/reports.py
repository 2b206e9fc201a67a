"""Reporting periods and the report for politicians (web, PDF, downloads)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from samspill.accounts.selectors import access_for
from samspill.core.exports import table_response
from samspill.core.htmx import HtmxHttpRequest
from samspill.strategy import exports, services
from samspill.strategy.forms import (
    ReportForm,
    ReportingPeriodForm,
)
from samspill.strategy.models import (
    ReportingPeriod,
    StrategyReport,
)
from samspill.strategy.presenters import (
    ReportView,
    indicator_figures,
    report_indicator_columns,
    report_indicator_rows,
    report_view,
    snapshot_figures,
)
from samspill.strategy.selectors import (
    report_get_for,
    report_list,
    report_previous,
    reporting_overview,
    reporting_period_list,
    strategy_get_for,
    strategy_progress,
)
from samspill.strategy.views.common import (
    _actor,
    _current_report,
    _form_page,
    _pdf,
    _require_strategy_editor,
    _run,
    _today,
)


@login_required
@require_safe
def reporting(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Per reporting period: what is reported, due and overdue, per person and per municipality."""
    strategy = strategy_get_for(user=request.user, pk=pk)
    periods = reporting_period_list(strategy=strategy)
    period = (
        get_object_or_404(periods, pk=request.GET["periode"])
        if request.GET.get("periode", "").isdecimal()
        else periods.first()
    )
    overview = (
        reporting_overview(
            period=period, user=request.user, today=_today(), no_owner_label=_("Uten ansvarlig")
        )
        if period
        else None
    )
    context = {
        "strategy": strategy,
        "periods": periods,
        "period": period,
        "overview": overview,
        "can_edit": access_for(user=request.user).can_edit_region(strategy.region_id),
    }
    return render(request, "strategy/reporting.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reporting_period_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A coordinator opens a reporting period."""
    strategy = strategy_get_for(user=request.user, pk=pk)
    _require_strategy_editor(request, strategy)
    form = ReportingPeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        period: ReportingPeriod | None = _run(
            form,
            lambda: services.reporting_period_create(
                actor=_actor(request), strategy=strategy, **form.cleaned_data
            ),
        )
        if period:
            return redirect(f"{strategy.get_absolute_url()}rapportering/?periode={period.pk}")
    return _form_page(
        request, form, title=_("Ny rapporteringsperiode"), back=strategy.get_absolute_url()
    )


def _saved_report(report: StrategyReport) -> ReportView:
    previous = report_previous(strategy=report.strategy, before=report)
    return report_view(
        title=report.title,
        snapshot=report.snapshot,
        previous=previous.snapshot if previous else None,
        previous_title=previous.title if previous else None,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_current(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The whole strategy's status on one page, with what changed since the last saved report."""
    strategy = strategy_get_for(user=request.user, pk=pk)
    form = ReportForm(
        request.POST or None,
        periods=reporting_period_list(strategy=strategy),
        initial={"title": _("Status {date}").format(date=_today().strftime("%d.%m.%Y"))},
    )
    if request.method == "POST" and form.is_valid():
        saved = _run(
            form,
            lambda: services.report_create(
                actor=_actor(request), strategy=strategy, **form.cleaned_data
            ),
        )
        if saved:
            return redirect(saved)
    context = {
        "strategy": strategy,
        "report": _current_report(strategy),
        "form": form,
        "saved_reports": report_list(strategy=strategy),
        "is_live": True,
        "can_edit": access_for(user=request.user).can_edit_region(strategy.region_id),
    }
    return render(request, "strategy/report.html", context)


@login_required
@require_safe
def report_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A saved report, as it was, with what changed since the report before it."""
    report = report_get_for(user=request.user, pk=pk)
    context = {
        "strategy": report.strategy,
        "report": _saved_report(report),
        "saved": report,
        "saved_reports": report_list(strategy=report.strategy),
    }
    return render(request, "strategy/report.html", context)


@login_required
@require_safe
def report_current_pdf(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Today's report as PDF."""
    strategy = strategy_get_for(user=request.user, pk=pk)
    progress = strategy_progress(strategy=strategy, user=request.user, today=_today())
    return _pdf(
        exports.report_pdf(_current_report(strategy), figures=indicator_figures(progress)),
        f"status-{strategy.title}-{_today().isoformat()}",
    )


@login_required
@require_safe
def report_current_export(request: HtmxHttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Today's report's indicator table as CSV or Excel (the PDF has the whole report)."""
    strategy = strategy_get_for(user=request.user, pk=pk)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    report = _current_report(strategy)
    table = exports.rows_table(
        report_indicator_columns(),
        report_indicator_rows(report),
        title=report.title,
        sheet_name=_("Indikatorer"),
        source=str(strategy),
        is_example=strategy.is_example,
    )
    return table_response(
        table, file_format=fmt, name=f"status-{strategy.title}-{_today().isoformat()}"
    )


@login_required
@require_safe
def report_pdf(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A saved report as PDF."""
    report = report_get_for(user=request.user, pk=pk)
    return _pdf(
        exports.report_pdf(_saved_report(report), figures=snapshot_figures(report.snapshot)),
        f"{report.title}-{report.as_of.isoformat()}",
    )

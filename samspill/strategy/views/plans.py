"""Action plans and measures, with their exports."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.accounts.selectors import access_for
from samspill.audit.selectors import audit_entries_for
from samspill.core.exports import table_response
from samspill.core.htmx import HtmxHttpRequest, partial_template
from samspill.regions.models import Municipality
from samspill.strategy import exports, services
from samspill.strategy.forms import (
    ActionPlanForm,
    MeasureForm,
    MeasureStatusForm,
    ProgressNoteForm,
)
from samspill.strategy.models import (
    ActionPlan,
    Measure,
)
from samspill.strategy.presenters import (
    STATUS_COLORS,
    measure_columns,
    measure_rows,
)
from samspill.strategy.selectors import (
    action_plan_get_for,
    goal_choices,
    measure_get_for,
    measure_list_for,
    measure_owner_choices,
    plan_municipality_choices,
    region_municipalities,
    strategy_get_for,
)
from samspill.strategy.views.common import (
    _actor,
    _form_page,
    _run,
    _today,
    _version,
    _without_version,
)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A business developer (or coordinator) starts a municipality's action plan."""
    strategy = strategy_get_for(user=request.user, pk=pk)
    municipalities = plan_municipality_choices(strategy=strategy, user=request.user)
    if not municipalities.exists():
        raise PermissionDenied
    year = _today().year
    form = ActionPlanForm(
        request.POST or None,
        municipalities=municipalities,
        initial={"period_start": year, "period_end": year + 1},
    )
    if request.method == "POST" and form.is_valid():
        plan = _run(
            form,
            lambda: services.action_plan_create(
                actor=_actor(request), strategy=strategy, **form.cleaned_data
            ),
        )
        if plan:
            return redirect(plan)
    return _form_page(request, form, title=_("Ny handlingsplan"), back=strategy.get_absolute_url())


@login_required
@require_safe
def plan_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """An action plan with its measures; editors change a measure's status inline."""
    plan = action_plan_get_for(user=request.user, pk=pk)
    context = {
        "plan": plan,
        "measures": measure_list_for(
            user=request.user, plan=plan, status=request.GET.get("status", "")
        ),
        "statuses": Measure.Status.choices,
        "can_edit": access_for(user=request.user).can_edit_municipality(plan.municipality_id),
        "colors": STATUS_COLORS,
        "history": audit_entries_for(subject=plan),
    }
    return render(request, "strategy/plan_detail.html", context)


def _plan_initial(plan: ActionPlan) -> dict[str, Any]:
    fields = ("municipality", "title", "period_start", "period_end", "description", "version")
    return {f: getattr(plan, f) for f in fields}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Change an action plan's title, period and description (not its municipality)."""
    plan = action_plan_get_for(user=request.user, pk=pk)
    if not access_for(user=request.user).can_edit_municipality(plan.municipality_id):
        raise PermissionDenied
    form = ActionPlanForm(
        request.POST or None,
        municipalities=Municipality.objects.filter(pk=plan.municipality_id),
        initial=_plan_initial(plan),
    )
    form.fields["municipality"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in _without_version(form).items() if k != "municipality"}
        if _run(
            form,
            lambda: services.action_plan_update(
                actor=_actor(request), plan=plan, expected_version=_version(form), **data
            ),
            reload=lambda: action_plan_get_for(user=request.user, pk=pk),
            initial_of=_plan_initial,
        ):
            return redirect(plan)
    return _form_page(request, form, title=_("Endre handlingsplanen"), back=plan.get_absolute_url())


def _measure_form(request: HtmxHttpRequest, plan: Any, initial: dict[str, Any]) -> MeasureForm:
    partners = region_municipalities(strategy=plan.strategy).exclude(pk=plan.municipality_id)
    return MeasureForm(
        request.POST or None,
        initial=initial,
        goals=goal_choices(strategy=plan.strategy),
        owners=measure_owner_choices(plan=plan),
        partner_municipalities=partners,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def measure_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Add a measure to an action plan."""
    plan = action_plan_get_for(user=request.user, pk=pk)
    if not access_for(user=request.user).can_edit_municipality(plan.municipality_id):
        raise PermissionDenied
    form = _measure_form(
        request,
        plan,
        {"owner": request.user, "start_date": _today(), "goals": request.GET.getlist("mal")},
    )
    if request.method == "POST" and form.is_valid():
        measure = _run(
            form,
            lambda: services.measure_create(actor=_actor(request), plan=plan, **form.cleaned_data),
        )
        if measure:
            messages.success(request, _("Tiltaket er lagt til."))
            return redirect(measure)
    return _form_page(
        request,
        form,
        title=_("Nytt tiltak i {plan}").format(plan=plan),
        back=plan.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def measure_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Change a measure."""
    measure = measure_get_for(user=request.user, pk=pk)
    if not access_for(user=request.user).can_edit_municipality(measure.action_plan.municipality_id):
        raise PermissionDenied
    form = _measure_form(request, measure.action_plan, MeasureForm.initial_from(measure))
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            form,
            lambda: services.measure_update(
                actor=_actor(request),
                measure=measure,
                expected_version=_version(form),
                **_without_version(form),
            ),
            reload=lambda: measure_get_for(user=request.user, pk=pk),
            initial_of=MeasureForm.initial_from,
        )
    ):
        return redirect(measure)
    return _form_page(request, form, title=_("Endre tiltaket"), back=measure.get_absolute_url())


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def measure_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A measure with its progress notes; its editors add a note (htmx swaps the notes section)."""
    measure = measure_get_for(user=request.user, pk=pk)
    can_edit = access_for(user=request.user).can_edit_municipality(
        measure.action_plan.municipality_id
    )
    form = ProgressNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(
            form,
            lambda: services.progress_note_add(
                actor=_actor(request),
                measure=measure,
                date=data["date"],
                text=data["text"],
                status=data["status"] or None,
                is_public=data["is_public"],
            ),
        ):
            measure, form = measure_get_for(user=request.user, pk=pk), ProgressNoteForm()
    context = {
        "measure": measure,
        "form": form,
        "can_edit": can_edit,
        "colors": STATUS_COLORS,
        "history": audit_entries_for(subject=measure),
    }
    return render(
        request, partial_template(request, "strategy/measure_detail.html", "progress"), context
    )


@login_required
@require_POST
def measure_status(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Inline status switch: htmx gets the status cell back, a plain POST returns to the plan.

    The switch carries the version the user saw; if someone changed the measure meanwhile, the
    cell shows the status now saved and says so instead of overwriting it.
    """
    measure = measure_get_for(user=request.user, pk=pk)
    form = MeasureStatusForm(request.POST)
    status_error = ""
    if form.is_valid():
        _run(
            form,
            lambda: services.measure_set_status(
                actor=_actor(request),
                measure=measure,
                status=form.cleaned_data["status"],
                expected_version=form.cleaned_data["version"],
            ),
        )
        if form.errors:
            status_error = " ".join(str(e) for e in form.non_field_errors())
            measure = measure_get_for(user=request.user, pk=pk)
    if not request.htmx:
        if status_error:
            messages.error(request, status_error)
        return redirect(measure.action_plan)
    context = {
        "measure": measure,
        "statuses": Measure.Status.choices,
        "can_edit": True,
        "colors": STATUS_COLORS,
        "saved": form.is_valid() and not status_error,
        "status_error": status_error,
    }
    # 200 even after a conflict: htmx swaps only successful answers, and the cell says what happened.
    return render(request, "strategy/plan_detail.html#measure-status", context)


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _export(
    measures: Any, *, name: str, title: str, fmt: str, region: str = "", subtitle: str = ""
) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    measures = list(measures)
    columns, rows = measure_columns(), measure_rows(measures)
    if fmt == "pdf":
        content = exports.rows_pdf(
            columns,
            rows,
            title=title,
            subtitle=subtitle,
            region=region,
            is_example=any(measure.action_plan.is_example for measure in measures),
        )
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.{fmt}"'
        return response
    table = exports.rows_table(
        columns,
        rows,
        title=title,
        sheet_name=_("Tiltak"),
        is_example=any(measure.action_plan.is_example for measure in measures),
    )
    return table_response(table, file_format=fmt, name=name)


@login_required
@require_safe
def plan_export(request: HtmxHttpRequest, pk: int, fmt: str) -> HttpResponse:
    """An action plan's measures as CSV, Excel or PDF."""
    plan = action_plan_get_for(user=request.user, pk=pk)
    return _export(
        measure_list_for(user=request.user, plan=plan),
        name=str(plan),
        title=str(plan),
        fmt=fmt,
        region=plan.strategy.region.name,
        subtitle=plan.strategy.title,
    )


@login_required
@require_safe
def strategy_measures_export(request: HtmxHttpRequest, pk: int, fmt: str) -> HttpResponse:
    """All measures under a strategy, every municipality, as CSV, Excel or PDF."""
    strategy = strategy_get_for(user=request.user, pk=pk)
    title = _("Tiltak – {strategy}").format(strategy=strategy)
    return _export(
        measure_list_for(user=request.user, strategy=strategy),
        name=title,
        title=title,
        fmt=fmt,
        region=strategy.region.name,
    )

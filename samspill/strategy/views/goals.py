"""Focus areas, goals and indicators."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from samspill.accounts.selectors import access_for
from samspill.audit.selectors import audit_entries_for
from samspill.core.htmx import HtmxHttpRequest, partial_template
from samspill.strategy import services
from samspill.strategy.forms import (
    FocusAreaForm,
    GoalForm,
    IndicatorForm,
    ReadingForm,
)
from samspill.strategy.models import (
    Goal,
)
from samspill.strategy.presenters import (
    STATUS_COLORS,
    indicator_chart,
)
from samspill.strategy.selectors import (
    goal_get_for,
    indicator_assess,
    indicator_get_for,
    strategy_get_for,
    strategy_progress,
)
from samspill.strategy.views.common import (
    _actor,
    _form_page,
    _require_strategy_editor,
    _run,
    _today,
    _version,
)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def focus_area_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Add a focus area to the strategy."""
    strategy = strategy_get_for(user=request.user, pk=pk)
    _require_strategy_editor(request, strategy)
    form = FocusAreaForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            form,
            lambda: services.focus_area_create(
                actor=_actor(request), strategy=strategy, **form.cleaned_data
            ),
        )
    ):
        return redirect(strategy)
    return _form_page(
        request, form, title=_("Nytt innsatsområde"), back=strategy.get_absolute_url()
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def goal_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Add a goal under one of the strategy's focus areas."""
    strategy = strategy_get_for(user=request.user, pk=pk)
    _require_strategy_editor(request, strategy)
    form = GoalForm(
        request.POST or None,
        focus_areas=strategy.focus_areas.all(),
        initial={"focus_area": request.GET.get("innsatsomrade")},
    )
    if request.method == "POST" and form.is_valid():
        goal = _run(form, lambda: services.goal_create(actor=_actor(request), **form.cleaned_data))
        if goal:
            return redirect(goal)
    return _form_page(request, form, title=_("Nytt mål"), back=strategy.get_absolute_url())


@login_required
@require_safe
def goal_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A goal: its indicators against target and the measures serving it in every municipality."""
    goal = goal_get_for(user=request.user, pk=pk)
    strategy = goal.focus_area.strategy
    progress = strategy_progress(strategy=strategy, user=request.user, today=_today(), goal=goal)
    context = {
        "goal": goal,
        "strategy": strategy,
        "item": progress.goals[0],
        "colors": STATUS_COLORS,
        "can_edit": access_for(user=request.user).can_edit_region(strategy.region_id),
        "history": audit_entries_for(subject=goal),
    }
    return render(request, "strategy/goal_detail.html", context)


def _goal_initial(goal: Goal) -> dict[str, Any]:
    return {
        "focus_area": goal.focus_area,
        "title": goal.title,
        "description": goal.description,
        "version": goal.version,
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def goal_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Change a goal's wording."""
    goal = goal_get_for(user=request.user, pk=pk)
    _require_strategy_editor(request, goal.focus_area.strategy)
    form = GoalForm(
        request.POST or None,
        focus_areas=goal.focus_area.strategy.focus_areas.all(),
        initial=_goal_initial(goal),
    )
    form.fields["focus_area"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(
            form,
            lambda: services.goal_update(
                actor=_actor(request),
                goal=goal,
                title=data["title"],
                description=data["description"],
                expected_version=_version(form),
            ),
            reload=lambda: goal_get_for(user=request.user, pk=pk),
            initial_of=_goal_initial,
        ):
            return redirect(goal)
    return _form_page(request, form, title=_("Endre målet"), back=goal.get_absolute_url())


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def indicator_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Add an indicator with baseline and target to a goal."""
    goal = goal_get_for(user=request.user, pk=pk)
    _require_strategy_editor(request, goal.focus_area.strategy)
    form = IndicatorForm(request.POST or None, initial={"direction": "up"})
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            form,
            lambda: services.indicator_create(
                actor=_actor(request), goal=goal, **form.service_values()
            ),
        )
    ):
        messages.success(request, _("Indikatoren er lagt til."))
        return redirect(goal)
    return _form_page(
        request,
        form,
        title=_("Ny indikator for «{goal}»").format(goal=goal),
        back=goal.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def indicator_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Change an indicator's definition."""
    indicator = indicator_get_for(user=request.user, pk=pk)
    _require_strategy_editor(request, indicator.goal.focus_area.strategy)
    form = IndicatorForm(request.POST or None, initial=IndicatorForm.initial_from(indicator))
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            form,
            lambda: services.indicator_update(
                actor=_actor(request),
                indicator=indicator,
                expected_version=_version(form),
                **form.service_values(),
            ),
            reload=lambda: indicator_get_for(user=request.user, pk=pk),
            initial_of=IndicatorForm.initial_from,
        )
    ):
        return redirect(indicator)
    return _form_page(
        request, form, title=_("Endre indikatoren"), back=indicator.get_absolute_url()
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def indicator_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """An indicator: status explained, readings, and (for coordinators) a form to report a value."""
    indicator = indicator_get_for(user=request.user, pk=pk)
    form = ReadingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        value, unit = form.cleaned_data["value"]
        data = form.cleaned_data
        if _run(
            form,
            lambda: services.reading_record(
                actor=_actor(request),
                indicator=indicator,
                date=data["date"],
                value=value,
                unit=unit,
                note=data["note"],
            ),
        ):
            form = ReadingForm()
            indicator = indicator_get_for(user=request.user, pk=pk)
    assessment = indicator_assess(indicator, today=_today())
    context = {
        "indicator": indicator,
        "assessment": assessment,
        "chart": indicator_chart(indicator, assessment),
        "colors": STATUS_COLORS,
        "form": form,
        "can_edit": access_for(user=request.user).can_edit_region(
            indicator.goal.focus_area.strategy.region_id
        ),
    }
    return render(
        request, partial_template(request, "strategy/indicator_detail.html", "readings"), context
    )

"""Strategy pages: parse → selector/service → render. htmx gets named partials of the same template."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.selectors import audit_entries_for
from samspill.core.conflicts import conflict_show
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.exports import table_response
from samspill.core.htmx import HtmxHttpRequest, partial_template
from samspill.core.page_cache import cache_public_page
from samspill.regions.models import Municipality
from samspill.regions.selectors import region_get
from samspill.strategy import exports, services
from samspill.strategy.forms import (
    ActionPlanForm,
    FocusAreaForm,
    GoalForm,
    IndicatorForm,
    MeasureForm,
    MeasureStatusForm,
    ProgressNoteForm,
    ReadingForm,
    ReportForm,
    ReportingPeriodForm,
    StrategyForm,
    StrategyPublishForm,
    errors_to_form,
)
from samspill.strategy.models import (
    ActionPlan,
    Goal,
    GoalIndicator,
    Measure,
    ReportingPeriod,
    Strategy,
    StrategyReport,
)
from samspill.strategy.presenters import (
    STATUS_COLORS,
    ReportView,
    indicator_chart,
    indicator_figures,
    measure_columns,
    measure_rows,
    public_focus_areas,
    report_indicator_columns,
    report_indicator_rows,
    report_view,
)
from samspill.strategy.selectors import (
    action_plan_get_for,
    action_plan_list_for,
    goal_choices,
    goal_get_for,
    indicator_assess,
    indicator_get_for,
    measure_get_for,
    measure_list_for,
    measure_owner_choices,
    plan_municipality_choices,
    region_municipalities,
    regions_for_new_strategy,
    report_get_for,
    report_list,
    report_previous,
    reporting_overview,
    reporting_period_list,
    strategy_get_for,
    strategy_list_for,
    strategy_progress,
    strategy_public_get,
    strategy_public_progress,
    strategy_snapshot,
    synergies_for,
)


def _actor(request: HtmxHttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _today() -> datetime.date:
    return timezone.localdate()


def _form_page(
    request: HtmxHttpRequest, form: Any, *, title: str, back: str, **extra: Any
) -> HttpResponse:
    context = {"form": form, "page_title": title, "back_url": back, **extra}
    status = 409 if getattr(form, "conflict", None) else 200
    return render(request, "strategy/form_page.html", context, status=status)


def _require_strategy_editor(request: HtmxHttpRequest, strategy: Strategy) -> None:
    if not access_for(user=request.user).can_edit_region(strategy.region_id):
        raise PermissionDenied


def _run(form: Any, action: Any, *, reload: Any = None, initial_of: Any = None) -> Any:
    """Call a service; its validation errors land next to the form's fields, refusals become 403.

    A lost-update conflict re-shows the form with both versions: `reload()` fetches the object
    as saved now and `initial_of(obj)` gives its values in the form's terms.
    """
    try:
        return action()
    except ValidationError as error:
        errors_to_form(form, error)
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    except ConflictError as error:
        if reload is None:
            form.add_error(None, str(error))
        else:
            saved = reload()
            conflict_show(
                form,
                error,
                saved=initial_of(saved),
                version=saved.version,
                history=audit_entries_for(subject=saved),
            )
    return None


def _version(form: Any) -> int:
    return int(form.cleaned_data["version"])


def _without_version(form: Any) -> dict[str, Any]:
    return {k: v for k, v in form.cleaned_data.items() if k != "version"}


# Strategy -------------------------------------------------------------------------------------


@login_required
@require_safe
def strategy_list(request: HtmxHttpRequest) -> HttpResponse:
    """Strategies of the user's regions, and where the user may write a new one."""
    context = {
        "strategies": strategy_list_for(user=request.user),
        "new_regions": regions_for_new_strategy(user=request.user),
    }
    return render(request, "strategy/strategy_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def strategy_create(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """A coordinator writes a new strategy for their region."""
    region = region_get(slug=slug)
    if not access_for(user=request.user).can_edit_region(region.pk):
        raise PermissionDenied
    form = StrategyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        strategy = _run(
            form,
            lambda: services.strategy_create(
                actor=_actor(request), region=region, **form.cleaned_data
            ),
        )
        if strategy:
            return redirect(strategy)
    return _form_page(
        request,
        form,
        title=_("Ny strategi for {region}").format(region=region),
        back=region.get_absolute_url(),
    )


@login_required
@require_safe
def strategy_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The strategy: vision, focus areas, goals with indicator status and measures, plans."""
    strategy = strategy_get_for(user=request.user, pk=pk)
    access = access_for(user=request.user)
    context = {
        "strategy": strategy,
        "progress": strategy_progress(strategy=strategy, user=request.user, today=_today()),
        "plans": action_plan_list_for(user=request.user, strategy=strategy),
        "can_edit": access.can_edit_region(strategy.region_id),
        "can_add_plan": plan_municipality_choices(strategy=strategy, user=request.user).exists(),
        "colors": STATUS_COLORS,
        "history": audit_entries_for(subject=strategy),
    }
    return render(request, "strategy/strategy_detail.html", context)


@login_required
@require_POST
def strategy_refresh_indicators(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Coordinators update the strategy's statistics-bound indicators from the imported data."""
    strategy = strategy_get_for(user=request.user, pk=pk)
    _require_strategy_editor(request, strategy)
    indicators = GoalIndicator.objects.filter(goal__focus_area__strategy=strategy).exclude(
        statistic=""
    )
    summary = services.indicator_refresh_from_statistics(
        indicators=indicators, actor=_actor(request)
    )
    messages.success(request, _("Oppdatert fra statistikk: {summary}.").format(summary=summary))
    return redirect(strategy)


def _strategy_initial(strategy: Strategy) -> dict[str, Any]:
    fields = ("title", "vision", "period_start", "period_end", "source", "version")
    return {f: getattr(strategy, f) for f in fields}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def strategy_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Change title, vision, period and source."""
    strategy = strategy_get_for(user=request.user, pk=pk)
    _require_strategy_editor(request, strategy)
    form = StrategyForm(request.POST or None, initial=_strategy_initial(strategy))
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            form,
            lambda: services.strategy_update(
                actor=_actor(request),
                strategy=strategy,
                expected_version=_version(form),
                **_without_version(form),
            ),
            reload=lambda: strategy_get_for(user=request.user, pk=pk),
            initial_of=_strategy_initial,
        )
    ):
        return redirect(strategy)
    return _form_page(request, form, title=_("Endre strategien"), back=strategy.get_absolute_url())


def _publish_initial(strategy: Strategy) -> dict[str, Any]:
    return {"is_published": strategy.is_published, "version": strategy.version}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def strategy_publish(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Coordinators publish the strategy's progress on a public page, or take it down."""
    strategy = strategy_get_for(user=request.user, pk=pk)
    _require_strategy_editor(request, strategy)
    form = StrategyPublishForm(request.POST or None, initial=_publish_initial(strategy))
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            form,
            lambda: services.strategy_set_published(
                actor=_actor(request),
                strategy=strategy,
                is_published=form.cleaned_data["is_published"],
                expected_version=_version(form),
            ),
            reload=lambda: strategy_get_for(user=request.user, pk=pk),
            initial_of=_publish_initial,
        )
    ):
        if strategy.is_published:
            messages.success(request, _("Fremdriften er publisert."))
        else:
            messages.success(request, _("Fremdriften er ikke lenger offentlig."))
        return redirect(strategy)
    return _form_page(
        request, form, title=_("Publisering av fremdriften"), back=strategy.get_absolute_url()
    )


def _public_context(request: HtmxHttpRequest, pk: int, *, figures: bool = False) -> dict[str, Any]:
    strategy = strategy_public_get(user=request.user, pk=pk)
    progress = strategy_public_progress(strategy=strategy, today=_today())
    previous = report_previous(strategy=strategy)
    return {
        "strategy": strategy,
        "progress": progress,
        # What changed since the last saved report (measures and indicators the page shows).
        "report": _current_report(strategy) if previous is not None else None,
        "focus_areas": public_focus_areas(progress, figures=figures),
        "today": _today(),
        "has_example_plans": any(m.action_plan.is_example for m in progress.measures),
    }


@require_safe
@cache_public_page
def public_progress(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The published progress: goals, indicators with values and trend, measures with status and
    the notes marked public. No account needed; unpublished → 404 (a preview for the region's
    people). Internal notes, owners and staff names are never shown."""
    return render(request, "strategy/public_progress.html", _public_context(request, pk))


@require_safe
@cache_public_page
def public_progress_pdf(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The published progress as a tagged PDF with the page's charts drawn as SVG."""
    context = _public_context(request, pk, figures=True)
    strategy = context["strategy"]
    return _pdf(
        exports.public_progress_pdf(
            strategy=strategy,
            focus_areas=context["focus_areas"],
            has_example_plans=context["has_example_plans"],
            today=context["today"],
            report=context["report"],
        ),
        f"fremdrift-{strategy.title}-{_today().isoformat()}",
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


# Indicators -----------------------------------------------------------------------------------


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


# Action plans and measures --------------------------------------------------------------------


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


# Reporting and reports ------------------------------------------------------------------------


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


def _current_report(strategy: Strategy) -> ReportView:
    previous = report_previous(strategy=strategy)
    return report_view(
        title=_("Status for {strategy}").format(strategy=strategy),
        snapshot=strategy_snapshot(strategy=strategy, today=_today()),
        previous=previous.snapshot if previous else None,
        previous_title=previous.title if previous else None,
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


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "rapport"}.pdf"'
    return response


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
        exports.report_pdf(_saved_report(report)), f"{report.title}-{report.as_of.isoformat()}"
    )


@login_required
@require_safe
def synergies(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Measures in different municipalities that aim at the same thing."""
    strategy = strategy_get_for(user=request.user, pk=pk)
    context = {
        "strategy": strategy,
        "synergies": synergies_for(strategy=strategy, user=request.user),
    }
    return render(request, "strategy/synergies.html", context)


# Exports --------------------------------------------------------------------------------------

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

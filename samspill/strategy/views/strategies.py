"""Strategy pages: list, create, detail, edit, publication, the public progress page and synergies."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.accounts.selectors import access_for
from samspill.audit.selectors import audit_entries_for
from samspill.core.htmx import HtmxHttpRequest
from samspill.core.page_cache import cache_public_page
from samspill.regions.selectors import region_get
from samspill.strategy import exports, services
from samspill.strategy.forms import (
    StrategyForm,
    StrategyPublishForm,
)
from samspill.strategy.models import (
    GoalIndicator,
    Strategy,
)
from samspill.strategy.presenters import (
    STATUS_COLORS,
    public_focus_areas,
)
from samspill.strategy.selectors import (
    action_plan_list_for,
    plan_municipality_choices,
    regions_for_new_strategy,
    report_previous,
    strategy_get_for,
    strategy_list_for,
    strategy_progress,
    strategy_public_get,
    strategy_public_progress,
    synergies_for,
)
from samspill.strategy.views.common import (
    _actor,
    _current_report,
    _form_page,
    _pdf,
    _require_strategy_editor,
    _run,
    _today,
    _version,
    _without_version,
)


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
@require_safe
def synergies(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Measures in different municipalities that aim at the same thing."""
    strategy = strategy_get_for(user=request.user, pk=pk)
    context = {
        "strategy": strategy,
        "synergies": synergies_for(strategy=strategy, user=request.user),
    }
    return render(request, "strategy/synergies.html", context)

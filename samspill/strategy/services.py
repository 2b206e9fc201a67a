"""Writes for strategies, indicators, action plans, measures and reports.

Coordinators of the strategy's region write the strategy (focus areas, goals, indicators, readings,
reporting periods, reports). An action plan and its measures are written by those who may edit the
plan's municipality (its business developers, the region's coordinators, administrators).
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.services import audit_record, model_changes
from samspill.core.concurrency import version_claim
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.page_cache import bump_data_version
from samspill.notifications.services import notify
from samspill.regions.models import Municipality, Region
from samspill.regions.selectors import region_members
from samspill.search.services import index_update
from samspill.stats.models import Series
from samspill.strategy import notify as strategy_notify
from samspill.strategy import search as strategy_search
from samspill.strategy.models import (
    ActionPlan,
    FocusArea,
    Goal,
    GoalIndicator,
    IndicatorReading,
    Measure,
    ProgressNote,
    ReportingPeriod,
    Strategy,
    StrategyReport,
)
from samspill.strategy.selectors import strategy_snapshot
from samspill.strategy.statistics import indicator_statistic_values, statistic_unit
from samspill.strategy.units import units_match


def _require_region_editor(actor: User | None, region_id: int) -> None:
    if actor is None or not access_for(user=actor).can_edit_region(region_id):
        raise PermissionDeniedError(_("Bare regionens koordinatorer kan endre strategien."))


def _require_plan_editor(actor: User | None, municipality_id: int) -> None:
    if actor is None or not access_for(user=actor).can_edit_municipality(municipality_id):
        raise PermissionDeniedError(_("Du kan bare endre handlingsplanen til din egen kommune."))


def _save(
    instance: Any,
    *,
    actor: User | None,
    action: str,
    changes: dict[str, Any],
    expected_version: int | None = None,
) -> None:
    instance.full_clean()
    if action == "update" and hasattr(instance, "version"):
        version_claim(instance, expected_version=expected_version)
    instance.save()
    audit_record(actor=actor, subject=instance, action=action, changes=changes)


def _index_strategy(strategy_id: int) -> None:
    """Keep the search index current (inside the caller's transaction)."""
    index_update(strategy_search.strategy_document_for(strategy_id))


def _index_measure(measure_id: int) -> None:
    index_update(strategy_search.measure_document_for(measure_id))


def _public_changed(strategy: Strategy) -> None:
    """A change to what a published strategy's public page shows: cached pages go stale."""
    if strategy.is_published:
        bump_data_version()


# Strategy -------------------------------------------------------------------------------------


@transaction.atomic
def strategy_create(
    *,
    actor: User,
    region: Region,
    title: str,
    period_start: int,
    period_end: int,
    vision: str = "",
    source: str = "",
    is_example: bool = False,
) -> Strategy:
    """A new strategy for a region (its coordinators and administrators)."""
    _require_region_editor(actor, region.pk)
    strategy = Strategy(
        region=region,
        title=title,
        vision=vision,
        period_start=period_start,
        period_end=period_end,
        source=source,
        is_example=is_example,
    )
    _save(strategy, actor=actor, action="create", changes={"title": [None, title]})
    _index_strategy(strategy.pk)
    bump_data_version()
    return strategy


@transaction.atomic
def strategy_update(
    *,
    actor: User,
    strategy: Strategy,
    title: str,
    vision: str,
    period_start: int,
    period_end: int,
    source: str,
    expected_version: int | None = None,
) -> Strategy:
    """Change a strategy's title, vision, period and source.

    `expected_version` is the version the editor loaded (ConflictError if someone saved since);
    None only for system writes. The same holds for every `*_update` below.
    """
    _require_region_editor(actor, strategy.region_id)
    changes = model_changes(
        strategy,
        {
            "title": title,
            "vision": vision,
            "period_start": period_start,
            "period_end": period_end,
            "source": source,
        },
    )
    if changes:
        _save(
            strategy,
            actor=actor,
            action="update",
            changes=changes,
            expected_version=expected_version,
        )
        _index_strategy(strategy.pk)
        bump_data_version()
    return strategy


@transaction.atomic
def strategy_set_published(
    *,
    actor: User,
    strategy: Strategy,
    is_published: bool,
    expected_version: int | None = None,
) -> Strategy:
    """Publish the strategy's progress on a public page (or take it down), as the region chooses.

    Only the region's coordinators (and administrators). Versioned like every edit; audited; the
    cached public pages (region page, the progress page) go stale at once.
    """
    _require_region_editor(actor, strategy.region_id)
    changes = model_changes(strategy, {"is_published": is_published})
    if changes:
        strategy.full_clean()
        version_claim(strategy, expected_version=expected_version)
        strategy.save(update_fields=["is_published", "version", "updated_at"])
        audit_record(
            actor=actor,
            subject=strategy,
            action="update",
            changes=changes,
        )
        bump_data_version()
    _index_strategy(strategy.pk)  # published: everyone finds it (its public page)
    return strategy


@transaction.atomic
def focus_area_create(
    *,
    actor: User,
    strategy: Strategy,
    name: str,
    description: str = "",
    position: int | None = None,
) -> FocusArea:
    """Add a focus area (innsatsområde) at the end, or at `position`."""
    _require_region_editor(actor, strategy.region_id)
    if position is None:
        position = strategy.focus_areas.count() + 1
    focus_area = FocusArea(strategy=strategy, name=name, description=description, position=position)
    _save(focus_area, actor=actor, action="create", changes={"name": [None, name]})
    _index_strategy(strategy.pk)
    _public_changed(strategy)
    return focus_area


@transaction.atomic
def goal_create(*, actor: User, focus_area: FocusArea, title: str, description: str = "") -> Goal:
    """Add a goal under a focus area."""
    _require_region_editor(actor, focus_area.strategy.region_id)
    goal = Goal(
        focus_area=focus_area,
        title=title,
        description=description,
        position=focus_area.goals.count() + 1,
    )
    _save(goal, actor=actor, action="create", changes={"title": [None, title]})
    _index_strategy(focus_area.strategy_id)
    _public_changed(focus_area.strategy)
    return goal


@transaction.atomic
def goal_update(
    *,
    actor: User,
    goal: Goal,
    title: str,
    description: str,
    expected_version: int | None = None,
) -> Goal:
    """Change a goal's wording."""
    _require_region_editor(actor, goal.focus_area.strategy.region_id)
    changes = model_changes(goal, {"title": title, "description": description})
    if changes:
        _save(
            goal, actor=actor, action="update", changes=changes, expected_version=expected_version
        )
        _index_strategy(goal.focus_area.strategy_id)
        _public_changed(goal.focus_area.strategy)
    return goal


def _check_units(indicator: GoalIndicator, **typed_units: str | None) -> None:
    errors = {
        field: _(
            "Verdien er oppgitt i «{given}», men indikatoren måles i «{unit}». Oppgi den i samme enhet."
        ).format(given=given, unit=indicator.unit)
        for field, given in typed_units.items()
        if given and not units_match(given, indicator.unit)
    }
    if errors:
        raise ValidationError(errors)


def _check_statistic_unit(indicator: GoalIndicator) -> None:
    unit = statistic_unit(indicator=indicator)
    if unit is not None and unit and not units_match(unit, indicator.unit):
        raise ValidationError(
            {
                "unit": _(
                    "Statistikken måles i «{statistic}», men indikatoren i «{unit}». Bruk samme enhet."
                ).format(statistic=unit, unit=indicator.unit)
            }
        )


@transaction.atomic
def indicator_create(
    *,
    actor: User,
    goal: Goal,
    name: str,
    unit: str,
    direction: str,
    baseline_value: Decimal,
    baseline_date: datetime.date,
    target_value: Decimal,
    target_date: datetime.date,
    source: str = "",
    statistic: str = "",
    series: Series | None = None,
    dimension_key: str = "",
    denominator_series: Series | None = None,
    denominator_dimension_key: str = "",
    factor: Decimal = Decimal(1),
    baseline_unit: str | None = None,
    target_unit: str | None = None,
) -> GoalIndicator:
    """Add an indicator; values typed with another unit than the indicator's are rejected."""
    _require_region_editor(actor, goal.focus_area.strategy.region_id)
    indicator = GoalIndicator(
        goal=goal,
        name=name,
        unit=unit,
        direction=direction,
        baseline_value=baseline_value,
        baseline_date=baseline_date,
        target_value=target_value,
        target_date=target_date,
        source=source,
        statistic=statistic,
        series=series,
        dimension_key=dimension_key,
        denominator_series=denominator_series,
        denominator_dimension_key=denominator_dimension_key,
        factor=factor,
    )
    _check_units(indicator, baseline_value=baseline_unit, target_value=target_unit)
    _check_statistic_unit(indicator)
    _save(indicator, actor=actor, action="create", changes={"name": [None, name]})
    _public_changed(goal.focus_area.strategy)
    return indicator


@transaction.atomic
def indicator_update(
    *,
    actor: User,
    indicator: GoalIndicator,
    name: str,
    unit: str,
    direction: str,
    baseline_value: Decimal,
    baseline_date: datetime.date,
    target_value: Decimal,
    target_date: datetime.date,
    source: str,
    statistic: str = "",
    series: Series | None = None,
    dimension_key: str = "",
    denominator_series: Series | None = None,
    denominator_dimension_key: str = "",
    factor: Decimal = Decimal(1),
    baseline_unit: str | None = None,
    target_unit: str | None = None,
    expected_version: int | None = None,
) -> GoalIndicator:
    """Change an indicator's definition."""
    _require_region_editor(actor, indicator.goal.focus_area.strategy.region_id)
    changes = model_changes(
        indicator,
        {
            "name": name,
            "unit": unit,
            "direction": direction,
            "baseline_value": baseline_value,
            "baseline_date": baseline_date,
            "target_value": target_value,
            "target_date": target_date,
            "source": source,
            "statistic": statistic,
            "series": series,
            "dimension_key": dimension_key,
            "denominator_series": denominator_series,
            "denominator_dimension_key": denominator_dimension_key,
            "factor": factor,
        },
    )
    _check_units(indicator, baseline_value=baseline_unit, target_value=target_unit)
    _check_statistic_unit(indicator)
    if changes:
        _save(
            indicator,
            actor=actor,
            action="update",
            changes=changes,
            expected_version=expected_version,
        )
        _public_changed(indicator.goal.focus_area.strategy)
    return indicator


@transaction.atomic
def reading_record(
    *,
    actor: User | None,
    indicator: GoalIndicator,
    date: datetime.date,
    value: Decimal,
    note: str = "",
    unit: str | None = None,
    origin: str = IndicatorReading.Origin.MANUAL,
) -> IndicatorReading:
    """Record (or correct) the indicator's value on a date. `actor=None` only for statistics."""
    if origin == IndicatorReading.Origin.MANUAL or actor is not None:
        _require_region_editor(actor, indicator.goal.focus_area.strategy.region_id)
    _check_units(indicator, value=unit)
    if date < indicator.baseline_date:
        raise ValidationError(
            {
                "date": _("Datoen er før utgangsverdien ({date}).").format(
                    date=indicator.baseline_date.isoformat()
                )
            }
        )
    reading = IndicatorReading.objects.filter(indicator=indicator, date=date).first()
    if reading is None:
        reading = IndicatorReading(
            indicator=indicator, date=date, value=value, note=note, origin=origin, reported_by=actor
        )
        _save(reading, actor=actor, action="create", changes={"value": [None, value]})
        _public_changed(indicator.goal.focus_area.strategy)
        return reading
    changes = model_changes(
        reading, {"value": value, "note": note, "origin": origin, "reported_by": actor}
    )
    if changes:
        _save(reading, actor=actor, action="update", changes=changes)
        _public_changed(indicator.goal.focus_area.strategy)
    return reading


# Action plans and measures --------------------------------------------------------------------


@transaction.atomic
def action_plan_create(
    *,
    actor: User,
    strategy: Strategy,
    municipality: Municipality,
    title: str,
    period_start: int,
    period_end: int,
    description: str = "",
    is_example: bool = False,
) -> ActionPlan:
    """A municipality's action plan based on the strategy of a region it belongs to."""
    _require_plan_editor(actor, municipality.pk)
    if municipality.pk not in {m.municipality.pk for m in region_members(region=strategy.region)}:
        raise ValidationError(
            {
                "municipality": _("{municipality} er ikke medlem av {region}.").format(
                    municipality=municipality, region=strategy.region
                )
            }
        )
    plan = ActionPlan(
        strategy=strategy,
        municipality=municipality,
        title=title,
        description=description,
        period_start=period_start,
        period_end=period_end,
        is_example=is_example,
    )
    _save(plan, actor=actor, action="create", changes={"title": [None, title]})
    _public_changed(strategy)
    return plan


@transaction.atomic
def action_plan_update(
    *,
    actor: User,
    plan: ActionPlan,
    title: str,
    description: str,
    period_start: int,
    period_end: int,
    expected_version: int | None = None,
) -> ActionPlan:
    """Change an action plan's title, description and period."""
    _require_plan_editor(actor, plan.municipality_id)
    changes = model_changes(
        plan,
        {
            "title": title,
            "description": description,
            "period_start": period_start,
            "period_end": period_end,
        },
    )
    if changes:
        _save(
            plan, actor=actor, action="update", changes=changes, expected_version=expected_version
        )
        _public_changed(plan.strategy)
    return plan


def _check_goals(plan: ActionPlan, goals: Sequence[Goal]) -> None:
    if not goals:
        raise ValidationError({"goals": _("Knytt tiltaket til minst ett mål i strategien.")})
    foreign = [goal for goal in goals if goal.focus_area.strategy_id != plan.strategy_id]
    if foreign:
        raise ValidationError(
            {
                "goals": _("Målet «{goal}» hører ikke til strategien planen bygger på.").format(
                    goal=foreign[0]
                )
            }
        )


@transaction.atomic
def measure_create(
    *,
    actor: User,
    plan: ActionPlan,
    title: str,
    goals: Sequence[Goal],
    start_date: datetime.date,
    deadline: datetime.date,
    description: str = "",
    owner: User | None = None,
    owner_name: str = "",
    partner_municipalities: Sequence[Municipality] = (),
    partners: str = "",
    budget: Decimal | None = None,
    status: str = Measure.Status.PLANNED,
    role: str = Measure.Role.LOCAL,
) -> Measure:
    """Add a measure (tiltak) to an action plan; it must serve at least one goal of the strategy."""
    _require_plan_editor(actor, plan.municipality_id)
    _check_goals(plan, goals)
    measure = Measure(
        action_plan=plan,
        title=title,
        description=description,
        owner=owner,
        owner_name=owner_name,
        partners=partners,
        start_date=start_date,
        deadline=deadline,
        budget=budget,
        status=status,
        role=role,
    )
    _save(
        measure,
        actor=actor,
        action="create",
        changes={"title": [None, title], "status": [None, status]},
    )
    measure.goals.set(goals)
    measure.partner_municipalities.set(partner_municipalities)
    _index_measure(measure.pk)
    _public_changed(plan.strategy)
    return measure


@transaction.atomic
def measure_update(
    *,
    actor: User,
    measure: Measure,
    title: str,
    goals: Sequence[Goal],
    start_date: datetime.date,
    deadline: datetime.date,
    description: str,
    owner: User | None,
    owner_name: str,
    partner_municipalities: Sequence[Municipality],
    partners: str,
    budget: Decimal | None,
    status: str,
    role: str,
    expected_version: int | None = None,
) -> Measure:
    """Change a measure; its goal links and partner municipalities are replaced."""
    _require_plan_editor(actor, measure.action_plan.municipality_id)
    _check_goals(measure.action_plan, goals)
    changes = model_changes(
        measure,
        {
            "title": title,
            "description": description,
            "owner": owner,
            "owner_name": owner_name,
            "partners": partners,
            "start_date": start_date,
            "deadline": deadline,
            "budget": budget,
            "status": status,
            "role": role,
        },
    )
    old_goals = sorted(str(goal) for goal in measure.goals.all())
    new_goals = sorted(str(goal) for goal in goals)
    if old_goals != new_goals:
        changes["goals"] = [old_goals, new_goals]
    old_partners = sorted(m.number for m in measure.partner_municipalities.all())
    new_partners = sorted(m.number for m in partner_municipalities)
    if old_partners != new_partners:
        changes["partner_municipalities"] = [old_partners, new_partners]
    if not changes:
        return measure
    measure.full_clean()
    version_claim(measure, expected_version=expected_version)
    measure.save()
    measure.goals.set(goals)
    measure.partner_municipalities.set(partner_municipalities)
    audit_record(actor=actor, subject=measure, action="update", changes=changes)
    _index_measure(measure.pk)
    _public_changed(measure.action_plan.strategy)
    return measure


@transaction.atomic
def measure_set_status(
    *, actor: User, measure: Measure, status: str, expected_version: int | None = None
) -> Measure:
    """Move a measure to another status (planned, ongoing, done, stopped).

    Atomic: the row is locked and read again, so two switches at once log two true transitions
    (or, with `expected_version`, the second gets ConflictError), never a stale "from" status.
    """
    _require_plan_editor(actor, measure.action_plan.municipality_id)
    if status not in Measure.Status.values:
        raise ValidationError({"status": _("Ukjent status.")})
    locked = Measure.objects.select_for_update().get(pk=measure.pk)
    measure.status, measure.version = locked.status, locked.version
    if expected_version is not None and expected_version != locked.version:
        raise ConflictError(
            _("Tiltaket er endret av noen andre i mellomtiden. Statusen er nå «{status}».").format(
                status=locked.get_status_display()
            ),
            current_version=locked.version,
        )
    changes = model_changes(measure, {"status": status})
    if changes:
        measure.full_clean()
        version_claim(measure, expected_version=None)
        measure.save(update_fields=["status", "version", "updated_at"])
        audit_record(actor=actor, subject=measure, action="update", changes=changes)
        _public_changed(measure.action_plan.strategy)
        notify(
            measure,
            strategy_notify.STATUS_CHANGED,
            actor,
            " → ".join(str(Measure.Status(code).label) for code in changes["status"]),
        )
    return measure


@transaction.atomic
def progress_note_add(
    *,
    actor: User,
    measure: Measure,
    date: datetime.date,
    text: str,
    status: str | None = None,
    is_public: bool = False,
) -> ProgressNote:
    """Report progress on a measure, optionally moving its status at the same time.

    `is_public`: the note may be shown on the strategy's published progress page (without the
    author's name); other notes stay internal.
    """
    _require_plan_editor(actor, measure.action_plan.municipality_id)
    if not text.strip():
        raise ValidationError({"text": _("Skriv hva som har skjedd.")})
    note = ProgressNote(
        measure=measure, date=date, text=text.strip(), author=actor, is_public=is_public
    )
    note.full_clean()
    note.save()
    audit_record(
        actor=actor,
        subject=measure,
        action="update",
        changes={"progress": [None, f"{date.isoformat()}: {text[:150]}"]},
    )
    if is_public:
        _public_changed(measure.action_plan.strategy)
    if status and status != measure.status:
        measure_set_status(actor=actor, measure=measure, status=status)
    _index_measure(measure.pk)
    return note


# Reporting ------------------------------------------------------------------------------------


@transaction.atomic
def reporting_period_create(
    *,
    actor: User,
    strategy: Strategy,
    name: str,
    start: datetime.date,
    end: datetime.date,
    due_date: datetime.date,
) -> ReportingPeriod:
    """A period the owners of measures report on, with its due date."""
    _require_region_editor(actor, strategy.region_id)
    period = ReportingPeriod(strategy=strategy, name=name, start=start, end=end, due_date=due_date)
    _save(period, actor=actor, action="create", changes={"name": [None, name]})
    return period


@transaction.atomic
def report_create(
    *,
    actor: User,
    strategy: Strategy,
    title: str,
    as_of: datetime.date,
    reporting_period: ReportingPeriod | None = None,
) -> StrategyReport:
    """Freeze the strategy's status today as a report, the baseline of the next one's "what changed"."""
    _require_region_editor(actor, strategy.region_id)
    report = StrategyReport(
        strategy=strategy,
        reporting_period=reporting_period,
        title=title,
        as_of=as_of,
        snapshot=strategy_snapshot(strategy=strategy, today=as_of),
        created_by=actor,
    )
    _save(report, actor=actor, action="create", changes={"title": [None, title]})
    return report


@dataclass
class RefreshSummary:
    """What a refresh from statistics did."""

    indicators: int = 0
    readings_written: int = 0
    skipped_before_baseline: int = 0
    without_data: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = _(
            "{indicators} indikatorer, {written} målinger skrevet, {skipped} før utgangsverdien hoppet over"
        ).format(
            indicators=self.indicators,
            written=self.readings_written,
            skipped=self.skipped_before_baseline,
        )
        if self.without_data:
            text += "; " + _("uten data: {names}").format(names=", ".join(self.without_data))
        return text


@transaction.atomic
def indicator_refresh_from_statistics(
    *, indicators: Iterable[GoalIndicator] | None = None, actor: User | None = None
) -> RefreshSummary:
    """Write readings of indicators bound to statistics from the imported data. Idempotent.

    Call after imports (`samspill refresh_indicators`). Without `indicators`: every bound one.
    """
    if indicators is None:
        indicators = GoalIndicator.objects.exclude(statistic="").select_related(
            "goal__focus_area__strategy__region", "series"
        )
    summary = RefreshSummary()
    for indicator in indicators:
        if not indicator.statistic:
            continue
        summary.indicators += 1
        values, note = indicator_statistic_values(indicator=indicator)
        if not values:
            summary.without_data.append(indicator.name)
        existing = {r.date: r for r in indicator.readings.all()}
        for date, value in values:
            if date < indicator.baseline_date:
                summary.skipped_before_baseline += 1
                continue
            amount = Decimal(str(value))
            current = existing.get(date)
            if (
                current is not None
                and current.value == amount
                and current.origin == IndicatorReading.Origin.STATISTICS
            ):
                continue
            reading_record(
                actor=actor,
                indicator=indicator,
                date=date,
                value=amount,
                note=note,
                origin=IndicatorReading.Origin.STATISTICS,
            )
            summary.readings_written += 1
    return summary

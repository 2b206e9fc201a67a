"""Reads for strategies, plans, measures, progress, reporting and synergies, scoped to the user.

Who sees what: a strategy and every action plan under it are visible to anyone with a role in or
under the strategy's region (coordinators, the member municipalities' people, the region's viewers),
and to site administrators. A plan is also visible to viewers of its own municipality.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import get_language

from samspill.accounts.models import RoleAssignment, User
from samspill.accounts.selectors import Access, access_for, accesses_for
from samspill.regions.models import Municipality, Region
from samspill.regions.selectors import region_members
from samspill.strategy.changes import Snapshot
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
from samspill.strategy.similarity import DEFAULT_THRESHOLD, similar_pairs
from samspill.strategy.status import IndicatorAssessment, Point, Status, indicator_status

AnyUser = User | AnonymousUser


def _visible_region_ids(access: Access) -> set[int]:
    return set(access.coordinated_region_ids | access.viewer_region_ids | access.member_region_ids)


def strategy_list_for(*, user: AnyUser) -> QuerySet[Strategy]:
    """Strategies of the regions the user has a role in (all for administrators)."""
    access = access_for(user=user)
    strategies = Strategy.objects.select_related("region").annotate(
        plan_count=Count("action_plans", distinct=True)
    )
    if access.is_site_admin:
        return strategies
    return strategies.filter(region_id__in=_visible_region_ids(access))


def regions_for_new_strategy(*, user: AnyUser) -> QuerySet[Region]:
    """Regions the user may write a new strategy for (coordinated regions; all for administrators)."""
    access = access_for(user=user)
    if access.is_site_admin:
        return Region.objects.all()
    return Region.objects.filter(pk__in=access.coordinated_region_ids)


def strategy_get_for(*, user: AnyUser, pk: int) -> Strategy:
    """One strategy the user may see, or 404."""
    strategy = Strategy.objects.select_related("region").filter(pk=pk).first()
    if strategy is None or not access_for(user=user).can_view_region(strategy.region_id):
        raise Http404
    return strategy


def _plan_visibility(access: Access) -> Q:
    return Q(strategy__region_id__in=_visible_region_ids(access)) | Q(
        municipality_id__in=access.viewer_municipality_ids | access.developed_municipality_ids
    )


def action_plan_list_for(
    *, user: AnyUser, strategy: Strategy | None = None
) -> QuerySet[ActionPlan]:
    """Action plans the user may see, with their number of measures."""
    access = access_for(user=user)
    plans = ActionPlan.objects.select_related("municipality", "strategy").annotate(
        measure_count=Count("measures", distinct=True)
    )
    if strategy is not None:
        plans = plans.filter(strategy=strategy)
    if access.is_site_admin:
        return plans
    return plans.filter(_plan_visibility(access))


def action_plan_get_for(*, user: AnyUser, pk: int) -> ActionPlan:
    """One action plan the user may see, or 404."""
    plan = action_plan_list_for(user=user).filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


def measure_list_for(
    *,
    user: AnyUser,
    strategy: Strategy | None = None,
    plan: ActionPlan | None = None,
    status: str = "",
    goal: Goal | None = None,
    municipality_id: int | None = None,
) -> QuerySet[Measure]:
    """Measures the user may see, with everything a list shows loaded in a fixed number of queries."""
    return _measures_for(
        access_for(user=user),
        strategy=strategy,
        plan=plan,
        status=status,
        goal=goal,
        municipality_id=municipality_id,
    )


def _measures_for(
    access: Access | None,
    *,
    strategy: Strategy | None = None,
    plan: ActionPlan | None = None,
    status: str = "",
    goal: Goal | None = None,
    municipality_id: int | None = None,
) -> QuerySet[Measure]:
    measures = Measure.objects.select_related(
        "action_plan__municipality", "action_plan__strategy", "owner"
    ).prefetch_related(
        Prefetch("goals", queryset=Goal.objects.select_related("focus_area")),
        "partner_municipalities",
    )
    if strategy is not None:
        measures = measures.filter(action_plan__strategy=strategy)
    if plan is not None:
        measures = measures.filter(action_plan=plan)
    if status:
        measures = measures.filter(status=status)
    if goal is not None:
        measures = measures.filter(goals=goal)
    if municipality_id is not None:
        measures = measures.filter(action_plan__municipality_id=municipality_id)
    if access is not None and not access.is_site_admin:  # None: every plan (the public page)
        visible = ActionPlan.objects.filter(_plan_visibility(access)).values("pk")
        measures = measures.filter(action_plan__in=visible)
    measures = measures.annotate(last_progress=Max("progress_notes__date"))
    return measures.order_by("action_plan__municipality__number", "deadline", "title")


def measure_readers(*, measure_id: int, users: Sequence[User]) -> set[int]:
    """The ids of those among `users` who may see the measure (`measure_list_for` the other way
    round, for a notification's fan-out; three queries however many users)."""
    plan = (
        Measure.objects.filter(pk=measure_id)
        .values("action_plan__strategy__region_id", "action_plan__municipality_id")
        .first()
    )
    if plan is None or not users:
        return set()
    accesses = accesses_for(users=users)
    region_id = plan["action_plan__strategy__region_id"]
    municipality_id = plan["action_plan__municipality_id"]
    return {
        user.pk
        for user in users
        if accesses[user.pk].is_site_admin
        or region_id in _visible_region_ids(accesses[user.pk])
        or municipality_id
        in (
            accesses[user.pk].viewer_municipality_ids | accesses[user.pk].developed_municipality_ids
        )
    }


def measure_get_for(*, user: AnyUser, pk: int) -> Measure:
    """One measure the user may see (with its notes), or 404."""
    measure = (
        measure_list_for(user=user)
        .filter(pk=pk)
        .prefetch_related(
            Prefetch("progress_notes", queryset=ProgressNote.objects.select_related("author"))
        )
        .first()
    )
    if measure is None:
        raise Http404
    return measure


def goal_get_for(*, user: AnyUser, pk: int) -> Goal:
    """One goal of a strategy the user may see, or 404."""
    goal = Goal.objects.select_related("focus_area__strategy__region").filter(pk=pk).first()
    if goal is None or not access_for(user=user).can_view_region(
        goal.focus_area.strategy.region_id
    ):
        raise Http404
    return goal


def indicator_get_for(*, user: AnyUser, pk: int) -> GoalIndicator:
    """One indicator (with its readings) of a strategy the user may see, or 404."""
    indicator = (
        GoalIndicator.objects.select_related("goal__focus_area__strategy__region")
        .prefetch_related(
            Prefetch("readings", queryset=IndicatorReading.objects.select_related("reported_by"))
        )
        .filter(pk=pk)
        .first()
    )
    if indicator is None or not access_for(user=user).can_view_region(
        indicator.goal.focus_area.strategy.region_id
    ):
        raise Http404
    return indicator


def focus_area_get_for(*, user: AnyUser, pk: int) -> FocusArea:
    """One focus area of a strategy the user may see, or 404."""
    focus_area = FocusArea.objects.select_related("strategy").filter(pk=pk).first()
    if focus_area is None or not access_for(user=user).can_view_region(
        focus_area.strategy.region_id
    ):
        raise Http404
    return focus_area


def goal_choices(*, strategy: Strategy) -> QuerySet[Goal]:
    """The strategy's goals, for a measure's goal picker."""
    return Goal.objects.filter(focus_area__strategy=strategy).select_related("focus_area")


# Indicator status -----------------------------------------------------------------------------


def indicator_assess(indicator: GoalIndicator, *, today: datetime.date) -> IndicatorAssessment:
    """The status of one indicator from its (prefetched) readings."""
    return indicator_status(
        baseline=Point(indicator.baseline_date, float(indicator.baseline_value)),
        target=Point(indicator.target_date, float(indicator.target_value)),
        direction="down" if indicator.direction == GoalIndicator.Direction.DOWN else "up",
        readings=[Point(r.date, float(r.value)) for r in indicator.readings.all()],
        today=today,
    )


@dataclass
class IndicatorProgress:
    """An indicator with its status."""

    indicator: GoalIndicator
    assessment: IndicatorAssessment


@dataclass
class GoalProgress:
    """A goal with its indicators' status and the measures serving it, by municipality."""

    goal: Goal
    indicators: list[IndicatorProgress] = field(default_factory=list)
    measures_by_municipality: dict[str, list[Measure]] = field(default_factory=dict)

    @property
    def measure_count(self) -> int:
        return sum(len(measures) for measures in self.measures_by_municipality.values())

    @property
    def worst_status(self) -> Status | None:
        statuses = [item.assessment.status for item in self.indicators]
        return max(statuses, key=lambda status: status.rank) if statuses else None


@dataclass
class FocusAreaProgress:
    """A focus area and its goals' progress."""

    focus_area: FocusArea
    goals: list[GoalProgress] = field(default_factory=list)


@dataclass
class StrategyProgress:
    """The whole strategy's progress: focus areas, goals, indicators, measures."""

    strategy: Strategy
    focus_areas: list[FocusAreaProgress]
    measures: list[Measure]

    @property
    def goals(self) -> list[GoalProgress]:
        return [goal for area in self.focus_areas for goal in area.goals]

    @property
    def goals_without_measures(self) -> list[GoalProgress]:
        return [goal for goal in self.goals if goal.measure_count == 0]

    @property
    def indicator_counts(self) -> dict[Status, int]:
        counts = dict.fromkeys(Status, 0)
        for goal in self.goals:
            for item in goal.indicators:
                counts[item.assessment.status] += 1
        return counts

    @property
    def measure_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(Measure.Status.values, 0)
        for measure in self.measures:
            counts[measure.status] += 1
        return counts


def strategy_progress(
    *, strategy: Strategy, user: AnyUser, today: datetime.date, goal: Goal | None = None
) -> StrategyProgress:
    """Each goal with its indicators against target and the measures serving it (fixed query count)."""
    return _strategy_progress(
        strategy=strategy, access=access_for(user=user), today=today, goal=goal
    )


def _strategy_progress(
    *, strategy: Strategy, access: Access | None, today: datetime.date, goal: Goal | None = None
) -> StrategyProgress:
    focus_areas = FocusArea.objects.filter(strategy=strategy).prefetch_related(
        Prefetch(
            "goals",
            queryset=(
                Goal.objects.filter(pk=goal.pk) if goal else Goal.objects.all()
            ).prefetch_related(
                Prefetch("indicators", queryset=GoalIndicator.objects.prefetch_related("readings"))
            ),
        )
    )
    measures = list(_measures_for(access, strategy=strategy, goal=goal))
    by_goal: dict[int, dict[str, list[Measure]]] = defaultdict(lambda: defaultdict(list))
    for measure in measures:
        municipality = measure.action_plan.municipality.name
        for linked in measure.goals.all():
            by_goal[linked.pk][municipality].append(measure)
    areas = []
    for focus_area in focus_areas:
        goals = [
            GoalProgress(
                goal=item,
                indicators=[
                    IndicatorProgress(indicator, indicator_assess(indicator, today=today))
                    for indicator in item.indicators.all()
                ],
                measures_by_municipality=dict(sorted(by_goal[item.pk].items())),
            )
            for item in focus_area.goals.all()
        ]
        if goal is None or goals:
            areas.append(FocusAreaProgress(focus_area=focus_area, goals=goals))
    return StrategyProgress(strategy=strategy, focus_areas=areas, measures=measures)


# The published progress page ------------------------------------------------------------------


def strategy_public_get(*, user: AnyUser, pk: int) -> Strategy:
    """A strategy whose progress its region has published; or, as a preview, one the user may see.

    Anyone else gets 404 whether or not it exists (an unpublished strategy is never revealed).
    """
    strategy = Strategy.objects.select_related("region").filter(pk=pk).first()
    if strategy is None:
        raise Http404
    if not strategy.is_published and not access_for(user=user).can_view_region(strategy.region_id):
        raise Http404
    return strategy


def strategy_published_list(*, region: Region) -> QuerySet[Strategy]:
    """The region's strategies with published progress (for its public page)."""
    return Strategy.objects.filter(region=region, is_published=True).order_by(
        "-period_start", "title"
    )


def strategy_public_progress(*, strategy: Strategy, today: datetime.date) -> StrategyProgress:
    """The progress everyone may read: every plan's measures, each with its latest public note.

    Each measure gets `public_note` (the newest progress note marked public, or None). Nothing
    here carries a person's name: owners, authors and internal notes are left to the templates
    not to show, and the public templates never touch them.
    """
    progress = _strategy_progress(strategy=strategy, access=None, today=today)
    latest: dict[int, ProgressNote] = {}
    notes = ProgressNote.objects.filter(
        measure__action_plan__strategy=strategy, is_public=True
    ).order_by("measure_id", "-date", "-created_at")
    for note in notes.only("measure_id", "date", "text"):
        latest.setdefault(note.measure_id, note)
    for measure in progress.measures:
        measure.public_note = latest.get(measure.pk)  # type: ignore[attr-defined]
    return progress


# Reporting ------------------------------------------------------------------------------------


@dataclass
class ReportingItem:
    """One measure's reporting state in a period."""

    measure: Measure
    state: str  # "reported", "due", "overdue"
    last_progress: datetime.date | None
    deadline_passed: bool

    @property
    def owner_label(self) -> str:
        return str(self.measure.owner or self.measure.owner_name or "")


@dataclass
class ReportingGroup:
    """Reporting items of one person or one municipality, with counts."""

    label: str
    items: list[ReportingItem] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for item in self.items if item.state == state)

    @property
    def reported(self) -> int:
        return self.count("reported")

    @property
    def due(self) -> int:
        return self.count("due")

    @property
    def overdue(self) -> int:
        return self.count("overdue")


@dataclass
class ReportingOverview:
    """What is reported, due and overdue in a period, per person and per municipality."""

    period: ReportingPeriod
    items: list[ReportingItem]
    by_person: list[ReportingGroup]
    by_municipality: list[ReportingGroup]


def reporting_period_list(*, strategy: Strategy) -> QuerySet[ReportingPeriod]:
    """The strategy's reporting periods, newest first."""
    return ReportingPeriod.objects.filter(strategy=strategy)


def reporting_overview(
    *, period: ReportingPeriod, user: AnyUser, today: datetime.date, no_owner_label: str
) -> ReportingOverview:
    """Active measures that started by the period's end: reported (a note dated in the period up to
    the due date), due (not yet, due date ahead) or overdue (due date passed)."""
    measures = (
        measure_list_for(user=user, strategy=period.strategy)
        .filter(
            status__in=[Measure.Status.PLANNED, Measure.Status.ONGOING], start_date__lte=period.end
        )
        .annotate(
            period_notes=Count(
                "progress_notes",
                filter=Q(
                    progress_notes__date__gte=period.start,
                    progress_notes__date__lte=period.due_date,
                ),
                distinct=True,
            )
        )
    )
    items = []
    for measure in measures:
        if getattr(measure, "period_notes", 0):
            state = "reported"
        elif today > period.due_date:
            state = "overdue"
        else:
            state = "due"
        items.append(
            ReportingItem(
                measure=measure,
                state=state,
                last_progress=getattr(measure, "last_progress", None),
                deadline_passed=measure.deadline < today,
            )
        )
    return ReportingOverview(
        period=period,
        items=items,
        by_person=_group(items, lambda item: item.owner_label or no_owner_label),
        by_municipality=_group(items, lambda item: item.measure.action_plan.municipality.name),
    )


def _group(items: Iterable[ReportingItem], key: Any) -> list[ReportingGroup]:
    groups: dict[str, ReportingGroup] = {}
    for item in items:
        label = key(item)
        groups.setdefault(label, ReportingGroup(label=label)).items.append(item)
    return sorted(groups.values(), key=lambda group: (-group.overdue, -group.due, group.label))


# Reports --------------------------------------------------------------------------------------


def strategy_snapshot(*, strategy: Strategy, today: datetime.date) -> Snapshot:
    """The strategy's status as plain JSON (StrategyReport.snapshot; read by changes.py and the
    report page and PDF, so a saved report shows what was true when it was made)."""
    admin_view = Access(is_authenticated=True, is_site_admin=True)
    progress = _strategy_progress(strategy=strategy, access=admin_view, today=today)
    indicators: dict[str, dict[str, Any]] = {}
    focus_areas = []
    for area in progress.focus_areas:
        goals = []
        for goal in area.goals:
            for item in goal.indicators:
                indicator, assessment = item.indicator, item.assessment
                indicators[str(indicator.pk)] = {
                    "name": indicator.name,
                    "goal": goal.goal.title,
                    "unit": indicator.unit,
                    "baseline": float(indicator.baseline_value),
                    "baseline_date": indicator.baseline_date.isoformat(),
                    "target": float(indicator.target_value),
                    "target_date": indicator.target_date.isoformat(),
                    "value": assessment.latest.value if assessment.latest else None,
                    "date": assessment.latest.date.isoformat() if assessment.latest else None,
                    "status": str(assessment.status),
                    "status_label": assessment.status.label,
                    "explanation": assessment.explanation,
                    # For the saved report's charts (presenters.snapshot_figures, ADR 76).
                    "readings": [
                        [reading.date.isoformat(), float(reading.value)]
                        for reading in sorted(indicator.readings.all(), key=lambda r: r.date)
                    ],
                    "projected": assessment.projected_value,
                }
            goals.append(
                {
                    "key": str(goal.goal.pk),
                    "title": goal.goal.title,
                    "indicator_keys": [str(item.indicator.pk) for item in goal.indicators],
                    "measure_count": goal.measure_count,
                    "municipalities": list(goal.measures_by_municipality),
                }
            )
        focus_areas.append({"name": area.focus_area.name, "goals": goals})
    return {
        "as_of": today.isoformat(),
        "language": get_language() or settings.LANGUAGE_CODE,
        "strategy": strategy.title,
        "region": strategy.region.name,
        "focus_areas": focus_areas,
        "measures": {
            str(measure.pk): {
                "title": measure.title,
                "municipality": measure.action_plan.municipality.name,
                "status": measure.status,
                "status_label": str(measure.get_status_display()),
                "deadline": measure.deadline.isoformat(),
            }
            for measure in progress.measures
        },
        "measure_counts": progress.measure_counts,
        "indicators": indicators,
    }


def report_list(*, strategy: Strategy) -> QuerySet[StrategyReport]:
    """Saved reports of a strategy, newest first."""
    return StrategyReport.objects.filter(strategy=strategy).select_related(
        "created_by", "reporting_period"
    )


def report_get_for(*, user: AnyUser, pk: int) -> StrategyReport:
    """One saved report of a strategy the user may see, or 404."""
    report = StrategyReport.objects.select_related("strategy__region").filter(pk=pk).first()
    if report is None or not access_for(user=user).can_view_region(report.strategy.region_id):
        raise Http404
    return report


def report_previous(
    *, strategy: Strategy, before: StrategyReport | None = None
) -> StrategyReport | None:
    """The newest saved report (before `before`, when given): what "changed since" compares with."""
    reports = report_list(strategy=strategy)
    if before is not None:
        reports = reports.filter(
            Q(as_of__lt=before.as_of) | Q(as_of=before.as_of, created_at__lt=before.created_at)
        )
    return reports.first()


# Synergies ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Synergy:
    """Two measures in different municipalities that aim at the same thing."""

    first: Measure
    second: Measure
    shared_goals: tuple[Goal, ...]
    text_score: float
    shared_terms: tuple[str, ...]

    @property
    def score(self) -> float:
        return self.text_score + 0.25 * len(self.shared_goals)


def synergies_for(
    *,
    strategy: Strategy,
    user: AnyUser,
    threshold: float = DEFAULT_THRESHOLD,
    include_done: bool = False,
    limit: int = 100,
) -> list[Synergy]:
    """Pairs of active measures in different municipalities with similar text, best first.

    A pair qualifies by text similarity ≥ `threshold`; shared goals are reported and add to the
    score (sharing a goal alone is common and would list almost every pair).
    """
    measures = list(measure_list_for(user=user, strategy=strategy))
    if not include_done:
        measures = [m for m in measures if m.is_active]
    by_pk = {measure.pk: measure for measure in measures}
    documents: Sequence[tuple[int, int, str]] = [
        (m.pk, m.action_plan.municipality_id, f"{m.title}. {m.title}. {m.description}")
        for m in measures
    ]
    synergies = []
    for pair in similar_pairs(documents, threshold=threshold, limit=3 * limit):
        first, second = by_pk[int(pair.first)], by_pk[int(pair.second)]  # type: ignore[call-overload]
        second_goals = {goal.pk for goal in second.goals.all()}
        shared = tuple(goal for goal in first.goals.all() if goal.pk in second_goals)
        synergies.append(Synergy(first, second, shared, pair.score, pair.shared_terms))
    return sorted(synergies, key=lambda synergy: -synergy.score)[:limit]


# Choices for forms ----------------------------------------------------------------------------


def region_municipalities(*, strategy: Strategy) -> QuerySet[Municipality]:
    """Today's member municipalities of the strategy's region."""
    numbers = [member.municipality.pk for member in region_members(region=strategy.region)]
    return Municipality.objects.filter(pk__in=numbers).order_by("number")


def plan_municipality_choices(*, strategy: Strategy, user: AnyUser) -> QuerySet[Municipality]:
    """Member municipalities whose action plans the user may write."""
    access = access_for(user=user)
    allowed = [
        m.pk for m in region_municipalities(strategy=strategy) if access.can_edit_municipality(m.pk)
    ]
    return Municipality.objects.filter(pk__in=allowed).order_by("number")


def measure_owner_choices(*, plan: ActionPlan) -> QuerySet[User]:
    """People who can own a measure: the municipality's people and the region's coordinators."""
    return (
        User.objects.filter(
            Q(role_assignments__municipality=plan.municipality)
            | Q(
                role_assignments__region=plan.strategy.region,
                role_assignments__role=RoleAssignment.Role.COORDINATOR,
            )
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )

"""Reads: who sees which strategy and plan, progress, reporting overview, synergies, query counts."""

import datetime
from decimal import Decimal

import pytest
from django.http import Http404

from samspill.regions.models import Municipality, Region
from samspill.strategy.models import Measure
from samspill.strategy.selectors import (
    action_plan_get_for,
    action_plan_list_for,
    measure_list_for,
    reporting_overview,
    strategy_get_for,
    strategy_list_for,
    strategy_progress,
    synergies_for,
)
from samspill.strategy.status import Status
from tests.strategy.conftest import user_with
from tests.strategy.factories import (
    ActionPlanFactory,
    GoalFactory,
    GoalIndicatorFactory,
    IndicatorReadingFactory,
    MeasureFactory,
    ProgressNoteFactory,
    ReportingPeriodFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("coordinator", True),
        ("trondheim_developer", True),
        ("stjordal_developer", True),
        ("viewer", True),
        ("site_admin", True),
        ("bardu_developer", False),
        ("other_coordinator", False),
        ("no_role", False),
    ],
)
def test_who_sees_the_regions_strategy_and_its_plans(role: str, sees: bool) -> None:
    user = user_with(role)
    plan = ActionPlanFactory.create(municipality=Municipality.objects.get(number="5035"))

    assert (plan.strategy in strategy_list_for(user=user)) is sees
    assert (plan in action_plan_list_for(user=user)) is sees
    if sees:
        assert strategy_get_for(user=user, pk=plan.strategy.pk) == plan.strategy
        assert action_plan_get_for(user=user, pk=plan.pk) == plan
    else:
        with pytest.raises(Http404):
            strategy_get_for(user=user, pk=plan.strategy.pk)
        with pytest.raises(Http404):
            action_plan_get_for(user=user, pk=plan.pk)


def test_a_strategy_of_another_region_is_hidden_from_the_coordinator(coordinator) -> None:
    other = StrategyFactory.create(region=Region.objects.get(slug="sor-troms"))

    assert other not in strategy_list_for(user=coordinator)


def test_the_measure_list_has_a_fixed_number_of_queries(
    coordinator, django_assert_max_num_queries
) -> None:
    strategy = StrategyFactory.create()
    goals = [GoalFactory.create(focus_area__strategy=strategy) for _ in range(3)]
    plans = [
        ActionPlanFactory.create(
            strategy=strategy, municipality=Municipality.objects.get(number=number)
        )
        for number in ("5001", "5035", "5031")
    ]
    for i in range(300):
        MeasureFactory.create(action_plan=plans[i % 3], goals=goals[: 1 + i % 3])

    with django_assert_max_num_queries(8):
        rows = [
            (
                m.action_plan.municipality.name,
                [g.focus_area.name for g in m.goals.all()],
                list(m.partner_municipalities.all()),
                m.owner,
            )
            for m in measure_list_for(user=coordinator, strategy=strategy)
        ]

    assert len(rows) == 300


def test_progress_shows_indicator_status_measures_per_municipality_and_goals_without_measures(
    coordinator, django_assert_max_num_queries
) -> None:
    strategy = StrategyFactory.create()
    served = GoalFactory.create(focus_area__strategy=strategy, title="1000 teknologiselskap")
    lonely = GoalFactory.create(
        focus_area__strategy=strategy, title="Internasjonalt anerkjent matregion"
    )
    indicator = GoalIndicatorFactory.create(goal=served)
    IndicatorReadingFactory.create(
        indicator=indicator, date=datetime.date(2023, 1, 1), value=Decimal(900)
    )
    for number in ("5001", "5035"):
        plan = ActionPlanFactory.create(
            strategy=strategy, municipality=Municipality.objects.get(number=number)
        )
        for _ in range(50):
            MeasureFactory.create(action_plan=plan, goals=[served])

    with django_assert_max_num_queries(12):
        progress = strategy_progress(
            strategy=strategy, user=coordinator, today=datetime.date(2023, 6, 1)
        )
        goal = next(g for g in progress.goals if g.goal == served)
        assert [item.assessment.status for item in goal.indicators] == [Status.ON_TRACK]
        assert {name: len(ms) for name, ms in goal.measures_by_municipality.items()} == {
            Municipality.objects.get(number="5035").name: 50,
            Municipality.objects.get(number="5001").name: 50,
        }
        assert [g.goal for g in progress.goals_without_measures] == [lonely]


def test_reporting_overview_groups_due_and_overdue_by_person_and_municipality(
    coordinator, trondheim_developer
) -> None:
    period = ReportingPeriodFactory.create()
    trondheim = ActionPlanFactory.create(strategy=period.strategy)
    stjordal = ActionPlanFactory.create(
        strategy=period.strategy, municipality=Municipality.objects.get(number="5035")
    )
    reported = MeasureFactory.create(
        action_plan=trondheim, owner=trondheim_developer, status=Measure.Status.ONGOING
    )
    ProgressNoteFactory.create(measure=reported, date=datetime.date(2025, 5, 10))
    silent = MeasureFactory.create(action_plan=trondheim, owner=trondheim_developer)
    MeasureFactory.create(action_plan=stjordal, owner_name="Næringssjefen i Stjørdal")
    MeasureFactory.create(action_plan=stjordal, status=Measure.Status.DONE)
    MeasureFactory.create(action_plan=stjordal, start_date=datetime.date(2025, 9, 1))

    before_due = reporting_overview(
        period=period, user=coordinator, today=datetime.date(2025, 5, 1), no_owner_label="–"
    )
    after_due = reporting_overview(
        period=period, user=coordinator, today=datetime.date(2025, 6, 1), no_owner_label="–"
    )

    states = {item.measure.pk: item.state for item in after_due.items}
    assert len(states) == 3  # done and not-yet-started measures have nothing to report
    assert (states[reported.pk], states[silent.pk]) == ("reported", "overdue")
    assert sorted(item.state for item in before_due.items) == ["due", "due", "reported"]
    by_person = {
        group.label: (group.reported, group.due, group.overdue) for group in after_due.by_person
    }
    assert by_person == {str(trondheim_developer): (1, 0, 1), "Næringssjefen i Stjørdal": (0, 0, 1)}
    by_municipality = {group.label: group.overdue for group in after_due.by_municipality}
    assert by_municipality == {trondheim.municipality.name: 1, stjordal.municipality.name: 1}


def test_synergies_pair_similar_measures_of_different_municipalities(coordinator) -> None:
    strategy = StrategyFactory.create()
    goal = GoalFactory.create(focus_area__strategy=strategy)
    trondheim = ActionPlanFactory.create(strategy=strategy)
    stjordal = ActionPlanFactory.create(
        strategy=strategy, municipality=Municipality.objects.get(number="5035")
    )
    first = MeasureFactory.create(
        action_plan=trondheim, title="Rekruttering av ingeniører", goals=[goal]
    )
    MeasureFactory.create(
        action_plan=trondheim, title="Rekruttere ingeniører til havbruk", goals=[goal]
    )
    second = MeasureFactory.create(
        action_plan=stjordal, title="Rekruttere ingeniørkompetanse", goals=[goal]
    )
    MeasureFactory.create(action_plan=stjordal, title="Matfestival på Hell", goals=[goal])

    synergies = synergies_for(strategy=strategy, user=coordinator)

    pairs = [{s.first.pk, s.second.pk} for s in synergies]
    assert {first.pk, second.pk} in pairs
    assert all(s.first.action_plan_id != s.second.action_plan_id for s in synergies)
    assert synergies[0].shared_goals == (goal,)

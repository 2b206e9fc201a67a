"""The demo strategy (seed 001) loads through the services, is marked, and loads again cleanly."""

import datetime
from decimal import Decimal

import pytest

from samspill.demo.users import demo_users_create
from samspill.strategy.changes import snapshot_changes
from samspill.strategy.demo import demo_strategy_load
from samspill.strategy.models import ActionPlan, GoalIndicator, Measure, Strategy
from samspill.strategy.selectors import report_previous, strategy_snapshot, synergies_for

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 22)


@pytest.fixture
def strategy() -> Strategy:
    demo_users_create()
    return demo_strategy_load(today=TODAY)


def test_the_six_focus_areas_and_the_seeds_targets(strategy: Strategy) -> None:
    names = list(strategy.focus_areas.values_list("name", flat=True))

    assert names == [
        "Arbeidskraft",
        "Teknologi",
        "Forskning og innovasjon",
        "Kommunene selv",
        "Opplevelser",
        "Bioøkonomi",
    ]
    goals = set(strategy.focus_areas.values_list("goals__title", flat=True))
    assert "1000 tekno-selskap (800 i dag) med 20 000 ansatte i 2025" in goals
    assert "Nå topp 15 på EUs Regional Innovation Scoreboard" in goals
    assert "Tilstrekkelig med egnede næringsareal og attraktive boligtomter" in goals
    companies = GoalIndicator.objects.get(
        goal__focus_area__strategy=strategy, name="Tekno-selskap i regionen"
    )
    assert (companies.baseline_value, companies.target_value) == (Decimal(800), Decimal(1000))


def test_example_plans_are_marked_and_cover_three_municipalities(strategy: Strategy) -> None:
    plans = ActionPlan.objects.filter(strategy=strategy)

    assert sorted(plans.values_list("municipality__number", flat=True)) == ["5001", "5031", "5035"]
    assert all(plan.is_example and "eksempel" in plan.title for plan in plans)
    assert Measure.objects.filter(action_plan__strategy=strategy).count() >= 10


def test_bound_indicators_have_real_readings(strategy: Strategy) -> None:
    population = GoalIndicator.objects.get(
        goal__focus_area__strategy=strategy, name="Innbyggere i regionen"
    )

    assert population.readings.filter(origin="statistics").count() >= 3
    assert population.baseline_value > 300_000


def test_the_live_report_has_changes_since_the_saved_one(strategy: Strategy) -> None:
    previous = report_previous(strategy=strategy)
    assert previous is not None

    changes = snapshot_changes(previous.snapshot, strategy_snapshot(strategy=strategy, today=TODAY))

    assert [m["title"] for m in changes.new_measures] == ["Digital næringsportal for hele regionen"]
    assert {c.title for c in changes.status_changes} == {
        "Kartlegge ledige næringsarealer ved Værnes",
        "Innovative anskaffelser: kommunen som krevende kunde",
    }
    assert any(m.name == "Tekno-selskap i regionen" for m in changes.indicator_movements)


def test_indicators_bound_to_statistics_did_not_move_since_the_saved_report(
    strategy: Strategy,
) -> None:
    """Only the reading typed by hand after the report moved; the statistics existed already and
    were not "missing data → off track" (the report used to be saved before the import)."""
    previous = report_previous(strategy=strategy)
    assert previous is not None
    bound = set(
        GoalIndicator.objects.filter(goal__focus_area__strategy=strategy)
        .exclude(statistic="")
        .values_list("name", flat=True)
    )
    assert bound

    changes = snapshot_changes(previous.snapshot, strategy_snapshot(strategy=strategy, today=TODAY))

    assert [m.name for m in changes.indicator_movements] == ["Tekno-selskap i regionen"]
    assert all(
        previous.snapshot["indicators"][key]["value"] is not None
        for key, item in previous.snapshot["indicators"].items()
        if item["name"] in bound
    )


def test_synergies_join_the_similar_measures(strategy: Strategy) -> None:
    from samspill.accounts.models import User

    pairs = {
        frozenset((s.first.title, s.second.title))
        for s in synergies_for(strategy=strategy, user=User.objects.get(username="koordinator"))
    }

    assert (
        frozenset(
            (
                "Rekruttering av ingeniører til teknologibedriftene",
                "Rekruttere ingeniørkompetanse til industrien ved Værnes",
            )
        )
        in pairs
    )
    assert (
        frozenset(("Jobbmesse for elever i videregående skole", "Jobbmesse for elever i Stjørdal"))
        in pairs
    )


def test_loading_again_replaces_the_demo_instead_of_duplicating_it(strategy: Strategy) -> None:
    demo_strategy_load(today=TODAY)

    assert Strategy.objects.filter(title=strategy.title).count() == 1
    assert ActionPlan.objects.filter(strategy__title=strategy.title).count() == 3


def test_the_demo_publishes_its_progress_with_public_notes_only(strategy: Strategy) -> None:
    from django.test import Client

    assert strategy.is_published
    page = Client().get(strategy.get_public_url()).content.decode()
    assert "Kampanjen er i gang; 12 bedrifter deltar." in page
    assert "Eksempel" in page  # the example plans are marked on the public page too

"""Writes: who may write what, validation messages per field, audit entries."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from samspill.audit.selectors import audit_entries_for
from samspill.core.exceptions import PermissionDeniedError
from samspill.regions.models import Municipality, Region
from samspill.strategy.models import GoalIndicator, IndicatorReading, Measure, StrategyReport
from samspill.strategy.services import (
    action_plan_create,
    focus_area_create,
    goal_create,
    indicator_create,
    measure_create,
    measure_set_status,
    measure_update,
    progress_note_add,
    reading_record,
    report_create,
    reporting_period_create,
    strategy_create,
)
from tests.strategy.conftest import user_with
from tests.strategy.factories import (
    ActionPlanFactory,
    GoalFactory,
    GoalIndicatorFactory,
    MeasureFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db

STRATEGY_WRITERS = [
    ("coordinator", True),
    ("site_admin", True),
    ("other_coordinator", False),
    ("trondheim_developer", False),
    ("viewer", False),
    ("no_role", False),
]

PLAN_WRITERS_FOR_TRONDHEIM = [
    ("trondheim_developer", True),
    ("coordinator", True),
    ("site_admin", True),
    ("stjordal_developer", False),
    ("bardu_developer", False),
    ("other_coordinator", False),
    ("viewer", False),
    ("no_role", False),
]


def _indicator_values(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": "Teknologiselskap i regionen",
        "unit": "selskap",
        "direction": GoalIndicator.Direction.UP,
        "baseline_value": Decimal(800),
        "baseline_date": datetime.date(2022, 1, 1),
        "target_value": Decimal(1000),
        "target_date": datetime.date(2025, 12, 31),
    }
    return values | overrides


@pytest.mark.parametrize(("role", "allowed"), STRATEGY_WRITERS)
def test_who_may_write_the_regions_strategy(role: str, allowed: bool) -> None:
    actor = user_with(role)
    region = Region.objects.get(slug="trondheimsregionen")

    if allowed:
        strategy = strategy_create(
            actor=actor,
            region=region,
            title="Verdiskapingsstrategi",
            period_start=2022,
            period_end=2030,
        )
        area = focus_area_create(actor=actor, strategy=strategy, name="Arbeidskraft")
        goal = goal_create(actor=actor, focus_area=area, title="Flere studenter blir i regionen")
        indicator = indicator_create(actor=actor, goal=goal, **_indicator_values())
        reading_record(
            actor=actor, indicator=indicator, date=datetime.date(2023, 1, 1), value=Decimal(850)
        )
        assert strategy.focus_areas.get().goals.get().indicators.get().readings.count() == 1
    else:
        with pytest.raises(PermissionDeniedError):
            strategy_create(
                actor=actor,
                region=region,
                title="Verdiskapingsstrategi",
                period_start=2022,
                period_end=2030,
            )
        goal = GoalFactory.create()
        with pytest.raises(PermissionDeniedError):
            goal_create(actor=actor, focus_area=goal.focus_area, title="Nytt mål")
        with pytest.raises(PermissionDeniedError):
            indicator_create(actor=actor, goal=goal, **_indicator_values())
        with pytest.raises(PermissionDeniedError):
            reading_record(
                actor=actor,
                indicator=GoalIndicatorFactory.create(goal=goal),
                date=datetime.date(2023, 1, 1),
                value=Decimal(1),
            )
        with pytest.raises(PermissionDeniedError):
            reporting_period_create(
                actor=actor,
                strategy=goal.focus_area.strategy,
                name="T1",
                start=datetime.date(2025, 1, 1),
                end=datetime.date(2025, 4, 30),
                due_date=datetime.date(2025, 5, 15),
            )
        with pytest.raises(PermissionDeniedError):
            report_create(
                actor=actor,
                strategy=goal.focus_area.strategy,
                title="R",
                as_of=datetime.date(2025, 1, 1),
            )


@pytest.mark.parametrize(("role", "allowed"), PLAN_WRITERS_FOR_TRONDHEIM)
def test_who_may_write_trondheims_action_plan(role: str, allowed: bool) -> None:
    actor = user_with(role)
    strategy = StrategyFactory.create()
    goal = GoalFactory.create(focus_area__strategy=strategy)
    trondheim = Municipality.objects.get(number="5001")
    existing = MeasureFactory.create(
        action_plan__strategy=strategy, action_plan__municipality=trondheim, goals=[goal]
    )

    if allowed:
        plan = action_plan_create(
            actor=actor,
            strategy=strategy,
            municipality=trondheim,
            title="Handlingsplan",
            period_start=2095,
            period_end=2096,
        )
        measure = measure_create(
            actor=actor,
            plan=plan,
            title="Jobbmesse",
            goals=[goal],
            start_date=datetime.date(2030, 1, 1),
            deadline=datetime.date(2030, 6, 1),
        )
        measure_set_status(actor=actor, measure=existing, status=Measure.Status.ONGOING)
        progress_note_add(
            actor=actor, measure=existing, date=datetime.date(2025, 2, 1), text="Godt i gang."
        )
        assert plan.measures.get() == measure
        assert existing.progress_notes.count() == 1
    else:
        with pytest.raises(PermissionDeniedError):
            action_plan_create(
                actor=actor,
                strategy=strategy,
                municipality=trondheim,
                title="Handlingsplan",
                period_start=2095,
                period_end=2096,
            )
        with pytest.raises(PermissionDeniedError):
            measure_create(
                actor=actor,
                plan=existing.action_plan,
                title="Jobbmesse",
                goals=[goal],
                start_date=datetime.date(2030, 1, 1),
                deadline=datetime.date(2030, 6, 1),
            )
        with pytest.raises(PermissionDeniedError):
            measure_set_status(actor=actor, measure=existing, status=Measure.Status.DONE)
        with pytest.raises(PermissionDeniedError):
            progress_note_add(
                actor=actor, measure=existing, date=datetime.date(2025, 2, 1), text="Hei"
            )
        existing.refresh_from_db()
        assert existing.status == Measure.Status.PLANNED


def test_a_plan_for_a_municipality_outside_the_region_is_rejected_next_to_the_field() -> None:
    admin = user_with("site_admin")

    with pytest.raises(ValidationError) as error:
        action_plan_create(
            actor=admin,
            strategy=StrategyFactory.create(),
            municipality=Municipality.objects.get(number="5520"),
            title="Bardu",
            period_start=2025,
            period_end=2026,
        )

    assert "municipality" in error.value.message_dict


def test_a_measure_without_a_goal_is_rejected_next_to_the_goals_field(trondheim_developer) -> None:
    plan = ActionPlanFactory.create()

    with pytest.raises(ValidationError) as error:
        measure_create(
            actor=trondheim_developer,
            plan=plan,
            title="Tiltak uten mål",
            goals=[],
            start_date=datetime.date(2025, 1, 1),
            deadline=datetime.date(2025, 6, 1),
        )

    assert error.value.message_dict["goals"] == ["Knytt tiltaket til minst ett mål i strategien."]
    assert not plan.measures.exists()


def test_a_goal_from_another_strategy_is_rejected(trondheim_developer) -> None:
    plan = ActionPlanFactory.create()

    with pytest.raises(ValidationError) as error:
        measure_create(
            actor=trondheim_developer,
            plan=plan,
            title="Tiltak",
            goals=[GoalFactory.create()],
            start_date=datetime.date(2025, 1, 1),
            deadline=datetime.date(2025, 6, 1),
        )

    assert "hører ikke til strategien" in error.value.message_dict["goals"][0]


def test_a_deadline_before_the_start_is_rejected_next_to_the_deadline(trondheim_developer) -> None:
    plan = ActionPlanFactory.create()
    goal = GoalFactory.create(focus_area__strategy=plan.strategy)

    with pytest.raises(ValidationError) as error:
        measure_create(
            actor=trondheim_developer,
            plan=plan,
            title="Baklengs",
            goals=[goal],
            start_date=datetime.date(2025, 6, 1),
            deadline=datetime.date(2025, 1, 1),
        )

    assert error.value.message_dict["deadline"] == ["Fristen kan ikke være før start."]


def test_a_target_typed_in_another_unit_is_rejected_next_to_the_target(coordinator) -> None:
    goal = GoalFactory.create()

    with pytest.raises(ValidationError) as error:
        indicator_create(actor=coordinator, goal=goal, target_unit="%", **_indicator_values())

    assert "«%»" in error.value.message_dict["target_value"][0]
    assert "«selskap»" in error.value.message_dict["target_value"][0]


def test_a_target_against_the_direction_is_rejected(coordinator) -> None:
    with pytest.raises(ValidationError) as error:
        indicator_create(
            actor=coordinator,
            goal=GoalFactory.create(),
            **_indicator_values(target_value=Decimal(700)),
        )

    assert "retningen er «opp»" in error.value.message_dict["target_value"][0]


def test_a_deadline_before_the_baseline_is_rejected(coordinator) -> None:
    with pytest.raises(ValidationError) as error:
        indicator_create(
            actor=coordinator,
            goal=GoalFactory.create(),
            **_indicator_values(target_date=datetime.date(2021, 1, 1)),
        )

    assert "target_date" in error.value.message_dict


def test_a_reading_in_another_unit_or_before_the_baseline_is_rejected(coordinator) -> None:
    indicator = GoalIndicatorFactory.create(unit="ansatte")

    with pytest.raises(ValidationError) as unit_error:
        reading_record(
            actor=coordinator,
            indicator=indicator,
            date=datetime.date(2023, 1, 1),
            value=Decimal(5),
            unit="%",
        )
    with pytest.raises(ValidationError) as date_error:
        reading_record(
            actor=coordinator, indicator=indicator, date=datetime.date(2020, 1, 1), value=Decimal(5)
        )

    assert "value" in unit_error.value.message_dict
    assert "date" in date_error.value.message_dict


def test_recording_a_reading_twice_on_a_date_corrects_it(coordinator) -> None:
    indicator = GoalIndicatorFactory.create()

    reading_record(
        actor=coordinator, indicator=indicator, date=datetime.date(2023, 1, 1), value=Decimal(850)
    )
    reading_record(
        actor=coordinator,
        indicator=indicator,
        date=datetime.date(2023, 1, 1),
        value=Decimal(860),
        note="Rettet",
    )

    reading = IndicatorReading.objects.get(indicator=indicator)
    assert (reading.value, reading.note) == (Decimal(860), "Rettet")


def test_changing_a_measure_records_who_changed_what(trondheim_developer) -> None:
    measure = MeasureFactory.create(title="Jobbmesse")
    goal = measure.goals.get()

    measure_update(
        actor=trondheim_developer,
        measure=measure,
        title="Jobbmesse for elever",
        goals=[goal],
        start_date=measure.start_date,
        deadline=measure.deadline,
        description="",
        owner=trondheim_developer,
        owner_name="",
        partner_municipalities=[Municipality.objects.get(number="5035")],
        partners="NTNU, Næringsforeningen i Trondheimsregionen",
        budget=Decimal(250000),
        status=Measure.Status.ONGOING,
        role=Measure.Role.REGIONAL,
    )

    entry = audit_entries_for(subject=measure).first()
    assert entry is not None
    assert entry.actor == trondheim_developer
    assert entry.changes["title"] == ["Jobbmesse", "Jobbmesse for elever"]
    assert entry.changes["status"] == ["planned", "ongoing"]
    measure.refresh_from_db()
    assert measure.partner_list == ["NTNU", "Næringsforeningen i Trondheimsregionen"]


def test_a_progress_note_can_move_the_status(trondheim_developer) -> None:
    measure = MeasureFactory.create()

    progress_note_add(
        actor=trondheim_developer,
        measure=measure,
        date=datetime.date(2025, 3, 1),
        text="Ferdig.",
        status=Measure.Status.DONE,
    )

    measure.refresh_from_db()
    assert measure.status == Measure.Status.DONE


def test_an_empty_progress_note_is_rejected(trondheim_developer) -> None:
    with pytest.raises(ValidationError) as error:
        progress_note_add(
            actor=trondheim_developer,
            measure=MeasureFactory.create(),
            date=datetime.date(2025, 3, 1),
            text="  ",
        )

    assert "text" in error.value.message_dict


def test_a_report_freezes_the_status_of_measures_and_indicators(coordinator) -> None:
    strategy = StrategyFactory.create()
    measure = MeasureFactory.create(action_plan__strategy=strategy, status=Measure.Status.ONGOING)
    indicator = GoalIndicatorFactory.create(goal=measure.goals.get())

    report = report_create(
        actor=coordinator,
        strategy=strategy,
        title="Status juni 2025",
        as_of=datetime.date(2025, 6, 30),
    )

    report = StrategyReport.objects.get(pk=report.pk)
    assert report.snapshot["measures"][str(measure.pk)]["status"] == "ongoing"
    assert report.snapshot["indicators"][str(indicator.pk)]["status"] == "no_data"


def test_a_reporting_period_that_ends_before_it_starts_is_rejected(coordinator) -> None:
    with pytest.raises(ValidationError) as error:
        reporting_period_create(
            actor=coordinator,
            strategy=StrategyFactory.create(),
            name="Feil",
            start=datetime.date(2025, 5, 1),
            end=datetime.date(2025, 1, 1),
            due_date=datetime.date(2025, 6, 1),
        )

    assert "end" in error.value.message_dict


def test_focus_areas_are_numbered_in_order(coordinator) -> None:
    strategy = StrategyFactory.create()

    first = focus_area_create(actor=coordinator, strategy=strategy, name="Arbeidskraft")
    second = focus_area_create(actor=coordinator, strategy=strategy, name="Teknologi")

    assert (first.position, second.position) == (1, 2)

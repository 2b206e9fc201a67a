"""Factories for strategies, goals, indicators, plans and measures (Trondheimsregionen by default)."""

# factory_boy's declarations are untyped and not re-exported explicitly; tests call `.create()`,
# which is typed, so only this module needs the relief.
# mypy: disable-error-code="no-untyped-call,attr-defined,untyped-decorator"

import datetime
from decimal import Decimal

import factory

from samspill.regions.models import Municipality, Region
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
)


class StrategyFactory(factory.django.DjangoModelFactory[Strategy]):
    class Meta:
        model = Strategy

    region = factory.LazyFunction(lambda: Region.objects.get(slug="trondheimsregionen"))
    title = factory.Sequence(lambda n: f"Verdiskapingsstrategi {n}")
    period_start = 2022
    period_end = 2030


class FocusAreaFactory(factory.django.DjangoModelFactory[FocusArea]):
    class Meta:
        model = FocusArea

    strategy = factory.SubFactory(StrategyFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Innsatsområde {n}")


class GoalFactory(factory.django.DjangoModelFactory[Goal]):
    class Meta:
        model = Goal

    focus_area = factory.SubFactory(FocusAreaFactory)
    title = factory.Sequence(lambda n: f"Mål {n}")


class GoalIndicatorFactory(factory.django.DjangoModelFactory[GoalIndicator]):
    class Meta:
        model = GoalIndicator

    goal = factory.SubFactory(GoalFactory)
    name = factory.Sequence(lambda n: f"Indikator {n}")
    unit = "selskap"
    direction = GoalIndicator.Direction.UP
    baseline_value = Decimal(800)
    baseline_date = datetime.date(2022, 1, 1)
    target_value = Decimal(1000)
    target_date = datetime.date(2025, 12, 31)


class IndicatorReadingFactory(factory.django.DjangoModelFactory[IndicatorReading]):
    class Meta:
        model = IndicatorReading

    indicator = factory.SubFactory(GoalIndicatorFactory)
    date = datetime.date(2023, 1, 1)
    value = Decimal(850)


class ActionPlanFactory(factory.django.DjangoModelFactory[ActionPlan]):
    class Meta:
        model = ActionPlan

    strategy = factory.SubFactory(StrategyFactory)
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(number="5001"))
    title = factory.LazyAttribute(lambda plan: f"Handlingsplan {plan.municipality.name}")
    period_start = factory.Sequence(lambda n: 2023 + n % 50)
    period_end = factory.LazyAttribute(lambda plan: plan.period_start + 2)


class MeasureFactory(factory.django.DjangoModelFactory[Measure]):
    class Meta:
        model = Measure
        skip_postgeneration_save = True

    action_plan = factory.SubFactory(ActionPlanFactory)
    title = factory.Sequence(lambda n: f"Tiltak {n}")
    start_date = datetime.date(2024, 1, 1)
    deadline = datetime.date(2025, 12, 31)

    @factory.post_generation
    def goals(self, create: bool, extracted: list[Goal] | None, **kwargs: object) -> None:
        if not create:
            return
        self.goals.set(
            extracted or [GoalFactory.create(focus_area__strategy=self.action_plan.strategy)]
        )


class ProgressNoteFactory(factory.django.DjangoModelFactory[ProgressNote]):
    class Meta:
        model = ProgressNote

    measure = factory.SubFactory(MeasureFactory)
    date = datetime.date(2025, 3, 1)
    text = "Gjennomført første workshop."


class ReportingPeriodFactory(factory.django.DjangoModelFactory[ReportingPeriod]):
    class Meta:
        model = ReportingPeriod

    strategy = factory.SubFactory(StrategyFactory)
    name = "1. tertial 2025"
    start = datetime.date(2025, 1, 1)
    end = datetime.date(2025, 4, 30)
    due_date = datetime.date(2025, 5, 15)

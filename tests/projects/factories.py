"""Factories for projects and phases (Trondheimsregionen, touching Stjørdal, by default)."""

# factory_boy's declarations are untyped and not re-exported explicitly; tests call `.create()`,
# which is typed, so only this module needs the relief.
# mypy: disable-error-code="no-untyped-call,attr-defined,untyped-decorator"

import datetime
from decimal import Decimal
from typing import Any

import factory

from samspill.projects.models import Opportunity, Phase, Project
from samspill.regions.models import Municipality, Region


class ProjectFactory(factory.django.DjangoModelFactory[Project]):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    region = factory.LazyFunction(lambda: Region.objects.get(slug="trondheimsregionen"))
    key = factory.Sequence(lambda n: f"prosjekt-{n}")
    name = factory.Sequence(lambda n: f"Prosjekt {n}")
    kind = "road"
    status = "planning"
    owner_name = "Nye Veier AS"
    geometry = factory.LazyFunction(
        lambda: {"type": "LineString", "coordinates": [[10.898, 63.445], [10.925, 63.463]]}
    )
    bbox = factory.LazyFunction(lambda: [10.898, 63.445, 10.925, 63.463])
    construction_person_years = Decimal("100")

    @factory.post_generation
    def municipalities(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        chosen = extracted or [Municipality.objects.get(number="5035")]
        self.municipalities.set(chosen)


class PhaseFactory(factory.django.DjangoModelFactory[Phase]):
    class Meta:
        model = Phase

    project = factory.SubFactory(ProjectFactory)
    kind = "construction"
    start = datetime.date(2026, 1, 1)
    start_precision = "quarter"
    end = datetime.date(2027, 12, 31)
    end_precision = "year"


class OpportunityFactory(factory.django.DjangoModelFactory[Opportunity]):
    class Meta:
        model = Opportunity
        skip_postgeneration_save = True

    region = factory.LazyFunction(lambda: Region.objects.get(slug="trondheimsregionen"))
    title = factory.Sequence(lambda n: f"Mulighet {n}")
    kind = "suppliers"

    @factory.post_generation
    def projects(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            self.projects.set(extracted or [ProjectFactory.create()])

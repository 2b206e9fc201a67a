"""Factories for municipalities and regions. Numbers from 9000 up never clash with real ones."""

import datetime

import factory

from samspill.regions.models import Municipality, Region, RegionMembership


class MunicipalityFactory(factory.django.DjangoModelFactory[Municipality]):
    class Meta:
        model = Municipality

    number = factory.Sequence(lambda n: f"{9000 + n % 1000:04d}")
    name = factory.Faker("city", locale="no_NO")
    county_number = "99"
    county_name = "Testfylke"


class RegionFactory(factory.django.DjangoModelFactory[Region]):
    class Meta:
        model = Region

    slug = factory.Sequence(lambda n: f"testregion-{n}")
    name = factory.Sequence(lambda n: f"Testregion {n}")
    kind = Region.Kind.PROJECT_REGION


class RegionMembershipFactory(factory.django.DjangoModelFactory[RegionMembership]):
    class Meta:
        model = RegionMembership

    region = factory.SubFactory(RegionFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    valid_from = datetime.date(2020, 1, 1)

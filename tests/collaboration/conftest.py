"""A Sør-Troms project with a person in every role the rights talk about, and population figures."""

import datetime
from dataclasses import dataclass

import pytest

from samspill.accounts.models import User
from samspill.collaboration import services
from samspill.collaboration.models import Project
from samspill.regions.models import Municipality, Region
from samspill.stats.models import Observation, Series
from samspill.stats.selectors import POPULATION
from tests.accounts.factories import (
    BusinessDeveloperRoleFactory,
    CoordinatorRoleFactory,
    UserFactory,
    ViewerRoleFactory,
)

NUMBERS = ["5520", "5516", "5518", "5522"]  # Bardu, Gratangen, Lavangen, Salangen
POPULATION_2018 = {"5520": 4000, "5516": 1100, "5518": 1050, "5522": 2200}
POPULATION_2017 = {"5520": 3990, "5516": 1120, "5518": 1040, "5522": 2250}


@dataclass
class People:
    manager: User
    steering: User
    group_member: User
    outsider: User  # a business developer of a non-participating municipality (Trondheim)
    viewer: User  # a viewer of the region with no role in the project
    coordinator: User
    admin: User


def population_load(values: dict[int, dict[str, int]]) -> None:
    series, _created = Series.objects.get_or_create(
        code=POPULATION,
        defaults={"table_number": "07459", "contents": "Personer", "title": "Befolkning"},
    )
    for year, by_number in values.items():
        for number, value in by_number.items():
            Observation.objects.update_or_create(
                series=series,
                municipality=Municipality.objects.get(number=number),
                period=str(year),
                dimension_key="",
                defaults={"year": year, "value": value},
            )


@pytest.fixture
def population() -> None:
    population_load({2017: POPULATION_2017, 2018: POPULATION_2018})


@pytest.fixture
def project() -> Project:
    return services.project_create(
        actor=None,
        region=Region.objects.get(slug="sor-troms"),
        title="Næringsvennlig region – test",
        stage="pre_project",
        purpose="Formål",
        start_date=datetime.date(2017, 11, 1),
        end_date=datetime.date(2018, 4, 30),
        municipalities=list(Municipality.objects.filter(number__in=NUMBERS)),
    )


@pytest.fixture
def people(project: Project) -> People:
    def with_role(kind: str) -> User:
        user = UserFactory.create()
        services.role_add(actor=None, project=project, kind=kind, name=user.username, user=user)
        return user

    return People(
        manager=with_role("manager"),
        steering=with_role("steering"),
        group_member=with_role("group"),
        outsider=BusinessDeveloperRoleFactory.create(
            municipality=Municipality.objects.get(number="5001")
        ).user,
        viewer=ViewerRoleFactory.create(region=Region.objects.get(slug="sor-troms")).user,
        coordinator=CoordinatorRoleFactory.create(region=Region.objects.get(slug="sor-troms")).user,
        admin=UserFactory.create(is_superuser=True, is_staff=True),
    )

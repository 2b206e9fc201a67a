"""Users in each role the register's permissions talk about (Trondheimsregionen)."""

from typing import Any

import pytest

from samspill.accounts.models import User
from samspill.projects.periods import period_parse
from samspill.projects.services import ProjectInput
from samspill.regions.models import Municipality, Region
from tests.accounts.factories import (
    BusinessDeveloperRoleFactory,
    CoordinatorRoleFactory,
    UserFactory,
    ViewerRoleFactory,
)


def user_with(role: str) -> User:
    """A user with `role` in Trondheimsregionen (developers: Stjørdal, or Trondheim for "other")."""
    region = Region.objects.get(slug="trondheimsregionen")
    if role == "coordinator":
        return CoordinatorRoleFactory.create(region=region).user
    if role == "developer":
        return BusinessDeveloperRoleFactory.create(
            municipality=Municipality.objects.get(number="5035")
        ).user
    if role == "other_developer":  # Trondheim: a member, but not touched by the project
        return BusinessDeveloperRoleFactory.create(
            municipality=Municipality.objects.get(number="5001")
        ).user
    if role == "viewer":
        return ViewerRoleFactory.create(region=region).user
    if role == "outsider":  # coordinator of another region
        return CoordinatorRoleFactory.create(region=Region.objects.get(slug="sor-troms")).user
    if role == "admin":
        return UserFactory.create(is_superuser=True)
    raise AssertionError(role)


@pytest.fixture
def region() -> Region:
    return Region.objects.get(slug="trondheimsregionen")


@pytest.fixture
def stjordal() -> Municipality:
    return Municipality.objects.get(number="5035")


def project_input(**overrides: Any) -> ProjectInput:
    """A valid project in Stjørdal: E6 Værnes–Hell with its phases."""
    values: dict[str, Any] = {
        "name": "E6 Værnes–Hell",
        "kind": "road",
        "status": "planning",
        "owner_name": "Nye Veier AS",
        "municipality_ids": [Municipality.objects.get(number="5035").pk],
        "geometry": {
            "type": "LineString",
            "coordinates": [[10.898, 63.445], [10.906, 63.450], [10.925, 63.463]],
        },
        "phases": {
            "planning": (period_parse("2017"), period_parse("2019")),
            "construction": (period_parse("2025 K1"), period_parse("2027 K4")),
        },
        "construction_person_years": 160,
        "sources": {"owner": {"source": "Nye Veier", "date": "2016-03-01"}},
    }
    values.update(overrides)
    return ProjectInput(**values)

"""Users in every role the strategy permissions talk about."""

import pytest

from samspill.accounts.models import User
from samspill.regions.models import Municipality, Region
from tests.accounts.factories import (
    BusinessDeveloperRoleFactory,
    CoordinatorRoleFactory,
    UserFactory,
    ViewerRoleFactory,
)


def user_with(role: str) -> User:
    """A user holding `role` in Trondheimsregionen (or elsewhere, for the outsiders)."""
    if role == "coordinator":
        return CoordinatorRoleFactory.create(
            region=Region.objects.get(slug="trondheimsregionen")
        ).user
    if role == "other_coordinator":
        return CoordinatorRoleFactory.create(region=Region.objects.get(slug="sor-troms")).user
    if role == "trondheim_developer":
        return BusinessDeveloperRoleFactory.create(
            municipality=Municipality.objects.get(number="5001")
        ).user
    if role == "stjordal_developer":
        return BusinessDeveloperRoleFactory.create(
            municipality=Municipality.objects.get(number="5035")
        ).user
    if role == "bardu_developer":
        return BusinessDeveloperRoleFactory.create(
            municipality=Municipality.objects.get(number="5520")
        ).user
    if role == "viewer":
        return ViewerRoleFactory.create(region=Region.objects.get(slug="trondheimsregionen")).user
    if role == "site_admin":
        return UserFactory.create(is_superuser=True, is_staff=True)
    if role == "no_role":
        return UserFactory.create()
    raise ValueError(role)


@pytest.fixture
def coordinator(db: None) -> User:
    return user_with("coordinator")


@pytest.fixture
def trondheim_developer(db: None) -> User:
    return user_with("trondheim_developer")


@pytest.fixture
def stjordal_developer(db: None) -> User:
    return user_with("stjordal_developer")


@pytest.fixture
def viewer(db: None) -> User:
    return user_with("viewer")

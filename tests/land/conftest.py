"""Users in each role the land register's permissions talk about (Trondheimsregionen)."""

import pytest

from samspill.accounts.models import User
from samspill.regions.models import Municipality, Region
from tests.accounts.factories import (
    BusinessDeveloperRoleFactory,
    CoordinatorRoleFactory,
    UserFactory,
)


@pytest.fixture
def stjordal_developer() -> User:
    return BusinessDeveloperRoleFactory.create(
        municipality=Municipality.objects.get(number="5035")
    ).user


@pytest.fixture
def malvik_developer() -> User:
    return BusinessDeveloperRoleFactory.create(
        municipality=Municipality.objects.get(number="5031")
    ).user


@pytest.fixture
def coordinator() -> User:
    return CoordinatorRoleFactory.create(region=Region.objects.get(slug="trondheimsregionen")).user


@pytest.fixture
def outsider() -> User:
    """Bardu's developer: signed in, but no role in Trondheimsregionen."""
    return BusinessDeveloperRoleFactory.create(
        municipality=Municipality.objects.get(number="5520")
    ).user


@pytest.fixture
def plain_user() -> User:
    return UserFactory.create()

"""Users in each role the document permissions talk about, and a private MEDIA_ROOT."""

from pathlib import Path

import pytest

from samspill.accounts.models import User
from samspill.regions.models import Municipality, Region
from tests.accounts.factories import (
    BusinessDeveloperRoleFactory,
    CoordinatorRoleFactory,
    UserFactory,
    ViewerRoleFactory,
)


@pytest.fixture(autouse=True)
def media_root(settings: pytest.FixtureRequest, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)  # type: ignore[attr-defined]
    return root


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def user_with(role: str) -> User:
    """A user holding `role` in Sør-Troms (Bardu), or outside it."""
    sor_troms = Region.objects.get(slug="sor-troms")
    if role == "coordinator":
        return CoordinatorRoleFactory.create(region=sor_troms).user
    if role == "developer":  # Bardu, a member of Sør-Troms
        return BusinessDeveloperRoleFactory.create(
            municipality=Municipality.objects.get(number="5520")
        ).user
    if role == "viewer":
        return ViewerRoleFactory.create(region=sor_troms).user
    if role == "outsider":  # Trondheim's developer
        return BusinessDeveloperRoleFactory.create(
            municipality=Municipality.objects.get(number="5001")
        ).user
    if role == "admin":
        return UserFactory.create(is_superuser=True, is_staff=True)
    raise AssertionError(role)


@pytest.fixture
def coordinator() -> User:
    return user_with("coordinator")


@pytest.fixture
def developer() -> User:
    return user_with("developer")


@pytest.fixture
def viewer() -> User:
    return user_with("viewer")


@pytest.fixture
def outsider() -> User:
    return user_with("outsider")

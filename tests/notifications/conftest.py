"""People around one Sør-Troms document: a follower in Bardu, a colleague in Salangen who uploads,
an outsider in Trondheim; a private MEDIA_ROOT for uploads."""

from pathlib import Path

import pytest

from samspill.accounts.models import User
from samspill.knowledge import services as knowledge
from samspill.knowledge.models import Document
from samspill.notifications import services
from samspill.regions.models import Municipality, Region
from tests.accounts.factories import (
    BusinessDeveloperRoleFactory,
    CoordinatorRoleFactory,
    UserFactory,
    ViewerRoleFactory,
)
from tests.knowledge.conftest import user_with

BARDU, SALANGEN, TRONDHEIM = "5520", "5522", "5001"


@pytest.fixture(autouse=True)
def media_root(settings: pytest.FixtureRequest, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)  # type: ignore[attr-defined]
    return root


def developer_of(number: str) -> User:
    return BusinessDeveloperRoleFactory.create(
        municipality=Municipality.objects.get(number=number)
    ).user


@pytest.fixture
def follower() -> User:
    return developer_of(BARDU)


@pytest.fixture
def colleague() -> User:
    return developer_of(SALANGEN)


@pytest.fixture
def outsider() -> User:
    return user_with("outsider")


@pytest.fixture
def coordinator() -> User:
    return user_with("coordinator")


@pytest.fixture
def document(colleague: User) -> Document:
    from samspill.regions.models import Region

    return knowledge.document_create(
        actor=colleague,
        region=Region.objects.get(slug="sor-troms"),
        title="Verkstednotat Salangen",
        body_markdown="# Næringsarealer\n\nFørste versjon.",
    )


def new_version(actor: User, document: Document, text: str = "Ny tekst.", note: str = "") -> None:
    knowledge.document_version_add(
        actor=actor, document=document, body_markdown=f"# Notat\n\n{text}", note=note
    )


def worker() -> int:
    """What the task worker does after a write commits: fan its events out to those concerned."""
    return services.events_fan_out_pending()


def people_of_every_role() -> dict[str, User]:
    """One person per role that decides access, in Sør-Troms, Trondheimsregionen or neither."""
    sor_troms = Region.objects.get(slug="sor-troms")
    trondheimsregionen = Region.objects.get(slug="trondheimsregionen")
    return {
        "admin": UserFactory.create(is_superuser=True, is_staff=True),
        "coordinator_st": CoordinatorRoleFactory.create(region=sor_troms).user,
        "coordinator_tr": CoordinatorRoleFactory.create(region=trondheimsregionen).user,
        "developer_bardu": developer_of("5520"),
        "developer_trondheim": developer_of("5001"),
        "viewer_region_st": ViewerRoleFactory.create(region=sor_troms).user,
        "viewer_trondheim": ViewerRoleFactory.create(
            region=None, municipality=Municipality.objects.get(number="5001")
        ).user,
        "no_role": UserFactory.create(),
        "group_member": UserFactory.create(),
        "registrant": UserFactory.create(),
        "adviser": UserFactory.create(),
    }

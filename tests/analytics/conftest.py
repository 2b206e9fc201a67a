"""Analytics tests are pure: no database, data read from ../shared beside the repository."""

from collections.abc import Iterator
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture(autouse=True)
def no_database_access(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail any analytics test that opens a database connection (pytest-django's blocker)."""
    if not request.config.pluginmanager.hasplugin("django"):  # pragma: no cover - plugin absent
        yield
        return
    blocker = request.getfixturevalue("django_db_blocker")
    with blocker.block():
        yield


@pytest.fixture
def shared() -> Path:
    return SHARED

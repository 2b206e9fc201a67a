"""Test-wide setup: environment defaults, fast password hashing and shared scenarios."""

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_DIR = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_DIR.parent / "shared"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _bokmal_by_default() -> Iterator[None]:
    """Each test starts in bokmål; a request to /en/ must not leak English into the next test."""
    from django.utils import translation

    translation.activate("nb")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache: rate-limit counts are keyed by user ids, which the
    next test reuses after its rollback."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def shared_dir() -> Path:
    """The real public data beside the repository (../shared)."""
    return SHARED_DIR


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> None:
    """Load the real reference data once per test database: every municipality and the demo regions.

    Tests see Norway as it is, like users do; each test's own writes are rolled back after it.
    """
    from django.core.management import call_command

    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        call_command("import_municipalities", verbosity=0)
        call_command("import_regions", str(REPO_DIR / "demo" / "regions.csv"), verbosity=0)
        # Statistics (stats app): population 2006–2026, employed 2017–2022 and commuting 2022,
        # through the real importer, so dashboards and their tests show real figures.
        data = SHARED_DIR / "data"
        call_command(
            "import_ssb_table",
            str(data / "befolkning" / "befolkning_kommune_b2024_2006_2026.csv"),
            table="07459",
            verbosity=0,
            no_progress=True,
        )
        call_command(
            "import_ssb_table",
            str(data / "pendling" / "pendling_03321_2017.csv"),
            str(data / "pendling" / "pendling_03321_2022.csv"),
            str(data / "pendling" / "kommune_sysselsatte_11618_2017_2022.csv"),
            verbosity=0,
            no_progress=True,
        )

"""Test-wide setup: environment defaults, fast password hashing and shared scenarios."""

import os
from pathlib import Path

import pytest

REPO_DIR = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_DIR.parent / "shared"


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")
    os.environ.setdefault("AXES_ENABLED", "1")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


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

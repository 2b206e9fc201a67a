"""Test-wide setup: environment defaults, fast password hashing and shared scenarios."""

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy as email_policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Property tests run on shared, busy machines (and beside another xdist worker): how long
# Hypothesis takes to draw or run an example says nothing about the code, so neither its
# "too slow" health check nor its per-example deadline may fail a test. Tests that set their own
# @settings keep these two unless they say otherwise.
hypothesis_settings.register_profile(
    "samspill", suppress_health_check=[HealthCheck.too_slow], deadline=None
)
hypothesis_settings.load_profile("samspill")

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
def _empty_cache() -> Iterator[None]:
    """Each test starts with an empty cache: cached pages, the data version and rate-limit counts
    (keyed by user ids, which the next test reuses after its rollback) do not leak."""
    from django.core.cache import cache

    cache.clear()
    yield
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


@dataclass
class SmtpServer:
    """A real SMTP server on localhost (aiosmtpd) and the messages it received, parsed."""

    host: str
    port: int
    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(BytesParser(policy=email_policy.default).parsebytes(envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[SmtpServer]:
    """Start an SMTP server on localhost and point Samspill's default mailer at it."""
    from aiosmtpd.controller import Controller

    server = SmtpServer(host="127.0.0.1", port=free_port())
    controller = Controller(server, hostname=server.host, port=server.port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": server.host, "port": server.port, "timeout": 10},
        }
    }
    settings.DEFAULT_FROM_EMAIL = "samspill@kommune.example"
    try:
        yield server
    finally:
        controller.stop()

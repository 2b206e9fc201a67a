"""Brønnøysund is never reached from these tests: by default the address refuses connections
(the register "unreachable"); `brreg_server` (from the inquiries tests) answers like the register."""

import socket
from typing import Any

import pytest

from tests.inquiries.conftest import brreg_server  # noqa: F401 - a fixture shared with inquiries


@pytest.fixture(autouse=True)
def _brreg_unreachable(settings: Any) -> None:
    with socket.socket() as probe:  # a port nobody listens on: connection refused at once
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.BRREG_API_URL = f"http://127.0.0.1:{port}/enhetsregisteret/api"
    settings.BRREG_TIMEOUT_SECONDS = 0.3

"""A real OpenID Connect provider for the single sign-on tests, in its own process.

django-oauth-toolkit with OpenID Connect enabled and an RS256 key generated here, served by
`django-admin runserver` on a free loopback port with its own SQLite database. Samspill (in the
test process) reaches it over HTTP for discovery, the token exchange and the JWKS, exactly as it
reaches Entra ID or ID-porten in production; the test plays the browser with `requests`.
"""

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.conftest import REPO_DIR

PASSWORD = "provider-password"
CLIENT_SECRET = "bardu-client-secret"
REDIRECT_URI = "http://testserver/konto/sso/callback/"
# Provider users: username -> e-mail (first and last name follow from the username).
PROVIDER_USERS = {
    "kari": "kari.nordmann@bardu.kommune.no",
    "ola": "ola.nordmann@bardu.kommune.no",
    "eve": "eve@example.com",
    "unverified-per": "per@bardu.kommune.no",
}
CLIENTS = {"samspill": "samspill-bardu", "wrong-audience": "samspill-wrong-audience"}


@dataclass(frozen=True)
class RunningProvider:
    """Where the running test provider answers."""

    base_url: str
    issuer: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _rsa_private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def _wait_until_up(process: subprocess.Popen[bytes], url: str) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError(f"The test identity provider exited with {process.returncode}.")
        try:
            if requests.get(url, timeout=1).ok:
                return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("The test identity provider did not start.")


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningProvider]:
    """Start the provider once per test process; stop it at the end."""
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    issuer = f"{base_url}/o"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.accounts.oidc_provider.settings",
        "PYTHONPATH": str(REPO_DIR),
        "OIDC_PROVIDER_DB": str(tmp_path_factory.mktemp("oidc-provider") / "provider.sqlite3"),
        "OIDC_PROVIDER_RSA_KEY": _rsa_private_key_pem(),
        "OIDC_PROVIDER_ISSUER": issuer,
    }
    seed = {
        "users": [
            {
                "username": username,
                "email": email,
                "password": PASSWORD,
                "first_name": username.split("-")[-1].title(),
                "last_name": "Nordmann",
            }
            for username, email in PROVIDER_USERS.items()
        ],
        "clients": [
            {
                "name": name,
                "client_id": client_id,
                "client_secret": CLIENT_SECRET,
                "redirect_uri": REDIRECT_URI,
            }
            for name, client_id in CLIENTS.items()
        ],
    }
    subprocess.run(  # noqa: S603  # our own interpreter and module
        [sys.executable, "-m", "tests.accounts.oidc_provider.seed", json.dumps(seed)],
        env=env,
        cwd=REPO_DIR,
        check=True,
    )
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "django", "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=REPO_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_up(process, f"{issuer}/.well-known/openid-configuration")
        yield RunningProvider(base_url=base_url, issuer=issuer)
    finally:
        process.terminate()
        process.wait(timeout=10)

"""Browser-test harness: a real Samspill server with the demo data, driven by Debian's Chromium.

How to write a browser test (tests/functional/test_<topic>.py):

    import pytest
    from tests.functional.conftest import axe_violations, login_as

    pytestmark = pytest.mark.functional

    def test_something(page):                      # `page` is a fresh Playwright page (nb-NO)
        login_as(page, "koordinator")              # demo users: samspill/demo/users.py
        page.goto("/regioner/trondheimsregionen/")  # relative to the server's base URL
        assert axe_violations(page) == []          # serious/critical WCAG problems, with details

The server runs in its own process (`samspill runserver --noreload`) on a fresh database that
`samspill migrate` and `samspill demo` prepared: exactly what `make run` gives a user. It uses SQLite
in a temporary folder, or, when DATABASE_URL points at PostgreSQL, a separate database
`<name>_functional` that the harness recreates. Tests share that server for the session, so they
must not depend on each other's writes (use unique names).

Chromium comes from Debian's `chromium` package (`.ci/run` installs it); Playwright never downloads
a browser. Without Chromium the tests are skipped, unless SAMSPILL_REQUIRE_BROWSER=1 (CI), where
they fail.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO_DIR

DEMO_PASSWORD = "samspill-demo"
# The demo server's environment (its database), for `demo_command`.
_DEMO_ENV: dict[str, str] = {}
AXE_SCRIPT = REPO_DIR / "node_modules" / "axe-core" / "axe.min.js"


def _chromium_path() -> str | None:
    configured = os.environ.get("SAMSPILL_CHROMIUM")
    if configured:
        return configured
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _functional_database_url(tmp_dir: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp_dir / 'functional.sqlite3'}"
    import psycopg

    base, _, name = url.rpartition("/")
    name = name.split("?")[0] or "samspill"
    functional = f"{name}_functional"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{functional}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{functional}"')
    return f"{base}/{functional}"


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a running Samspill with the demo data loaded."""
    if _chromium_path() is None:
        _no_browser()
    tmp_dir = tmp_path_factory.mktemp("functional")
    env = {
        **os.environ,
        "DEBUG": "1",
        "SECRET_KEY": "functional-tests-only",
        "SAMSPILL_VAR_DIR": str(tmp_dir),
        "DATABASE_URL": _functional_database_url(tmp_dir),
        "DJANGO_SETTINGS_MODULE": "samspill.config.settings",
    }
    _DEMO_ENV.clear()
    _DEMO_ENV.update(env)
    samspill = [sys.executable, "-m", "samspill"]
    for command in (["migrate", "--noinput", "-v0"], ["demo"]):
        subprocess.run(  # noqa: S603 - our own CLI
            [*samspill, *command], env=env, cwd=REPO_DIR, check=True, capture_output=True
        )
    port = _free_port()
    log = (tmp_dir / "server.log").open("w", encoding="utf-8")
    server = subprocess.Popen(  # noqa: S603 - our own CLI
        [*samspill, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=REPO_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def demo_command(*args: str) -> str:
    """Run `samspill <args>` on the demo server's database (what a timer or the task worker would
    do; the demo server runs no worker); returns its output."""
    assert _DEMO_ENV, "the demo_server fixture has not started"
    done = subprocess.run(  # noqa: S603 - our own CLI
        [sys.executable, "-m", "samspill", *args],
        env=_DEMO_ENV,
        cwd=REPO_DIR,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def _wait_for(url: str, server: subprocess.Popen[Any]) -> None:
    # Starting includes Django's system checks, which take minutes on an overloaded machine.
    wait = float(os.environ.get("SAMSPILL_SERVER_START_SECONDS", "60"))
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("The Samspill server stopped while starting; see server.log.")
        try:
            with urllib.request.urlopen(f"{url}/", timeout=2):  # noqa: S310 - our local server
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):  # busy, not down
            time.sleep(0.3)
    raise RuntimeError(
        f"Samspill did not answer at {url} within {wait:.0f} s (SAMSPILL_SERVER_START_SECONDS)."
    )


def _no_browser() -> None:
    message = (
        "Debian's chromium is not installed (apt install chromium), so browser tests cannot run."
    )
    if os.environ.get("SAMSPILL_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright (no browser download)."""
    executable = _chromium_path()
    if executable is None:
        _no_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, demo_server: str) -> Iterator[Any]:
    """A fresh page (own cookies) in Norwegian, with the server as base URL."""
    context = browser.new_context(base_url=demo_server, locale="nb-NO")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def login_as(page: Any, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real login form."""
    page.goto("/konto/logg-inn/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").last.click()
    page.wait_for_load_state()


def csp_violations(page: Any) -> list[str]:
    """Start recording the page's Content-Security-Policy violations (console and DOM events)."""
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', function (event) {"
        " console.error('Content Security Policy violation: ' + event.violatedDirective"
        " + ' ' + event.blockedURI); });"
    )
    return found


def axe_violations(page: Any, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """Run axe-core (from npm, served locally) on the page; return serious/critical violations."""
    # Evaluated through the DevTools protocol: the page's CSP forbids injecting an inline <script>.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in result["violations"]
        if violation["impact"] in impacts
    ]

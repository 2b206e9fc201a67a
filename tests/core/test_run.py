"""`make run` serves the demo as a deployed site would: DEBUG off unless asked for.

The test starts `scripts/run-server`, the very script `make run` calls after loading the demo,
with DEBUG unset, and checks what a visitor sees: the site's own 404 page in the page's language
(not Django's debug page) and static files collected and served by whitenoise.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.conftest import REPO_DIR


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=300) as response:  # noqa: S310 - our local server
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _wait_until_answering(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 600  # collectstatic first; generous on a busy machine
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"run-server stopped:\n{log.read_text(encoding='utf-8')}")
        try:
            _get(url)
        except OSError:
            time.sleep(0.5)
            continue
        return
    raise AssertionError(f"run-server did not answer:\n{log.read_text(encoding='utf-8')}")


def test_make_run_serves_like_a_deployed_site_by_default(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")  # as `make run` without DEBUG=1
    }
    env |= {
        "SAMSPILL_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "samspill.config.settings",
        "BIN": str(Path(sys.executable).parent),
        "PORT": str(port),
    }
    subprocess.run(
        [sys.executable, "-m", "samspill", "migrate", "--noinput", "-v0"],
        env=env | {"DEBUG": "1"},
        cwd=REPO_DIR,
        check=True,
    )
    log = tmp_path / "run.log"
    with log.open("wb") as output:
        server = subprocess.Popen(  # noqa: S603 - our own script
            [str(REPO_DIR / "scripts" / "run-server")],
            env=env,
            cwd=REPO_DIR,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # runserver's reloader and the worker stop with the group
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_answering(f"{url}/", server, log)
            status, _headers, page = _get(f"{url}/finnes-ikke/")
            text = page.decode()
            assert status == 404
            assert "Fant ikke siden" in text  # the site's own page …
            assert '<html lang="nb"' in text  # … in Norwegian …
            assert "Til forsiden" in text
            assert "Using the URLconf" not in text  # … not Django's debug page
            status, _headers, english = _get(f"{url}/en/finnes-ikke/")
            assert status == 404
            assert '<html lang="en"' in english.decode()

            stylesheets = re.findall(r'href="(/static/[^"]+\.css)"', text)
            assert stylesheets, "the 404 page links no stylesheet"
            assert any(re.search(r"\.[0-9a-f]{12}\.css$", s) for s in stylesheets)  # collected
            status, headers, css = _get(url + stylesheets[-1])
            assert status == 200
            assert css
            assert "immutable" in headers.get("Cache-Control", "")  # whitenoise
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=120)
    assert "DEBUG off" in log.read_text(encoding="utf-8")

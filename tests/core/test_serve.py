"""`samspill serve` runs the shipped production server: gunicorn, whitenoise, the task worker."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import REPO_DIR


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=300) as response:  # noqa: S310 - our local server
        return response.status, dict(response.headers), response.read()


def _wait_until_answering(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    # collectstatic runs first; on a busy machine that takes a while, so the limit is generous.
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(
                f"samspill serve stopped while starting:\n{log.read_text(encoding='utf-8')}"
            )
        try:
            _get(url)
        except OSError:  # refused while starting, or a slow first answer on a busy machine
            time.sleep(0.5)
            continue
        if "Starting worker" in log.read_text(encoding="utf-8"):  # the task worker is up as well
            return
        time.sleep(0.5)
    raise AssertionError(
        f"samspill serve did not answer at {url}:\n{log.read_text(encoding='utf-8')}"
    )


def test_serve_runs_gunicorn_with_static_files_and_the_worker_and_stops_cleanly(
    tmp_path: Path,
) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "serve-test-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SAMSPILL_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "samspill.config.settings",
        "WEB_CONCURRENCY": "2",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    samspill = [sys.executable, "-m", "samspill"]
    subprocess.run(  # noqa: S603 - our own CLI
        [*samspill, "migrate", "--noinput", "-v0"], env=env, cwd=REPO_DIR, check=True
    )
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(  # noqa: S603 - our own CLI
            [*samspill, "serve", "--port", str(port)],
            env=env,
            cwd=REPO_DIR,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_answering(f"{url}/", server, log)
            status, _headers, page = _get(f"{url}/")
            assert status == 200
            stylesheets = re.findall(rb'href="(/static/[^"]+\.css)"', page)
            assert stylesheets, "the page links no stylesheet"
            # Collected with hashed names (manifest storage), served by whitenoise with a long cache.
            assert re.search(rb"\.[0-9a-f]{12}\.css$", stylesheets[0])
            status, headers, css = _get(url + stylesheets[0].decode())
            assert status == 200
            assert css
            assert "immutable" in headers.get("Cache-Control", "")
        finally:
            server.send_signal(signal.SIGTERM)
            exit_code = server.wait(timeout=120)
    output_text = log.read_text(encoding="utf-8")
    assert exit_code == 0, output_text
    assert "Booting worker" in output_text  # gunicorn
    assert "Starting worker" in output_text  # the task worker (db_worker)
    assert "Shutting down: Master" in output_text


def test_serve_refuses_debug_mode() -> None:
    env = {**os.environ, "DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "samspill", "serve", "--no-collectstatic"],
        env=env,
        cwd=REPO_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DEBUG" in result.stderr

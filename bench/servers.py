"""Real Samspill application servers on loopback, as production runs them (gunicorn, DEBUG off).

Used by the load test (`python -m bench.load`) and by the two-process tests
(tests/core/test_shared_state.py). Everything binds to 127.0.0.1 and stops when the block ends.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import urlsplit

REPO_DIR = Path(__file__).resolve().parent.parent
POSTGRES_ADMIN_URL = os.environ.get(
    "SAMSPILL_POSTGRES_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("SAMSPILL_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def reachable(url: str) -> bool:
    """True when something accepts TCP connections at the URL's host and port."""
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 0), timeout=2):
            return True
    except OSError:
        return False


def production_environment(
    *,
    database_url: str,
    cache_url: str,
    key_prefix: str,
    var_dir: Path,
    settings_module: str = "samspill.config.settings",
) -> dict[str, str]:
    """The environment of a production-like process: DEBUG off, a throwaway secret, loopback."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST", "CACHE_", "REDIS_"))
        # Byte-code caches as in production: without them every new worker compiles ~1 000
        # modules before its first answer (25 s on a busy 2-core machine).
        and key != "PYTHONDONTWRITEBYTECODE"
    }
    environment.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        DEBUG="0",
        SECRET_KEY=f"loopback-only-{secrets.token_hex(24)}",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        CACHE_URL=cache_url,
        CACHE_KEY_PREFIX=key_prefix,
        SAMSPILL_VAR_DIR=str(var_dir),
        SESSION_COOKIE_SECURE="0",  # plain HTTP on loopback
        CSRF_COOKIE_SECURE="0",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        INQUIRY_FORM_MIN_SECONDS="0",
        LOG_LEVEL="WARNING",
    )
    return environment


def run_django(environment: Mapping[str, str], code: str) -> None:
    """Run Python code in a fresh process with Django set up in that environment."""
    script = "import django\ndjango.setup()\n" + code
    subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", script], env=dict(environment), cwd=REPO_DIR, check=True
    )


@contextmanager
def gunicorn(
    environment: Mapping[str, str], *, workers: int = 1, log: Path | None = None
) -> Iterator[str]:
    """Serve Samspill with gunicorn on a free loopback port; yield its base URL."""
    port = free_port()
    output = log.open("ab") if log else subprocess.DEVNULL
    process = subprocess.Popen(  # noqa: S603 - our own interpreter
        [
            sys.executable,
            "-m",
            "gunicorn",
            "samspill.config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
        ],
        env=dict(environment),
        cwd=REPO_DIR,
        stdout=output,
        stderr=output,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while not reachable(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start on {url} (see {log})")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
        if process.poll() is None:
            process.kill()
            process.wait()
        if log:
            output.close()  # type: ignore[union-attr]

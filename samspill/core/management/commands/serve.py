"""`samspill serve`: Samspill as in production — gunicorn and the task worker, stopped together."""

import os
import signal
import subprocess
import sys
import threading
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

GUNICORN_CONFIG = "python:samspill.config.gunicorn_conf"
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class Command(BaseCommand):
    help = (
        "Run Samspill like production: collect static files, start gunicorn "
        "(WEB_CONCURRENCY workers, bound to HOST:PORT, settings in samspill/config/gunicorn_conf.py) "
        "and the task worker (db_worker) beside it. SIGTERM or Ctrl-C stops both cleanly."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", help="Address to bind (default: HOST or 127.0.0.1).")
        parser.add_argument("--port", type=int, help="Port to bind (default: PORT or 8000).")
        parser.add_argument("--workers", type=int, help="gunicorn workers (WEB_CONCURRENCY, 2).")
        parser.add_argument(
            "--no-collectstatic", action="store_true", help="Static files are collected already."
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Start only the web server (the task worker runs elsewhere, e.g. its own unit).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.DEBUG:
            raise CommandError(
                "serve runs Samspill as in production and refuses DEBUG=1. "
                "Use `make run` for development, or set DEBUG=0."
            )
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        env = _child_environment(options)
        processes = {"web": _start([sys.executable, "-m", "gunicorn", "-c", GUNICORN_CONFIG], env)}
        if not options["no_worker"]:
            processes["worker"] = _start([sys.executable, "-m", "samspill", "db_worker"], env)
        self.stdout.write(
            f"Samspill on http://{env['HOST']}:{env['PORT']}/ "
            f"({env['WEB_CONCURRENCY']} workers; pids {_pids(processes)})"
        )
        exit_code = _supervise(processes)
        if exit_code:
            raise CommandError(f"A process stopped unexpectedly (exit code {exit_code}).")


def _child_environment(options: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    env["DEBUG"] = "0"
    env.setdefault("DJANGO_SETTINGS_MODULE", "samspill.config.settings")
    env["HOST"] = options["host"] or env.get("HOST", "127.0.0.1")
    env["PORT"] = str(options["port"] or env.get("PORT", "8000"))
    env["WEB_CONCURRENCY"] = str(options["workers"] or env.get("WEB_CONCURRENCY", "2"))
    return env


def _start(command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    # Own process group: a Ctrl-C in the terminal reaches us, and we stop the children in order.
    return subprocess.Popen(command, env=env, start_new_session=True)  # noqa: S603


def _pids(processes: dict[str, subprocess.Popen[bytes]]) -> str:
    return ", ".join(f"{name} {process.pid}" for name, process in processes.items())


def _supervise(processes: dict[str, subprocess.Popen[bytes]]) -> int:
    """Wait for a stop signal or for a child to exit; then stop every child. Return an exit code."""
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {signum: signal.signal(signum, request_stop) for signum in STOP_SIGNALS}
    try:
        died: int | None = None
        while not stop.wait(0.5):
            codes = [process.poll() for process in processes.values()]
            if any(code is not None for code in codes):
                died = next(code for code in codes if code is not None)
                break
        _stop_all(processes)
        if died is None:
            return 0
        return died or 1  # a child that ends on its own is a failure, whatever its code
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _stop_all(processes: dict[str, subprocess.Popen[bytes]], *, grace_seconds: int = 30) -> None:
    for process in processes.values():
        if process.poll() is None:
            process.terminate()  # gunicorn: graceful shutdown; db_worker: finish the current task
    for process in processes.values():
        try:
            process.wait(timeout=grace_seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

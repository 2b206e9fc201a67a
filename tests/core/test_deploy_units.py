"""The example systemd units in deploy/systemd/ fit together and call commands that exist."""

import configparser
import re
from pathlib import Path

import pytest
from django.core.management import get_commands

from tests.conftest import REPO_DIR

UNITS = REPO_DIR / "deploy" / "systemd"


def _unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path)
    return parser


def _commands(service: Path) -> list[str]:
    """The samspill commands a unit starts: a oneshot service may have several ExecStart lines."""
    text = service.read_text(encoding="utf-8")
    return re.findall(r"^ExecStart=.*?bin/samspill (\w+)", text, flags=re.MULTILINE)


def test_the_web_server_and_the_worker_have_units() -> None:
    web = _unit(UNITS / "samspill-web.service")
    worker = _unit(UNITS / "samspill-worker.service")

    assert "gunicorn -c python:samspill.config.gunicorn_conf" in web["Service"]["ExecStart"]
    assert worker["Service"]["ExecStart"].endswith("samspill db_worker")


@pytest.mark.parametrize("timer", sorted(UNITS.glob("*.timer")), ids=lambda path: path.stem)
def test_every_timer_starts_a_service_that_runs_an_existing_command(timer: Path) -> None:
    service = timer.with_suffix(".service")
    assert service.exists(), f"{timer.name} has no {service.name}"
    assert _unit(timer)["Timer"]["OnCalendar"]
    commands = _commands(service)
    assert commands, service.name
    assert set(commands) <= set(get_commands())


def test_the_scheduled_jobs_of_the_adr_are_all_there() -> None:
    scheduled = {
        command
        for path in UNITS.glob("*.service")
        if path.with_suffix(".timer").exists()
        for command in _commands(path)
    }
    assert {"purge_inquiry_personal_data", "refresh_company_facts", "backup"} <= scheduled

"""`samspill collaboration list|shares|report`."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from samspill.collaboration import services
from samspill.collaboration.models import Project

pytestmark = pytest.mark.django_db
D = datetime.date


def test_list_shows_each_project_with_its_latest_status(project: Project) -> None:
    services.status_report_create(
        actor=None,
        project=project,
        period_start=D(2017, 11, 1),
        period_end=D(2017, 11, 30),
        status="at_risk",
        explanation="Forsinket",
    )
    out = io.StringIO()

    call_command("collaboration", "list", stdout=out, stderr=io.StringIO())

    assert f"{project.pk}\tNæringsvennlig region – test\tforprosjekt" in out.getvalue()
    assert "risiko for avvik (30.11.2017)" in out.getvalue()


def test_shares_writes_the_chosen_keys_split_as_csv(project: Project, tmp_path: Path) -> None:
    services.financing_add(actor=None, project=project, kind="municipalities", amount=100001)
    key = services.cost_key_add(actor=None, project=project, name="Likt", equal_percent=100)
    services.cost_key_choose(actor=None, key=key)
    target = tmp_path / "andeler.csv"

    call_command(
        "collaboration", "shares", str(project.pk), "--output", str(target), stderr=io.StringIO()
    )

    text = target.read_bytes().decode("utf-8-sig")
    assert "Bardu" in text
    assert "25001" in text.replace("\xa0", "").replace(" ", "")


def test_shares_without_a_chosen_key_says_so(project: Project) -> None:
    with pytest.raises(CommandError, match="valgt fordelingsnøkkel"):
        call_command("collaboration", "shares", str(project.pk), stderr=io.StringIO())


def test_report_writes_the_pdf(project: Project, tmp_path: Path) -> None:
    services.status_report_create(
        actor=None,
        project=project,
        period_start=D(2017, 11, 1),
        period_end=D(2017, 11, 30),
        status="on_track",
        explanation="Bra",
    )
    target = tmp_path / "rapport.pdf"

    call_command(
        "collaboration", "report", str(project.pk), "--output", str(target), stderr=io.StringIO()
    )

    assert target.read_bytes().startswith(b"%PDF")

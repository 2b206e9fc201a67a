"""Import: one transaction, every rejected row named, nothing written on error, idempotent; the
export reads back in; the same through the page and the `samspill projects import` command."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from samspill.projects.demo import demo_projects_load
from samspill.projects.importers import read_rows
from samspill.projects.models import Project
from samspill.projects.services import ImportRejectedError, projects_import
from samspill.regions.models import Region
from tests.projects.conftest import user_with

pytestmark = pytest.mark.django_db

HEADER = "key;name;kind;status;municipalities;construction_start;construction_end;construction_person_years;investment_low_mnok;investment_high_mnok;price_level_year\n"
GOOD = (
    HEADER
    + "ny-bru;Ny bru;road;planning;Stjørdal;2026 K1;2028;45,5;100;150;2024\n"
    + "hall;Idrettshall;institution;idea;5001, 5031;2027;2027;10;;;\n"
)


def _import(text: str, region: Region) -> object:
    return projects_import(
        actor=None, region=region, rows=read_rows(text.encode(), name="x.csv"), file_name="x.csv"
    )


def test_a_good_file_imports_and_a_second_run_changes_nothing(region: Region) -> None:
    first = _import(GOOD, region)
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)  # type: ignore[attr-defined]
    bridge = Project.objects.get(region=region, key="ny-bru")
    assert str(bridge.construction_person_years) == "45.5"
    assert bridge.phases.get().label == "2026 K1–2028"
    versions = dict(Project.objects.filter(region=region).values_list("key", "version"))
    second = _import(GOOD, region)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)  # type: ignore[attr-defined]
    assert dict(Project.objects.filter(region=region).values_list("key", "version")) == versions


def test_every_rejected_row_is_named_and_nothing_is_written(region: Region) -> None:
    bad = (
        GOOD
        + "feil-1;Feil kommune;road;planning;Bardu;;;;;;\n"
        + "feil-2;Feil periode;road;planning;5035;2026 K7;2027;;;;\n"
        + "feil-3;Feil rekkefølge;road;planning;5035;2028;2026;;;;\n"
        + "feil-4;Feil spenn;road;planning;5035;;;;300;200;2024\n"
        + "ny-bru;Dobbel nøkkel;road;planning;5035;;;;;;\n"
    )
    with pytest.raises(ImportRejectedError) as caught:
        _import(bad, region)
    lines = {problem.line: problem.reason for problem in caught.value.problems}
    assert sorted(lines) == [4, 5, 6, 7, 8]
    assert "Bardu" in lines[4]
    assert "Slutt kan ikke være før start" in lines[6]
    assert "lavere" in lines[7]
    assert "linje 2" in lines[8]
    assert not Project.objects.filter(region=region).exists()


def test_the_export_reads_back_in_unchanged(client: Client, region: Region) -> None:
    demo_projects_load()
    versions = dict(Project.objects.values_list("key", "version"))
    xlsx = client.get(reverse("projects:project-export", args=["xlsx"])).content
    summary = projects_import(
        actor=None,
        region=region,
        rows=read_rows(xlsx, name="eksport.xlsx"),
        file_name="eksport.xlsx",
    )
    assert summary.unchanged == 5
    assert summary.created == summary.updated == 0
    assert dict(Project.objects.values_list("key", "version")) == versions


def test_the_page_shows_rejected_rows_and_imports_good_files(client: Client) -> None:
    url = reverse("projects:project-import", args=["trondheimsregionen"])
    client.force_login(user_with("developer"))
    assert client.get(url).status_code == 403
    client.force_login(user_with("coordinator"))
    bad = io.BytesIO((HEADER + "x;X;spaceship;idea;5035;;;;;;\n").encode())
    bad.name = "studie.csv"
    response = client.post(url, {"file": bad})
    assert response.status_code == 422
    assert "spaceship" in response.content.decode()
    good = io.BytesIO(GOOD.encode())
    good.name = "studie.csv"
    assert client.post(url, {"file": good}).status_code == 302
    assert Project.objects.filter(key__in=["ny-bru", "hall"]).count() == 2


def test_the_command_imports_xlsx_and_reports_rejections(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for line in GOOD.splitlines():
        sheet.append(line.split(";"))
    path = tmp_path / "studie.xlsx"
    workbook.save(path)
    out = io.StringIO()
    call_command("projects", "import", str(path), "--region", "trondheimsregionen", stdout=out)
    assert "2 nye" in out.getvalue()
    bad = tmp_path / "feil.csv"
    bad.write_text(HEADER + "x;X;road;idea;Oslo;;;;;;\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("projects", "import", str(bad), stderr=err)
    assert "feil.csv, linje 2" in err.getvalue()

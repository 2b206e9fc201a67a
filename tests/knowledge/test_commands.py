"""CLI: `documents import` (refused files reported and skipped) and `decisions export`."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from samspill.knowledge.models import Document
from tests.knowledge import files
from tests.knowledge.conftest import stored_files
from tests.knowledge.factories import DecisionFactory

pytestmark = pytest.mark.django_db


def test_documents_import_loads_good_files_and_refuses_bad_ones(
    tmp_path: Path, media_root: Path
) -> None:
    folder = tmp_path / "inn"
    folder.mkdir()
    (folder / "Workshop_Bardu.docx").write_bytes(files.docx_bytes("Næringsareal i Bardu"))
    (folder / "budsjett.xlsx").write_bytes(files.xlsx_bytes())
    (folder / "falsk.pdf").write_bytes(files.docx_bytes())
    (folder / "bombe.docx").write_bytes(files.zip_bomb_bytes())
    out, err = io.StringIO(), io.StringIO()

    call_command(
        "documents", "import", str(folder), "--region", "sor-troms", "--tag", "import",
        stdout=out, stderr=err,
    )  # fmt: skip

    assert sorted(Document.objects.values_list("title", flat=True)) == [
        "Workshop Bardu",
        "budsjett",
    ]
    assert "falsk.pdf: Innholdet stemmer ikke med filnavnet" in err.getvalue()
    assert "bombe.docx" in err.getvalue()
    assert "2 filer lagret, 2 avvist." in out.getvalue()
    assert len(stored_files(media_root)) == 2
    assert Document.objects.get(title="Workshop Bardu").tags == ["import"]


def test_decisions_export_writes_the_log_through_the_shared_writer(tmp_path: Path) -> None:
    DecisionFactory.create(title="Plan godkjent", case_number="17/1")
    target = tmp_path / "vedtak.csv"
    err = io.StringIO()

    call_command(
        "decisions", "export", "--region", "sor-troms", "--output", str(target), stderr=err
    )

    text = target.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Dato;Organ")
    assert "Plan godkjent" in text
    assert "1 vedtak eksportert." in err.getvalue()

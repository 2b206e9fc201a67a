"""PDFs for politicians and business meetings: the register's one-page overview and a page per
project, typeset by the shared WeasyPrint pipeline with the map and timeline drawn as SVG (ADR 79)."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from samspill.projects.presenters import map_drawing
from tests.projects.factories import PhaseFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _read(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    return reader, re.sub(r"\s+", " ", text)


def test_project_pdf_has_facts_with_sources_phases_and_norwegian_formats(client: Client) -> None:
    project = ProjectFactory.create(
        name="E6 Kvithamar–Åsen",
        description="Ny firefelts motorvei med tilhørende næringsarealutvikling langs traseen.",
        price_level_year=2024,
        investment_low_mnok=Decimal("4500"),
        investment_high_mnok=Decimal("5200"),
        construction_person_years=Decimal("312.5"),
        operation_jobs=1200,
        sources={"investment": {"source": "Nye Veier, KVU", "date": "2024-03-15"}},
    )
    PhaseFactory.create(
        project=project,
        kind="planning",
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2025, 12, 31),
    )
    PhaseFactory.create(project=project)
    response = client.get(reverse("projects:project-pdf", args=[project.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader, text = _read(response.content)
    assert "/StructTreeRoot" in reader.root_object  # tagged
    assert reader.root_object["/Lang"] == "nb"
    assert reader.metadata is not None
    assert reader.metadata.title == "E6 Kvithamar–Åsen"
    assert len(reader.pages) == 1
    assert "4 500–5 200 mill. kr" in text.replace("\u00a0", " ")  # Norwegian thousands
    assert "312,5" in text  # decimal comma
    assert "(2024-kroner)" in text  # a year, not a number with a thousands space
    assert "Nye Veier, KVU, 15.03.2024" in text  # the shared date format
    assert "Stjørdal" in text
    assert "Bygging" in text or "bygging" in text
    assert "Kartverket" in text  # the map's caption: the map is drawn


def test_project_pdf_of_an_internal_project_is_404_for_outsiders(client: Client) -> None:
    project = ProjectFactory.create(is_internal=True)
    assert client.get(reverse("projects:project-pdf", args=[project.pk])).status_code == 404


def test_example_project_is_marked_in_the_pdf_and_file_name(client: Client) -> None:
    project = ProjectFactory.create(is_example=True)
    response = client.get(reverse("projects:project-pdf", args=[project.pk]))
    assert "eksempel-" in response["Content-Disposition"]
    assert "Eksempel" in _read(response.content)[1]


def test_register_overview_on_one_page_with_counts_timeline_and_map(client: Client) -> None:
    for index in range(3):
        project = ProjectFactory.create(
            name=f"Vei {index}", investment_low_mnok=Decimal("1000") * (index + 1)
        )
        PhaseFactory.create(project=project, start=datetime.date(2027, 1, 1))
    ProjectFactory.create(name="Park", kind="business_park", status="zoning")
    response = client.get(reverse("projects:register-pdf"))
    assert response.status_code == 200
    reader, text = _read(response.content)
    assert "/StructTreeRoot" in reader.root_object
    assert len(reader.pages) == 1
    assert "4 prosjekter" in text
    assert "6 000" in text.replace("\u00a0", " ")
    assert "Regulering" in text
    assert "Næringspark" in text
    assert "Tidslinje for de 3 største prosjektene" in text
    assert "1. Vei 2" in text  # the largest first
    assert "Kartverket" in text


def test_register_pdf_follows_the_filter(client: Client) -> None:
    ProjectFactory.create(name="Vei", kind="road")
    ProjectFactory.create(name="Park", kind="business_park")
    text = _read(client.get(reverse("projects:register-pdf") + "?kind=road").content)[1]
    assert "1 prosjekt," in text


def test_pages_link_the_pdfs(client: Client) -> None:
    project = ProjectFactory.create()
    assert (
        reverse("projects:register-pdf")
        in client.get(reverse("projects:project-list")).content.decode()
    )
    assert (
        reverse("projects:project-pdf", args=[project.pk])
        in client.get(reverse("projects:project-detail", args=[project.pk])).content.decode()
    )


def test_map_drawing_fits_the_shapes_in_the_drawing() -> None:
    line = ProjectFactory.create()
    point = ProjectFactory.create(geometry={"type": "Point", "coordinates": [10.95, 63.46]})
    drawing = map_drawing([line, point])
    assert drawing is not None
    numbers = [
        float(n) for shape in drawing.shapes for n in re.findall(r"-?[\d.]+", shape.path)
    ] + [shape.x for shape in drawing.shapes if shape.layer == "point"]
    assert all(0 <= n <= drawing.width for n in numbers)
    assert {shape.layer for shape in drawing.shapes} == {"project", "point"}
    assert map_drawing([ProjectFactory.create(geometry=None)]) is None

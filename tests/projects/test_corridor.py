"""The corridor for business development: projects and published business sites inside a buffered
line, figures per municipality, page, exports and API (ADR 78)."""

from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from samspill.projects.selectors import (
    E6_CORRIDOR_KM,
    E6_CORRIDOR_LINE,
    corridor_line,
    projects_in_corridor,
)
from samspill.regions.models import Municipality
from tests.land.factories import make_site
from tests.projects.conftest import user_with
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

E6 = {"linje": E6_CORRIDOR_LINE, "bredde": E6_CORRIDOR_KM}
FAR = {"type": "Point", "coordinates": [18.34, 68.865]}  # Bardu


def _line() -> object:
    line, problem = corridor_line(E6_CORRIDOR_LINE)
    assert problem == ""
    return line


def test_line_reads_coordinates_and_named_points() -> None:
    line, problem = corridor_line("63.4305,10.3951; muruvik; vaernes")
    assert problem == ""
    assert line is not None
    assert list(line.coords)[1] == pytest.approx((10.847, 63.433))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("63.43,10.39", "minst to punkter"),
        ("63.43,10.39; hvorsomhelst", "«hvorsomhelst» er verken"),
        ("10.39,63.43; 10.85,63.43", "utenfor Norge"),
        ("63.43,10.39; 63.43,10.39", "samme punktet"),
    ],
)
def test_a_bad_line_says_why(text: str, words: str) -> None:
    line, problem = corridor_line(text)
    assert line is None
    assert words in problem


def test_projects_inside_the_corridor_with_figures_per_municipality() -> None:
    stjordal = Municipality.objects.get(number="5035")
    malvik = Municipality.objects.get(number="5031")
    inside = ProjectFactory.create(
        name="Innenfor",
        investment_low_mnok=Decimal("100"),
        investment_high_mnok=Decimal("150"),
        construction_person_years=Decimal("40"),
        operation_jobs=12,
    )
    ProjectFactory.create(
        name="Begge",
        municipalities=[stjordal, malvik],
        investment_low_mnok=Decimal("10"),
        construction_person_years=Decimal("5"),
        operation_jobs=3,
    )
    ProjectFactory.create(name="Langt unna", geometry=FAR)
    ProjectFactory.create(name="Uten sted", geometry=None)
    result = projects_in_corridor(user=AnonymousUser(), line=_line(), width_km=3)
    assert {p.name for p in result.projects} == {"Innenfor", "Begge"}
    rows = {row.name: row for row in result.municipalities}
    assert set(rows) == {"Stjørdal", "Malvik"}
    assert rows["Stjørdal"].projects == 2
    assert rows["Stjørdal"].investment_low_mnok == Decimal("110")
    assert rows["Stjørdal"].investment_high_mnok == Decimal("160")  # low stands in for high
    assert rows["Malvik"].operation_jobs == 3
    assert result.total.projects == 2  # counted once, though it touches two municipalities
    assert result.total.construction_person_years == Decimal("45")
    assert result.total.operation_jobs == 15
    assert inside in result.projects


def test_a_narrow_corridor_leaves_out_what_is_beside_it() -> None:
    ProjectFactory.create(name="Sidevei", geometry={"type": "Point", "coordinates": [10.6, 63.30]})
    result = projects_in_corridor(user=AnonymousUser(), line=_line(), width_km=1)
    assert result.projects == []


def test_internal_projects_only_for_the_regions_people() -> None:
    ProjectFactory.create(name="Hemmelig", is_internal=True)
    anonymous = projects_in_corridor(user=AnonymousUser(), line=_line(), width_km=3)
    assert anonymous.projects == []
    viewer = projects_in_corridor(user=user_with("viewer"), line=_line(), width_km=3)
    assert [p.name for p in viewer.projects] == ["Hemmelig"]


def test_published_business_sites_inside_the_corridor() -> None:
    make_site("5035", name="Værnes næringspark", dlon=-0.04)
    make_site("5035", name="Ikke publisert", is_published=False, dlon=-0.04, dlat=0.003)
    make_site("5520", name="Setermoen")
    result = projects_in_corridor(user=user_with("developer"), line=_line(), width_km=3)
    assert [hit.site.name for hit in result.sites] == ["Værnes næringspark"]


def test_page_shows_map_tables_and_the_shareable_corridor(client: Client) -> None:
    ProjectFactory.create(name="E6 Kvithamar–Åsen", investment_low_mnok=Decimal("1234"))
    response = client.get(reverse("projects:corridor") + "?" + urlencode(E6))
    assert response.status_code == 200
    html = response.content.decode()
    assert "E6 Kvithamar–Åsen" in html
    assert 'class="table-wrap" tabindex="0" role="region"' in html
    assert 'aria-label="Tall per kommune i korridoren"' in html
    assert "1\u00a0234" in html or "1 234" in html  # the shared formatter's thousands
    assert 'id="corridor-collection"' in html
    assert "korridor/eksport.csv?linje=" in html


def test_page_without_a_line_asks_for_one_and_a_bad_line_is_422(client: Client) -> None:
    empty = client.get(reverse("projects:corridor"))
    assert empty.status_code == 200
    assert 'id="corridor-collection"' not in empty.content.decode()
    bad = client.get(reverse("projects:corridor"), {"linje": "63.43,10.39"})
    assert bad.status_code == 422
    assert "minst to punkter" in bad.content.decode()


def test_register_links_the_e6_example(client: Client) -> None:
    html = client.get(reverse("projects:project-list")).content.decode()
    assert reverse("projects:corridor") + "?linje=" in html
    assert "E6 Trondheim–Malvik–Stjørdal" in html


def test_exports_through_the_shared_exporter(client: Client) -> None:
    ProjectFactory.create(name="=HYPERLINK(1)", is_example=True)
    url = reverse("projects:corridor-export", args=["csv"]) + "?" + urlencode(E6)
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text  # formula neutralised by core/exports.py
    assert "Stjørdal" in text
    assert "eksempel" in response["Content-Disposition"]
    xlsx = client.get(reverse("projects:corridor-export", args=["xlsx"]) + "?" + urlencode(E6))
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"
    bad = client.get(reverse("projects:corridor-export", args=["csv"]), {"linje": "x"})
    assert bad.status_code == 422
    assert client.get(reverse("projects:corridor-export", args=["pdf"])).status_code == 404


def test_api_public_projects_for_anonymous_and_422_with_a_reason(client: Client) -> None:
    ProjectFactory.create(name="Offentlig", operation_jobs=7)
    ProjectFactory.create(name="Intern", is_internal=True)
    make_site("5035", name="Værnes næringspark", dlon=-0.04)
    url = reverse("api:projects_corridor")
    response = client.get(url, {"line": E6_CORRIDOR_LINE, "width_km": 3})
    assert response.status_code == 200, response.content
    data = response.json()
    assert [p["name"] for p in data["projects"]] == ["Offentlig"]
    assert data["total"]["operation_jobs"] == 7
    assert data["municipalities"][0]["name"] == "Stjørdal"
    assert data["corridor"]["type"] == "Polygon"
    assert [s["name"] for s in data["sites"]] == ["Værnes næringspark"]
    bad = client.get(url, {"line": "63.43,10.39; nowhere"})
    assert bad.status_code == 422
    assert "nowhere" in bad.json()["detail"]
    assert client.get(url, {"line": E6_CORRIDOR_LINE, "width_km": 0}).status_code == 422

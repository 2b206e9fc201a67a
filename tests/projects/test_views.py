"""The register's pages: list/map/timeline filtered together, the form with errors beside the
fields and no lost updates, the detail with sources, exports and the construction-load page."""

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from samspill.projects.demo import demo_projects_load
from samspill.projects.models import Project, Scenario
from samspill.regions.models import Municipality, Region
from tests.projects.conftest import user_with
from tests.projects.factories import PhaseFactory, ProjectFactory

pytestmark = pytest.mark.django_db

GEOJSON_LINE = json.dumps(
    {"type": "LineString", "coordinates": [[10.898, 63.445], [10.906, 63.450], [10.925, 63.463]]}
)


def _form_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Ny godsterminal",
        "kind": "port",
        "status": "planning",
        "municipalities": [str(Municipality.objects.get(number="5035").pk)],
        "geometry": GEOJSON_LINE,
        "phase_construction_start": "2026 K2",
        "phase_construction_end": "2028",
        "construction_person_years": "80",
        "source_owner": "Stjørdal kommune",
        "source_owner_date": "2025-03-01",
        "workforce_by_trade": "betong: 40\nelektro: 12,5",
        "links": "Planid 5035-2019-01 | https://example.invalid/plan",
    }
    data.update(overrides)
    return data


def test_a_coordinator_registers_a_project_with_the_geojson_field(client: Client) -> None:
    client.force_login(user_with("coordinator"))
    url = reverse("projects:project-create", args=["trondheimsregionen"])
    assert client.get(url).status_code == 200
    response = client.post(url, _form_data())
    assert response.status_code == 302
    project = Project.objects.get(name="Ny godsterminal")
    assert project.workforce_by_trade == {"betong": 40.0, "elektro": 12.5}
    assert project.links == [
        {"label": "Planid 5035-2019-01", "url": "https://example.invalid/plan"}
    ]
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Stjørdal kommune, 01.03.2025" in page
    assert "2026 K2–2028" in page


def test_the_place_can_be_uploaded_as_a_geojson_file(client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(user_with("coordinator"))
    url = reverse("projects:project-create", args=["trondheimsregionen"])
    assert 'enctype="multipart/form-data"' in client.get(url).content.decode()
    feature = {"type": "Feature", "properties": {}, "geometry": json.loads(GEOJSON_LINE)}
    collection: dict[str, object] = {"type": "FeatureCollection", "features": [feature]}
    upload = SimpleUploadedFile(
        "trase.geojson", json.dumps(collection).encode(), content_type="application/geo+json"
    )
    response = client.post(url, _form_data(geometry="", geometry_file=upload))
    assert response.status_code == 302
    project = Project.objects.get(name="Ny godsterminal")
    assert project.geometry == json.loads(GEOJSON_LINE)
    assert project.length_m is not None
    assert project.length_m > 0

    two = SimpleUploadedFile(
        "to.geojson",
        json.dumps({**collection, "features": [feature, feature]}).encode(),
    )
    page = client.post(url, _form_data(name="To", geometry_file=two)).content.decode()
    assert 'id="id_geometry_file_error"' in page
    assert "nøyaktig ett objekt" in page
    broken = SimpleUploadedFile("feil.geojson", b"{ikke json")
    page = client.post(url, _form_data(name="Feil", geometry_file=broken)).content.decode()
    assert "ikke gyldig JSON" in page
    assert not Project.objects.filter(name__in=["To", "Feil"]).exists()


def test_errors_stand_next_to_their_fields_and_nothing_is_saved(client: Client) -> None:
    client.force_login(user_with("coordinator"))
    url = reverse("projects:project-create", args=["trondheimsregionen"])
    response = client.post(
        url, _form_data(geometry='{"type": "Point", "coordinates": [63.4, 10.9]}')
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_geometry_error"' in page
    assert "utenfor Norge" in page
    page = client.post(url, _form_data(phase_zoning_start="2026 K5")).content.decode()
    assert 'id="id_phase_zoning_start_error"' in page
    assert not Project.objects.filter(name="Ny godsterminal").exists()
    response = client.post(
        url, _form_data(phase_construction_start="2028", phase_construction_end="2026")
    )
    assert 'id="id_phase_construction_end_error"' in response.content.decode()


def test_two_editors_do_not_overwrite_each_other(client: Client) -> None:
    coordinator = user_with("coordinator")
    client.force_login(coordinator)
    project = ProjectFactory.create()
    url = reverse("projects:project-edit", args=[project.pk])
    assert client.get(url).status_code == 200
    first = _form_data(name="Første", version=str(project.version))
    second = _form_data(name="Andre", version=str(project.version))
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 409
    assert Project.objects.get(pk=project.pk).name == "Første"
    assert "Første" in response.content.decode()


def test_a_viewer_cannot_edit_and_internal_projects_are_hidden_from_outsiders(
    client: Client,
) -> None:
    project = ProjectFactory.create(is_internal=True, name="Hemmelig fabrikk")
    client.force_login(user_with("viewer"))
    assert client.get(reverse("projects:project-edit", args=[project.pk])).status_code == 403
    assert "Hemmelig fabrikk" in client.get(reverse("projects:project-list")).content.decode()
    client.logout()
    assert client.get(project.get_absolute_url()).status_code == 404
    assert "Hemmelig fabrikk" not in client.get(reverse("projects:project-list")).content.decode()
    client.force_login(user_with("outsider"))
    assert client.get(project.get_absolute_url()).status_code == 404


def test_list_map_and_timeline_share_the_filter_in_the_url(client: Client) -> None:
    road = ProjectFactory.create(name="Vegen", kind="road")
    PhaseFactory.create(project=road)
    park = ProjectFactory.create(name="Parken", kind="business_park")
    PhaseFactory.create(project=park, start="2031-01-01", end="2033-12-31")
    response = client.get(reverse("projects:project-list"), {"kind": "road"})
    page = response.content.decode()
    assert "Vegen" in page
    assert "Parken" not in page
    assert "kart.geojson?kind=road" in page
    layer = client.get(reverse("projects:project-layer"), {"kind": "road"}).json()
    names = [
        f["properties"]["name"] for f in layer["features"] if f["properties"]["layer"] == "project"
    ]
    assert names == ["Vegen"]
    outlines = [f for f in layer["features"] if f["properties"]["layer"] == "municipality"]
    assert [f["properties"]["name"] for f in outlines] == ["Stjørdal"]
    by_period = client.get(reverse("projects:project-list"), {"year_from": "2030"}).content.decode()
    assert "Parken" in by_period
    assert "Vegen" not in by_period


def test_exports_mark_examples_and_carry_the_import_columns(client: Client) -> None:
    demo_projects_load()
    response = client.get(reverse("projects:project-export", args=["csv"]))
    assert response.status_code == 200
    assert "eksempel-" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header = rows[0]
    assert header[:3] == ["key", "name", "kind"]
    by_key = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_key["e6-vaernes-hell"]["owner_name"] == "Nye Veier AS"
    assert by_key["campusbygg-trondheim-eksempel"]["is_example"] in {
        "sann",
        "True",
        "true",
        "1",
        "ja",
    }
    geojson = client.get(reverse("projects:project-export", args=["geojson"]))
    collection = json.loads(geojson.content)
    assert len(collection["features"]) == 5
    xlsx = client.get(reverse("projects:project-export", args=["xlsx"]))
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"


def test_the_demo_routes_lie_in_stjordal_and_the_demo_is_idempotent() -> None:
    from shapely.geometry import Point, shape

    projects = demo_projects_load()
    again = demo_projects_load()
    assert [p.version for p in again] == [p.version for p in projects]
    stjordal = shape(Municipality.objects.get(number="5035").boundary)
    vaernes_hell = Project.objects.get(key="e6-vaernes-hell")
    assert stjordal.contains(shape(vaernes_hell.geometry))
    assert vaernes_hell.owner_name == "Nye Veier AS"
    assert not vaernes_hell.is_example
    # Kvithammar lies in Stjørdal; the road runs on into Levanger (Åsen), outside the region.
    kvithammar = shape(Project.objects.get(key="e6-kvithammar-asen").geometry)
    levanger = shape(Municipality.objects.get(number="5037").boundary)
    assert stjordal.contains(Point(kvithammar.coords[0]))
    assert levanger.contains(Point(kvithammar.coords[-1]))


def test_construction_load_what_if_and_saved_scenario(client: Client) -> None:
    demo_projects_load()
    region = Region.objects.get(slug="trondheimsregionen")
    coordinator = user_with("coordinator")
    client.force_login(coordinator)
    url = reverse("projects:construction-load", args=["trondheimsregionen"])
    page = client.get(url, {"workforce": "5000", "workforce_source": "SSB 2024"}).content.decode()
    assert "E6 Kvithammar–Åsen" in page
    assert "load-table" in page
    road = Project.objects.get(key="e6-kvithammar-asen")
    before = road.version
    response = client.post(
        url, {"name": "E6 ett år senere", f"shift_{road.pk}": "12", "workforce": "5000"}
    )
    assert response.status_code == 302
    scenario = Scenario.objects.get(region=region, name="E6 ett år senere")
    assert scenario.shifts == {str(road.pk): 12}
    assert Project.objects.get(pk=road.pk).version == before  # facts never change
    shown = client.get(response["Location"]).content.decode()
    assert 'value="12"' in shown
    assert client.get(url).status_code == 200
    client.force_login(user_with("outsider"))
    assert client.get(url).status_code == 404


def test_collisions_need_nearness_and_overlapping_construction(client: Client) -> None:
    demo_projects_load()
    client.force_login(user_with("viewer"))
    url = reverse("projects:construction-load", args=["trondheimsregionen"])
    near = client.get(url, {"within": "2000"}).context["collisions"]
    pairs = {frozenset((c.first.key, c.second.key)) for c in near}
    # The example business park lies about a kilometre from E6 Værnes–Hell; both build in 2027.
    assert frozenset(("e6-vaernes-hell", "naeringspark-stjordal-eksempel")) in pairs
    assert all(c.distance_m <= 2000 for c in near)
    touching = client.get(url, {"within": "0"}).context["collisions"]
    assert frozenset(("e6-vaernes-hell", "naeringspark-stjordal-eksempel")) not in {
        frozenset((c.first.key, c.second.key)) for c in touching
    }

"""Construction load for a labour-market region or any region (ADR 102) and collisions over
the same land of the land register (ADR 103)."""

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from samspill.analyses.models import AnalysisRun
from samspill.projects.demo import demo_projects_load
from samspill.projects.models import Project
from samspill.regions.models import Municipality
from tests.analyses.factories import AnalysisRunFactory
from tests.land.factories import make_site
from tests.projects.conftest import user_with
from tests.projects.factories import PhaseFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def lma_run() -> AnalysisRun:
    """A finished run like the demo's 2022 one: Trondheim's functional region, and Bardu's."""
    result: dict[str, Any] = {
        "year": 2022,
        "regions": [
            {
                "region": 1,
                "name": "Trondheim",
                "centre": "5001",
                "members": ["5001", "5028", "5031", "5035"],
            },
            {"region": 2, "name": "Bardu", "centre": "5520", "members": ["5520"]},
        ],
    }
    return AnalysisRunFactory.create(status=AnalysisRun.Status.DONE, result=result)


def keys(context: Any) -> set[str]:
    return {project.key for project in context["projects"]}


def test_the_functional_region_containing_trondheim_sums_the_e6_projects(client: Client) -> None:
    demo_projects_load()
    run = lma_run()
    client.force_login(user_with("viewer"))
    url = reverse("projects:construction-load", args=["trondheimsregionen"])

    own = client.get(url).context
    functional = client.get(url, {"area": f"lmr-{run.pk}-1"})
    bardu = client.get(url, {"area": f"lmr-{run.pk}-2"}).context

    assert {"e6-vaernes-hell", "e6-kvithammar-asen"} <= keys(functional.context)
    assert functional.context["area"].name.startswith("Trondheim")
    assert [(x.quarter, round(x.total, 6)) for x in functional.context["loads"]] == [
        (x.quarter, round(x.total, 6)) for x in own["loads"]
    ]
    page = functional.content.decode()
    assert f'value="lmr-{run.pk}-1" selected' in page
    assert "Byggebelastning i Trondheim" in page
    assert not functional.context["can_save"]  # scenarios belong to the register's region
    assert keys(bardu) == set()
    assert bardu["loads"] == []


def test_a_functional_region_with_only_stjordal_sums_only_projects_touching_it(
    client: Client,
) -> None:
    demo_projects_load()
    run = AnalysisRunFactory.create(
        status=AnalysisRun.Status.DONE,
        result={"year": 2022, "regions": [{"region": 7, "name": "Stjørdal", "members": ["5035"]}]},
    )
    client.force_login(user_with("viewer"))
    url = reverse("projects:construction-load", args=["trondheimsregionen"])

    context = client.get(url, {"area": f"lmr-{run.pk}-7"}).context

    assert "e6-vaernes-hell" in keys(context)
    assert "campusbygg-trondheim-eksempel" not in keys(context)  # Trondheim only


def test_an_area_uses_ssb_construction_workforce_of_its_municipalities(client: Client) -> None:
    from samspill.stats.models import Observation, Series

    run = AnalysisRunFactory.create(
        status=AnalysisRun.Status.DONE,
        result={"year": 2022, "regions": [{"region": 3, "name": "X", "members": ["5035", "5031"]}]},
    )
    series = Series.objects.create(
        code="13470-sysselsatte", table_number="13470", contents="sysselsatte", title="13470"
    )
    for number, value in (("5035", 700.0), ("5031", 300.0)):
        Observation.objects.create(
            series=series,
            municipality=Municipality.objects.get(number=number),
            period="2024",
            year=2024,
            dimension_key="naering=bygge-og-anleggsvirksomhet",
            value=value,
        )
    client.force_login(user_with("viewer"))
    url = reverse("projects:construction-load", args=["trondheimsregionen"])

    context = client.get(url, {"area": f"lmr-{run.pk}-3"}).context
    entered = client.get(url, {"area": f"lmr-{run.pk}-3", "workforce": "50"}).context

    assert context["workforce"] == 1000
    assert "13470" in context["workforce_source"]
    assert entered["workforce"] == 50


def test_any_region_and_unknown_areas(client: Client) -> None:
    demo_projects_load()
    client.force_login(user_with("viewer"))
    url = reverse("projects:construction-load", args=["trondheimsregionen"])

    other = client.get(url, {"area": "region-sor-troms"}).context
    unknown = client.get(url, {"area": "lmr-999999-1"}).context

    assert keys(other) == set()
    assert other["area"].name
    assert unknown["area"] is None
    assert "e6-vaernes-hell" in keys(unknown)


def test_the_api_sums_a_functional_region(client: Client) -> None:
    demo_projects_load()
    run = lma_run()
    client.force_login(user_with("viewer"))
    url = "/api/projects/regions/trondheimsregionen/construction-load"

    own = client.get(url).json()
    functional = client.get(url, {"area": f"lmr-{run.pk}-1"}).json()
    bardu = client.get(url, {"area": f"lmr-{run.pk}-2"}).json()

    assert functional["area"] == f"lmr-{run.pk}-1"
    assert functional["quarters"] == own["quarters"]
    assert own["quarters"]
    assert bardu["quarters"] == []
    assert client.get(url, {"area": "lmr-1-x"}).status_code == 422


# The same land ---------------------------------------------------------------------------------

WEST = {"type": "LineString", "coordinates": [[10.9585, 63.4635], [10.9590, 63.4645]]}
EAST = {"type": "LineString", "coordinates": [[10.9612, 63.4635], [10.9618, 63.4645]]}


def building(name: str, geometry: dict[str, Any], *, land: str | None = "20") -> Project:
    project = ProjectFactory.create(
        name=name,
        geometry=geometry,
        land_need_daa=Decimal(land) if land is not None else None,
    )
    PhaseFactory.create(project=project)
    return project


def test_projects_needing_the_same_site_collide_with_the_reason(client: Client) -> None:
    make_site("5035", name="Værnes nord")
    building("Hangar", WEST)
    building("Logistikkbygg", EAST)
    building("Veg uten arealbehov", EAST, land="0")
    client.force_login(user_with("viewer"))
    url = reverse("projects:construction-load", args=["trondheimsregionen"])

    response = client.get(url, {"within": "0"})
    found = response.context["collisions"]

    assert [(c.first.name, c.second.name) for c in found if c.sites] == [
        ("Hangar", "Logistikkbygg")
    ]
    # Near as well (a wide distance): one row with both reasons.
    wide = client.get(url, {"within": "5000"}).context["collisions"]
    both = [c for c in wide if {c.first.name, c.second.name} == {"Hangar", "Logistikkbygg"}]
    assert len(both) == 1
    assert both[0].reason == "nær hverandre; begge trenger arealet Værnes nord"
    land = next(c for c in found if c.sites)
    assert not land.near
    assert land.distance_m > 50
    assert "begge trenger arealet Værnes nord" in response.content.decode()
    # Without the site they are neither near nor on the same land.
    assert not [
        c for c in found if "Veg uten arealbehov" in (c.first.name, c.second.name) and c.sites
    ]


def test_the_collisions_export_gives_the_reason(client: Client) -> None:
    make_site("5035", name="Værnes nord")
    building("Hangar", WEST)
    building("Logistikkbygg", EAST)
    client.force_login(user_with("viewer"))
    url = reverse(
        "projects:construction-load-collisions-export", args=["trondheimsregionen", "csv"]
    )

    text = client.get(url, {"within": "0"}).content.decode("utf-8-sig")

    assert "Hangar" in text
    assert "begge trenger arealet Værnes nord" in text
    assert client.get(url.replace("csv", "xlsx"), {"within": "0"}).status_code == 200
    assert client.get(url.replace("csv", "pdf")).status_code == 404


def test_an_unpublished_site_collides_only_for_those_who_may_see_it(client: Client) -> None:
    make_site("5035", name="Hemmelig tomt", is_published=False)
    building("Hangar", WEST)
    building("Logistikkbygg", EAST)
    url = reverse("projects:construction-load", args=["trondheimsregionen"])

    client.force_login(user_with("developer"))  # Stjørdal: sees its own unpublished sites
    insider = client.get(url, {"within": "0"}).content.decode()
    client.force_login(user_with("other_developer"))  # Trondheim
    outsider = client.get(url, {"within": "0"})

    assert "begge trenger arealet Hemmelig tomt" in insider
    assert "Hemmelig tomt" not in outsider.content.decode()
    assert outsider.context["collisions"] == []


def test_no_land_collision_without_overlapping_periods(client: Client) -> None:
    import datetime

    make_site("5035", name="Værnes nord")
    building("Hangar", WEST)
    later = ProjectFactory.create(name="Senere", geometry=EAST, land_need_daa=Decimal("5"))
    PhaseFactory.create(
        project=later, start=datetime.date(2030, 1, 1), end=datetime.date(2031, 12, 31)
    )
    client.force_login(user_with("viewer"))
    url = reverse("projects:construction-load", args=["trondheimsregionen"])

    assert client.get(url, {"within": "0"}).context["collisions"] == []

"""The API: public read (internal projects only for the region), permissioned writes with a
version (409 on a lost update, 428 without), 422 with reasons; query counts bounded."""

import json
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from samspill.projects.demo import demo_projects_load
from samspill.projects.models import Project
from samspill.projects.search import project_document_for
from samspill.search.selectors import search_for
from samspill.search.services import index_update
from tests.projects.conftest import user_with
from tests.projects.factories import PhaseFactory, ProjectFactory

pytestmark = pytest.mark.django_db

BODY: dict[str, Any] = {
    "name": "Ny kai",
    "kind": "port",
    "status": "planning",
    "municipalities": ["5035"],
    "geometry": {"type": "Point", "coordinates": [10.9, 63.47]},
    "phases": [{"kind": "construction", "start": "2026 K3", "end": "2027"}],
    "construction_person_years": 30,
    "sources": {"owner": {"source": "Stjørdal havn", "date": "2025-01-01"}},
}


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def _put(client: Client, url: str, body: dict[str, Any], **headers: str) -> Any:
    return client.put(url, json.dumps(body), content_type="application/json", headers=headers)


def test_create_read_update_with_versions(client: Client) -> None:
    client.force_login(user_with("developer"))
    created = _post(client, reverse("api:project_create", args=["trondheimsregionen"]), BODY)
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["phases"][0]["start"] == "2026 K3"
    assert data["version"] == 1
    url = reverse("api:project", args=[data["id"]])
    assert client.get(url)["ETag"] == '"1"'
    assert _put(client, url, BODY | {"name": "Uten versjon"}).status_code == 428
    saved = _put(client, url, BODY | {"name": "Ny kai 2", "version": 1})
    assert saved.status_code == 200
    assert saved.json()["version"] == 2
    stale = _put(client, url, BODY | {"name": "Gammel"}, If_Match='"1"')
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    assert Project.objects.get(pk=data["id"]).name == "Ny kai 2"


def test_reasons_per_field_and_refusals(client: Client) -> None:
    url = reverse("api:project_create", args=["trondheimsregionen"])
    assert _post(client, url, BODY).status_code == 401
    client.force_login(user_with("viewer"))
    assert _post(client, url, BODY).status_code == 403
    client.force_login(user_with("coordinator"))
    bad = BODY | {"phases": [{"kind": "construction", "start": "2028", "end": "2026"}]}
    answer = _post(client, url, bad)
    assert answer.status_code == 422
    assert "phase_construction_end" in answer.json()["errors"]
    outside = BODY | {"geometry": {"type": "Point", "coordinates": [63.47, 10.9]}}
    assert "geometry" in _post(client, url, outside).json()["errors"]


def test_internal_projects_are_for_the_region_only(client: Client) -> None:
    hidden = ProjectFactory.create(is_internal=True)
    listing = reverse("api:projects")
    assert hidden.pk not in [p["id"] for p in client.get(listing).json()]
    assert client.get(reverse("api:project", args=[hidden.pk])).status_code == 404
    client.force_login(user_with("viewer"))
    assert hidden.pk in [p["id"] for p in client.get(listing).json()]


def test_construction_load_with_a_shift(client: Client) -> None:
    demo_projects_load()
    road = Project.objects.get(key="e6-kvithammar-asen")
    client.force_login(user_with("viewer"))
    url = reverse("api:construction_load", args=["trondheimsregionen"])
    moved = client.get(url, {"shift": f"{road.pk}:24"}).json()
    assert moved["shifts"] == {str(road.pk): 24}
    quarter = {q["quarter"]: q for q in moved["quarters"]}["2026 K1"]
    # The road (320 person-years per year, building from 2025 K2) leaves 2026 K1 when moved.
    assert quarter["baseline"] - quarter["person_years"] == pytest.approx(320)
    assert client.get(url, {"shift": "x:1"}).status_code == 422


def test_search_finds_public_projects_and_internal_ones_for_the_region() -> None:
    public = ProjectFactory.create(name="Gangbru over Stjørdalselva")
    secret = ProjectFactory.create(name="Gangbru hemmelig", is_internal=True)
    for project in (public, secret):
        index_update(project_document_for(project.pk))

    def titles(user: Any) -> set[str]:
        return {hit.entry.title for hit in search_for(user=user, query="gangbru").hits}

    assert titles(AnonymousUser()) == {"Gangbru over Stjørdalselva"}
    assert titles(user_with("viewer")) == {"Gangbru over Stjørdalselva", "Gangbru hemmelig"}
    assert titles(user_with("outsider")) == {"Gangbru over Stjørdalselva"}


@pytest.mark.parametrize("count", [5, 40])
def test_query_counts_do_not_grow_with_the_register(
    client: Client, count: int, django_assert_max_num_queries: Any
) -> None:
    for _ in range(count):
        PhaseFactory.create(project=ProjectFactory.create())
    client.force_login(user_with("coordinator"))
    with django_assert_max_num_queries(25):
        assert client.get(reverse("projects:project-list")).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("projects:project-layer")).status_code == 200
    with django_assert_max_num_queries(25):
        url = reverse("projects:construction-load", args=["trondheimsregionen"])
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("api:projects")).status_code == 200

"""The register at scale: bounded queries, no municipality outlines parsed per project row, and the
API list's fast path (rows serialised without schema validation) giving what the schema gives."""

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from ninja.responses import NinjaJSONEncoder

from samspill.projects.api import ProjectOut
from tests.projects.conftest import user_with
from tests.projects.factories import PhaseFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _outline_queries(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries.captured_queries if "boundary" in query["sql"]]


def test_lists_do_not_read_municipality_outlines_per_project(client: Client) -> None:
    for _ in range(3):
        PhaseFactory.create(project=ProjectFactory.create(), kind="construction")
    client.force_login(user_with("coordinator"))
    load = reverse("projects:construction-load", args=["trondheimsregionen"])

    assert _outline_queries(client, reverse("api:projects")) == []
    # The load page's outline reads are the region's member lookup (regions.region_members, for
    # the SSB workforce): a fixed cost, never in a query of projects.
    load_outlines = _outline_queries(client, load)
    assert not [sql for sql in load_outlines if '"projects_' in sql]
    assert len(load_outlines) <= 3
    assert _outline_queries(client, reverse("projects:project-list")) == []
    assert len(_outline_queries(client, reverse("projects:project-layer"))) == 1


def test_the_api_list_gives_exactly_what_the_schema_gives() -> None:
    project = ProjectFactory.create(
        investment_low_mnok=Decimal("1200.5"),
        investment_high_mnok=None,
        land_need_daa=Decimal("30"),
        workforce_by_trade={"betong": 40, "elektro": 12.5},
        links=[{"label": "Nye Veier", "url": "https://www.nyeveier.no/"}],
        sources={"investment": {"source": "Nye Veier", "date": "2016-03-01"}},
    )
    PhaseFactory.create(project=project, kind="construction")
    client = Client()

    [row] = client.get(reverse("api:projects")).json()
    one = client.get(reverse("api:project", args=[project.pk])).json()

    assert row == one
    validated = ProjectOut.model_validate(row).model_dump()
    assert json.loads(json.dumps(validated, cls=NinjaJSONEncoder)) == row


def _counts(client: Client) -> dict[str, int]:
    pages = {
        "layer": reverse("projects:project-layer"),
        "load": reverse("projects:construction-load", args=["trondheimsregionen"]),
        "api": reverse("api:projects"),
    }
    counts: dict[str, int] = {}
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[name] = len(queries)
    return counts


def _add(count: int) -> None:
    for _ in range(count):
        PhaseFactory.create(project=ProjectFactory.create(), kind="construction")


def test_query_counts_are_the_same_for_5_and_60_projects(client: Client) -> None:
    client.force_login(user_with("coordinator"))
    _add(5)
    _counts(client)  # the first request of a session loads it (and the user's roles) once
    few = _counts(client)

    _add(55)
    many = _counts(client)

    assert many == few
    assert many["layer"] <= 16
    assert many["load"] <= 20
    assert many["api"] <= 8


def test_the_load_defaults_to_ssb_construction_employment_where_loaded(client: Client) -> None:
    from samspill.regions.models import Region
    from samspill.regions.selectors import region_members
    from samspill.stats.models import Observation, Series

    region = Region.objects.get(slug="trondheimsregionen")
    series = Series.objects.create(
        code="13470-sysselsatte", table_number="13470", contents="sysselsatte", title="13470"
    )
    members = [member.municipality for member in region_members(region=region)]
    for year, value in ((2023, 90.0), (2024, 100.0)):
        Observation.objects.bulk_create(
            Observation(
                series=series,
                municipality=municipality,
                period=str(year),
                year=year,
                dimension_key="naering=bygge-og-anleggsvirksomhet",
                value=value,
            )
            for municipality in members
        )
    client.force_login(user_with("viewer"))
    url = reverse("projects:construction-load", args=["trondheimsregionen"])

    default = client.get(url).context
    entered = client.get(url, {"workforce": "5000", "workforce_source": "Egen telling"}).context

    assert default["workforce"] == 100 * len(members)
    assert "13470" in default["workforce_source"]
    assert "2024" in default["workforce_source"]
    assert (entered["workforce"], entered["workforce_source"]) == (5000, "Egen telling")


def test_without_ssb_figures_for_every_member_the_user_enters_the_workforce(
    client: Client,
) -> None:
    client.force_login(user_with("viewer"))
    url = reverse("projects:construction-load", args=["trondheimsregionen"])

    context = client.get(url).context

    assert context["workforce"] is None
    assert context["ssb_workforce"] is None

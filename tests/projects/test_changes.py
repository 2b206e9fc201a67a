"""What changed since a date: new projects and changed phases, costs and statuses, in words."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samspill.projects.periods import period_parse
from samspill.projects.presenters import change_lines
from samspill.projects.selectors import project_get_for
from samspill.projects.services import ProjectInput, project_create, project_update
from samspill.regions.models import Municipality, Region
from tests.projects.conftest import user_with

pytestmark = pytest.mark.django_db


def _data(**values: object) -> ProjectInput:
    base: dict[str, object] = {
        "name": "Ny bru over Gaula",
        "kind": "road",
        "municipality_ids": [Municipality.objects.get(number="5035").pk],
    }
    return ProjectInput(**(base | values))  # type: ignore[arg-type]


def test_the_change_view_says_in_words_what_changed(client: Client) -> None:
    coordinator = user_with("coordinator")
    region = Region.objects.get(slug="trondheimsregionen")
    created = project_create(actor=coordinator, region=region, data=_data())
    project_update(
        actor=coordinator,
        project=project_get_for(user=coordinator, pk=created.pk),
        data=_data(
            status="zoning",
            investment_low_mnok=Decimal("1200"),
            price_level_year=2024,
            phases={"construction": (period_parse("2027"), period_parse("2029"))},
        ),
        expected_version=created.version,
    )

    since = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    page = client.get(reverse("projects:register-changes"), {"siden": since})

    text = page.content.decode()
    assert page.status_code == 200
    assert "Ført inn i registeret." in text
    assert "Status: idé → regulering" in text
    assert "Fasen bygging: – → 2027–2029" in text
    assert "Investering, lav (mill. kr): – → 1\xa0200" in text
    assert "Prisnivå (år): – → 2024" in text
    assert "investment_low_mnok" not in text
    summary = page.context["summary"]
    assert (summary.new, summary.phases, summary.statuses, summary.costs) == (1, 1, 1, 1)


def test_internal_projects_changes_are_hidden_from_the_public(client: Client) -> None:
    region = Region.objects.get(slug="trondheimsregionen")
    project_create(actor=None, region=region, data=_data(name="Hemmelig hall", is_internal=True))

    public = client.get(reverse("projects:register-changes")).content.decode()
    client.force_login(user_with("viewer"))
    member = client.get(reverse("projects:register-changes")).content.decode()

    assert "Hemmelig hall" not in public
    assert "Hemmelig hall" in member


def test_unknown_fields_and_shapes_never_show_raw_values() -> None:
    lines = change_lines("update", {"geometry": [None, {"type": "Point"}], "bbox": [1, 2]})

    assert lines == ["Geometri (geojson) er endret."]

"""`samspill demo` loads example opportunities in the wake of the demo projects, linked to the demo
strategy's measures and marked as examples on screen and in exports."""

import csv
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from samspill.demo.steps import STEPS
from samspill.projects.models import Opportunity

pytestmark = pytest.mark.django_db


def _demo(monkeypatch: pytest.MonkeyPatch, *, force: bool = False) -> None:
    # The strategy's and the projects' steps (municipalities and regions are in the session DB).
    keys = {"strategy-trondheimsregionen", "projects-trondheimsregionen"}
    monkeypatch.setattr(
        "samspill.demo.management.commands.demo.STEPS", [s for s in STEPS if s.key in keys]
    )
    call_command("demo", force=force, stdout=io.StringIO())


def test_demo_loads_example_opportunities_linked_to_projects_and_measures(
    monkeypatch: pytest.MonkeyPatch, client: Client
) -> None:
    _demo(monkeypatch)

    opportunities = Opportunity.objects.filter(region__slug="trondheimsregionen")
    assert sorted(opportunities.values_list("kind", flat=True)) == [
        "housing",
        "land",
        "suppliers",
        "training",
    ]
    for opportunity in opportunities:
        assert opportunity.is_example
        assert "(eksempel)" in opportunity.title
        assert opportunity.projects.exists()
        assert opportunity.measures.exists()  # the strategy demo's measures, found by title
    suppliers = opportunities.get(kind="suppliers")
    assert set(suppliers.projects.values_list("key", flat=True)) == {
        "e6-vaernes-hell",
        "e6-kvithammar-asen",
    }
    assert list(suppliers.measures.values_list("title", flat=True)) == [
        "Innovative anskaffelser: kommunen som krevende kunde"
    ]

    page = client.get(reverse("projects:opportunity-list")).content.decode()
    assert "Muligheter merket «eksempel» er demodata." in page
    export = client.get(reverse("projects:opportunity-export", args=["csv"]))
    assert "eksempel-" in export["Content-Disposition"]
    header, *rows = csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";")
    assert len(rows) == 4
    assert {dict(zip(header, row, strict=True))["is_example"] for row in rows} == {"ja"}

    # Reloading the strategy demo replaces its measures; the projects' step links them again and
    # updates the opportunities, never duplicating them.
    _demo(monkeypatch, force=True)
    again = Opportunity.objects.filter(region__slug="trondheimsregionen")
    assert again.count() == 4
    assert all(o.measures.exists() for o in again)

"""The demo: seed 004's pre-project with its dates as written, the flag, roles, budget, adoption."""

import datetime

import pytest

from samspill.collaboration.demo import PRE_PROJECT, PRE_STUDY, demo_collaboration_load
from samspill.collaboration.models import Project
from samspill.collaboration.presenters import adoption_sentence, warning_sentence
from samspill.collaboration.selectors import (
    adoption_for,
    budget_totals,
    key_results,
    plan_warnings,
    point_passed,
)

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_and_matches_the_seed(population: None) -> None:
    demo_collaboration_load()
    demo_collaboration_load()  # idempotent
    project = Project.objects.get(title=PRE_PROJECT)
    assert project.previous == Project.objects.get(title=PRE_STUDY)
    assert [(m.number, m.date) for m in project.milestones.order_by("number")] == [
        ("01", datetime.date(2017, 11, 15)),
        ("02", datetime.date(2018, 12, 15)),
        ("03", datetime.date(2018, 2, 1)),
        ("04", datetime.date(2018, 3, 1)),
    ]
    warnings = [warning_sentence(w) for w in plan_warnings(project)]
    assert len(warnings) == 1
    assert warnings[0].startswith("Milepæl 02")
    assert project.roles.filter(kind="steering").count() == 5
    assert project.roles.get(kind="observer").organisation == "Innovasjon Norge"
    assert project.roles.get(kind="manager").name == "Knut Baglo"
    assert budget_totals(project).balanced
    chosen = next(r for r in key_results(project) if r.key.is_chosen)
    assert chosen.error == ""
    assert sum(chosen.shares.values()) == budget_totals(project).municipal_share
    report = Project.objects.get(title=PRE_STUDY).decision_points.get()
    assert adoption_sentence(adoption_for(report)).startswith("Vedtatt av 3 av 4")
    assert not point_passed(report)


def test_demo_has_an_example_agreement_and_status_report(population: None) -> None:
    demo_collaboration_load()

    project = Project.objects.get(title=PRE_PROJECT)

    agreement = project.agreements.get()
    assert agreement.is_example
    assert agreement.versions.get().signatures.count() == 2
    report = project.status_reports.get()
    assert report.is_example
    assert report.explanation.startswith("Eksempel:")

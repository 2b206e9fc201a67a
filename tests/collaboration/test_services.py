"""Plan, adoption, budget and meetings through the services: rules, audit trail, conflicts."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from samspill.audit.selectors import audit_entries_for
from samspill.collaboration import presenters, services
from samspill.collaboration.models import Project
from samspill.collaboration.selectors import (
    adoption_for,
    budget_totals,
    key_results,
    plan_warnings,
    point_passed,
)
from samspill.core.exceptions import ConflictError
from samspill.knowledge.models import Decision
from samspill.regions.models import Municipality
from tests.collaboration.conftest import People

pytestmark = pytest.mark.django_db
D = datetime.date
OCTOBER = D(2017, 10, 1)


NUMBERS = {"Bardu": "5520", "Gratangen": "5516", "Lavangen": "5518", "Salangen": "5522"}


def _municipality(name: str) -> Municipality:
    return Municipality.objects.get(number=NUMBERS.get(name, "5001"))


def test_seed_plan_gets_one_warning_and_keeps_its_dates(project: Project) -> None:
    seed = [
        ("01", D(2017, 11, 15)),
        ("02", D(2018, 12, 15)),
        ("03", D(2018, 2, 1)),
        ("04", D(2018, 3, 1)),
    ]
    for number, day in seed:
        services.milestone_add(actor=None, project=project, number=number, date=day, marker="M")
    warnings = [presenters.warning_sentence(w) for w in plan_warnings(project)]
    assert len(warnings) == 1
    assert "Milepæl 02 er datert 15.12.2018" in warnings[0]
    assert project.milestones.get(number="02").date == D(2018, 12, 15)  # not silently fixed


def test_a_milestone_needs_a_date_and_a_unique_number(project: Project) -> None:
    with pytest.raises(ValidationError) as error:
        services.milestone_add(actor=None, project=project, number="01", date=None, marker="M")
    assert "date" in error.value.message_dict
    services.milestone_add(actor=None, project=project, number="01", date=D(2018, 1, 1), marker="M")
    with pytest.raises(ValidationError) as error:
        services.milestone_add(
            actor=None, project=project, number="01", date=D(2018, 1, 1), marker="M"
        )
    assert "number" in error.value.message_dict


def test_milestone_edit_with_a_stale_version_conflicts(project: Project, people: People) -> None:
    milestone = services.milestone_add(
        actor=None, project=project, number="01", date=D(2018, 1, 1), marker="M"
    )
    services.milestone_update(
        actor=people.manager, milestone=milestone, expected_version=1, marker="Ny"
    )
    with pytest.raises(ConflictError):
        services.milestone_update(
            actor=people.manager, milestone=milestone, expected_version=1, marker="Eldre"
        )
    assert [e.action for e in audit_entries_for(subject=milestone)] == ["update", "create"]


def _adopt(point, name: str, outcome: str = "adopted", day: D = OCTOBER) -> None:  # type: ignore[no-untyped-def]
    services.treatment_add(
        actor=None,
        point=point,
        municipality=_municipality(name),
        body="council",
        meeting_date=day,
        outcome=outcome,
    )


def test_decision_point_needs_every_council(project: Project, people: People) -> None:
    point = services.decision_point_add(
        actor=people.manager,
        project=project,
        number=2,
        date=D(2018, 4, 30),
        topic="Prosjektavslutning",
        needs_all_councils=True,
    )
    services.decision_record(
        actor=people.steering, point=point, decided_on=D(2018, 4, 30), decision_text="Godkjent"
    )
    for name in ("Bardu", "Gratangen", "Salangen"):
        _adopt(point, name)
    _adopt(point, "Lavangen", "pending", D(2017, 10, 12))
    status = adoption_for(point)
    assert presenters.adoption_sentence(status) == (
        "Vedtatt av 3 av 4 – Loabák - Lavangen venter, møte 12.10.2017"
    )
    assert not point_passed(point)
    _adopt(point, "Lavangen", day=D(2017, 10, 12))
    point.refresh_from_db()
    assert point_passed(point)
    assert audit_entries_for(subject=point)[0].action == "transition"


def test_treatment_of_a_municipality_outside_the_project_is_refused(project: Project) -> None:
    point = services.decision_point_add(
        actor=None, project=project, number=1, date=D(2018, 1, 1), topic="T"
    )
    with pytest.raises(ValidationError) as error:
        _adopt(point, "Trondheim")
    assert "municipality" in error.value.message_dict


def test_override_needs_a_reason_and_passes_the_point(project: Project, people: People) -> None:
    point = services.decision_point_add(
        actor=None,
        project=project,
        number=1,
        date=D(2018, 1, 1),
        topic="T",
        needs_all_councils=True,
    )
    services.decision_record(
        actor=people.steering, point=point, decided_on=D(2018, 1, 1), decision_text="OK"
    )
    _adopt(point, "Bardu")
    with pytest.raises(ValidationError):
        services.point_override(actor=people.manager, point=point, reason=" ")
    services.point_override(actor=people.manager, point=point, reason="Lavangen behandler i mars")
    point.refresh_from_db()
    assert point_passed(point)
    assert point.override_by == people.manager
    with pytest.raises(ConflictError):
        services.point_override(actor=people.manager, point=point, reason="igjen")


def test_a_decision_is_recorded_once(project: Project, people: People) -> None:
    point = services.decision_point_add(
        actor=None, project=project, number=1, date=D(2018, 1, 1), topic="T"
    )
    services.decision_record(
        actor=people.steering, point=point, decided_on=D(2018, 1, 1), decision_text="OK"
    )
    with pytest.raises(ConflictError):
        services.decision_record(
            actor=people.steering, point=point, decided_on=D(2018, 1, 2), decision_text="Igjen"
        )


def test_budget_balance_and_the_mixed_key_on_population_at_the_chosen_date(
    project: Project, people: People, population: None
) -> None:
    services.cost_line_add(
        actor=people.manager, project=project, category="services", year=2018, planned=100_001
    )
    services.financing_add(actor=people.manager, project=project, kind="county", amount=50_000)
    assert not budget_totals(project).balanced
    services.financing_add(
        actor=people.manager, project=project, kind="municipalities", amount=50_001
    )
    totals = budget_totals(project)
    assert totals.balanced
    assert totals.municipal_share == 50_001
    services.cost_key_add(
        actor=people.manager,
        project=project,
        name="Blandet",
        equal_percent=30,
        population_percent=70,
        population_date=D(2018, 6, 30),
    )
    services.cost_key_add(
        actor=people.manager,
        project=project,
        name="Folketall 2017",
        population_percent=100,
        population_date=D(2017, 12, 31),
    )
    mixed, older = key_results(project)
    assert mixed.error == ""
    assert sum(mixed.shares.values()) == 50_001
    bardu = _municipality("Bardu").pk
    assert mixed.population[bardu] == (2018, 4000.0)
    assert older.population[bardu] == (2017, 3990.0)
    # 30 % equally (15 000,30 / 4) + 70 % by 4000 of 8350 people.
    assert abs(mixed.shares[bardu] - (50_001 * 0.3 / 4 + 50_001 * 0.7 * 4000 / 8350)) < 1


def test_a_key_whose_weights_do_not_add_up_is_refused(project: Project, people: People) -> None:
    with pytest.raises(ValidationError) as error:
        services.cost_key_add(
            actor=people.manager,
            project=project,
            name="Feil",
            equal_percent=30,
            population_percent=60,
        )
    assert "equal_percent" in error.value.message_dict
    assert "90" in error.value.message_dict["equal_percent"][0]


def test_population_missing_at_the_date_is_reported(project: Project, people: People) -> None:
    services.cost_key_add(
        actor=people.manager,
        project=project,
        name="Folketall",
        population_percent=100,
        population_date=D(1990, 1, 1),
    )
    assert key_results(project)[0].error == "population_missing"


def test_choosing_a_key_twice_is_already_chosen(project: Project, people: People) -> None:
    key = services.cost_key_add(
        actor=people.manager, project=project, name="Likt", equal_percent=100
    )
    services.cost_key_choose(actor=people.manager, key=key)
    with pytest.raises(ConflictError):
        services.cost_key_choose(actor=people.manager, key=key)


def test_meeting_decisions_appear_in_the_decision_list(project: Project, people: People) -> None:
    from samspill.collaboration.selectors import decision_list

    meeting = services.meeting_add(
        actor=people.manager,
        project=project,
        kind="steering_group",
        date=D(2017, 11, 1),
        title="SG",
    )
    services.agenda_item_add(
        actor=people.manager,
        meeting=meeting,
        number=3,
        year=2017,
        title="Plan",
        decision="Godkjent",
    )
    services.agenda_item_add(
        actor=people.manager, meeting=meeting, number=4, year=2017, title="Info"
    )
    assert [item.label for item in decision_list(project)] == ["3/2017"]
    logged = Decision.objects.get(region=project.region, case_number="3/2017")
    assert (logged.body, logged.text) == ("steering_group", "Godkjent")
    with pytest.raises(ValidationError):
        services.agenda_item_add(
            actor=people.manager, meeting=meeting, number=3, year=2017, title="Dobbel"
        )

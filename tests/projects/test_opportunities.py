"""Opportunities in the wake of the projects: who records them, the link to strategy measures,
history, the conflict-safe edit, exports and the API."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from samspill.audit.models import AuditEntry
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.projects.models import Opportunity
from samspill.projects.services import OpportunityInput, opportunity_create, opportunity_update
from samspill.regions.models import Region
from tests.projects.conftest import user_with
from tests.projects.factories import OpportunityFactory, ProjectFactory
from tests.strategy.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def _input(**values: object) -> OpportunityInput:
    base: dict[str, object] = {"title": "Leveranser til E6", "kind": "suppliers", "project_ids": []}
    return OpportunityInput(**(base | values))  # type: ignore[arg-type]


def test_a_developer_of_a_touched_municipality_records_an_opportunity_with_a_measure() -> None:
    project = ProjectFactory.create()  # touches Stjørdal
    measure = MeasureFactory.create()  # a measure of Trondheimsregionen's strategy
    developer = user_with("developer")

    created = opportunity_create(
        actor=developer,
        region=Region.objects.get(slug="trondheimsregionen"),
        data=_input(project_ids=[project.pk], measure_ids=[measure.pk], owner_name="Stjørdal"),
    )

    assert list(created.projects.all()) == [project]
    assert list(measure.project_opportunities.all()) == [created]
    entry = AuditEntry.objects.get(object_pk=str(created.pk), object_repr=created.title)
    assert entry.action == AuditEntry.Action.CREATE


def test_a_developer_of_another_municipality_may_not() -> None:
    project = ProjectFactory.create()

    with pytest.raises(PermissionDeniedError):
        opportunity_create(
            actor=user_with("other_developer"),
            region=Region.objects.get(slug="trondheimsregionen"),
            data=_input(project_ids=[project.pk]),
        )


def test_projects_and_measures_of_another_region_are_refused_by_field() -> None:
    foreign = ProjectFactory.create(region=Region.objects.get(slug="sor-troms"), key="x-1")
    measure = MeasureFactory.create(action_plan__strategy__region=foreign.region)

    with pytest.raises(ValidationError) as caught:
        opportunity_create(
            actor=None,
            region=Region.objects.get(slug="trondheimsregionen"),
            data=_input(project_ids=[foreign.pk], measure_ids=[measure.pk]),
        )

    assert set(caught.value.message_dict) == {"projects", "measures"}


def test_a_stale_version_is_a_conflict_and_nothing_changes() -> None:
    opportunity = OpportunityFactory.create()
    project_ids = [p.pk for p in opportunity.projects.all()]
    opportunity_update(
        actor=None,
        opportunity=opportunity,
        data=_input(title="Først", project_ids=project_ids),
        expected_version=1,
    )

    with pytest.raises(ConflictError):
        opportunity_update(
            actor=None,
            opportunity=opportunity,
            data=_input(title="Sist", project_ids=project_ids),
            expected_version=1,
        )

    assert Opportunity.objects.get(pk=opportunity.pk).title == "Først"


def test_the_edit_form_shows_the_conflict_with_409(client: Client) -> None:
    opportunity = OpportunityFactory.create()
    project = opportunity.projects.get()
    client.force_login(user_with("coordinator"))
    url = reverse("projects:opportunity-edit", args=[opportunity.pk])
    form = {"title": "Min", "kind": "land", "status": "idea", "projects": [project.pk]}
    client.post(url, form | {"version": 1})

    response = client.post(url, form | {"title": "Din", "version": 1})

    assert response.status_code == 409
    assert response.context["form"].conflict is not None


def test_pages_list_and_measure_page_show_the_opportunity(client: Client) -> None:
    measure = MeasureFactory.create()
    opportunity = OpportunityFactory.create(title="Boliger for anleggsarbeidere")
    opportunity.measures.set([measure])
    project = opportunity.projects.get()

    listed = client.get(reverse("projects:opportunity-list")).content.decode()
    on_project = client.get(project.get_absolute_url()).content.decode()
    client.force_login(user_with("coordinator"))
    on_measure = client.get(reverse("strategy:measure-detail", args=[measure.pk])).content.decode()

    for page in (listed, on_project, on_measure):
        assert "Boliger for anleggsarbeidere" in page


def test_internal_opportunities_are_hidden_from_outsiders(client: Client) -> None:
    OpportunityFactory.create(title="Hemmelig", is_internal=True)

    assert "Hemmelig" not in client.get(reverse("projects:opportunity-list")).content.decode()
    client.force_login(user_with("viewer"))
    assert "Hemmelig" in client.get(reverse("projects:opportunity-list")).content.decode()


def test_export_marks_examples_and_neutralises_formulas(client: Client) -> None:
    OpportunityFactory.create(title="=HYPERLINK(1)", is_example=True)

    response = client.get(reverse("projects:opportunity-export", args=["csv"]))

    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    assert "eksempel" in response["Content-Disposition"]


def test_the_api_creates_reads_and_refuses_a_lost_update(client: Client) -> None:
    project = ProjectFactory.create()
    client.force_login(user_with("coordinator"))
    payload = {"title": "Opplæring", "kind": "training", "projects": [project.pk]}

    created = client.post(
        reverse("api:project_opportunity_create", args=["trondheimsregionen"]),
        payload,
        content_type="application/json",
    )
    url = reverse("api:project_opportunity_update", args=[created.json()["id"]])
    changed = payload | {"title": "Opplæring i betongfag", "version": 1}
    first = client.put(url, changed, content_type="application/json")
    lost = client.put(url, payload | {"version": 1}, content_type="application/json")
    missing = client.put(url, payload, content_type="application/json")

    assert created.status_code == 201
    assert first.status_code == 200
    assert lost.status_code == 409
    assert missing.status_code == 428
    listed = client.get(reverse("api:project_opportunities")).json()
    assert [item["title"] for item in listed] == ["Opplæring i betongfag"]

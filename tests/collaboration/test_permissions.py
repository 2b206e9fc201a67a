"""Rights follow roles: the permission matrix over the project's pages for each kind of person."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from samspill.collaboration import services
from samspill.collaboration.models import Project
from samspill.collaboration.selectors import project_list_for, rights_for
from samspill.core.exceptions import PermissionDeniedError
from tests.collaboration.conftest import People

pytestmark = pytest.mark.django_db

# person → (sees internal, edits plan, records decisions)
EXPECTED = {
    "manager": (True, True, False),
    "steering": (True, False, True),
    "group_member": (True, False, False),
    "outsider": (False, False, False),
    "viewer": (False, False, False),
    "coordinator": (True, True, True),
    "admin": (True, True, True),
}


@pytest.mark.parametrize("person", list(EXPECTED))
def test_rights_by_role(project: Project, people: People, person: str) -> None:
    rights = rights_for(user=getattr(people, person), project=project)
    assert (rights.can_view_internal, rights.can_edit_plan, rights.can_decide) == EXPECTED[person]


@pytest.mark.parametrize("person", list(EXPECTED))
def test_pages_by_role(project: Project, people: People, person: str, client: Client) -> None:
    """Unpublished: outsiders get 404 everywhere; members read; only editors open the forms."""
    point = services.decision_point_add(
        actor=None, project=project, number=1, date=datetime.date(2017, 11, 1), topic="Start"
    )
    client.force_login(getattr(people, person))
    internal, edit, decide = EXPECTED[person]
    detail = client.get(project.get_absolute_url())
    budget = client.get(reverse("collaboration:budget", kwargs={"pk": project.pk}))
    plan_form = client.get(reverse("collaboration:milestone-create", kwargs={"pk": project.pk}))
    decide_form = client.get(reverse("collaboration:decision-record", kwargs={"pk": point.pk}))
    assert detail.status_code == (200 if internal else 404)
    assert budget.status_code == (200 if internal else 404)
    assert plan_form.status_code == (200 if edit else 403 if internal else 404)
    assert decide_form.status_code == (200 if decide else 403 if internal else 404)


def test_published_project_shows_the_plan_but_not_the_internal_parts(
    project: Project, people: People, client: Client
) -> None:
    services.role_add(
        actor=None, project=project, kind="manager", name="Knut Baglo", email="knut@example.invalid"
    )
    project.is_published = True
    project.save()
    client.force_login(people.viewer)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Knut Baglo" in page
    assert "knut@example.invalid" not in page  # contact details are internal
    assert client.get(reverse("collaboration:budget", kwargs={"pk": project.pk})).status_code == 404
    client.logout()
    assert client.get(project.get_absolute_url()).status_code == 200
    assert list(project_list_for(user=people.outsider)) == [project]


def test_unpublished_project_is_not_listed_for_outsiders(project: Project, people: People) -> None:
    assert list(project_list_for(user=people.outsider)) == []
    assert list(project_list_for(user=people.group_member)) == [project]


def test_services_refuse_what_the_role_does_not_allow(project: Project, people: People) -> None:
    with pytest.raises(PermissionDeniedError):
        services.milestone_add(
            actor=people.steering,
            project=project,
            number="01",
            date=datetime.date(2017, 11, 15),
            marker="M",
        )
    point = services.decision_point_add(
        actor=people.manager, project=project, number=1, date=datetime.date(2017, 11, 1), topic="S"
    )
    with pytest.raises(PermissionDeniedError):
        services.decision_record(
            actor=people.manager,
            point=point,
            decided_on=datetime.date(2017, 11, 1),
            decision_text="Godkjent",
        )
    services.decision_record(
        actor=people.steering,
        point=point,
        decided_on=datetime.date(2017, 11, 1),
        decision_text="Godkjent",
    )
    with pytest.raises(PermissionDeniedError):
        services.role_add(actor=people.manager, project=project, kind="group", name="X")

"""API edits and deletions of activities, decision points and agreements: the version read is
required (428 without), a stale one answers 409, a deletion 204; rights as on the pages."""

import datetime
import json

import pytest
from django.test import Client

from samspill.collaboration import services
from samspill.collaboration.models import Activity, Agreement, DecisionPoint, Project
from tests.collaboration.conftest import People

pytestmark = pytest.mark.django_db
D = datetime.date
JSON = "application/json"


def test_api_patches_an_activity_with_if_match_and_refuses_a_stale_version(
    project: Project, people: People, client: Client
) -> None:
    activity = services.activity_add(actor=None, project=project, code="A1", title="Kartlegging")
    url = f"/api/collaboration/activities/{activity.pk}"
    client.force_login(people.manager)

    without = client.patch(url, json.dumps({"is_done": True}), content_type=JSON)
    saved = client.patch(
        url, json.dumps({"is_done": True}), content_type=JSON, headers={"If-Match": '"1"'}
    )
    stale = client.patch(url, json.dumps({"version": 1, "title": "X"}), content_type=JSON)

    assert without.status_code == 428
    assert saved.status_code == 200
    assert saved.json()["is_done"] is True
    assert saved["ETag"] == '"2"'
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    assert Activity.objects.get(pk=activity.pk).title == "Kartlegging"


def test_api_activity_dates_out_of_order_are_422(
    project: Project, people: People, client: Client
) -> None:
    activity = services.activity_add(actor=None, project=project, code="A1", title="Kartlegging")
    client.force_login(people.manager)

    response = client.patch(
        f"/api/collaboration/activities/{activity.pk}",
        json.dumps({"version": 1, "start_date": "2018-02-01", "end_date": "2018-01-01"}),
        content_type=JSON,
    )

    assert response.status_code == 422
    assert "end_date" in response.json()["errors"]


def test_api_deletes_an_activity_with_the_version_and_the_right(
    project: Project, people: People, client: Client
) -> None:
    activity = services.activity_add(actor=None, project=project, code="A1", title="Kartlegging")
    url = f"/api/collaboration/activities/{activity.pk}"

    client.force_login(people.group_member)
    assert client.delete(f"{url}?version=1").status_code == 403
    client.force_login(people.outsider)
    assert client.delete(f"{url}?version=1").status_code == 404  # unpublished project
    client.force_login(people.manager)
    assert client.delete(url).status_code == 428
    assert client.delete(url, headers={"If-Match": '"1"'}).status_code == 204
    assert not Activity.objects.filter(pk=activity.pk).exists()


def test_api_edits_a_decision_point_and_keeps_one_with_a_decision(
    project: Project, people: People, client: Client
) -> None:
    point = services.decision_point_add(
        actor=None, project=project, number=3, date=D(2018, 1, 1), topic="Start"
    )
    url = f"/api/collaboration/decision-points/{point.pk}"
    client.force_login(people.manager)

    saved = client.patch(url, json.dumps({"version": 1, "topic": "Oppstart"}), content_type=JSON)
    DecisionPoint.objects.filter(pk=point.pk).update(decision_text="Godkjent")
    refused = client.delete(f"{url}?version=2")

    assert saved.status_code == 200
    assert (saved.json()["topic"], saved.json()["version"]) == ("Oppstart", 2)
    assert refused.status_code == 422
    assert DecisionPoint.objects.filter(pk=point.pk).exists()


def test_api_deletes_a_planned_decision_point(
    project: Project, people: People, client: Client
) -> None:
    point = services.decision_point_add(
        actor=None, project=project, number=3, date=D(2018, 1, 1), topic="Start"
    )
    client.force_login(people.manager)

    stale = client.delete(f"/api/collaboration/decision-points/{point.pk}?version=7")
    done = client.delete(f"/api/collaboration/decision-points/{point.pk}?version=1")

    assert stale.status_code == 409
    assert done.status_code == 204
    assert not DecisionPoint.objects.filter(pk=point.pk).exists()


def test_api_patches_an_agreements_title_and_decision_point_by_number(
    project: Project, people: People, client: Client
) -> None:
    point = services.decision_point_add(
        actor=None, project=project, number=2, date=D(2018, 3, 1), topic="Avtaler"
    )
    agreement = services.agreement_create(
        actor=None, project=project, title="Avtale", date=D(2018, 3, 1)
    )
    url = f"/api/collaboration/agreements/{agreement.pk}"
    client.force_login(people.manager)

    read = client.get(url).json()
    without = client.patch(url, json.dumps({"title": "X"}), content_type=JSON)
    unknown = client.patch(
        url, json.dumps({"version": read["version"], "decision_point": 9}), content_type=JSON
    )
    saved = client.patch(
        url,
        json.dumps({"version": read["version"], "title": "Samarbeidsavtale", "decision_point": 2}),
        content_type=JSON,
    )
    stale = client.patch(
        url, json.dumps({"version": read["version"], "title": "Y"}), content_type=JSON
    )

    assert without.status_code == 428
    assert unknown.status_code == 422
    assert saved.status_code == 200
    assert (saved.json()["title"], saved.json()["decision_point"]) == ("Samarbeidsavtale", 2)
    assert stale.status_code == 409
    found = Agreement.objects.get(pk=agreement.pk)
    assert (found.title, found.decision_point_id) == ("Samarbeidsavtale", point.pk)


def test_api_agreement_patch_is_refused_to_a_project_group_member(
    project: Project, people: People, client: Client
) -> None:
    agreement = services.agreement_create(
        actor=None, project=project, title="Avtale", date=D(2018, 3, 1)
    )
    client.force_login(people.group_member)

    response = client.patch(
        f"/api/collaboration/agreements/{agreement.pk}",
        json.dumps({"version": agreement.version, "title": "X"}),
        content_type=JSON,
    )

    assert response.status_code == 403

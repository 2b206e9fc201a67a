"""Editing and deleting roles, budget lines, meetings and items: conflict-safe, audited, by role."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from samspill.audit.models import AuditEntry
from samspill.audit.selectors import audit_entries_for
from samspill.collaboration import services
from samspill.collaboration.models import (
    Activity,
    AgendaItem,
    Agreement,
    CostLine,
    DecisionPoint,
    FinancingSource,
    Meeting,
    Project,
)
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.knowledge.models import Decision
from tests.collaboration.conftest import People

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def line(project: Project) -> CostLine:
    return services.cost_line_add(
        actor=None, project=project, category="travel", year=2018, planned=10000, spent=0
    )


@pytest.fixture
def meeting(project: Project) -> Meeting:
    return services.meeting_add(
        actor=None, project=project, kind="steering_group", date=D(2017, 11, 1), title="SG 1"
    )


def test_updating_a_cost_line_is_audited_and_bumps_the_version(
    line: CostLine, people: People
) -> None:
    services.cost_line_update(actor=people.manager, line=line, expected_version=1, spent=2500)

    line.refresh_from_db()
    assert (line.spent, line.version) == (2500, 2)
    updates = [e for e in audit_entries_for(subject=line) if e.action == "update"]
    assert [e.changes for e in updates] == [{"spent": [0, 2500]}]


def test_a_stale_version_is_a_conflict_and_nothing_changes(line: CostLine, people: People) -> None:
    services.cost_line_update(actor=people.manager, line=line, expected_version=1, spent=1)

    stale = CostLine.objects.get(pk=line.pk)
    stale.version = 1
    with pytest.raises(ConflictError):
        services.cost_line_update(actor=people.manager, line=stale, expected_version=1, spent=9)

    assert CostLine.objects.get(pk=line.pk).spent == 1


def test_a_project_group_member_may_not_edit_the_budget(line: CostLine, people: People) -> None:
    with pytest.raises(PermissionDeniedError):
        services.cost_line_update(actor=people.group_member, line=line, expected_version=1, spent=1)


def test_only_coordinators_change_roles_not_the_project_manager(
    project: Project, people: People
) -> None:
    role = project.roles.get(user=people.steering)

    with pytest.raises(PermissionDeniedError):
        services.role_update(actor=people.manager, role=role, expected_version=1, title="Ordfører")
    services.role_update(actor=people.coordinator, role=role, expected_version=1, title="Ordfører")

    role.refresh_from_db()
    assert role.title == "Ordfører"


def test_deleting_is_audited_on_the_object_and_the_project(
    project: Project, meeting: Meeting, people: People
) -> None:
    item = services.agenda_item_add(actor=None, meeting=meeting, number=1, year=2017, title="A")

    meeting_pk = meeting.pk

    services.meeting_delete(actor=people.manager, meeting=meeting, expected_version=1)

    assert not Meeting.objects.filter(pk=meeting_pk).exists()
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    assert AuditEntry.objects.filter(
        object_pk=str(meeting_pk), content_type__model="meeting", action="delete"
    ).exists()
    assert any("meeting_deleted" in e.changes for e in audit_entries_for(subject=project))


def test_deleting_what_someone_changed_since_is_refused(meeting: Meeting, people: People) -> None:
    services.meeting_update(actor=people.manager, meeting=meeting, expected_version=1, title="X")

    stale = Meeting.objects.get(pk=meeting.pk)
    stale.version = 1
    with pytest.raises(ConflictError):
        services.meeting_delete(actor=people.manager, meeting=stale, expected_version=1)

    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_an_agenda_item_cannot_take_a_number_already_used(meeting: Meeting, people: People) -> None:
    services.agenda_item_add(actor=None, meeting=meeting, number=1, year=2017, title="A")
    item = services.agenda_item_add(actor=None, meeting=meeting, number=2, year=2017, title="B")

    with pytest.raises(Exception, match="1/2017"):
        services.agenda_item_update(actor=people.manager, item=item, expected_version=1, number=1)


def test_editing_an_items_decision_corrects_its_copy_in_the_decision_log(
    meeting: Meeting, people: People
) -> None:
    item = services.agenda_item_add(
        actor=None, meeting=meeting, number=3, year=2017, title="Plan", decision="Godkjnet"
    )
    copy = item.log_decision
    assert copy is not None

    services.agenda_item_update(
        actor=people.manager, item=item, expected_version=1, number=4, decision="Godkjent"
    )

    copy = Decision.objects.get(pk=copy.pk)
    assert (copy.text, copy.case_number, copy.version) == ("Godkjent", "4/2017", 2)
    assert Decision.objects.filter(region=meeting.project.region).count() == 1
    updates = [e for e in audit_entries_for(subject=copy) if e.action == "update"]
    assert updates[0].changes["text"] == ["Godkjnet", "Godkjent"]


def test_a_meetings_new_date_follows_to_the_decision_log(meeting: Meeting, people: People) -> None:
    item = services.agenda_item_add(
        actor=None, meeting=meeting, number=3, year=2017, title="Plan", decision="Godkjent"
    )

    services.meeting_update(
        actor=people.manager, meeting=meeting, expected_version=1, date=D(2017, 11, 8)
    )

    item.refresh_from_db()
    assert item.log_decision is not None
    assert Decision.objects.get(pk=item.log_decision.pk).date == D(2017, 11, 8)


def test_a_decision_added_by_an_edit_is_copied_and_a_logged_one_cannot_be_emptied(
    meeting: Meeting, people: People
) -> None:
    item = services.agenda_item_add(actor=None, meeting=meeting, number=3, year=2017, title="Plan")
    assert item.log_decision is None

    services.agenda_item_update(
        actor=people.manager, item=item, expected_version=1, decision="Utsatt"
    )
    item = AgendaItem.objects.get(pk=item.pk)
    assert item.log_decision is not None
    assert item.log_decision.text == "Utsatt"

    with pytest.raises(ValidationError):
        services.agenda_item_update(
            actor=people.manager, item=item, expected_version=2, decision=""
        )
    assert AgendaItem.objects.get(pk=item.pk).decision == "Utsatt"


# Pages ---------------------------------------------------------------------------------------


def test_edit_conflict_shows_both_versions_and_the_history(
    line: CostLine, people: People, client: Client
) -> None:
    services.cost_line_update(actor=people.coordinator, line=line, expected_version=1, spent=700)
    client.force_login(people.manager)

    response = client.post(
        reverse("collaboration:cost-line-edit", kwargs={"pk": line.pk}),
        {"category": "travel", "year": 2018, "planned": 10000, "spent": 900, "version": 1},
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "900" in page
    assert "700" in page
    assert "Endringshistorikk" in page
    assert CostLine.objects.get(pk=line.pk).spent == 700


def test_manager_edits_financing_and_sees_it_on_the_budget(
    project: Project, people: People, client: Client
) -> None:
    source = services.financing_add(actor=None, project=project, kind="county", amount=100)
    client.force_login(people.manager)

    response = client.post(
        reverse("collaboration:financing-edit", kwargs={"pk": source.pk}),
        {"kind": "county", "name": "Troms fylkeskommune", "amount": 250000, "version": 1},
    )

    assert response.status_code == 302
    page = client.get(reverse("collaboration:budget", kwargs={"pk": project.pk})).content.decode()
    assert "Troms fylkeskommune" in page
    assert "250\xa0000" in page


def test_delete_page_confirms_then_deletes(line: CostLine, people: People, client: Client) -> None:
    client.force_login(people.manager)
    url = reverse("collaboration:cost-line-delete", kwargs={"pk": line.pk})

    assert client.get(url).status_code == 200
    response = client.post(url, {"version": 1})

    assert response.status_code == 302
    assert not CostLine.objects.filter(pk=line.pk).exists()


def test_delete_after_someone_else_changed_it_shows_the_saved_version(
    line: CostLine, people: People, client: Client
) -> None:
    services.cost_line_update(actor=people.coordinator, line=line, expected_version=1, spent=5)
    client.force_login(people.manager)

    response = client.post(
        reverse("collaboration:cost-line-delete", kwargs={"pk": line.pk}), {"version": 1}
    )

    assert response.status_code == 409
    assert CostLine.objects.filter(pk=line.pk).exists()
    assert 'value="2"' in response.content.decode()  # the next submit deletes deliberately


def test_role_edit_with_unknown_username_keeps_the_typed_values(
    project: Project, people: People, client: Client
) -> None:
    role = project.roles.get(user=people.steering)
    client.force_login(people.coordinator)

    response = client.post(
        reverse("collaboration:role-edit", kwargs={"pk": role.pk}),
        {"kind": "steering", "name": "Ordfører i Bardu", "username": "finnesikke", "version": 1},
    )

    assert response.status_code == 422
    assert 'value="Ordfører i Bardu"' in response.content.decode()


def test_meeting_and_item_edits_from_the_meeting_page(
    meeting: Meeting, people: People, client: Client
) -> None:
    item = services.agenda_item_add(actor=None, meeting=meeting, number=3, year=2017, title="A")
    client.force_login(people.manager)

    response = client.post(
        reverse("collaboration:agenda-item-edit", kwargs={"pk": item.pk}),
        {"number": 3, "year": 2017, "title": "Budsjett", "decision": "Vedtatt", "version": 1},
    )

    assert response.status_code == 302
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Budsjett" in page
    assert reverse("collaboration:meeting-edit", kwargs={"pk": meeting.pk}) in page


# API -----------------------------------------------------------------------------------------


def test_api_patch_needs_a_version_and_answers_409_when_stale(
    line: CostLine, people: People, client: Client
) -> None:
    client.force_login(people.manager)
    url = f"/api/collaboration/cost-lines/{line.pk}"

    without = client.patch(url, json.dumps({"spent": 5}), content_type="application/json")
    saved = client.patch(
        url, json.dumps({"spent": 5}), content_type="application/json", headers={"If-Match": '"1"'}
    )
    stale = client.patch(
        url, json.dumps({"version": 1, "spent": 6}), content_type="application/json"
    )

    assert without.status_code == 428
    assert saved.status_code == 200
    assert saved["ETag"] == '"2"'
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2


def test_api_delete_needs_the_version_and_the_right(
    project: Project, people: People, client: Client
) -> None:
    source = services.financing_add(actor=None, project=project, kind="county", amount=100)
    url = f"/api/collaboration/financing/{source.pk}"

    client.force_login(people.group_member)
    assert client.delete(f"{url}?version=1").status_code == 403
    client.force_login(people.manager)
    assert client.delete(url).status_code == 428
    assert client.delete(f"{url}?version=1").status_code == 204
    assert not FinancingSource.objects.filter(pk=source.pk).exists()


def test_api_hides_a_role_from_an_outsider(
    project: Project, people: People, client: Client
) -> None:
    role = project.roles.get(user=people.manager)
    client.force_login(people.outsider)

    response = client.patch(
        f"/api/collaboration/roles/{role.pk}",
        json.dumps({"version": 1, "title": "x"}),
        content_type="application/json",
    )

    assert response.status_code == 404


# Activities and decision points (ADR 84) ---------------------------------------------------------


def test_an_activity_is_edited_with_a_version_and_deleted(project: Project, people: People) -> None:
    activity = services.activity_add(actor=None, project=project, code="A1", title="Kartlegging")

    services.activity_update(
        actor=people.manager, activity=activity, expected_version=1, is_done=True
    )
    stale = Activity.objects.get(pk=activity.pk)
    stale.version = 1
    with pytest.raises(ConflictError):
        services.activity_update(
            actor=people.manager, activity=stale, expected_version=1, title="X"
        )
    with pytest.raises(ValidationError):
        services.activity_update(
            actor=people.manager,
            activity=Activity.objects.get(pk=activity.pk),
            expected_version=2,
            start_date=D(2018, 2, 1),
            end_date=D(2018, 1, 1),
        )

    services.activity_delete(
        actor=people.manager, activity=Activity.objects.get(pk=activity.pk), expected_version=2
    )
    assert not Activity.objects.filter(pk=activity.pk).exists()


def test_a_decision_point_is_edited_but_one_with_a_decision_is_not_deleted(
    project: Project, people: People
) -> None:
    point = services.decision_point_add(
        actor=None, project=project, number=7, date=D(2018, 1, 1), topic="Start"
    )
    services.decision_point_update(
        actor=people.manager, point=point, expected_version=1, topic="Oppstart"
    )
    point = DecisionPoint.objects.get(pk=point.pk)
    assert (point.topic, point.version) == ("Oppstart", 2)
    with pytest.raises(PermissionDeniedError):
        services.decision_point_update(
            actor=people.group_member, point=point, expected_version=2, topic="X"
        )

    DecisionPoint.objects.filter(pk=point.pk).update(decision_text="Godkjent")
    with pytest.raises(ValidationError):
        services.decision_point_delete(actor=people.manager, point=point, expected_version=2)
    assert DecisionPoint.objects.filter(pk=point.pk).exists()


def test_the_activity_edit_page_saves_with_the_version(
    project: Project, people: People, client: Client
) -> None:
    activity = services.activity_add(actor=None, project=project, code="A1", title="Kartlegging")
    client.force_login(people.manager)

    response = client.post(
        reverse("collaboration:activity-edit", kwargs={"pk": activity.pk}),
        {"code": "A1", "title": "Kartlegging av næringsareal", "version": 1},
    )

    assert response.status_code == 302
    assert Activity.objects.get(pk=activity.pk).title == "Kartlegging av næringsareal"


def test_an_agreements_title_is_edited_with_a_version(project: Project, people: People) -> None:
    agreement = services.agreement_create(
        actor=None, project=project, title="Avtale", date=D(2018, 3, 1)
    )

    services.agreement_update(
        actor=people.manager,
        agreement=agreement,
        expected_version=agreement.version,
        title="Samarbeidsavtale",
        decision_point=None,
    )

    assert Agreement.objects.get(pk=agreement.pk).title == "Samarbeidsavtale"
    with pytest.raises(ConflictError):
        services.agreement_update(
            actor=people.manager, agreement=agreement, expected_version=1, title="X"
        )

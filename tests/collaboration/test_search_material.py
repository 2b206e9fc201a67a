"""Agreements, meetings and status reports in the site search: found by the project's people and
the region's coordinators, never by a viewer, someone outside the region or anonymous users —
even when the project itself is published (ADR 89)."""

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from samspill.collaboration import services
from samspill.collaboration.models import Agreement, Meeting, Project, StatusReport
from samspill.search.models import SearchEntry
from samspill.search.selectors import search_for
from samspill.search.services import index_rebuild
from tests.collaboration.conftest import People

pytestmark = pytest.mark.django_db
D = datetime.date
KINDS = {"agreement", "meeting", "status_report"}


def _kinds(user: Any, query: str) -> set[str]:
    return {hit.entry.kind for hit in search_for(user=user, query=query).hits} & KINDS


@pytest.fixture
def material(
    project: Project, people: People, django_capture_on_commit_callbacks: Any
) -> tuple[Agreement, Meeting, StatusReport]:
    with django_capture_on_commit_callbacks(execute=True):
        agreement = services.agreement_create(
            actor=people.manager,
            project=project,
            title="Samarbeidsavtale om vertskap",
            date=D(2018, 3, 1),
            text="Kommunene deler kostnadene til vertskapsprogrammet.",
        )
        meeting = services.meeting_add(
            actor=people.manager,
            project=project,
            kind="steering_group",
            date=D(2017, 11, 1),
            title="Styringsgruppemøte 1",
            minutes="Vertskapsprogrammet ble drøftet.",
        )
        services.agenda_item_add(
            actor=people.manager,
            meeting=meeting,
            number=3,
            year=2017,
            title="Prosjektplan",
            decision="Prosjektplanen for vertskapsprogrammet godkjennes.",
        )
        report = services.status_report_create(
            actor=people.manager,
            project=project,
            period_start=D(2017, 11, 1),
            period_end=D(2017, 12, 31),
            status="at_risk",
            explanation="Vertskapsprogrammet er forsinket.",
        )
        services.project_update(
            actor=people.coordinator,
            project=project,
            expected_version=project.version,
            is_published=True,
        )
    return agreement, meeting, report


def test_the_projects_people_and_coordinators_find_its_material(
    material: tuple[Agreement, Meeting, StatusReport], people: People
) -> None:
    assert _kinds(people.manager, "vertskapsprogrammet") == KINDS
    assert _kinds(people.group_member, "vertskapsprogrammet") == KINDS
    assert _kinds(people.coordinator, "vertskapsprogrammet") == KINDS
    assert _kinds(people.admin, "vertskapsprogrammet") == KINDS


def test_nobody_outside_the_project_finds_its_material_even_when_published(
    material: tuple[Agreement, Meeting, StatusReport], people: People
) -> None:
    assert _kinds(people.outsider, "vertskapsprogrammet") == set()  # outside the region
    assert _kinds(people.viewer, "vertskapsprogrammet") == set()  # the region's viewer
    assert _kinds(AnonymousUser(), "vertskapsprogrammet") == set()
    assert _kinds(people.outsider, "samarbeidsavtale") == set()
    assert _kinds(people.outsider, "prosjektplanen") == set()


def test_a_new_role_lets_its_user_find_the_material_and_deletions_leave_the_index(
    material: tuple[Agreement, Meeting, StatusReport],
    people: People,
    project: Project,
    django_capture_on_commit_callbacks: Any,
) -> None:
    agreement, meeting, _report = material
    with django_capture_on_commit_callbacks(execute=True):
        services.role_add(
            actor=None, project=project, kind="observer", name="Ny", user=people.outsider
        )
    assert _kinds(people.outsider, "vertskapsprogrammet") == KINDS

    with django_capture_on_commit_callbacks(execute=True):
        services.agreement_delete(
            actor=people.manager, agreement=agreement, expected_version=agreement.version
        )
        services.meeting_delete(
            actor=people.manager,
            meeting=Meeting.objects.get(pk=meeting.pk),
            expected_version=Meeting.objects.get(pk=meeting.pk).version,
        )
    assert _kinds(people.manager, "vertskapsprogrammet") == {"status_report"}


def test_an_edit_is_searchable_and_a_rebuild_indexes_the_same(
    material: tuple[Agreement, Meeting, StatusReport],
    people: People,
    django_capture_on_commit_callbacks: Any,
) -> None:
    _agreement, _meeting, report = material
    with django_capture_on_commit_callbacks(execute=True):
        services.status_report_update(
            actor=people.manager,
            report=report,
            expected_version=report.version,
            explanation="Bredbåndsutbyggingen venter på fylket.",
        )
    assert _kinds(people.manager, "bredbåndsutbyggingen") == {"status_report"}

    index_rebuild(kinds=None)

    assert SearchEntry.objects.filter(kind__in=KINDS).count() == 3
    assert _kinds(people.manager, "bredbåndsutbyggingen") == {"status_report"}
    assert _kinds(people.viewer, "bredbåndsutbyggingen") == set()

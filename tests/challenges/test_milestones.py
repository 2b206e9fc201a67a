"""A pilot's milestones changed or deleted by the owners: conflict-safe and audited."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from samspill.audit.models import AuditEntry
from samspill.challenges import services
from samspill.challenges.models import Milestone, Pilot, Stage
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from tests.challenges.factories import NOTODDEN, TINN, AnswerFactory, developer

pytestmark = pytest.mark.django_db


def _milestone() -> Milestone:
    answer = AnswerFactory.create(challenge__stage=Stage.PILOT, challenge__owners=[NOTODDEN])
    pilot = Pilot.objects.create(challenge=answer.challenge, answer=answer, selection_reason="Best")
    return Milestone.objects.create(
        pilot=pilot, title="Sensorer montert", due_on=datetime.date(2026, 11, 1)
    )


def test_an_owner_changes_a_milestone_and_a_stale_form_sees_both_versions(client: Client) -> None:
    milestone = _milestone()
    owner = developer(NOTODDEN)
    url = reverse("challenges:milestone-edit", args=[milestone.pk])
    client.force_login(owner)
    data = {"title": "Sensorer montert i Tinn", "due_on": "2026-11-15", "result": "", "version": 1}

    assert client.post(url, data).status_code == 302
    stale = client.post(url, {**data, "title": "Noe annet"})

    milestone.refresh_from_db()
    assert (milestone.title, milestone.due_on, milestone.version) == (
        "Sensorer montert i Tinn",
        datetime.date(2026, 11, 15),
        2,
    )
    assert stale.status_code == 409
    assert "Noe annet" in stale.content.decode()  # what was typed is kept
    assert AuditEntry.objects.filter(
        object_pk=str(milestone.pilot_id), action=AuditEntry.Action.UPDATE
    ).exists()


def test_deleting_a_milestone_is_refused_when_it_changed_and_allowed_to_owners_only(
    client: Client,
) -> None:
    milestone = _milestone()
    owner = developer(NOTODDEN)
    services.milestone_report(actor=owner, milestone=milestone, done=True, result="Montert")
    with pytest.raises(ConflictError):
        services.milestone_delete(actor=owner, milestone=milestone, expected_version=1)
    with pytest.raises(PermissionDeniedError):
        services.milestone_delete(actor=developer(TINN), milestone=milestone, expected_version=2)

    client.force_login(owner)
    client.post(reverse("challenges:milestone-delete", args=[milestone.pk]), {"version": "2"})

    assert not Milestone.objects.exists()
    entry = AuditEntry.objects.get(
        object_pk=str(milestone.pilot_id), action=AuditEntry.Action.DELETE
    )
    assert entry.changes["milestone"][0]["title"] == "Sensorer montert"
    with pytest.raises(ConflictError):
        services.milestone_delete(actor=owner, milestone=milestone, expected_version=None)

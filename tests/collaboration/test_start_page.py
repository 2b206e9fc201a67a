"""Min side lists the open milestones and undecided decision points of the user's projects."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samspill.collaboration import services
from samspill.collaboration.models import Project
from tests.collaboration.conftest import People

pytestmark = pytest.mark.django_db


def test_my_projects_plan_waits_for_me_and_not_for_outsiders(
    project: Project, people: People
) -> None:
    today = timezone.localdate()
    services.milestone_add(
        actor=None,
        project=project,
        number="07",
        date=today + datetime.timedelta(days=10),
        marker="Budsjett behandlet i kommunene",
    )
    services.milestone_add(
        actor=None,
        project=project,
        number="08",
        date=today + datetime.timedelta(days=400),  # too far ahead to wait yet
        marker="Sluttrapport",
    )
    services.decision_point_add(
        actor=None,
        project=project,
        number=3,
        date=today + datetime.timedelta(days=20),
        topic="Prosjektavslutning",
    )
    client = Client()

    client.force_login(people.manager)
    mine = client.get(reverse("notifications:start")).content.decode()
    client.force_login(people.outsider)
    theirs = client.get(reverse("notifications:start")).content.decode()

    assert "07 Budsjett behandlet i kommunene" in mine
    assert "BP 3: Prosjektavslutning" in mine
    assert "Sluttrapport" not in mine
    assert "Budsjett behandlet" not in theirs

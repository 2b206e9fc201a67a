"""Min side lists the answer deadlines of open challenges the user's municipality owns."""

import pytest
from django.test import Client
from django.urls import reverse

from samspill.challenges.models import Stage
from tests.challenges.factories import NOTODDEN, ChallengeFactory, developer

pytestmark = pytest.mark.django_db


def test_an_owners_open_deadline_waits_on_min_side() -> None:
    ChallengeFactory.create(title="Slam fra små anlegg", stage=Stage.ANSWERS, owners=[NOTODDEN])
    ChallengeFactory.create(title="Utkast om vannmålere", stage=Stage.DRAFT, owners=[NOTODDEN])
    client = Client()

    client.force_login(developer(NOTODDEN))
    owner = client.get(reverse("notifications:start")).content.decode()
    client.force_login(developer("5001"))  # Trondheim, not an owner
    other = client.get(reverse("notifications:start")).content.decode()

    assert "Slam fra små anlegg" in owner
    assert "Utkast om vannmålere" not in owner  # not open for answers
    assert "Slam fra små anlegg" not in other

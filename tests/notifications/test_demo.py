"""The demo: users follow their regions and Berit Bardu the project plan; re-running duplicates
nothing; a new version of the plan then reaches Berit's list."""

import pytest

from samspill.accounts.models import User
from samspill.demo.users import demo_users_create
from samspill.knowledge.demo import demo_knowledge_load
from samspill.knowledge.models import Document, DocumentKind
from samspill.notifications.demo import demo_notifications_load
from samspill.notifications.models import Follow
from samspill.notifications.selectors import follow_list_for, notification_list_for
from tests.notifications.conftest import new_version, worker

pytestmark = pytest.mark.django_db


def test_the_demo_follows_and_a_new_version_reaches_the_follower() -> None:
    demo_users_create()
    demo_knowledge_load()
    demo_notifications_load()
    demo_notifications_load()  # idempotent
    bardu = User.objects.get(username="bardu")
    assert sorted(row.title for row in follow_list_for(user=bardu)) == [
        "Prosjektplan – forprosjekt Næringsvennlig region Sør-Troms",
        "Sør-Troms – Næringsvennlig region",
    ]
    assert Follow.objects.filter(user=bardu).count() == 2
    plan = Document.objects.get(kind=DocumentKind.PLAN, region__slug="sor-troms")
    new_version(User.objects.get(username="sortroms"), plan)
    worker()
    assert [row.title for row in notification_list_for(user=bardu)] == [plan.title]
    # Salangen's developer follows the region but is not in the steering group: nothing.
    assert notification_list_for(user=User.objects.get(username="salangen")) == []

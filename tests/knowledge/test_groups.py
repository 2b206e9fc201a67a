"""Named groups managed by the region's coordinators (no longer only in the Django admin)."""

import pytest
from django.test import Client
from django.urls import reverse

from samspill.accounts.models import User
from samspill.audit.models import AuditEntry
from samspill.knowledge import services
from samspill.knowledge.models import DocumentGroup, Visibility
from samspill.knowledge.selectors import document_list_for
from samspill.regions.models import Region

pytestmark = pytest.mark.django_db


def test_a_coordinator_creates_a_group_and_changes_its_members(
    coordinator: User, developer: User, viewer: User, outsider: User
) -> None:
    client = Client()
    client.force_login(coordinator)
    url = reverse("knowledge:group-list", args=["sor-troms"])
    page = client.get(url).content.decode()
    assert developer.get_full_name() in page  # people with a role in or under the region
    assert outsider.get_full_name() not in page
    response = client.post(url, {"name": "Styringsgruppa", "members": [developer.pk]})
    assert response.status_code == 302
    group = DocumentGroup.objects.get(name="Styringsgruppa")
    assert list(group.members.all()) == [developer]

    document = services.document_create(
        actor=coordinator,
        region=Region.objects.get(slug="sor-troms"),
        title="Til styringsgruppa",
        body_markdown="Tekst",
        visibility=Visibility.GROUP,
        group=group,
    )
    assert document not in document_list_for(user=viewer)
    edit = reverse("knowledge:group-edit", args=[group.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {"name": "Styringsgruppen", "members": [developer.pk, viewer.pk]})
    group.refresh_from_db()
    assert group.name == "Styringsgruppen"
    assert document in document_list_for(user=viewer)  # a new member reads the group's documents
    entry = AuditEntry.objects.get(action="update", content_type__model="documentgroup")
    assert entry.changes["name"] == ["Styringsgruppa", "Styringsgruppen"]
    # An outsider cannot be made a member through the form.
    client.post(edit, {"name": "Styringsgruppen", "members": [outsider.pk]})
    assert outsider not in group.members.all()


def test_only_the_regions_coordinators_manage_groups(developer: User, viewer: User) -> None:
    url = reverse("knowledge:group-list", args=["sor-troms"])
    for user in (developer, viewer):
        client = Client()
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"name": "X"}).status_code == 403
    assert not DocumentGroup.objects.filter(name="X").exists()

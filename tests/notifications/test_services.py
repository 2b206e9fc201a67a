"""notify(): who is told, and never someone who may not open the object."""

import pytest
from django.core.exceptions import ValidationError

from samspill.accounts.models import User
from samspill.audit.models import AuditEntry
from samspill.core.exceptions import PermissionDeniedError
from samspill.knowledge import services as knowledge
from samspill.knowledge.models import Document, Visibility
from samspill.notifications import services
from samspill.notifications.models import Event, Follow, Notification
from samspill.notifications.selectors import notification_list_for, unread_count
from samspill.regions.models import Region
from tests.knowledge.factories import DocumentGroupFactory
from tests.notifications.conftest import new_version, worker

pytestmark = pytest.mark.django_db


def test_a_follower_is_told_of_a_new_version_but_not_the_one_who_made_it(
    follower: User, colleague: User, document: Document
) -> None:
    services.follow(user=follower, obj=document)
    services.follow(user=colleague, obj=document)
    new_version(colleague, document, note="Rettet tall")
    worker()

    (row,) = notification_list_for(user=follower)
    assert row.title == "Verkstednotat Salangen"
    assert row.url == document.get_absolute_url()
    assert row.notification.event.summary == "v2: Rettet tall"
    assert str(row.verb) == "la ut en ny versjon av"
    assert notification_list_for(user=colleague) == []  # the actor is not told
    assert unread_count(user=follower) == 1


def test_approval_is_a_notification_too(
    follower: User, coordinator: User, document: Document
) -> None:
    services.follow(user=follower, obj=document)
    knowledge.version_approve(actor=coordinator, version=document.versions.get())
    worker()
    (row,) = notification_list_for(user=follower)
    assert row.notification.event.verb == "document_approved"


def test_following_a_region_tells_of_new_documents_there(
    follower: User, colleague: User, outsider: User
) -> None:
    sor_troms = Region.objects.get(slug="sor-troms")
    services.follow(user=follower, obj=sor_troms)
    services.follow(user=outsider, obj=sor_troms)  # a public page: anyone may follow it
    knowledge.document_create(
        actor=colleague, region=sor_troms, title="Internt notat", body_markdown="Tekst"
    )
    knowledge.document_create(
        actor=colleague,
        region=sor_troms,
        title="Offentlig notat",
        body_markdown="Tekst",
        visibility=Visibility.PUBLIC,
    )
    worker()
    assert [row.title for row in notification_list_for(user=follower)] == [
        "Offentlig notat",
        "Internt notat",
    ]
    # The outsider follows the region but may only open the public document.
    assert [row.title for row in notification_list_for(user=outsider)] == ["Offentlig notat"]
    assert Notification.objects.filter(user=outsider).count() == 1


def test_nobody_is_told_of_a_document_they_may_not_open(
    follower: User, colleague: User, coordinator: User
) -> None:
    sor_troms = Region.objects.get(slug="sor-troms")
    group = DocumentGroupFactory.create(region=sor_troms)
    group.members.add(colleague)
    services.follow(user=follower, obj=sor_troms)
    secret = knowledge.document_create(
        actor=colleague,
        region=sor_troms,
        title="Styringsgruppens utkast",
        body_markdown="Hemmelig",
        visibility=Visibility.GROUP,
        group=group,
    )
    worker()
    assert Event.objects.filter(object_id=secret.pk).exists()
    assert not Notification.objects.filter(user=follower).exists()
    assert notification_list_for(user=follower) == []
    assert unread_count(user=follower) == 0


def test_a_notification_disappears_when_the_object_is_hidden_later(
    follower: User, colleague: User, coordinator: User, document: Document
) -> None:
    services.follow(user=follower, obj=document)
    new_version(colleague, document)
    worker()
    assert unread_count(user=follower) == 1
    group = DocumentGroupFactory.create(region=document.region)
    knowledge.document_update(
        actor=coordinator,
        document=document,
        title=document.title,
        kind=document.kind,
        summary="",
        date=document.date,
        author_name="",
        municipalities=[],
        tags=[],
        visibility=Visibility.GROUP,
        group=group,
    )
    assert notification_list_for(user=follower) == []
    assert unread_count(user=follower) == 0  # the count never reveals it either


def test_one_cannot_follow_what_one_may_not_open(outsider: User, document: Document) -> None:
    with pytest.raises(PermissionDeniedError):
        services.follow(user=outsider, obj=document)
    assert not Follow.objects.filter(user=outsider).exists()


def test_follow_is_idempotent_audited_and_undone(follower: User, document: Document) -> None:
    services.follow(user=follower, obj=document)
    services.follow(user=follower, obj=document)
    assert Follow.objects.filter(user=follower).count() == 1
    assert services.unfollow(user=follower, obj=document) is True
    assert services.unfollow(user=follower, obj=document) is False
    actions = list(
        AuditEntry.objects.filter(actor=follower, content_type__model="follow").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["create", "delete"]


def test_unregistered_objects_cannot_be_followed(follower: User) -> None:
    with pytest.raises(ValidationError):
        services.follow(user=follower, obj=follower)


def test_mark_read(follower: User, colleague: User, document: Document) -> None:
    services.follow(user=follower, obj=document)
    new_version(colleague, document)
    new_version(colleague, document)
    worker()
    first, second = Notification.objects.filter(user=follower).order_by("pk")
    assert services.notifications_mark_read(user=follower, ids=[first.pk]) == 1
    assert unread_count(user=follower) == 1
    assert services.notifications_mark_read(user=colleague, ids=[second.pk]) == 0  # not hers
    assert services.notifications_mark_read(user=follower) == 1
    assert unread_count(user=follower) == 0

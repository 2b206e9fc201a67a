"""Who reads a document, per visibility level, and that visibility never exceeds what the linked
object allows (enforced in the service)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import Http404

from samspill.accounts.models import User
from samspill.core.exceptions import PermissionDeniedError
from samspill.knowledge import services
from samspill.knowledge.models import Document, Visibility
from samspill.knowledge.selectors import (
    can_write_region,
    document_get_for,
    document_list_for,
    documents_for_object,
)
from samspill.regions.models import Region
from tests.knowledge.conftest import user_with
from tests.knowledge.factories import DocumentGroupFactory
from tests.strategy.factories import GoalFactory, StrategyFactory

pytestmark = pytest.mark.django_db


def _memo(actor: User | None, visibility: str, **extra: object) -> Document:
    return services.document_create(
        actor=actor,
        region=Region.objects.get(slug="sor-troms"),
        title=f"Notat ({visibility})",
        visibility=visibility,
        body_markdown="Tekst",
        **extra,  # type: ignore[arg-type]
    )


def _reads(user: User | AnonymousUser, document: Document) -> bool:
    try:
        document_get_for(user=user, pk=document.pk)
    except Http404:
        listed = False
        assert document not in document_list_for(user=user)
        return listed
    assert document in document_list_for(user=user)
    return True


@pytest.mark.parametrize(
    ("role", "public", "region", "group"),
    [
        ("anonymous", True, False, False),
        ("viewer", True, True, False),
        ("developer", True, True, False),
        ("outsider", True, False, False),
        ("coordinator", True, True, True),
        ("member", True, False, True),  # a member of the group, outside the region
        ("admin", True, True, True),
    ],
)
def test_each_visibility_level_is_read_by_exactly_the_right_people(
    role: str, public: bool, region: bool, group: bool, coordinator: User
) -> None:
    steering_group = DocumentGroupFactory.create()
    reader: User | AnonymousUser
    if role == "anonymous":
        reader = AnonymousUser()
    elif role == "member":
        reader = user_with("outsider")
        steering_group.members.add(reader)
    else:
        reader = user_with(role)
    documents = {
        "public": _memo(coordinator, Visibility.PUBLIC),
        "region": _memo(coordinator, Visibility.REGION),
        "group": _memo(coordinator, Visibility.GROUP, group=steering_group),
    }

    assert _reads(reader, documents["public"]) is public
    assert _reads(reader, documents["region"]) is region
    assert _reads(reader, documents["group"]) is group


def test_visibility_can_never_be_wider_than_the_strategy_it_belongs_to(coordinator: User) -> None:
    strategy = StrategyFactory.create(region=Region.objects.get(slug="sor-troms"))

    with pytest.raises(ValidationError) as refused:
        _memo(coordinator, Visibility.PUBLIC, links=[strategy])

    assert "visibility" in refused.value.message_dict
    assert not Document.objects.exists()
    document = _memo(coordinator, Visibility.REGION, links=[strategy])
    assert list(documents_for_object(user=coordinator, obj=strategy)) == [document]


def test_a_public_document_cannot_later_be_attached_to_a_goal(coordinator: User) -> None:
    goal = GoalFactory.create(focus_area__strategy__region=Region.objects.get(slug="sor-troms"))
    document = _memo(coordinator, Visibility.PUBLIC)

    with pytest.raises(ValidationError):
        services.document_update(
            actor=coordinator,
            document=document,
            title=document.title,
            kind=document.kind,
            summary="",
            date=document.date,
            author_name="",
            municipalities=[],
            tags=[],
            visibility=Visibility.PUBLIC,
            group=None,
            links=[goal],
            expected_version=document.version,
        )
    document.refresh_from_db()
    assert document.links.count() == 0


def test_widening_a_document_attached_to_a_goal_is_refused(coordinator: User) -> None:
    goal = GoalFactory.create(focus_area__strategy__region=Region.objects.get(slug="sor-troms"))
    document = _memo(coordinator, Visibility.REGION, links=[goal])

    with pytest.raises(ValidationError):
        services.document_update(
            actor=coordinator,
            document=document,
            title=document.title,
            kind=document.kind,
            summary="",
            date=document.date,
            author_name="",
            municipalities=[],
            tags=[],
            visibility=Visibility.PUBLIC,
            group=None,
            expected_version=document.version,
        )
    assert Document.objects.get(pk=document.pk).visibility == Visibility.REGION


def test_an_inquiry_attachment_is_an_internal_note_for_a_named_group_only(
    coordinator: User,
) -> None:
    from tests.inquiries.factories import InquiryFactory

    inquiry = InquiryFactory.create(region=Region.objects.get(slug="sor-troms"))

    with pytest.raises(ValidationError):
        _memo(coordinator, Visibility.REGION, links=[inquiry])
    document = _memo(
        coordinator, Visibility.GROUP, group=DocumentGroupFactory.create(), links=[inquiry]
    )
    assert document.links.count() == 1


def test_a_link_to_another_regions_object_is_refused(coordinator: User) -> None:
    elsewhere = StrategyFactory.create()  # Trondheimsregionen

    with pytest.raises((ValidationError, PermissionDeniedError)):
        _memo(coordinator, Visibility.REGION, links=[elsewhere])


def test_who_may_write_in_a_region(
    coordinator: User, developer: User, viewer: User, outsider: User
) -> None:
    from samspill.accounts.selectors import access_for

    sor_troms = Region.objects.get(slug="sor-troms")
    allowed = {
        name: can_write_region(access=access_for(user=user), region=sor_troms)
        for name, user in [
            ("coordinator", coordinator),
            ("developer", developer),
            ("viewer", viewer),
            ("outsider", outsider),
        ]
    }

    assert allowed == {"coordinator": True, "developer": True, "viewer": False, "outsider": False}
    with pytest.raises(PermissionDeniedError):
        _memo(viewer, Visibility.REGION)

"""The fan-out after commit: one event row in the write, then the worker tells each person once,
with one batch access check that agrees with the per-user one for every kind and role."""

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samspill.accounts.models import User
from samspill.knowledge.models import Document, Visibility
from samspill.notifications import registry, services
from samspill.notifications.models import Event, Notification
from samspill.notifications.selectors import readers_of, visible_objects
from samspill.regions.models import Municipality, Region
from tests.inquiries.factories import InquiryFactory
from tests.knowledge.factories import DecisionFactory, DocumentFactory, DocumentGroupFactory
from tests.notifications.conftest import developer_of, new_version, people_of_every_role, worker
from tests.strategy.factories import ActionPlanFactory, MeasureFactory, StrategyFactory

pytestmark = pytest.mark.django_db


def _objects(people: dict[str, User]) -> list[Any]:
    """Objects of every registered kind, at every visibility level."""
    sor_troms = Region.objects.get(slug="sor-troms")
    trondheimsregionen = Region.objects.get(slug="trondheimsregionen")
    group = DocumentGroupFactory.create(region=sor_troms)
    group.members.add(people["group_member"])
    trashed = DocumentFactory.create(visibility=Visibility.PUBLIC)
    Document.all_objects.filter(pk=trashed.pk).update(trashed_at=timezone.now())
    bardu = Municipality.objects.get(number="5520")
    return [
        sor_troms,
        trondheimsregionen,
        DocumentFactory.create(visibility=Visibility.PUBLIC),
        DocumentFactory.create(visibility=Visibility.REGION),
        DocumentFactory.create(region=trondheimsregionen, visibility=Visibility.REGION),
        DocumentFactory.create(visibility=Visibility.GROUP, group=group),
        DocumentFactory.create(
            region=trondheimsregionen,
            visibility=Visibility.GROUP,
            group=DocumentGroupFactory.create(region=trondheimsregionen),
            created_by=people["registrant"],
        ),
        trashed,
        DecisionFactory.create(visibility=Visibility.PUBLIC),
        DecisionFactory.create(visibility=Visibility.REGION),
        DecisionFactory.create(region=trondheimsregionen, visibility=Visibility.REGION),
        MeasureFactory.create(),  # Trondheim's plan under Trondheimsregionen's strategy
        MeasureFactory.create(
            action_plan=ActionPlanFactory.create(
                strategy=StrategyFactory.create(region=sor_troms), municipality=bardu
            )
        ),
        InquiryFactory.create(municipalities=[bardu], assigned_advisers=[people["adviser"]]),
        InquiryFactory.create(region=trondheimsregionen),
    ]


def test_the_batch_check_agrees_with_the_per_user_one_for_every_kind_and_role() -> None:
    people = people_of_every_role()
    users = list(people.values())
    covered = set()
    for obj in _objects(people):
        label = registry.label_of(obj)
        covered.add(label)
        one_by_one = {
            user.pk for user in users if visible_objects(user=user, label=label, ids=[obj.pk])
        }
        assert readers_of(label=label, pk=obj.pk, users=users) == one_by_one, (label, obj)
        # A few at a time gives the same answer (no state carried between users).
        for chunk in (users[:3], users[3:7], users[7:]):
            expected = one_by_one & {user.pk for user in chunk}
            assert readers_of(label=label, pk=obj.pk, users=chunk) == expected
    batch_kinds = {kind.label for kind in registry.kinds() if kind.readers is not None}
    assert batch_kinds <= covered  # a kind with a batch hook must be checked here too
    assert {"knowledge.document", "strategy.measure", "inquiries.inquiry"} <= batch_kinds


def test_the_batch_check_has_a_fixed_number_of_queries(colleague: User) -> None:
    document = DocumentFactory.create(visibility=Visibility.GROUP, group=DocumentGroupFactory())
    few = [developer_of("5520") for _ in range(2)]
    many = [developer_of("5520") for _ in range(30)]
    with CaptureQueriesContext(connection) as small:
        readers_of(label="knowledge.document", pk=document.pk, users=few)
    with CaptureQueriesContext(connection) as large:
        readers_of(label="knowledge.document", pk=document.pk, users=many)
    assert len(large.captured_queries) == len(small.captured_queries) <= 4


def test_the_fan_out_costs_the_same_queries_for_3_or_30_followers(
    colleague: User, document: Document
) -> None:
    def fan_out_with(count: int) -> int:
        for _ in range(count):
            services.follow(user=developer_of("5520"), obj=document)
        new_version(colleague, document)
        event = Event.objects.latest("pk")
        with CaptureQueriesContext(connection) as queries:
            assert (
                services.event_fan_out(event_id=event.pk)
                == Notification.objects.filter(event=event).count()
            )
        return len(queries.captured_queries)

    small = fan_out_with(3)
    assert fan_out_with(27) == small  # now 30 followers


def test_the_write_records_one_event_and_the_worker_tells_each_person_once(
    follower: User, colleague: User, outsider: User, document: Document
) -> None:
    services.follow(user=follower, obj=document)
    services.follow(user=follower, obj=document.region)  # two reasons, one notification
    services.follow(user=colleague, obj=document)
    new_version(colleague, document)
    event = Event.objects.latest("pk")
    assert event.fanned_out_at is None
    assert not Notification.objects.exists()  # nobody is told inside the write
    assert worker() == 2  # events: the document's creation and its new version
    assert list(Notification.objects.values_list("user_id", flat=True)) == [follower.pk]
    assert services.event_fan_out(event_id=event.pk) == 0  # run twice: nobody told twice
    assert worker() == 0
    assert Notification.objects.count() == 1


def test_those_who_follow_after_the_event_or_are_inactive_are_not_told(
    follower: User, colleague: User, document: Document
) -> None:
    gone = developer_of("5520")
    services.follow(user=gone, obj=document)
    gone.is_active = False
    gone.save()
    new_version(colleague, document)
    Event.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=5))
    services.follow(user=follower, obj=document)  # after it happened
    worker()
    assert not Notification.objects.exists()


def test_named_recipients_are_kept_on_the_event_until_the_fan_out(
    follower: User, coordinator: User
) -> None:
    from samspill.inquiries.services import inquiry_assign

    inquiry = InquiryFactory.create(municipalities=[Municipality.objects.get(number="5520")])
    inquiry_assign(inquiry=inquiry, advisers=[follower], actor=coordinator)
    assert Event.objects.get().recipient_ids == [follower.pk]
    worker()
    assert Notification.objects.get().user == follower


def test_the_command_catches_up_on_events_not_fanned_out(
    follower: User, colleague: User, document: Document, capsys: Any
) -> None:
    services.follow(user=follower, obj=document)
    new_version(colleague, document)
    call_command("notifications", "fan-out")
    assert "2 hendelser" in capsys.readouterr().out  # the document's creation and new version
    assert Notification.objects.filter(user=follower).count() == 1

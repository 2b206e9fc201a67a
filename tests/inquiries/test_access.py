"""The permission matrix: who sees inquiries, who sees the contact person, and the audit of it."""

import datetime
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from samspill.audit.selectors import audit_entries_for
from samspill.core.exceptions import PermissionDeniedError
from samspill.inquiries.models import Company, Inquiry, InquiryContact
from samspill.inquiries.selectors import (
    can_see_personal_data,
    inquiry_list_for,
    inquiry_rows_for,
    overdue_notes_for,
)
from samspill.inquiries.services import (
    ERASED_TEXT,
    inquiry_contact_erase,
    inquiry_contact_export,
    inquiry_contact_update,
    inquiry_contact_view,
    inquiry_personal_data_purge,
)
from tests.accounts.factories import UserFactory
from tests.inquiries.conftest import BARDU, SALANGEN, People, municipality
from tests.inquiries.factories import (
    CompanyFactory,
    InquiryContactFactory,
    InquiryFactory,
    InquiryNoteFactory,
    sor_troms,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def salangen_inquiry(people: People) -> Inquiry:
    """An inquiry for Salangen, assigned to Bardu's developer (competence across the border)."""
    inquiry = InquiryFactory.create(
        municipalities=[municipality(SALANGEN)], assigned_advisers=[people.bardu_developer]
    )
    InquiryContactFactory.create(inquiry=inquiry)
    return inquiry


@pytest.mark.parametrize(
    ("who", "sees_inquiry", "sees_contact"),
    [
        ("coordinator", True, True),
        ("bardu_developer", True, True),  # assigned
        ("salangen_developer", True, True),  # the municipality concerned
        ("viewer", True, False),  # statistics and the case, never the person
        ("trondheim_developer", False, False),  # another region: nothing
        ("trondheim_coordinator", False, False),
        ("outsider", False, False),
    ],
)
def test_who_sees_what(
    people: People, salangen_inquiry: Inquiry, who: str, sees_inquiry: bool, sees_contact: bool
) -> None:
    user = getattr(people, who)

    assert inquiry_list_for(user=user).filter(pk=salangen_inquiry.pk).exists() is sees_inquiry
    assert can_see_personal_data(user=user, inquiry=salangen_inquiry) is sees_contact


def test_an_unassigned_developer_of_another_member_sees_the_case_but_not_the_person(
    people: People,
) -> None:
    inquiry = InquiryFactory.create(municipalities=[municipality(SALANGEN)])

    assert inquiry_list_for(user=people.bardu_developer).filter(pk=inquiry.pk).exists()
    assert not can_see_personal_data(user=people.bardu_developer, inquiry=inquiry)


def test_anonymous_users_see_nothing(salangen_inquiry: Inquiry) -> None:
    assert not inquiry_list_for(user=AnonymousUser()).exists()
    assert not can_see_personal_data(user=AnonymousUser(), inquiry=salangen_inquiry)


def test_every_view_of_the_contact_is_logged(people: People, salangen_inquiry: Inquiry) -> None:
    contact = inquiry_contact_view(inquiry=salangen_inquiry, actor=people.coordinator)

    assert contact is not None
    assert contact.name == "Kari Nordmann"
    entries = [
        e for e in audit_entries_for(subject=salangen_inquiry) if e.action == "view_personal"
    ]
    assert [e.actor for e in entries] == [people.coordinator]


def test_a_viewer_asking_for_the_contact_is_refused_and_nothing_is_logged(
    people: People, salangen_inquiry: Inquiry
) -> None:
    with pytest.raises(PermissionDeniedError):
        inquiry_contact_view(inquiry=salangen_inquiry, actor=people.viewer)

    assert not [
        e for e in audit_entries_for(subject=salangen_inquiry) if e.action == "view_personal"
    ]


def test_export_gives_everything_held_about_the_person(
    people: People, salangen_inquiry: Inquiry
) -> None:
    InquiryNoteFactory.create(inquiry=salangen_inquiry, text="Kari ringer tilbake fredag.")

    exported = inquiry_contact_export(inquiry=salangen_inquiry, actor=people.bardu_developer)

    assert exported["contact_person"]["email"] == "kari@example.invalid"
    assert exported["notes"][0]["text"] == "Kari ringer tilbake fredag."
    json.dumps(exported)  # serialisable as it is
    assert [e.action for e in audit_entries_for(subject=salangen_inquiry)] == ["export"]


def test_erase_removes_the_person_and_free_text_but_keeps_the_statistics(
    people: People, salangen_inquiry: Inquiry
) -> None:
    salangen_inquiry.description = "Kari vil ha tomt nær E6."
    salangen_inquiry.save()
    InquiryNoteFactory.create(inquiry=salangen_inquiry, text="Kari ringer tilbake fredag.")

    erased = inquiry_contact_erase(
        inquiry=salangen_inquiry, actor=people.coordinator, reason="Bedt om sletting på e-post"
    )
    again = inquiry_contact_erase(
        inquiry=salangen_inquiry, actor=people.coordinator, reason="igjen"
    )

    salangen_inquiry.refresh_from_db()
    assert erased
    assert not again
    assert not InquiryContact.objects.filter(inquiry=salangen_inquiry).exists()
    assert salangen_inquiry.description == ERASED_TEXT
    assert salangen_inquiry.notes.get().text == ERASED_TEXT
    assert salangen_inquiry.needs == ["site"]
    assert salangen_inquiry.area_m2 == 20_000
    assert "Kari" not in str([e.changes for e in audit_entries_for(subject=salangen_inquiry)])


def test_erase_needs_a_reason_and_access(people: People, salangen_inquiry: Inquiry) -> None:
    with pytest.raises(ValidationError):
        inquiry_contact_erase(inquiry=salangen_inquiry, actor=people.coordinator, reason=" ")
    with pytest.raises(PermissionDeniedError):
        inquiry_contact_erase(inquiry=salangen_inquiry, actor=people.viewer, reason="x")


def test_retention_purges_only_inquiries_closed_longer_ago_than_the_setting(
    settings: object, people: People
) -> None:
    settings.INQUIRY_RETENTION_DAYS = 30
    now = timezone.now()
    old = InquiryFactory.create(
        status=Inquiry.Status.WITHDRAWN, closed_at=now - datetime.timedelta(days=31)
    )
    recent = InquiryFactory.create(
        status=Inquiry.Status.WITHDRAWN, closed_at=now - datetime.timedelta(days=29)
    )
    still_open = InquiryFactory.create(status=Inquiry.Status.IN_DIALOGUE)
    for inquiry in (old, recent, still_open):
        InquiryContactFactory.create(inquiry=inquiry)

    dry = inquiry_personal_data_purge(now=now, dry_run=True)
    assert dry.inquiry_ids == [old.pk]
    assert InquiryContact.objects.filter(inquiry=old).exists()

    first = inquiry_personal_data_purge(now=now)
    second = inquiry_personal_data_purge(now=now)

    assert first.inquiry_ids == [old.pk]
    assert second.inquiry_ids == []  # safe to run daily
    assert set(InquiryContact.objects.values_list("inquiry_id", flat=True)) == {
        recent.pk,
        still_open.pk,
    }


def test_overdue_next_steps_are_listed_for_those_following_up(people: People) -> None:
    inquiry = InquiryFactory.create(
        municipalities=[municipality(BARDU)], assigned_advisers=[people.bardu_developer]
    )
    other = InquiryFactory.create(municipalities=[municipality(SALANGEN)])
    today = datetime.date(2026, 3, 10)
    late = InquiryNoteFactory.create(
        inquiry=inquiry, next_step="Send tomtekart", due_date=datetime.date(2026, 3, 1)
    )
    InquiryNoteFactory.create(
        inquiry=inquiry, next_step="Møte", due_date=datetime.date(2026, 3, 20)
    )
    InquiryNoteFactory.create(
        inquiry=inquiry,
        next_step="Gjort",
        due_date=datetime.date(2026, 3, 1),
        done_at=timezone.now(),
    )
    elsewhere = InquiryNoteFactory.create(
        inquiry=other, next_step="Ring", due_date=datetime.date(2026, 3, 2)
    )

    region = inquiry.region
    assert overdue_notes_for(user=people.bardu_developer, region=region, today=today) == [late]
    assert overdue_notes_for(user=people.coordinator, region=region, today=today) == [
        late,
        elsewhere,
    ]
    assert overdue_notes_for(user=people.trondheim_developer, region=region, today=today) == []


def test_listing_inquiries_takes_a_bounded_number_of_queries(
    people: People, django_assert_max_num_queries: object
) -> None:
    for number in (BARDU, SALANGEN) * 10:
        InquiryFactory.create(
            municipalities=[municipality(number)], assigned_advisers=[UserFactory.create()]
        )

    with django_assert_max_num_queries(6):  # type: ignore[operator]
        rows = [
            (
                inquiry.region.name,
                [m.name for m in inquiry.municipalities.all()],
                list(inquiry.assigned_advisers.all()),
            )
            for inquiry in inquiry_list_for(user=people.coordinator)
        ]

    assert len(rows) == 20


def test_correcting_the_contact_is_logged_without_the_values(
    people: People, salangen_inquiry: Inquiry
) -> None:
    inquiry_contact_update(
        inquiry=salangen_inquiry,
        actor=people.bardu_developer,
        name="Kari Nordmann",
        email="ny@example.invalid",
    )

    assert InquiryContact.objects.get(inquiry=salangen_inquiry).email == "ny@example.invalid"
    (entry,) = [e for e in audit_entries_for(subject=salangen_inquiry) if e.action == "update"]
    assert set(entry.changes) == {"contact.email", "contact.phone"}
    assert "ny@example.invalid" not in str(entry.changes)
    with pytest.raises(PermissionDeniedError):
        inquiry_contact_update(
            inquiry=salangen_inquiry, actor=people.viewer, name="X", email="x@example.invalid"
        )


def test_report_rows_carry_places_and_org_number_in_two_queries(
    people: People, django_assert_max_num_queries: object
) -> None:
    company = CompanyFactory.create(
        organisation_number="923609016",
        facts_status=Company.FactsStatus.FOUND,
        organisation_form="Allmennaksjeselskap",
        organisation_form_code="ASA",
    )
    for _ in range(10):
        InquiryFactory.create(
            company=company, municipalities=[municipality(BARDU), municipality(SALANGEN)]
        )
    InquiryFactory.create(anywhere_in_region=True)

    with django_assert_max_num_queries(5):  # type: ignore[operator]
        rows = inquiry_rows_for(user=people.viewer, region=sor_troms())

    assert len(rows) == 11
    assert sorted(rows[-1].municipalities) == ["Bardu", "Salangen"]
    assert rows[-1].organisation_number == "923609016"
    assert inquiry_rows_for(user=people.trondheim_developer, region=sor_troms()) == []

"""Pages: Min side after login, the list, mark read, choices, follow buttons; strategy and inquiries
plug into the start page and notify through the same mechanism."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from samspill.accounts.models import User
from samspill.inquiries.services import inquiry_assign
from samspill.knowledge.models import Document
from samspill.notifications import services
from samspill.notifications.models import Follow, Preference
from samspill.notifications.selectors import notification_list_for
from samspill.regions.models import Municipality, Region
from samspill.strategy.models import Measure
from samspill.strategy.services import measure_set_status
from tests.accounts.factories import BusinessDeveloperRoleFactory
from tests.inquiries.factories import InquiryFactory, InquiryNoteFactory
from tests.notifications.conftest import TRONDHEIM, new_version, worker
from tests.strategy.factories import ActionPlanFactory, MeasureFactory

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_login_leads_to_min_side(follower: User) -> None:
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": follower.username, "password": "test-password"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("notifications:start")


def test_the_header_counts_unread_and_the_list_shows_them(
    follower: User, colleague: User, document: Document
) -> None:
    services.follow(user=follower, obj=document)
    new_version(colleague, document)
    worker()
    client = _client(follower)
    page = client.get(reverse("regions:region-list")).content.decode()
    assert "Varsler (1 ulest)" in page
    assert "Min side" in page
    listing = client.get(reverse("notifications:list")).content.decode()
    assert "la ut en ny versjon av" in listing
    assert document.get_absolute_url() in listing
    client.post(reverse("notifications:mark-read"))
    assert "Varsler (1 ulest)" not in client.get(reverse("notifications:list")).content.decode()
    assert notification_list_for(user=follower)[0].is_unread is False


def test_follow_button_on_the_document_and_region_pages(follower: User, document: Document) -> None:
    client = _client(follower)
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Følg (få varsler)" in page
    url = reverse("notifications:follow", args=["knowledge", "document", document.pk])
    response = client.post(url, {"action": "follow", "next": document.get_absolute_url()})
    assert response["Location"] == document.get_absolute_url()
    assert Follow.objects.filter(user=follower, object_id=document.pk).exists()
    assert "Slutt å følge" in client.get(document.get_absolute_url()).content.decode()
    client.post(url, {"action": "unfollow"})
    assert not Follow.objects.filter(user=follower).exists()

    region = Region.objects.get(slug="sor-troms")
    assert "Følg (få varsler)" in client.get(region.get_absolute_url()).content.decode()
    client.post(reverse("notifications:follow", args=["regions", "region", region.pk]))
    assert Follow.objects.filter(user=follower, object_id=region.pk).exists()


def test_following_a_hidden_document_answers_404(outsider: User, document: Document) -> None:
    url = reverse("notifications:follow", args=["knowledge", "document", document.pk])
    assert _client(outsider).post(url, {"action": "follow"}).status_code == 404
    unknown = reverse("notifications:follow", args=["accounts", "user", outsider.pk])
    assert _client(outsider).post(unknown).status_code == 404
    assert not Follow.objects.exists()


def test_the_follow_redirect_stays_on_this_site(follower: User, document: Document) -> None:
    url = reverse("notifications:follow", args=["knowledge", "document", document.pk])
    response = _client(follower).post(url, {"next": "https://evil.example/"})
    assert response["Location"] == document.get_absolute_url()


def test_preferences_are_saved(follower: User) -> None:
    client = _client(follower)
    assert client.get(reverse("notifications:preferences")).status_code == 200
    response = client.post(
        reverse("notifications:preferences"), {"delivery": "weekly", "language": "nn"}
    )
    assert response.status_code == 302
    saved = Preference.objects.get(user=follower)
    assert (saved.delivery, saved.language) == ("weekly", "nn")
    bad = client.post(reverse("notifications:preferences"), {"delivery": "hourly"})
    assert bad.status_code == 200
    assert "ds-validation-message" in bad.content.decode()


def test_min_side_shows_what_changed_in_my_regions_and_my_documents(
    follower: User, colleague: User, outsider: User, document: Document
) -> None:
    page = _client(follower).get(reverse("notifications:start")).content.decode()
    assert "Dette venter på meg" in page
    assert "Verkstednotat Salangen" in page  # created by a colleague in my region: a change
    mine = _client(colleague).get(reverse("notifications:start")).content.decode()
    assert "Mine siste dokumenter" in mine
    assert document.get_absolute_url() in mine  # her own recent document
    # Trondheim's developer sees neither the change nor the title.
    other = _client(outsider).get(reverse("notifications:start")).content.decode()
    assert "Verkstednotat Salangen" not in other


def test_since_my_last_visit_moves_on_with_a_new_session(
    follower: User, colleague: User, document: Document
) -> None:
    client = _client(follower)
    assert "Verkstednotat Salangen" in client.get(reverse("notifications:start")).content.decode()
    # The same session keeps its "since"; a new login starts from the last visit.
    assert "Verkstednotat Salangen" in client.get(reverse("notifications:start")).content.decode()
    later = _client(follower).get(reverse("notifications:start")).content.decode()
    assert "Verkstednotat Salangen" not in later


def test_a_measure_i_own_waits_for_me_and_its_status_change_notifies_followers() -> None:
    trondheim = Municipality.objects.get(number=TRONDHEIM)
    owner = BusinessDeveloperRoleFactory.create(municipality=trondheim).user
    watcher = BusinessDeveloperRoleFactory.create(municipality=trondheim).user
    measure = MeasureFactory.create(
        action_plan=ActionPlanFactory.create(municipality=trondheim),
        owner=owner,
        deadline=datetime.date(2026, 6, 30),
    )
    page = _client(owner).get(reverse("notifications:start")).content.decode()
    assert "tiltak å rapportere på" in page
    assert measure.get_absolute_url() in page
    assert "30.06.2026" in page

    services.follow(user=watcher, obj=measure)
    measure_set_status(actor=owner, measure=measure, status=Measure.Status.ONGOING)
    worker()
    (row,) = notification_list_for(user=watcher)
    assert row.notification.event.summary == "planlagt → pågår"
    assert str(row.verb) == "endret status på"


def test_an_inquiry_assigned_to_me_notifies_me_and_waits_with_its_follow_up_date(
    follower: User, coordinator: User
) -> None:
    inquiry = InquiryFactory.create(municipalities=[Municipality.objects.get(number="5520")])
    InquiryNoteFactory.create(
        inquiry=inquiry, next_step="Ring tilbake", due_date=datetime.date(2026, 3, 2)
    )
    inquiry_assign(inquiry=inquiry, advisers=[follower], actor=coordinator)
    worker()
    (row,) = notification_list_for(user=follower)
    assert row.title == f"Henvendelse {inquiry.reference}"
    assert inquiry.company_name not in row.title  # never a company or person name
    page = _client(follower).get(reverse("notifications:start")).content.decode()
    assert "henvendelse å følge opp" in page
    assert "02.03.2026" in page

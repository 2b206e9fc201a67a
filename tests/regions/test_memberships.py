"""Membership by consent: a region asks, the municipality answers; nothing counts before that."""

import datetime

import pytest
from django.urls import reverse

from samspill.accounts.selectors import access_for
from samspill.audit.models import AuditEntry
from samspill.core.exceptions import PermissionDeniedError
from samspill.regions.exceptions import MembershipRequestConflictError
from samspill.regions.models import MembershipRequest, Municipality, Region
from samspill.regions.services.memberships import (
    membership_add,
    membership_request_accept,
    membership_request_decline,
)
from tests.accounts.factories import (
    BusinessDeveloperRoleFactory,
    CoordinatorRoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

START = datetime.date(2020, 1, 1)


def _bardu() -> Municipality:
    return Municipality.objects.get(number="5520")


def _trondheim() -> Region:
    return Region.objects.get(slug="trondheimsregionen")


def test_a_coordinator_cannot_take_over_a_municipality_by_adding_it_to_their_region(client) -> None:
    coordinator = CoordinatorRoleFactory(region=_trondheim()).user
    bardu_developer = BusinessDeveloperRoleFactory(municipality=_bardu()).user
    service_edit = reverse("inquiries:service-edit", args=["5520"])
    inbox = reverse("inquiries:inbox", args=["trondheimsregionen"])
    client.force_login(coordinator)
    assert client.get(service_edit).status_code == 403

    added = client.post(
        reverse("regions:membership-add", args=["trondheimsregionen"]),
        {"municipality": "5520", "valid_from": START.isoformat()},
    )
    api = client.post(
        "/api/regions/trondheimsregionen/membership-requests",
        {"municipality_number": "5520", "valid_from": START.isoformat()},
        content_type="application/json",
    )

    assert added.status_code == 302
    assert api.status_code == 409  # the form's request is already waiting
    assert client.get(service_edit).status_code == 403
    assert not _trondheim().memberships.filter(municipality=_bardu()).exists()
    client.force_login(bardu_developer)
    assert client.get(inbox).status_code == 403
    assert not access_for(user=bardu_developer).can_view_region(_trondheim().pk)


def test_once_the_municipality_accepts_the_region_gets_its_rights(client) -> None:
    coordinator = CoordinatorRoleFactory(region=_trondheim()).user
    bardu_developer = BusinessDeveloperRoleFactory(municipality=_bardu()).user
    client.force_login(coordinator)
    client.post(
        "/api/regions/trondheimsregionen/membership-requests",
        {"municipality_number": "5520", "valid_from": START.isoformat(), "note": "Ønsket"},
        content_type="application/json",
    )
    asked = MembershipRequest.objects.get(region=_trondheim(), municipality=_bardu())

    own_answer = client.post(f"/api/regions/membership-requests/{asked.pk}/accept")
    client.force_login(bardu_developer)
    page = client.get(reverse("regions:membership-requests"))
    answered = client.post(
        reverse("regions:membership-request-answer", args=[asked.pk]), {"decision": "accept"}
    )
    again = client.post(f"/api/regions/membership-requests/{asked.pk}/decline")

    assert own_answer.status_code == 403
    assert "Trondheimsregionen ber om at Bardu blir medlem" in page.text
    assert answered.status_code == 302
    assert again.status_code == 409
    asked.refresh_from_db()
    assert asked.status == MembershipRequest.Status.ACCEPTED
    assert asked.decided_by == bardu_developer
    assert asked.membership is not None
    assert access_for(user=coordinator).can_edit_municipality(_bardu().pk)
    assert client.get(reverse("inquiries:inbox", args=["trondheimsregionen"])).status_code == 200
    assert AuditEntry.objects.filter(object_pk=str(asked.pk), action="update").exists()


def test_a_declined_request_grants_nothing_and_cannot_be_answered_again() -> None:
    coordinator = CoordinatorRoleFactory(region=_trondheim()).user
    bardu_developer = BusinessDeveloperRoleFactory(municipality=_bardu()).user
    asked = membership_add(
        region=_trondheim(),
        municipality=_bardu(),
        valid_from=START,
        valid_to=None,
        actor=coordinator,
    )

    membership_request_decline(membership_request=asked, actor=bardu_developer)

    assert asked.status == MembershipRequest.Status.DECLINED
    assert not _trondheim().memberships.filter(municipality=_bardu()).exists()
    assert not access_for(user=coordinator).can_edit_municipality(_bardu().pk)
    with pytest.raises(MembershipRequestConflictError):
        membership_request_accept(membership_request=asked, actor=bardu_developer)
    # After a no, the region may ask again.
    assert (
        membership_add(
            region=_trondheim(),
            municipality=_bardu(),
            valid_from=START,
            valid_to=None,
            actor=coordinator,
        ).status
        == MembershipRequest.Status.PENDING
    )


def test_only_the_municipalitys_own_developers_or_an_administrator_answer() -> None:
    coordinator = CoordinatorRoleFactory(region=_trondheim()).user
    asked = membership_add(
        region=_trondheim(),
        municipality=_bardu(),
        valid_from=START,
        valid_to=None,
        actor=coordinator,
    )
    other_developer = BusinessDeveloperRoleFactory(
        municipality=Municipality.objects.get(number="5001")
    ).user

    for outsider in (coordinator, other_developer, UserFactory()):
        with pytest.raises(PermissionDeniedError):
            membership_request_accept(membership_request=asked, actor=outsider)

    membership_request_accept(membership_request=asked, actor=UserFactory(is_superuser=True))
    assert asked.status == MembershipRequest.Status.ACCEPTED


def test_an_administrator_or_the_municipalitys_own_developer_adds_directly() -> None:
    admin = UserFactory(is_superuser=True)
    both = CoordinatorRoleFactory(region=_trondheim()).user
    BusinessDeveloperRoleFactory(user=both, municipality=Municipality.objects.get(number="5512"))

    by_admin = membership_add(
        region=_trondheim(), municipality=_bardu(), valid_from=START, valid_to=None, actor=admin
    )
    by_own = membership_add(
        region=_trondheim(),
        municipality=Municipality.objects.get(number="5512"),
        valid_from=START,
        valid_to=None,
        actor=both,
    )

    assert by_admin.status == by_own.status == MembershipRequest.Status.ACCEPTED
    assert _trondheim().memberships.filter(municipality__number__in=["5520", "5512"]).count() == 2


def test_requests_are_invisible_to_people_they_do_not_concern(client) -> None:
    coordinator = CoordinatorRoleFactory(region=_trondheim()).user
    asked = membership_add(
        region=_trondheim(),
        municipality=_bardu(),
        valid_from=START,
        valid_to=None,
        actor=coordinator,
    )
    client.force_login(
        BusinessDeveloperRoleFactory(municipality=Municipality.objects.get(number="5001")).user
    )

    listed = client.get("/api/regions/membership-requests")
    answer = client.post(f"/api/regions/membership-requests/{asked.pk}/accept")
    page = client.post(
        reverse("regions:membership-request-answer", args=[asked.pk]), {"decision": "accept"}
    )

    assert listed.json() == []
    assert answer.status_code == 404
    assert page.status_code == 404

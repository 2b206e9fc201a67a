"""The permission matrix: who may change what, decided once in accounts.selectors.access_for."""

import pytest
from django.contrib.auth.models import AnonymousUser

from samspill.accounts.selectors import access_for
from samspill.regions.models import MembershipRequest, Municipality, Region
from tests.accounts.factories import (
    BusinessDeveloperRoleFactory,
    CoordinatorRoleFactory,
    UserFactory,
    ViewerRoleFactory,
)

pytestmark = pytest.mark.django_db


def _municipality(number: str) -> Municipality:
    return Municipality.objects.get(number=number)


def _region(slug: str) -> Region:
    return Region.objects.get(slug=slug)


@pytest.mark.parametrize(
    ("role", "target", "can_edit"),
    [
        ("bardu_developer", "5520", True),
        ("bardu_developer", "5001", False),
        ("bardu_developer", "5522", False),
        ("trondheim_coordinator", "5001", True),
        ("trondheim_coordinator", "5059", True),
        ("trondheim_coordinator", "5520", False),
        ("trondheim_viewer", "5001", False),
        ("anonymous", "5001", False),
        ("site_admin", "5520", True),
    ],
)
def test_who_may_change_a_municipality(role: str, target: str, can_edit: bool) -> None:
    user = _user_with(role)

    access = access_for(user=user)

    assert access.can_edit_municipality(_municipality(target).pk) is can_edit


@pytest.mark.parametrize(
    ("role", "region", "can_edit", "can_view"),
    [
        ("bardu_developer", "sor-troms", False, True),
        ("bardu_developer", "trondheimsregionen", False, False),
        ("trondheim_coordinator", "trondheimsregionen", True, True),
        ("trondheim_coordinator", "sor-troms", False, False),
        ("trondheim_viewer", "trondheimsregionen", False, True),
        ("anonymous", "trondheimsregionen", False, False),
        ("site_admin", "sor-troms", True, True),
    ],
)
def test_who_may_change_and_see_a_region(
    role: str, region: str, can_edit: bool, can_view: bool
) -> None:
    user = _user_with(role)

    access = access_for(user=user)

    assert access.can_edit_region(_region(region).pk) is can_edit
    assert access.can_view_region(_region(region).pk) is can_view


def test_a_coordinator_of_a_region_recorded_with_old_numbers_covers_todays_municipalities() -> None:
    role = CoordinatorRoleFactory(region=_region("notodden-byregion"))

    access = access_for(user=role.user)

    assert access.can_edit_municipality(_municipality("4020").pk)  # Midt-Telemark, recorded as 0822
    assert access.can_edit_municipality(_municipality("4005").pk)  # Notodden, recorded as 0807
    assert not access.can_edit_municipality(_municipality("5001").pk)


def test_access_is_collected_in_a_bounded_number_of_queries(django_assert_max_num_queries) -> None:
    role = CoordinatorRoleFactory(region=_region("trondheimsregionen"))

    with django_assert_max_num_queries(2):
        access_for(user=role.user)


def _user_with(role: str):
    if role == "anonymous":
        return AnonymousUser()
    if role == "site_admin":
        return UserFactory(is_superuser=True)
    if role == "bardu_developer":
        return BusinessDeveloperRoleFactory(municipality=_municipality("5520")).user
    if role == "trondheim_coordinator":
        return CoordinatorRoleFactory(region=_region("trondheimsregionen")).user
    if role == "trondheim_viewer":
        return ViewerRoleFactory(region=_region("trondheimsregionen")).user
    raise AssertionError(role)


@pytest.mark.parametrize("status", ["pending", "declined"])
def test_a_membership_request_not_accepted_grants_nothing_either_way(status: str) -> None:
    trondheim = _region("trondheimsregionen")
    coordinator = CoordinatorRoleFactory(region=trondheim).user
    bardu_developer = BusinessDeveloperRoleFactory(municipality=_municipality("5520")).user
    MembershipRequest.objects.create(
        region=trondheim, municipality=_municipality("5520"), valid_from="2020-01-01", status=status
    )

    assert not access_for(user=coordinator).can_edit_municipality(_municipality("5520").pk)
    assert not access_for(user=bardu_developer).can_view_region(trondheim.pk)
    assert not access_for(user=coordinator).can_answer_for_municipality(_municipality("5520").pk)

"""Who may see and change what: decided here, once, and used by every service and selector."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from samspill.accounts.models import IdentityProvider, Organisation, RoleAssignment, User
from samspill.regions.models import RegionMembership


@dataclass(frozen=True)
class Access:
    """The scopes one user acts in. Build it with `access_for(user=...)`."""

    is_authenticated: bool = False
    is_site_admin: bool = False
    coordinated_region_ids: frozenset[int] = field(default_factory=frozenset)
    developed_municipality_ids: frozenset[int] = field(default_factory=frozenset)
    viewer_region_ids: frozenset[int] = field(default_factory=frozenset)
    viewer_municipality_ids: frozenset[int] = field(default_factory=frozenset)
    # Today's member municipalities of the regions the user coordinates.
    coordinated_municipality_ids: frozenset[int] = field(default_factory=frozenset)
    # Regions that any of the user's municipalities belong to today.
    member_region_ids: frozenset[int] = field(default_factory=frozenset)

    def can_edit_region(self, region_id: int) -> bool:
        """Coordinators of the region and site administrators change regional things."""
        return self.is_site_admin or region_id in self.coordinated_region_ids

    def can_edit_municipality(self, municipality_id: int) -> bool:
        """The municipality's business developers, its regions' coordinators, and administrators."""
        return (
            self.is_site_admin
            or municipality_id in self.developed_municipality_ids
            or municipality_id in self.coordinated_municipality_ids
        )

    def can_answer_for_municipality(self, municipality_id: int) -> bool:
        """Who speaks for a municipality (consents to membership): its own developers, admins.

        Never a region's coordinator: coordinators' rights over a municipality come from the
        membership, so letting them consent would let a region take a municipality over.
        """
        return self.is_site_admin or municipality_id in self.developed_municipality_ids

    def can_view_region(self, region_id: int) -> bool:
        """Internal (non-public) regional material: anyone with a role in or under the region."""
        return (
            self.is_site_admin
            or region_id in self.coordinated_region_ids
            or region_id in self.viewer_region_ids
            or region_id in self.member_region_ids
        )

    def can_view_municipality(self, municipality_id: int) -> bool:
        """Internal municipal material: the municipality's own people and its regions' people."""
        return (
            self.can_edit_municipality(municipality_id)
            or municipality_id in self.viewer_municipality_ids
        )

    @property
    def is_staff_of_some_scope(self) -> bool:
        return self.is_site_admin or bool(
            self.coordinated_region_ids
            or self.developed_municipality_ids
            or self.viewer_region_ids
            or self.viewer_municipality_ids
        )


ANONYMOUS_ACCESS = Access()


def access_for(*, user: User | AnonymousUser) -> Access:
    """Collect the user's scopes in two queries."""
    if not user.is_authenticated:
        return ANONYMOUS_ACCESS
    assert isinstance(user, User)  # noqa: S101 - narrows the type; authenticated means a User
    return accesses_for(users=[user])[user.pk]


def accesses_for(*, users: Iterable[User]) -> dict[int, Access]:
    """Every user's scopes at once, in two queries whatever their number (keyed by user id).

    The same rule as `access_for`, which is this for one user: a notification's fan-out checks
    hundreds of followers with it instead of two queries per person."""
    people = {user.pk: user for user in users}
    if not people:
        return {}
    coordinated: dict[int, set[int]] = {pk: set() for pk in people}
    developed: dict[int, set[int]] = {pk: set() for pk in people}
    viewer_regions: dict[int, set[int]] = {pk: set() for pk in people}
    viewer_municipalities: dict[int, set[int]] = {pk: set() for pk in people}
    for user_id, role, region_id, municipality_id in RoleAssignment.objects.filter(
        user_id__in=people
    ).values_list("user_id", "role", "region_id", "municipality_id"):
        if role == RoleAssignment.Role.COORDINATOR and region_id:
            coordinated[user_id].add(region_id)
        elif role == RoleAssignment.Role.BUSINESS_DEVELOPER and municipality_id:
            developed[user_id].add(municipality_id)
        elif role == RoleAssignment.Role.VIEWER and region_id:
            viewer_regions[user_id].add(region_id)
        elif role == RoleAssignment.Role.VIEWER and municipality_id:
            viewer_municipalities[user_id].add(municipality_id)

    all_coordinated = set().union(*coordinated.values())
    all_own = set().union(*developed.values(), *viewer_municipalities.values())
    rows: list[tuple[int, int, int | None]] = []
    if all_coordinated or all_own:
        today = datetime.date.today()  # noqa: DTZ011 - membership dates are calendar dates
        active = Q(valid_from__lte=today) & (Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        memberships = RegionMembership.objects.filter(active).filter(
            Q(region_id__in=all_coordinated)
            | Q(municipality_id__in=all_own)
            | Q(municipality__successor_links__successor_id__in=all_own)
        )
        rows = list(
            memberships.values_list(
                "region_id", "municipality_id", "municipality__successor_links__successor_id"
            )
        )

    found = {}
    for pk, user in people.items():
        own_municipalities = developed[pk] | viewer_municipalities[pk]
        coordinated_municipalities: set[int] = set()
        member_regions: set[int] = set()
        for region_id, municipality_id, successor_id in rows:
            today_id = successor_id or municipality_id
            if region_id in coordinated[pk]:
                coordinated_municipalities.add(today_id)
            if today_id in own_municipalities:
                member_regions.add(region_id)
        found[pk] = Access(
            is_authenticated=True,
            is_site_admin=user.is_superuser,
            coordinated_region_ids=frozenset(coordinated[pk]),
            developed_municipality_ids=frozenset(developed[pk]),
            viewer_region_ids=frozenset(viewer_regions[pk]),
            viewer_municipality_ids=frozenset(viewer_municipalities[pk]),
            coordinated_municipality_ids=frozenset(coordinated_municipalities),
            member_region_ids=frozenset(member_regions),
        )
    return found


def role_assignments_for(*, user: User) -> list[RoleAssignment]:
    """The user's roles with their scopes, for the profile page."""
    return list(RoleAssignment.objects.filter(user=user).select_related("region", "municipality"))


def identity_providers_for_login() -> list[IdentityProvider]:
    """The active single sign-on providers the login page offers (anyone may see them)."""
    return list(IdentityProvider.objects.filter(is_active=True).select_related("organisation"))


def identity_provider_get(*, slug: str) -> IdentityProvider | None:
    """An active provider by its slug, or None."""
    return (
        IdentityProvider.objects.filter(slug=slug, is_active=True)
        .select_related("organisation")
        .first()
    )


def identity_provider_by_id(*, provider_id: int) -> IdentityProvider | None:
    """An active provider by primary key (the login callback finds it through the session)."""
    return (
        IdentityProvider.objects.filter(pk=provider_id, is_active=True)
        .select_related("organisation")
        .first()
    )


def organisation_find(*, key: str) -> Organisation | None:
    """An organisation by exact name or organisation number (for the command line)."""
    return Organisation.objects.filter(Q(name=key) | Q(organisation_number=key)).first()

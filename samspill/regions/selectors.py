"""Reads for municipalities and regions: open data, except membership requests (scoped)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.regions.models import (
    MembershipRequest,
    Municipality,
    MunicipalityChange,
    Region,
    RegionMembership,
)


def region_list() -> QuerySet[Region]:
    """All regions with the number of membership rows (as recorded)."""
    return Region.objects.annotate(membership_count=Count("memberships"))


def region_get(*, slug: str) -> Region:
    """One region by slug, or 404."""
    return get_object_or_404(Region, slug=slug)


def municipality_get(*, number: str) -> Municipality:
    """One municipality (current or historic) by its number, or 404."""
    return get_object_or_404(Municipality, number=number)


def municipality_list_current() -> QuerySet[Municipality]:
    """Today's municipalities."""
    return Municipality.objects.filter(valid_to__isnull=True)


@dataclass
class RegionMember:
    """A member of a region in today's municipality structure, with how it was recorded."""

    municipality: Municipality
    recorded_as: list[Municipality] = field(default_factory=list)
    also_includes: list[Municipality] = field(default_factory=list)
    partial_successor: bool = False
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None

    @property
    def is_renumbered(self) -> bool:
        return any(m.pk != self.municipality.pk for m in self.recorded_as)


def region_members(*, region: Region, on: datetime.date | None = None) -> list[RegionMember]:
    """Members active on `on` (default: any time), resolved to today's municipalities.

    A membership recorded with an old number resolves through the reform history. Where today's
    municipality also holds former municipalities that were not members (Sauherad → Midt-Telemark,
    which also holds the former Bø), they are listed in `also_includes` so the UI can say so.
    """
    memberships = RegionMembership.objects.filter(region=region).select_related("municipality")
    if on is not None:
        memberships = memberships.filter(
            Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        )
    memberships = memberships.prefetch_related(
        Prefetch(
            "municipality__successor_links",
            queryset=MunicipalityChange.objects.select_related("successor"),
        )
    )
    members: dict[int, RegionMember] = {}
    start_years: dict[int, int] = {}
    open_ended: dict[int, bool] = {}
    for membership in memberships:
        recorded = membership.municipality
        links = list(recorded.successor_links.all())
        targets = (
            [recorded] if recorded.is_current or not links else [link.successor for link in links]
        )
        for target in targets:
            member = members.setdefault(target.pk, RegionMember(municipality=target))
            member.recorded_as.append(recorded)
            member.partial_successor = member.partial_successor or len(links) > 1
            member.valid_from = min(filter(None, [member.valid_from, membership.valid_from]))
            open_ended.setdefault(target.pk, False)
            if membership.valid_to is None:
                open_ended[target.pk] = True
            member.valid_to = (
                None
                if open_ended[target.pk]
                else max(filter(None, [member.valid_to, membership.valid_to]))
            )
            start_years[target.pk] = min(
                start_years.get(target.pk, 9999), membership.valid_from.year
            )

    predecessors: dict[int, list[MunicipalityChange]] = defaultdict(list)
    for change in MunicipalityChange.objects.filter(successor_id__in=members).select_related(
        "predecessor"
    ):
        predecessors[change.successor_id].append(change)
    for member in members.values():
        recorded_ids = {m.pk for m in member.recorded_as}
        if all(m.is_current for m in member.recorded_as):
            continue
        start_year = start_years[member.municipality.pk]
        for change in predecessors[member.municipality.pk]:
            former = change.predecessor
            existed_then = (former.valid_from or 0) <= start_year <= (former.valid_to or 9999)
            if former.pk not in recorded_ids and existed_then:
                member.also_includes.append(former)
    return sorted(members.values(), key=lambda member: member.municipality.number)


def municipality_regions(*, municipality: Municipality) -> QuerySet[Region]:
    """Regions the municipality (or a municipality it succeeded) is recorded as a member of."""
    return Region.objects.filter(
        Q(memberships__municipality=municipality)
        | Q(memberships__municipality__successor_links__successor=municipality)
    ).distinct()


def municipality_history(
    *, municipality: Municipality
) -> tuple[list[MunicipalityChange], list[MunicipalityChange]]:
    """(changes that made this municipality, changes that ended it), oldest first."""
    made = list(
        MunicipalityChange.objects.filter(successor=municipality).select_related("predecessor")
    )
    ended = list(
        MunicipalityChange.objects.filter(predecessor=municipality).select_related("successor")
    )
    return made, ended


def membership_requests_to_answer(*, user: User | AnonymousUser) -> QuerySet[MembershipRequest]:
    """Pending requests the user answers for: their own municipalities' (all, for admins)."""
    access = access_for(user=user)
    pending = MembershipRequest.objects.filter(status=MembershipRequest.Status.PENDING)
    if not access.is_site_admin:
        pending = pending.filter(municipality_id__in=access.developed_municipality_ids)
    return pending.select_related("region", "municipality", "requested_by")


def membership_requests_visible(
    *, user: User | AnonymousUser, limit: int = 50
) -> QuerySet[MembershipRequest]:
    """Recent requests the user asked for or answers for (for the requests page and the API)."""
    access = access_for(user=user)
    found = MembershipRequest.objects.all()
    if not access.is_site_admin:
        found = found.filter(
            Q(municipality_id__in=access.developed_municipality_ids)
            | Q(region_id__in=access.coordinated_region_ids)
        )
    return found.select_related("region", "municipality", "requested_by", "decided_by")[:limit]


def membership_request_get_for(*, user: User | AnonymousUser, pk: int) -> MembershipRequest:
    """One request the user asked for or answers for, or 404 (others do not learn it exists)."""
    access = access_for(user=user)
    found = MembershipRequest.objects.select_related("region", "municipality")
    if not access.is_site_admin:
        found = found.filter(
            Q(municipality_id__in=access.developed_municipality_ids)
            | Q(region_id__in=access.coordinated_region_ids)
        )
    return get_object_or_404(found, pk=pk)


def membership_requests_pending_for_region(*, region: Region) -> QuerySet[MembershipRequest]:
    """The region's requests still waiting for the municipality's answer."""
    return MembershipRequest.objects.filter(
        region=region, status=MembershipRequest.Status.PENDING
    ).select_related("municipality", "requested_by")

"""Reads of the register, scoped to the acting user.

Public projects are for everyone; an internal project (not yet announced) only for the region's
people: its coordinators and viewers, and the people of its member municipalities
(`Access.can_view_region`). Who may write is decided here too (`can_edit_project`).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.accounts.selectors import Access, access_for
from samspill.projects.models import Phase, PhaseKind, Project, Scenario
from samspill.regions.models import Municipality, Region
from samspill.regions.selectors import region_members


@dataclass(frozen=True)
class ProjectFilter:
    """The register's filter, as it stands in the URL (so a view can be shared)."""

    region: str = ""
    municipality: str = ""
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    text: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def visible_q(access: Access) -> Q:
    """Projects the user may see."""
    if access.is_site_admin:
        return Q()
    regions = access.coordinated_region_ids | access.viewer_region_ids | access.member_region_ids
    return Q(is_internal=False) | Q(region_id__in=regions)


def can_edit_project(access: Access, *, region_id: int, municipality_ids: Iterable[int]) -> bool:
    """Coordinators of the region edit all its projects; a business developer those that touch
    their municipality; viewers none."""
    if access.can_edit_region(region_id):
        return True
    return bool(set(municipality_ids) & access.developed_municipality_ids)


def can_keep_scenarios(access: Access, *, region_id: int) -> bool:
    """Who saves and deletes what-if scenarios: the region's coordinators and the business
    developers of its member municipalities (viewers only look)."""
    if access.can_edit_region(region_id):
        return True
    return bool(access.developed_municipality_ids) and access.can_view_region(region_id)


def can_create_in_region(access: Access, *, region: Region) -> bool:
    """Coordinators of the region, and developers of one of its member municipalities."""
    if access.can_edit_region(region.pk):
        return True
    if not access.developed_municipality_ids:
        return False
    members = {member.municipality.pk for member in region_members(region=region)}
    return bool(members & access.developed_municipality_ids)


def _with_related(projects: QuerySet[Project]) -> QuerySet[Project]:
    return projects.select_related("region").prefetch_related(
        Prefetch("municipalities", queryset=Municipality.objects.order_by("name")),
        Prefetch("phases", queryset=Phase.objects.order_by("start", "pk")),
    )


def project_list_for(
    *, user: User | AnonymousUser, filters: ProjectFilter | None = None, with_phases: bool = True
) -> QuerySet[Project]:
    """The projects the user may see, filtered; municipalities and phases prefetched."""
    filters = filters or ProjectFilter()
    projects = Project.objects.filter(visible_q(access_for(user=user)))
    if filters.region:
        projects = projects.filter(region__slug=filters.region)
    if filters.municipality:
        projects = projects.filter(municipalities__number=filters.municipality)
    if filters.kinds:
        projects = projects.filter(kind__in=filters.kinds)
    if filters.statuses:
        projects = projects.filter(status__in=filters.statuses)
    if filters.year_from is not None or filters.year_to is not None:
        overlap = Q()
        if filters.year_from is not None:
            overlap &= Q(end__gte=datetime.date(filters.year_from, 1, 1))
        if filters.year_to is not None:
            overlap &= Q(start__lte=datetime.date(filters.year_to, 12, 31))
        projects = projects.filter(pk__in=Phase.objects.filter(overlap).values("project_id"))
    if filters.text:
        projects = projects.filter(Q(name__icontains=filters.text) | Q(key=filters.text))
    projects = projects.distinct().order_by("name", "pk")
    if not with_phases:
        return projects.select_related("region").prefetch_related("municipalities")
    return _with_related(projects)


def project_get_for(*, user: User | AnonymousUser, pk: int) -> Project:
    """One project, or 404 when it does not exist or the user may not see it."""
    project = _with_related(Project.objects.filter(visible_q(access_for(user=user)), pk=pk)).first()
    if project is None:
        raise Http404(_("Fant ikke prosjektet."))
    return project


def project_by_key(*, region: Region, key: str) -> Project | None:
    return Project.objects.filter(region=region, key=key).first()


def regions_for_new_project(*, user: User | AnonymousUser) -> list[Region]:
    """Regions in whose register the user may enter a project."""
    access = access_for(user=user)
    if not access.is_authenticated:
        return []
    regions = Region.objects.order_by("name")
    if not access.is_site_admin:
        regions = regions.filter(
            Q(pk__in=access.coordinated_region_ids) | Q(pk__in=access.member_region_ids)
        )
    return [region for region in regions if can_create_in_region(access, region=region)]


def region_municipality_choices(*, region: Region) -> list[Municipality]:
    """Today's member municipalities of the region, by name (the ones a project may touch)."""
    return sorted(
        (member.municipality for member in region_members(region=region, on=timezone.localdate())),
        key=lambda municipality: municipality.name,
    )


def regions_with_projects(*, user: User | AnonymousUser) -> QuerySet[Region]:
    return Region.objects.filter(
        pk__in=Project.objects.filter(visible_q(access_for(user=user))).values("region_id")
    ).order_by("name")


def construction_phases(*, projects: Iterable[Project]) -> list[tuple[Project, Phase]]:
    """Each project's construction phase (prefetched), where it has one."""
    return [
        (project, phase)
        for project in projects
        for phase in project.phases.all()
        if phase.kind == PhaseKind.CONSTRUCTION
    ]


def scenario_list(*, region: Region) -> QuerySet[Scenario]:
    return Scenario.objects.filter(region=region).order_by("name")


def scenario_get_for(*, user: User | AnonymousUser, pk: int) -> Scenario:
    """A saved scenario: for the region's people (scenarios are working material, not public)."""
    scenario = Scenario.objects.select_related("region").filter(pk=pk).first()
    if scenario is None or not access_for(user=user).can_view_region(scenario.region_id):
        raise Http404(_("Fant ikke scenarioet."))
    return scenario

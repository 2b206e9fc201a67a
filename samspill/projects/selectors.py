"""Reads of the register, scoped to the acting user.

Public projects are for everyone; an internal project (not yet announced) only for the region's
people: its coordinators and viewers, and the people of its member municipalities
(`Access.can_view_region`). Who may write is decided here too (`can_edit_project`).
"""

import datetime
import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from shapely.geometry.base import BaseGeometry

from samspill.accounts.models import User
from samspill.accounts.selectors import Access, access_for
from samspill.audit.models import AuditEntry
from samspill.geo.shapes import (
    GeometryError,
    corridor_around,
    parse_geometry,
    to_metric_many,
    to_wgs84,
)
from samspill.land.selectors import SearchFilters, SiteHit, site_search
from samspill.land.selectors import point_get as land_point_get
from samspill.projects.models import Opportunity, Phase, PhaseKind, Project, Scenario
from samspill.projects.periods import period_label
from samspill.regions.models import Municipality, Region
from samspill.regions.selectors import region_members
from samspill.strategy.models import Measure


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


def _municipality_names() -> QuerySet[Municipality]:
    """Municipalities without their outlines: a project list never draws them, and parsing one
    outline per project row was most of the time of every list (ADR 66)."""
    return Municipality.objects.defer("boundary").order_by("name")


def _with_related(projects: QuerySet[Project]) -> QuerySet[Project]:
    return projects.select_related("region").prefetch_related(
        Prefetch("municipalities", queryset=_municipality_names()),
        Prefetch("phases", queryset=Phase.objects.order_by("start", "pk")),
    )


def _filtered(*, user: User | AnonymousUser, filters: ProjectFilter) -> QuerySet[Project]:
    """The visible projects matching the filter, unordered and without related rows.

    The municipality and period filters are subqueries, not joins, so no DISTINCT is needed (a
    DISTINCT over 2 000 rows with JSON columns was a large part of every list)."""
    projects = Project.objects.filter(visible_q(access_for(user=user)))
    if filters.region:
        projects = projects.filter(region__slug=filters.region)
    if filters.municipality:
        touching = Project.municipalities.through.objects.filter(
            municipality__number=filters.municipality
        )
        projects = projects.filter(pk__in=touching.values("project_id"))
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
    return projects


def project_list_for(
    *, user: User | AnonymousUser, filters: ProjectFilter | None = None, with_phases: bool = True
) -> QuerySet[Project]:
    """The projects the user may see, filtered; municipalities and phases prefetched."""
    projects = _filtered(user=user, filters=filters or ProjectFilter()).order_by("name", "pk")
    if not with_phases:
        return projects.select_related("region").prefetch_related(
            Prefetch("municipalities", queryset=_municipality_names())
        )
    return _with_related(projects)


@dataclass(frozen=True)
class LayerRow:
    """What the map shows of a project: no ORM instance, one row of one query."""

    pk: int
    name: str
    kind: str
    status: str
    geometry: dict[str, object] | None
    is_example: bool


def project_layer_rows_for(
    *, user: User | AnonymousUser, filters: ProjectFilter
) -> tuple[list[LayerRow], set[int]]:
    """The map's projects (with a geometry) and the ids of the municipalities they touch: two
    queries, whatever the number of projects."""
    projects = _filtered(user=user, filters=filters)
    rows = [
        LayerRow(*values)
        for values in projects.filter(geometry__isnull=False)
        .order_by("name", "pk")
        .values_list("pk", "name", "kind", "status", "geometry", "is_example")
    ]
    touched = set(
        Project.municipalities.through.objects.filter(
            project_id__in=projects.values("pk")
        ).values_list("municipality_id", flat=True)
    )
    return rows, touched


_API_COLUMNS = (
    "pk",
    "key",
    "name",
    "region__slug",
    "kind",
    "status",
    "description",
    "owner_name",
    "owner_organisation_number",
    "length_m",
    "area_daa",
    "investment_low_mnok",
    "investment_high_mnok",
    "price_level_year",
    "construction_person_years",
    "operation_jobs",
    "land_need_daa",
    "power_need_mw",
    "workforce_by_trade",
    "is_internal",
    "is_example",
    "version",
)
# JSON columns the API list passes on as stored (text), never parsed and encoded again: geometry
# is most of the answer's bytes (ADR 90).
RAW_JSON_COLUMNS = ("geometry", "links", "sources")
# What `project_rows_for` gives as JSON text (`<name>_json`): those columns and the phases.
RAW_JSON_MEMBERS = (*RAW_JSON_COLUMNS, "phases")


@functools.lru_cache(maxsize=64)
def _json_text(value: str) -> str:
    return json.dumps(value)


def _as_text(column: str) -> Cast:
    return Cast(column, output_field=TextField())


@functools.lru_cache(maxsize=8192)
def _iso_period_label(day: str, precision: str) -> str:
    """`period_label` of an ISO date text (checked: a database giving another form fails here)."""
    return period_label(datetime.date.fromisoformat(day), precision)


def project_rows_for(
    *, user: User | AnonymousUser, filters: ProjectFilter, offset: int, limit: int
) -> list[dict[str, Any]]:
    """A page of the register as plain rows (the API's shape): three queries for any page size,
    no model instances (ADR 66). `municipalities` are numbers; `phases` dicts in time order;
    `geometry_json`, `links_json` and `sources_json` the stored JSON text (None for SQL NULL) and
    `phases_json` the phases in time order as JSON text, for the caller to write out unparsed
    (ADR 90)."""
    page = _filtered(user=user, filters=filters).order_by("name", "pk")[offset : offset + limit]
    raw = {f"{name}_json": _as_text(name) for name in RAW_JSON_COLUMNS}
    columns = (*_API_COLUMNS, *raw)
    rows = [
        dict(zip(columns, values, strict=True))
        for values in page.annotate(**raw).values_list(*columns)
    ]
    ids = [row["pk"] for row in rows]
    numbers: dict[int, list[tuple[str, str]]] = {pk: [] for pk in ids}
    phases: dict[int, list[str]] = {pk: [] for pk in ids}
    if ids:
        touching = Project.municipalities.through.objects.filter(
            project_id__in=page.values("pk")
        ).values_list("project_id", "municipality__name", "municipality__number")
        for project_id, name, number in touching:
            numbers[project_id].append((name, number))
        # Dates read as ISO text (the answer's form): no date converter per value and no
        # `isoformat` again (16 000 of each for 2 000 projects); labels cached per distinct day.
        for project_id, kind, start, start_precision, end, end_precision in (
            Phase.objects.filter(project_id__in=page.values("pk"))
            .annotate(start_text=_as_text("start"), end_text=_as_text("end"))
            .order_by("start", "pk")
            .values_list(
                "project_id", "kind", "start_text", "start_precision", "end_text", "end_precision"
            )
        ):
            phases[project_id].append(
                f'{{"kind": {_json_text(kind)}, '
                f'"start": "{_iso_period_label(start, start_precision)}", '
                f'"end": "{_iso_period_label(end, end_precision)}", '
                f'"start_date": "{start}", '
                f'"end_date": "{end}"}}'
            )
    for row in rows:
        row["municipalities"] = [number for _name, number in sorted(numbers[row["pk"]])]
        row["phases_json"] = "[" + ", ".join(phases[row["pk"]]) + "]"
        row["workforce_by_trade"] = {
            trade: float(value) for trade, value in (row["workforce_by_trade"] or {}).items()
        }
    return rows


@dataclass(frozen=True)
class BuildingProject:
    """A project's construction phase with what the load, the what-if table and collisions need:
    one row of one query, no project instance. The geometry is the stored GeoJSON text, parsed for
    all projects at once where it is needed (collisions), never per row (ADR 90)."""

    pk: int
    key: str
    name: str
    is_example: bool
    construction_person_years: Decimal | None
    geometry_json: str | None
    start: datetime.date
    start_precision: str
    end: datetime.date
    end_precision: str
    land_need_daa: Decimal | None = None

    @property
    def person_years_per_year(self) -> float | None:
        years = self.construction_person_years
        return float(years) if years else None

    @property
    def construction_label(self) -> str:
        """The construction phase as people write it (2025 K2–2029 K2), like `Phase.label`."""
        return (
            f"{period_label(self.start, self.start_precision)}–"
            f"{period_label(self.end, self.end_precision)}"
        )

    def get_absolute_url(self) -> str:
        return project_url(self.pk)


_URL_MARK = 987654321


@functools.lru_cache(maxsize=16)
def _project_url_template(language: str | None) -> str:
    return reverse("projects:project-detail", args=[_URL_MARK])


def project_url(pk: int) -> str:
    """A project's page: reversed once per language, then the id put in (2 000 reverses on a
    map layer or collision table were a tenth of its time)."""
    return _project_url_template(get_language()).replace(str(_URL_MARK), str(pk))


def building_projects_for(
    *,
    user: User | AnonymousUser,
    filters: ProjectFilter,
    municipality_ids: Iterable[int] | None = None,
) -> list[BuildingProject]:
    """Every visible project with a construction phase, from one query (no project instances, no
    JSON parsed per row); only those touching `municipality_ids` when given (a load area)."""
    if municipality_ids is not None:
        municipality_ids = list(municipality_ids)
    phases = (
        Phase.objects.filter(
            kind=PhaseKind.CONSTRUCTION,
            project__in=_filtered(user=user, filters=filters).values("pk"),
        )
        .annotate(geometry_json=_as_text("project__geometry"))
        .order_by("project__name", "project_id")
        .values_list(
            "project_id",
            "project__key",
            "project__name",
            "project__is_example",
            "project__construction_person_years",
            "geometry_json",
            "start",
            "start_precision",
            "end",
            "end_precision",
            "project__land_need_daa",
        )
    )
    if municipality_ids is not None:
        touching = Project.municipalities.through.objects.filter(
            municipality_id__in=municipality_ids
        )
        phases = phases.filter(project__in=touching.values("project_id"))
    return [BuildingProject(*values) for values in phases]


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


# Opportunities in the wake ----------------------------------------------------------------------


def can_edit_opportunity(access: Access, *, region_id: int, project_ids: Iterable[int]) -> bool:
    """The region's coordinators, and the developers of a municipality one of its projects
    touches (the same people who may edit those projects)."""
    if access.can_edit_region(region_id):
        return True
    touched = Project.municipalities.through.objects.filter(project_id__in=list(project_ids))
    return can_edit_project(
        access,
        region_id=region_id,
        municipality_ids=touched.values_list("municipality_id", flat=True),
    )


def opportunity_list_for(*, user: User | AnonymousUser, region: str = "") -> QuerySet[Opportunity]:
    """The opportunities the user may see, with their projects and measures (three queries)."""
    opportunities = Opportunity.objects.filter(visible_q(access_for(user=user)))
    if region:
        opportunities = opportunities.filter(region__slug=region)
    return (
        opportunities.select_related("region")
        .prefetch_related(
            Prefetch("projects", queryset=Project.objects.only("pk", "name", "region_id")),
            Prefetch("measures", queryset=Measure.objects.only("pk", "title").order_by("title")),
        )
        .order_by("title", "pk")
    )


def opportunity_get_for(*, user: User | AnonymousUser, pk: int) -> Opportunity:
    found = opportunity_list_for(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404(_("Fant ikke muligheten."))
    return found


def opportunities_for_measure(*, user: User | AnonymousUser, measure_id: int) -> list[Opportunity]:
    """The opportunities a strategy measure pursues (shown on the measure's page)."""
    return list(
        opportunity_list_for(user=user).filter(
            pk__in=Opportunity.measures.through.objects.filter(measure_id=measure_id).values(
                "opportunity_id"
            )
        )
    )


def measure_choices(*, region: Region) -> list[Measure]:
    """Measures of the region's strategies, by title (what an opportunity may link to)."""
    return list(
        Measure.objects.filter(action_plan__strategy__region=region)
        .only("pk", "title")
        .order_by("title", "pk")
    )


def project_choices(*, region: Region) -> list[Project]:
    return list(Project.objects.filter(region=region).only("pk", "name").order_by("name", "pk"))


# What changed since a date ----------------------------------------------------------------------


def register_changes_since(
    *, user: User | AnonymousUser, since: datetime.date, region: str = "", limit: int = 500
) -> list[tuple[AuditEntry, Project]]:
    """Audit entries about the visible projects since the start of `since`, newest first, each
    with its project (two queries)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import CharField
    from django.db.models.functions import Cast

    projects = _filtered(user=user, filters=ProjectFilter(region=region))
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    entries = list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Project),
            created_at__gte=start,
            object_pk__in=projects.annotate(text_pk=Cast("pk", CharField())).values("text_pk"),
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")[:limit]
    )
    by_pk = {
        str(project.pk): project
        for project in Project.objects.filter(pk__in={int(e.object_pk) for e in entries})
        .select_related("region")
        .only("pk", "name", "region__slug", "region__name", "is_example")
    }
    return [(entry, by_pk[entry.object_pk]) for entry in entries if entry.object_pk in by_pk]


# Construction workforce from SSB ------------------------------------------------------------------

# SSB 13470 (employed by workplace and industry) as the stats importer keys it: section F,
# "Bygge- og anleggsvirksomhet" (SN2007 41–43); the other keys cover tables coded by division.
CONSTRUCTION_TABLES = ("13470",)
CONSTRUCTION_KEYS = (
    "naering=bygge-og-anleggsvirksomhet",
    "naering=f-bygge-og-anleggsvirksomhet",
    "naering=41-43",
)


@dataclass(frozen=True)
class SsbWorkforce:
    persons: int
    year: int
    table: str


def construction_workforce_from_ssb(*, region: Region) -> SsbWorkforce | None:
    """Employed in construction (by workplace) in the region's member municipalities, the latest
    year every member has a figure; None when the statistics are not loaded for all of them."""
    members = {
        member.municipality.pk for member in region_members(region=region, on=timezone.localdate())
    }
    return construction_workforce_in(municipality_ids=members)


def construction_workforce_in(*, municipality_ids: Iterable[int]) -> SsbWorkforce | None:
    """Employed in construction (by workplace) in these municipalities, the latest year every one
    has a figure; None when the statistics are not loaded for all of them."""
    from samspill.stats.models import Observation

    members = set(municipality_ids)
    if not members:
        return None
    rows = Observation.objects.filter(
        series__table_number__in=CONSTRUCTION_TABLES,
        municipality_id__in=members,
        dimension_key__in=CONSTRUCTION_KEYS,
        value__isnull=False,
    ).values_list("year", "municipality_id", "value", "series__table_number")
    by_year: dict[int, dict[int, float]] = {}
    tables: dict[int, str] = {}
    for year, municipality_id, value, table in rows:
        by_year.setdefault(year, {})[municipality_id] = float(value or 0)
        tables[year] = table
    complete = [year for year, values in by_year.items() if set(values) >= members]
    if not complete:
        return None
    year = max(complete)
    return SsbWorkforce(persons=round(sum(by_year[year].values())), year=year, table=tables[year])


# The area of a construction load (ADR 102) -----------------------------------------------------


@dataclass(frozen=True)
class LoadArea:
    """Where a construction load is summed: a functional (labour-market) region of a computed
    run of the analyses, or any region; `key` is how it stands in the URL (`area=`)."""

    key: str
    name: str
    municipality_ids: frozenset[int]


@dataclass(frozen=True)
class LoadAreaChoices:
    functional: list[tuple[str, str]]
    regions: list[tuple[str, str]]
    run_label: str


def _latest_lma_run() -> Any:
    from samspill.analyses.selectors import lma_run_latest_done

    return lma_run_latest_done()


def _functional_regions(run: Any) -> list[dict[str, Any]]:
    return [r for r in (run.result or {}).get("regions", []) if r.get("members")]


def load_area_choices() -> LoadAreaChoices:
    """The functional regions of the newest finished labour-market-region run (the demo has the
    2022 run) and every region, as (URL key, name)."""
    run = _latest_lma_run()
    functional: list[tuple[str, str]] = []
    label = ""
    if run is not None:
        label = _("Beregnede arbeidsmarkedsregioner %(year)s") % {
            "year": (run.result or {}).get("year", "")
        }
        functional = [
            (
                f"lmr-{run.pk}-{int(found['region'])}",
                _("%(name)s (%(count)s kommuner)")
                % {"name": found["name"], "count": len(found["members"])},
            )
            for found in _functional_regions(run)
        ]
        functional.sort(key=lambda choice: choice[1])
    regions = [
        (f"region-{slug}", name)
        for slug, name in Region.objects.values_list("slug", "name").order_by("name")
    ]
    return LoadAreaChoices(functional=functional, regions=regions, run_label=label)


def load_area_get(key: str) -> LoadArea | None:
    """The area named by `key` (`lmr-<run>-<region>` or `region-<slug>`); None when unknown."""
    from samspill.analyses.models import AnalysisRun

    if key.startswith("region-") and len(key) < 120:
        region = Region.objects.filter(slug=key.removeprefix("region-")).first()
        if region is None:
            return None
        members = region_members(region=region, on=timezone.localdate())
        return LoadArea(
            key=key,
            name=region.name,
            municipality_ids=frozenset(member.municipality.pk for member in members),
        )
    parts = key.split("-")
    if (
        len(parts) != 3
        or parts[0] != "lmr"
        or not all(p.isdecimal() and len(p) < 10 for p in parts[1:])
    ):
        return None
    run = AnalysisRun.objects.filter(
        pk=int(parts[1]),
        kind=AnalysisRun.Kind.LABOUR_MARKET_REGIONS,
        status=AnalysisRun.Status.DONE,
    ).first()
    if run is None:
        return None
    found = next((r for r in _functional_regions(run) if int(r["region"]) == int(parts[2])), None)
    if found is None:
        return None
    numbers = [str(number) for number in found["members"]]
    ids = Municipality.objects.filter(number__in=numbers, valid_to__isnull=True).values_list(
        "pk", flat=True
    )
    year = (run.result or {}).get("year", "")
    return LoadArea(
        key=key,
        name=_("%(name)s (beregnet arbeidsmarkedsregion %(year)s)")
        % {"name": found["name"], "year": year},
        municipality_ids=frozenset(ids),
    )


# Sites of the land register that projects need (ADR 103) ---------------------------------------


@dataclass(frozen=True)
class NeededSite:
    pk: int
    name: str
    geometry_json: str


def sites_for_collisions(*, user: User | AnonymousUser) -> list[NeededSite]:
    """The business sites of the land register the user may see (published, or unpublished in
    their own municipalities), with their geometry as stored GeoJSON text: nobody learns of a site
    they may not see from a collision."""
    from samspill.land.selectors import sites_visible

    rows = (
        sites_visible(user=user)
        .annotate(geometry_json=_as_text("geometry"))
        .order_by("name", "pk")
        .values_list("pk", "name", "geometry_json")
    )
    return [NeededSite(*row) for row in rows]


# Corridor for business development (ADR 78) ------------------------------------------------------

# The E6 Trondheim–Malvik–Stjørdal corridor: Trondheim sentrum, Muruvik havn, Stjørdal sentrum.
E6_CORRIDOR_LINE = "63.4305,10.3951; muruvik; 63.4690,10.9180"
E6_CORRIDOR_KM = 3
MAX_CORRIDOR_POINTS = 200


def corridor_line(text: str) -> tuple[BaseGeometry | None, str]:
    """A corridor line from "lat,lon; lat,lon" or named points ("vaernes; brattora"), as the land
    search reads it (the named points are land's); the problem as a sentence when it is not one."""
    parts = [p.strip() for p in text.split(";") if p.strip()]
    if len(parts) > MAX_CORRIDOR_POINTS:
        return None, _("En korridorlinje kan ha høyst %(count)s punkter.") % {
            "count": MAX_CORRIDOR_POINTS
        }
    points: list[tuple[float, float]] = []
    for part in parts:
        named = land_point_get(part) if len(part) < 40 else None
        if named is not None:
            points.append((named.lon, named.lat))
            continue
        pieces = [p.strip() for p in part.split(",")]
        try:
            lat, lon = float(pieces[0]), float(pieces[1])
        except (ValueError, IndexError):
            return None, _("«%(part)s» er verken et kjent punkt eller «breddegrad,lengdegrad».") % {
                "part": part[:60]
            }
        points.append((lon, lat))
    if len(points) < 2:
        return None, _("En korridorlinje trenger minst to punkter.")
    if len(set(points)) < 2:
        return None, _("Korridorlinjens punkter kan ikke alle være det samme punktet.")
    try:
        line = parse_geometry(
            {"type": "LineString", "coordinates": [list(point) for point in points]}
        )
    except GeometryError as error:
        return None, str(error)
    return line, ""


@dataclass(frozen=True)
class CorridorFigures:
    """The sums for a municipality (or the whole corridor): ranges as low–high, unknowns skipped."""

    number: str
    name: str
    projects: int
    investment_low_mnok: Decimal
    investment_high_mnok: Decimal
    construction_person_years: Decimal
    operation_jobs: int


@dataclass(frozen=True)
class CorridorResult:
    projects: list[Project]
    municipalities: list[CorridorFigures]
    total: CorridorFigures
    corridor_wgs84: BaseGeometry
    sites: list[SiteHit]


def _figures(number: str, name: str, projects: list[Project]) -> CorridorFigures:
    def total(values: Iterable[Decimal | None]) -> Decimal:
        return sum((value for value in values if value is not None), Decimal(0))

    return CorridorFigures(
        number=number,
        name=name,
        projects=len(projects),
        investment_low_mnok=total(p.investment_low_mnok for p in projects),
        investment_high_mnok=total(
            p.investment_high_mnok if p.investment_high_mnok is not None else p.investment_low_mnok
            for p in projects
        ),
        construction_person_years=total(p.construction_person_years for p in projects),
        operation_jobs=sum(p.operation_jobs or 0 for p in projects),
    )


def projects_in_corridor(
    *, user: User | AnonymousUser, line: BaseGeometry, width_km: float
) -> CorridorResult:
    """The projects the user may see whose geometry meets the corridor (the line buffered by half
    the width on each side, in UTM 33N), summed per municipality they touch, and the published,
    available business sites of the land register inside the same corridor.

    A project in several municipalities counts in each of them; the total counts it once."""
    corridor = corridor_around(line, width_m=width_km * 1000)
    candidates = list(
        project_list_for(user=user).filter(geometry__isnull=False).exclude(geometry={})
    )
    shapes: list[BaseGeometry] = []
    placed: list[Project] = []
    for project in candidates:
        try:
            shapes.append(parse_geometry(project.geometry))
        except GeometryError:
            continue
        placed.append(project)
    metric = to_metric_many(shapes)
    inside = [
        project for project, shape in zip(placed, metric, strict=True) if corridor.intersects(shape)
    ]
    by_municipality: dict[str, tuple[str, list[Project]]] = {}
    for project in inside:
        for municipality in project.municipalities.all():
            by_municipality.setdefault(municipality.number, (municipality.name, []))[1].append(
                project
            )
    municipalities = [
        _figures(number, name, projects)
        for number, (name, projects) in sorted(
            by_municipality.items(), key=lambda item: (item[1][0], item[0])
        )
    ]
    sites = site_search(
        user=AnonymousUser(),  # published sites only, whoever asks (ADR 78)
        filters=SearchFilters(corridor=line, corridor_km=width_km),
    ).hits
    return CorridorResult(
        projects=inside,
        municipalities=municipalities,
        total=_figures("", _("Hele korridoren"), inside),
        corridor_wgs84=to_wgs84(corridor),
        sites=sites,
    )

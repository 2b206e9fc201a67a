"""API: the register (public read of public projects; internal ones for the region's people),
entering and changing projects (coordinators and the touched municipalities' developers; version
required for changes, 409 on a lost update), and the construction load with a what-if.

404 for what does not exist or the user may not see; 403 when the user may see but not write;
422 with the reasons per field (the same messages the form shows next to its fields).
"""

import datetime
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import NinjaJSONEncoder, Status
from ninja.security import django_auth

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.core.api import IF_MATCH, ConflictOut, ErrorOut, errors, expected_version
from samspill.core.concurrency import etag
from samspill.core.exceptions import PermissionDeniedError
from samspill.geo.shapes import to_geojson
from samspill.projects.load import construction_loads
from samspill.projects.models import PHASE_ORDER, Opportunity, Project
from samspill.projects.periods import Period, PeriodError, period_parse
from samspill.projects.presenters import constructions
from samspill.projects.selectors import (
    RAW_JSON_MEMBERS,
    ProjectFilter,
    building_projects_for,
    construction_workforce_from_ssb,
    construction_workforce_in,
    corridor_line,
    load_area_get,
    opportunity_get_for,
    opportunity_list_for,
    project_get_for,
    project_rows_for,
    projects_in_corridor,
)
from samspill.projects.services import (
    OpportunityInput,
    ProjectInput,
    opportunity_create,
    opportunity_update,
    phase_field,
    project_create,
    project_update,
)
from samspill.regions.models import Municipality
from samspill.regions.selectors import region_get

router = Router(tags=["projects"])

Kind = Literal[
    "road",
    "rail",
    "airport",
    "port",
    "power",
    "business_park",
    "institution",
    "housing",
    "industry",
    "other",
]
Status_ = Literal["idea", "planning", "zoning", "decided", "construction", "operation", "stopped"]
PhaseKindName = Literal["planning", "zoning", "construction", "operation"]


class PhaseOut(Schema):
    kind: str
    start: str = Field(description="As entered: 2026, 2026 K2 or 2026-05")
    end: str
    start_date: datetime.date
    end_date: datetime.date


class SourceIO(Schema):
    source: str = Field("", max_length=300)
    date: datetime.date | None = None


class LinkIO(Schema):
    label: str = Field("", max_length=200)
    url: str = Field(max_length=500, pattern=r"^https?://")


class ProjectOut(Schema):
    id: int
    key: str
    name: str
    region: str
    kind: str
    status: str
    description: str
    owner_name: str
    owner_organisation_number: str
    municipalities: list[str]
    geometry: dict[str, Any] | None
    length_m: float | None
    area_daa: float | None
    investment_low_mnok: Decimal | None
    investment_high_mnok: Decimal | None
    price_level_year: int | None
    construction_person_years: Decimal | None
    operation_jobs: int | None
    land_need_daa: Decimal | None
    power_need_mw: Decimal | None
    workforce_by_trade: dict[str, float]
    links: list[dict[str, str]]
    sources: dict[str, dict[str, str]]
    phases: list[PhaseOut]
    is_internal: bool
    is_example: bool
    version: int


class PhaseIn(Schema):
    kind: PhaseKindName
    start: str = Field(min_length=4, max_length=20)
    end: str = Field(min_length=4, max_length=20)


class ProjectIn(Schema):
    name: str = Field(min_length=1, max_length=200, pattern=r"^[^\x00]*$")
    key: str = Field("", max_length=100, pattern=r"^[-a-z0-9_]*$")
    kind: Kind
    status: Status_ = "idea"
    description: str = Field("", max_length=20_000, pattern=r"^[^\x00]*$")
    owner_name: str = Field("", max_length=200, pattern=r"^[^\x00]*$")
    owner_organisation_number: str = Field("", max_length=15, pattern=r"^[0-9 ]*$")
    municipalities: list[str] = Field(min_length=1, max_length=50)
    geometry: dict[str, Any] | None = None
    investment_low_mnok: Decimal | None = Field(None, ge=0, le=Decimal("99999999999"))
    investment_high_mnok: Decimal | None = Field(None, ge=0, le=Decimal("99999999999"))
    price_level_year: int | None = Field(None, ge=1950, le=2100)
    construction_person_years: Decimal | None = Field(None, ge=0, le=Decimal("99999999"))
    operation_jobs: int | None = Field(None, ge=0, le=1_000_000)
    land_need_daa: Decimal | None = Field(None, ge=0, le=Decimal("999999999"))
    power_need_mw: Decimal | None = Field(None, ge=0, le=Decimal("99999999"))
    workforce_by_trade: dict[str, float] = Field({}, max_length=50)
    links: list[LinkIO] = Field([], max_length=50)
    sources: dict[
        Literal["owner", "place", "status", "phases", "investment", "employment", "needs"], SourceIO
    ] = {}
    phases: list[PhaseIn] = Field([], max_length=4)
    is_internal: bool = False


class ProjectUpdateIn(ProjectIn):
    version: int | None = Field(None, ge=1, le=2**31 - 1)


class ProjectListQuery(Schema):
    region: str = Field("", max_length=100)
    municipality: str = Field("", max_length=4)
    kind: list[Kind] = []
    status: list[Status_] = []
    year_from: int | None = Field(None, ge=1900, le=2100)
    year_to: int | None = Field(None, ge=1900, le=2100)
    limit: int = Field(500, ge=1, le=5000)
    offset: int = Field(0, ge=0, le=1_000_000)


class QuarterOut(Schema):
    quarter: str
    person_years: float
    baseline: float


class LoadOut(Schema):
    region: str
    area: str
    area_name: str
    ssb_workforce: int | None
    ssb_workforce_year: int | None
    quarters: list[QuarterOut]
    shifts: dict[str, int]


class LoadQuery(Schema):
    shift: list[str] = Field([], description="project id:months, e.g. 12:6 (six months later)")
    area: str = Field(
        "",
        max_length=120,
        description=(
            "sum over every visible project touching this area's municipalities instead of the "
            "region's register: lmr-<run id>-<region number> (a computed labour-market region) "
            "or region-<slug>"
        ),
    )


_DECIMALS = (
    "investment_low_mnok",
    "investment_high_mnok",
    "construction_person_years",
    "land_need_daa",
    "power_need_mw",
)


def _project_out(project: Project) -> dict[str, Any]:
    return {
        "id": project.pk,
        "key": project.key,
        "name": project.name,
        "region": project.region.slug,
        "kind": project.kind,
        "status": project.status,
        "description": project.description,
        "owner_name": project.owner_name,
        "owner_organisation_number": project.owner_organisation_number,
        "municipalities": [m.number for m in project.municipalities.all()],
        "geometry": project.geometry,
        "length_m": project.length_m,
        "area_daa": project.area_daa,
        "investment_low_mnok": project.investment_low_mnok,
        "investment_high_mnok": project.investment_high_mnok,
        "price_level_year": project.price_level_year,
        "construction_person_years": project.construction_person_years,
        "operation_jobs": project.operation_jobs,
        "land_need_daa": project.land_need_daa,
        "power_need_mw": project.power_need_mw,
        "workforce_by_trade": project.workforce_by_trade,
        "links": project.links,
        "sources": project.sources,
        "phases": [
            {
                "kind": phase.kind,
                "start": phase.start_period.label(),
                "end": phase.end_period.label(),
                "start_date": phase.start,
                "end_date": phase.end,
            }
            for phase in project.phases.all()
        ],
        "is_internal": project.is_internal,
        "is_example": project.is_example,
        "version": project.version,
    }


def _invalid(detail: dict[str, list[str]]) -> Status[dict[str, object]]:
    return Status(422, {"detail": "Ugyldig forespørsel / invalid request", "errors": detail})


def _input(payload: ProjectIn, *, is_example: bool = False) -> ProjectInput:
    """The payload in the services' terms; unreadable periods or unknown municipalities: 422."""
    problems: dict[str, list[str]] = {}
    phases: dict[str, tuple[Period, Period]] = {}
    for phase in payload.phases:
        try:
            phases[phase.kind] = (period_parse(phase.start), period_parse(phase.end))
        except PeriodError as error:
            problems.setdefault(phase_field(phase.kind, "start"), []).append(str(error))
    numbers = list(dict.fromkeys(payload.municipalities))
    found = dict(Municipality.objects.filter(number__in=numbers).values_list("number", "pk"))
    if len(found) != len(numbers):
        problems["municipalities"] = ["Ukjent kommunenummer / unknown municipality number"]
    if problems:
        raise ValidationError(problems)
    return ProjectInput(
        name=payload.name,
        key=payload.key,
        kind=payload.kind,
        status=payload.status,
        description=payload.description,
        owner_name=payload.owner_name,
        owner_organisation_number=payload.owner_organisation_number,
        municipality_ids=[found[number] for number in numbers],
        geometry=payload.geometry,
        investment_low_mnok=payload.investment_low_mnok,
        investment_high_mnok=payload.investment_high_mnok,
        price_level_year=payload.price_level_year,
        construction_person_years=payload.construction_person_years,
        operation_jobs=payload.operation_jobs,
        land_need_daa=payload.land_need_daa,
        power_need_mw=payload.power_need_mw,
        workforce_by_trade=dict(payload.workforce_by_trade),
        links=[{"label": link.label or link.url, "url": link.url} for link in payload.links],
        sources={
            group: {"source": value.source, "date": value.date.isoformat() if value.date else ""}
            for group, value in payload.sources.items()
        },
        phases={kind: phases[kind] for kind in PHASE_ORDER if kind in phases},
        is_internal=payload.is_internal,
        is_example=is_example,
    )


@router.get(
    "/",
    response={200: list[ProjectOut], **errors(422)},
    summary="Projects in the register the caller may see (public ones for everyone)",
    url_name="projects",
    auth=None,
)
def projects(request: HttpRequest, query: Query[ProjectListQuery]) -> HttpResponse:
    """Rows serialised as ninja would (its JSON encoder: decimals as strings, ISO dates), without
    validating 2 000 dicts against `ProjectOut` on the way out: that alone took over a second.
    A test checks every row validates against `ProjectOut` unchanged (ADR 66)."""
    filters = ProjectFilter(
        region=query.region,
        municipality=query.municipality,
        kinds=tuple(query.kind),
        statuses=tuple(query.status),
        year_from=query.year_from,
        year_to=query.year_to,
    )
    rows = project_rows_for(
        user=request.user, filters=filters, offset=query.offset, limit=query.limit
    )
    encoder = NinjaJSONEncoder()  # one for all rows (ninja's: decimals and dates as ninja would)
    parts = []
    for row in rows:
        row["id"] = row.pop("pk")
        row["region"] = row.pop("region__slug")
        for name in _DECIMALS:
            if row[name] is not None:
                row[name] = str(row[name])  # what the encoder does with a Decimal, done directly
        # The stored JSON of geometry, links and sources, and the phases as text, go out as they
        # are (ADR 90): parsing and encoding 2 MB of coordinates again was most of the list's time.
        raw = "".join(
            f', "{name}": {row.pop(f"{name}_json") or "null"}' for name in RAW_JSON_MEMBERS
        )
        parts.append(encoder.encode(row)[:-1] + raw + "}")
    return HttpResponse(
        "[" + ", ".join(parts) + "]", content_type="application/json; charset=utf-8"
    )


# Corridor (ADR 78) ------------------------------------------------------------------------------


class ProjectsCorridorQuery(Schema):
    line: str = Field(
        ...,
        max_length=4000,
        description='Points separated by ";": "lat,lon" or a named point (e.g. "brattora")',
    )
    width_km: float = Field(2.0, ge=0.1, le=50)


class ProjectsCorridorFiguresOut(Schema):
    number: str
    name: str
    projects: int
    investment_low_mnok: Decimal
    investment_high_mnok: Decimal
    construction_person_years: Decimal
    operation_jobs: int


class ProjectsCorridorProjectOut(Schema):
    id: int
    name: str
    status: str
    municipalities: list[str]
    investment_low_mnok: Decimal | None
    investment_high_mnok: Decimal | None
    construction_person_years: Decimal | None
    operation_jobs: int | None
    is_example: bool


class ProjectsCorridorSiteOut(Schema):
    id: int
    name: str
    municipality: str
    area_daa: float
    is_example: bool


class ProjectsCorridorOut(Schema):
    width_km: float
    corridor: dict[str, Any]
    municipalities: list[ProjectsCorridorFiguresOut]
    total: ProjectsCorridorFiguresOut
    projects: list[ProjectsCorridorProjectOut]
    sites: list[ProjectsCorridorSiteOut]


@router.get(
    "/corridor",
    response={200: ProjectsCorridorOut, **errors(422)},
    summary="Projects (and published available business sites) inside a corridor, per municipality",
    url_name="projects_corridor",
    auth=None,
)
def corridor_api(request: HttpRequest, query: Query[ProjectsCorridorQuery]) -> dict[str, Any]:
    """Public projects for anonymous callers; a line that cannot be read is 422 with the reason."""
    line, problem = corridor_line(query.line)
    if line is None:
        raise HttpError(422, problem)
    result = projects_in_corridor(user=request.user, line=line, width_km=query.width_km)
    return {
        "width_km": query.width_km,
        "corridor": to_geojson(result.corridor_wgs84),
        "municipalities": [vars(figures) for figures in result.municipalities],
        "total": vars(result.total),
        "projects": [
            {
                "id": project.pk,
                "name": project.name,
                "status": project.status,
                "municipalities": [m.number for m in project.municipalities.all()],
                "investment_low_mnok": project.investment_low_mnok,
                "investment_high_mnok": project.investment_high_mnok,
                "construction_person_years": project.construction_person_years,
                "operation_jobs": project.operation_jobs,
                "is_example": project.is_example,
            }
            for project in result.projects
        ],
        "sites": [
            {
                "id": hit.site.pk,
                "name": hit.site.name,
                "municipality": hit.site.municipality.number,
                "area_daa": hit.site.search_daa,
                "is_example": hit.site.is_example,
            }
            for hit in result.sites
        ],
    }


# One project -----------------------------------------------------------------------------------


@router.get(
    "/{project_id}",
    response={200: ProjectOut, **errors(404, 422)},
    summary="One project with its phases and the source of each group of facts",
    url_name="project",
    auth=None,
)
def project(request: HttpRequest, project_id: int, response: HttpResponse) -> dict[str, Any]:
    if project_id > 2**31 - 1:
        raise HttpError(404, "Fant ikke prosjektet / not found")
    found = project_get_for(user=request.user, pk=project_id)
    response["ETag"] = etag(found.version)
    return _project_out(found)


@router.post(
    "/regions/{slug}",
    response={201: ProjectOut, **errors(400, 401, 403, 404, 422)},
    summary="Enter a project in the region's register",
    url_name="project_create",
    auth=django_auth,
)
def project_create_api(request: HttpRequest, slug: str, payload: ProjectIn) -> Any:
    region = region_get(slug=slug)
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a logged-in User
    try:
        created = project_create(actor=request.user, region=region, data=_input(payload))
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        return _invalid(
            error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        )
    return Status(201, _project_out(project_get_for(user=request.user, pk=created.pk)))


@router.put(
    "/{project_id}",
    response={
        200: ProjectOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ConflictOut,
        422: ErrorOut,
        428: ErrorOut,
    },
    summary="Replace a project's facts (optimistic concurrency: version or If-Match)",
    openapi_extra=IF_MATCH,
    description="Send the `version` you read (or `If-Match`). 409 with `current_version` when "
    "someone saved the project since; 428 without a version.",
    url_name="project_update",
    auth=django_auth,
)
def project_update_api(
    request: HttpRequest, project_id: int, payload: ProjectUpdateIn, response: HttpResponse
) -> Any:
    if project_id > 2**31 - 1:
        raise HttpError(404, "Fant ikke prosjektet / not found")
    found = project_get_for(user=request.user, pk=project_id)
    version = expected_version(request, payload.version, required=True)
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a logged-in User
    try:
        saved = project_update(
            actor=request.user,
            project=found,
            data=_input(payload, is_example=found.is_example),
            expected_version=version,
        )
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        return _invalid(
            error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        )
    fresh = project_get_for(user=request.user, pk=saved.pk)
    response["ETag"] = etag(fresh.version)
    return _project_out(fresh)


@router.get(
    "/regions/{slug}/construction-load",
    response={200: LoadOut, **errors(401, 404, 422)},
    summary="Construction employment per quarter, with phases moved (what-if, nothing is saved)",
    url_name="construction_load",
    auth=django_auth,
)
def construction_load_api(
    request: HttpRequest, slug: str, query: Query[LoadQuery]
) -> dict[str, Any]:
    region = region_get(slug=slug)
    if not access_for(user=request.user).can_view_region(region.pk):
        raise Http404
    shifts: dict[int, int] = {}
    for item in query.shift[:500]:
        pk, _sep, months = item.partition(":")
        if not (pk.isdecimal() and months.lstrip("-").isdecimal()) or len(item) > 20:
            raise HttpError(422, "shift må være prosjekt-id:måneder / shift must be id:months")
        if abs(int(months)) > 240:
            raise HttpError(422, "Høyst 240 måneder / at most 240 months")
        shifts[int(pk)] = int(months)
    area = load_area_get(query.area) if query.area else None
    if query.area and area is None:
        raise HttpError(422, "Ukjent område / unknown area")
    if area is None:
        building = building_projects_for(user=request.user, filters=ProjectFilter(region=slug))
        ssb = construction_workforce_from_ssb(region=region)
    else:
        building = building_projects_for(
            user=request.user, filters=ProjectFilter(), municipality_ids=area.municipality_ids
        )
        ssb = construction_workforce_in(municipality_ids=area.municipality_ids)
    items = constructions(building)
    before, moved = construction_loads(items, shifts=shifts)
    baseline = {load.quarter: load.total for load in before}
    return {
        "region": region.slug,
        "area": area.key if area else "",
        "area_name": area.name if area else region.name,
        "ssb_workforce": ssb.persons if ssb else None,
        "ssb_workforce_year": ssb.year if ssb else None,
        "quarters": [
            {
                "quarter": load.quarter.label(),
                "person_years": round(load.total, 3),
                "baseline": round(baseline.get(load.quarter, 0.0), 3),
            }
            for load in moved
        ],
        "shifts": {str(pk): months for pk, months in shifts.items()},
    }


# Opportunities in the wake ----------------------------------------------------------------------

OpportunityKind = Literal["suppliers", "land", "housing", "training", "other"]
OpportunityStatus = Literal["idea", "pursued", "realised", "dropped"]


class ProjectsOpportunityOut(Schema):
    id: int
    region: str
    title: str
    kind: str
    status: str
    owner_name: str
    description: str
    projects: list[int]
    measures: list[int]
    is_internal: bool
    is_example: bool
    version: int


class ProjectsOpportunityIn(Schema):
    title: str = Field(min_length=1, max_length=200, pattern=r"^[^\x00]*$")
    kind: OpportunityKind
    status: OpportunityStatus = "idea"
    owner_name: str = Field("", max_length=200, pattern=r"^[^\x00]*$")
    description: str = Field("", max_length=20_000, pattern=r"^[^\x00]*$")
    projects: list[int] = Field(min_length=1, max_length=200)
    measures: list[int] = Field([], max_length=200)
    is_internal: bool = False


class ProjectsOpportunityQuery(Schema):
    region: str = Field("", max_length=60)


class ProjectsOpportunityUpdateIn(ProjectsOpportunityIn):
    version: int | None = Field(None, ge=1, le=2**31 - 1)


def _opportunity_out(opportunity: Opportunity) -> dict[str, Any]:
    return {
        "id": opportunity.pk,
        "region": opportunity.region.slug,
        "title": opportunity.title,
        "kind": opportunity.kind,
        "status": opportunity.status,
        "owner_name": opportunity.owner_name,
        "description": opportunity.description,
        "projects": sorted(p.pk for p in opportunity.projects.all()),
        "measures": sorted(m.pk for m in opportunity.measures.all()),
        "is_internal": opportunity.is_internal,
        "is_example": opportunity.is_example,
        "version": opportunity.version,
    }


def _opportunity_input(
    payload: ProjectsOpportunityIn, *, is_example: bool = False
) -> OpportunityInput:
    if any(pk > 2**31 - 1 or pk < 1 for pk in [*payload.projects, *payload.measures]):
        raise ValidationError({"projects": ["Ukjent id / unknown id"]})
    return OpportunityInput(
        title=payload.title,
        kind=payload.kind,
        status=payload.status,
        owner_name=payload.owner_name,
        description=payload.description,
        project_ids=list(payload.projects),
        measure_ids=list(payload.measures),
        is_internal=payload.is_internal,
        is_example=is_example,
    )


def _validation_status(error: ValidationError) -> Status[dict[str, object]]:
    return _invalid(
        error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    )


@router.get(
    "/opportunities/",
    response={200: list[ProjectsOpportunityOut], **errors(422)},
    summary="Opportunities in the wake of the projects (public ones for everyone)",
    url_name="project_opportunities",
    auth=None,
)
def opportunities_api(
    request: HttpRequest, query: Query[ProjectsOpportunityQuery]
) -> list[dict[str, Any]]:
    found = opportunity_list_for(user=request.user, region=query.region)
    return [_opportunity_out(o) for o in found]


@router.get(
    "/opportunities/{opportunity_id}",
    response={200: ProjectsOpportunityOut, **errors(404, 422)},
    summary="One opportunity with its projects and the strategy measures that pursue it",
    url_name="project_opportunity",
    auth=None,
)
def opportunity_api(
    request: HttpRequest, opportunity_id: int, response: HttpResponse
) -> dict[str, Any]:
    if opportunity_id > 2**31 - 1:
        raise HttpError(404, "Fant ikke muligheten / not found")
    found = opportunity_get_for(user=request.user, pk=opportunity_id)
    response["ETag"] = etag(found.version)
    return _opportunity_out(found)


@router.post(
    "/opportunities/regions/{slug}",
    response={201: ProjectsOpportunityOut, **errors(400, 401, 403, 404, 422)},
    summary="Record an opportunity in the wake of the region's projects",
    url_name="project_opportunity_create",
    auth=django_auth,
)
def opportunity_create_api(request: HttpRequest, slug: str, payload: ProjectsOpportunityIn) -> Any:
    region = region_get(slug=slug)
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a logged-in User
    try:
        created = opportunity_create(
            actor=request.user, region=region, data=_opportunity_input(payload)
        )
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        return _validation_status(error)
    return Status(201, _opportunity_out(opportunity_get_for(user=request.user, pk=created.pk)))


@router.put(
    "/opportunities/{opportunity_id}",
    response={
        200: ProjectsOpportunityOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ConflictOut,
        422: ErrorOut,
        428: ErrorOut,
    },
    summary="Replace an opportunity (optimistic concurrency: version or If-Match)",
    openapi_extra=IF_MATCH,
    description="Send the `version` you read (or `If-Match`). 409 with `current_version` when "
    "someone saved it since; 428 without a version.",
    url_name="project_opportunity_update",
    auth=django_auth,
)
def opportunity_update_api(
    request: HttpRequest,
    opportunity_id: int,
    payload: ProjectsOpportunityUpdateIn,
    response: HttpResponse,
) -> Any:
    if opportunity_id > 2**31 - 1:
        raise HttpError(404, "Fant ikke muligheten / not found")
    found = opportunity_get_for(user=request.user, pk=opportunity_id)
    version = expected_version(request, payload.version, required=True)
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a logged-in User
    try:
        saved = opportunity_update(
            actor=request.user,
            opportunity=found,
            data=_opportunity_input(payload, is_example=found.is_example),
            expected_version=version,
        )
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        return _validation_status(error)
    fresh = opportunity_get_for(user=request.user, pk=saved.pk)
    response["ETag"] = etag(fresh.version)
    return _opportunity_out(fresh)

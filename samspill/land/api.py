"""API: search the land register (public), read a site, register and change sites, match an inquiry,
reserve a site for an inquiry and release it, import a municipality's file.

Reads need no login and see published sites only (a municipality's people also see its
unpublished ones). Writes use the session login: 401 without it, 403 outside the user's
municipalities, 422 with the reason per field (geometry included), 409 with `current_version`
when the site changed since the version sent, 428 without a version. Reserving is atomic (the
site row is locked): the loser gets 409. An import is all or nothing: 422 names every rejected row.
"""

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, File, Form, Query, Router, Schema, UploadedFile
from ninja.errors import HttpError
from ninja.responses import Status
from ninja.security import django_auth

from samspill.accounts.models import User
from samspill.core.api import IF_MATCH, ConflictOut, ErrorOut, errors, expected_version
from samspill.core.concurrency import etag
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.geo.shapes import GeometryError, parse_geometry
from samspill.land import selectors, services
from samspill.land.importing import ImportFileError, rows_from_file
from samspill.land.models import Reservation, Site
from samspill.regions.models import Municipality

router = Router(tags=["land"])

KindIn = Literal["area", "plot", "premises"]
ReadinessIn = Literal["now", "12m", "later"]
PurposeIn = Literal["industry", "logistics", "office", "retail", "mixed", "port"]
InfraIn = Literal["rail", "port", "water", "power"]


class SiteOut(Schema):
    id: int
    url: str
    name: str
    kind: str
    municipality: str
    municipality_name: str
    gross_daa: float | None
    net_daa: float | None
    measured_daa: float
    zoning_status: str
    plan_id: str
    purpose: str
    readiness: str
    readiness_blockers: str
    land_cover: str
    has_rail: bool
    has_port: bool
    has_water: bool
    power_mw: float | None
    price_per_m2: int | None
    availability: str
    available_from: datetime.date | None
    premises_type: str
    floor_area_m2: int | None
    ceiling_height_m: float | None
    centroid: list[float]
    geometry: dict[str, Any]
    is_published: bool
    is_example: bool
    outside_municipality: bool
    version: int


class SiteHitOut(Schema):
    site: SiteOut
    distance_km: float | None
    travel_minutes_estimate: int | None


class SiteSearchOut(Schema):
    total: int
    truncated: bool
    results: list[SiteHitOut]


class SearchQuery(Schema):
    type: KindIn | None = None
    min_daa: float | None = Field(None, ge=0, le=1_000_000)
    max_daa: float | None = Field(None, ge=0, le=1_000_000)
    readiness: ReadinessIn | None = None
    purpose: PurposeIn | None = None
    infrastructure: list[InfraIn] = Field([], max_length=4)
    max_price: int | None = Field(None, ge=0, le=10_000_000)
    municipality: str = Field("", max_length=4, pattern=r"^(\d{4})?$")
    point: str = Field("", max_length=40)
    max_km: float | None = Field(None, ge=0, le=2000)
    limit: int = Field(100, ge=1, le=500)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _site_out(site: Site) -> dict[str, Any]:
    return {
        "id": site.pk,
        "url": site.get_absolute_url(),
        "name": site.name,
        "kind": site.kind,
        "municipality": site.municipality.number,
        "municipality_name": site.municipality.name,
        "gross_daa": _float(site.gross_daa),
        "net_daa": _float(site.net_daa),
        "measured_daa": site.measured_daa,
        "zoning_status": site.zoning_status,
        "plan_id": site.plan_id,
        "purpose": site.purpose,
        "readiness": site.readiness,
        "readiness_blockers": site.readiness_blockers,
        "land_cover": site.land_cover,
        "has_rail": site.has_rail,
        "has_port": site.has_port,
        "has_water": site.has_water,
        "power_mw": _float(site.power_mw),
        "price_per_m2": site.price_per_m2,
        "availability": site.availability,
        "available_from": site.available_from,
        "premises_type": site.premises_type,
        "floor_area_m2": site.floor_area_m2,
        "ceiling_height_m": _float(site.ceiling_height_m),
        "centroid": [site.centroid_lon, site.centroid_lat],
        "geometry": site.geometry,
        "is_published": site.is_published,
        "is_example": site.is_example,
        "outside_municipality": site.outside_municipality,
        "version": site.version,
    }


@router.get(
    "/sites",
    url_name="land_sites",
    response={200: SiteSearchOut, **errors(404, 422)},
    summary="Search the register (no login): the same filters as the search page",
    description=(
        "Distances are straight lines from the site's nearest edge; `travel_minutes_estimate` is "
        "an estimate (straight line × 1.3 at 70 km/h), not a route. `point` is a named point "
        "(for example `vaernes`) or `kommune-<number>` (the municipality's centroid)."
    ),
)
def site_search(request: HttpRequest, query: Query[SearchQuery]) -> Any:
    point = selectors.point_get(query.point) if query.point else None
    if query.point and point is None:
        return Status(  # a named point that does not exist, like an unknown object: 404
            404, {"detail": "Ukjent punkt / unknown point", "errors": {"point": [query.point]}}
        )
    filters = selectors.SearchFilters(
        kind=query.type or "",
        min_daa=query.min_daa,
        max_daa=query.max_daa,
        readiness=query.readiness or "",
        purpose=query.purpose or "",
        infrastructure=tuple(query.infrastructure),
        max_price=query.max_price,
        municipality=query.municipality,
        point=point,
        max_km=query.max_km,
    )
    result = selectors.site_search(user=request.user, filters=filters, limit=query.limit)
    return {
        "total": result.total,
        "truncated": result.truncated,
        "results": [
            {
                "site": _site_out(hit.site),
                "distance_km": hit.distance_km,
                "travel_minutes_estimate": hit.travel_minutes,
            }
            for hit in result.hits
        ],
    }


@router.get(
    "/sites/{site_id}",
    url_name="land_site",
    response={200: SiteOut, **errors(404, 422)},
    summary="One site",
)
def site_detail(request: HttpRequest, site_id: int, response: HttpResponse) -> Any:
    try:
        site = selectors.site_get_for(user=request.user, pk=site_id)
    except Http404 as error:
        raise HttpError(404, "Arealet finnes ikke / no such site") from error
    response["ETag"] = etag(site.version)
    return _site_out(site)


class SiteIn(Schema):
    municipality: str = Field(pattern=r"^\d{4}$")
    kind: KindIn = "area"
    name: str = Field(min_length=1, max_length=200)
    geometry: dict[str, Any]
    gross_daa: float | None = Field(None, ge=0, le=1_000_000)
    net_daa: float | None = Field(None, ge=0, le=1_000_000)
    purpose: PurposeIn = "industry"
    readiness: ReadinessIn = "now"
    readiness_blockers: str = Field("", max_length=5000)
    has_rail: bool = False
    has_port: bool = False
    has_water: bool = False
    price_per_m2: int | None = Field(None, ge=0, le=10_000_000)
    premises_type: Literal["", "office", "warehouse", "production", "retail", "mixed"] = ""
    floor_area_m2: int | None = Field(None, ge=1, le=10_000_000)
    is_published: bool = False


class SitePatchIn(Schema):
    version: int | None = Field(None, ge=1, le=2**31 - 1)
    name: str | None = Field(None, min_length=1, max_length=200)
    geometry: dict[str, Any] | None = None
    gross_daa: float | None = Field(None, ge=0, le=1_000_000)
    net_daa: float | None = Field(None, ge=0, le=1_000_000)
    readiness: ReadinessIn | None = None
    readiness_blockers: str | None = Field(None, max_length=5000)
    availability: Literal["available", "reserved", "sold"] | None = None
    price_per_m2: int | None = Field(None, ge=0, le=10_000_000)
    is_published: bool | None = None


def _decimal_fields(values: dict[str, Any]) -> dict[str, Any]:
    for name in ("gross_daa", "net_daa"):
        if name in values:
            values[name] = services.decimal_or_none(values[name])
    return values


def _invalid(error: ValidationError) -> Status[dict[str, Any]]:
    detail = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    return Status(422, {"detail": "Ugyldig forespørsel / invalid request", "errors": detail})


def _geometry_invalid(payload: dict[str, Any] | None) -> Status[dict[str, Any]] | None:
    try:
        parse_geometry(payload)
    except GeometryError as error:
        return Status(422, {"detail": str(error), "errors": {"geometry": [str(error)]}})
    return None


@router.post(
    "/sites",
    url_name="land_sites",
    auth=django_auth,
    response={201: SiteOut, **errors(400, 401, 403, 404, 422)},
    summary="Register a site in one of your municipalities",
)
def site_create(request: HttpRequest, payload: SiteIn) -> Any:
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a logged-in User
    municipality = Municipality.objects.filter(number=payload.municipality).first()
    if municipality is None:
        raise HttpError(404, "Ukjent kommune / unknown municipality")
    if (invalid := _geometry_invalid(payload.geometry)) is not None:
        return invalid
    values = _decimal_fields(payload.model_dump(exclude={"municipality", "geometry"}))
    try:
        site = services.site_create(
            actor=request.user, municipality=municipality, geometry=payload.geometry, fields=values
        )
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        return _invalid(error)
    return Status(201, _site_out(site))


@router.patch(
    "/sites/{site_id}",
    url_name="land_site",
    auth=django_auth,
    response={200: SiteOut, 409: ConflictOut, **errors(400, 401, 403, 404, 422, 428)},
    summary="Change a site (optimistic concurrency: version or If-Match)",
    openapi_extra=IF_MATCH,
)
def site_patch(
    request: HttpRequest, site_id: int, payload: SitePatchIn, response: HttpResponse
) -> Any:
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a logged-in User
    try:
        site = selectors.site_get_for(user=request.user, pk=site_id)
    except Http404 as error:
        raise HttpError(404, "Arealet finnes ikke / no such site") from error
    version = expected_version(request, payload.version, required=True)
    values = _decimal_fields(
        payload.model_dump(exclude_unset=True, exclude={"version", "geometry"})
    )
    if payload.geometry is not None and (invalid := _geometry_invalid(payload.geometry)):
        return invalid
    try:
        saved = services.site_update(
            actor=request.user,
            site=site,
            expected_version=version,
            fields=values,
            geometry=payload.geometry,
        )
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        return _invalid(error)
    response["ETag"] = etag(saved.version)
    return _site_out(saved)


class ReasonOut(Schema):
    criterion: str
    code: str
    points: int
    weight: int


class CandidateOut(Schema):
    site_id: int
    name: str
    score: int
    fits: bool
    reasons: list[ReasonOut]


class MatchOut(Schema):
    inquiry_id: int
    checked: int
    candidates: list[CandidateOut]
    failed_everywhere: list[str]


@router.get(
    "/inquiries/{inquiry_id}/candidates",
    url_name="land_inquiry_candidates",
    auth=django_auth,
    response={200: MatchOut, **errors(401, 404, 422)},
    summary="Rank the register's sites for an inquiry you follow up, with each score's reasons",
)
def inquiry_candidates(request: HttpRequest, inquiry_id: int) -> Any:
    try:
        inquiry = selectors.inquiry_for_matching(user=request.user, pk=inquiry_id)
    except Http404 as error:
        raise HttpError(404, "Henvendelsen finnes ikke / no such inquiry") from error
    result = selectors.match_inquiry(inquiry=inquiry, criteria=selectors.criteria_for(inquiry))
    return {
        "inquiry_id": inquiry.pk,
        "checked": result.checked,
        "candidates": [
            {
                "site_id": c.site.pk,
                "name": c.site.name,
                "score": c.score.total,
                "fits": c.score.fits,
                "reasons": [
                    {
                        "criterion": r.criterion,
                        "code": r.code,
                        "points": r.points,
                        "weight": r.weight,
                    }
                    for r in c.score.reasons
                ],
            }
            for c in result.candidates
        ],
        "failed_everywhere": result.failed_everywhere,
    }


class LandReservationIn(Schema):
    site_id: int = Field(ge=1, le=2**31 - 1)
    reserved_until: datetime.date | None = None
    note: str = Field("", max_length=5000)


class LandReservationOut(Schema):
    id: int
    site_id: int
    inquiry_id: int
    reserved_until: datetime.date | None
    note: str
    created_at: datetime.datetime
    released_at: datetime.datetime | None


def _reservation_out(reservation: Reservation) -> dict[str, Any]:
    return {
        "id": reservation.pk,
        "site_id": reservation.site_id,
        "inquiry_id": reservation.inquiry_id,
        "reserved_until": reservation.reserved_until,
        "note": reservation.note,
        "created_at": reservation.created_at,
        "released_at": reservation.released_at,
    }


def _inquiry(request: HttpRequest, inquiry_id: int) -> Any:
    try:
        return selectors.inquiry_for_matching(user=request.user, pk=inquiry_id)
    except Http404 as error:
        raise HttpError(404, "Henvendelsen finnes ikke / no such inquiry") from error


@router.post(
    "/inquiries/{inquiry_id}/reservations",
    url_name="land_reservations",
    auth=django_auth,
    response={201: LandReservationOut, 409: ConflictOut, **errors(400, 401, 403, 404, 422)},
    summary="Reserve a site for an inquiry you follow up (409 when it is already reserved)",
)
def reservation_create(request: HttpRequest, inquiry_id: int, payload: LandReservationIn) -> Any:
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a logged-in User
    inquiry = _inquiry(request, inquiry_id)
    try:
        site = selectors.site_get_for(user=request.user, pk=payload.site_id)
    except Http404 as error:
        raise HttpError(404, "Arealet finnes ikke / no such site") from error
    try:
        reservation = services.site_reserve(
            actor=request.user,
            site=site,
            inquiry=inquiry,
            reserved_until=payload.reserved_until,
            note=payload.note,
        )
    except ConflictError as error:
        return Status(409, {"detail": str(error), "current_version": error.current_version})
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        return _invalid(error)
    return Status(201, _reservation_out(reservation))


@router.post(
    "/reservations/{reservation_id}/release",
    url_name="land_reservation_release",
    auth=django_auth,
    response={200: LandReservationOut, 409: ConflictOut, **errors(400, 401, 403, 404, 422)},
    summary="Release a reservation (409 when it is already released)",
)
def reservation_release(request: HttpRequest, reservation_id: int) -> Any:
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a logged-in User
    reservation = Reservation.objects.filter(pk=reservation_id).first()
    if reservation is None:
        raise HttpError(404, "Reservasjonen finnes ikke / no such reservation")
    _inquiry(request, reservation.inquiry_id)  # 404 unless the user may follow the inquiry up
    try:
        released = services.reservation_release(actor=request.user, reservation=reservation)
    except ConflictError as error:
        return Status(409, {"detail": str(error), "current_version": None})
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    return _reservation_out(released)


class LandImportOut(Schema):
    created: int
    updated: int
    outside_municipality: list[str]


@router.post(
    "/import",
    url_name="land_import",
    auth=django_auth,
    response={200: LandImportOut, **errors(400, 401, 403, 404, 422)},
    summary="Import a municipality's sites from a GeoJSON or CSV file: all rows or none",
    description=(
        "Multipart form: `municipality` (the four-digit number) and `file` (.geojson, .json or "
        ".csv, the columns of the import page). When any row is rejected nothing is saved and "
        "the 422 lists every rejected row in `errors` (`row`, `label`, `reasons`)."
    ),
)
def sites_import(request: HttpRequest, file: File[UploadedFile], municipality: Form[str]) -> Any:
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a logged-in User
    found = Municipality.objects.filter(number=municipality).first()
    if found is None:
        raise HttpError(404, "Ukjent kommune / unknown municipality")
    try:
        rows = rows_from_file(file.name or "", file.read())
        summary = services.sites_import(actor=request.user, municipality=found, rows=rows)
    except ImportFileError as error:
        return Status(422, {"detail": str(error), "errors": {"file": [str(error)]}})
    except services.ImportRejectedError as error:
        return Status(
            422,
            {
                "detail": "Ingen rader ble lagret / nothing saved: "
                f"{len(error.rejected)} rader avvist / rows rejected",
                "errors": [
                    {"row": row.row, "label": row.label, "reasons": list(row.reasons)}
                    for row in error.rejected
                ],
            },
        )
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    return {
        "created": summary.created,
        "updated": summary.updated,
        "outside_municipality": list(summary.outside),
    }


__all__ = ["ErrorOut", "router"]

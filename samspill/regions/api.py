"""API endpoints for regions and municipalities (open data) and membership requests (login).

Membership requests use session authentication: 401 without login, 403 for someone who may not
ask or answer, 404 for what does not exist or is not theirs, 409 for a request already waiting
or answered and for an overlapping period, 422 with a reason for bad input.
"""

import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from ninja.security import django_auth

from samspill.accounts.models import User
from samspill.core.api import errors
from samspill.core.exceptions import PermissionDeniedError
from samspill.regions.exceptions import MembershipOverlapError, MembershipRequestConflictError
from samspill.regions.models import MembershipRequest, Municipality
from samspill.regions.selectors import (
    membership_request_get_for,
    membership_requests_visible,
    municipality_get,
    municipality_list_current,
    region_get,
    region_list,
    region_members,
)
from samspill.regions.services import memberships as membership_services

router = Router(tags=["regions"])


class MunicipalityOut(Schema):
    number: str
    name: str
    county_number: str
    county_name: str
    valid_from: int | None
    valid_to: int | None
    area_km2: float | None


class RegionOut(Schema):
    slug: str
    name: str
    kind: str
    description: str


class MemberOut(Schema):
    municipality: MunicipalityOut
    recorded_as: list[str]
    also_includes: list[str]
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class RegionDetailOut(RegionOut):
    members: list[MemberOut]


@router.get("/", response=list[RegionOut], summary="All regions")
def regions(request: HttpRequest) -> list[RegionOut]:
    return [RegionOut.model_validate(region, from_attributes=True) for region in region_list()]


@router.get("/municipalities", response=list[MunicipalityOut], summary="Today's municipalities")
def municipalities(request: HttpRequest) -> list[MunicipalityOut]:
    return [
        MunicipalityOut.model_validate(m, from_attributes=True)
        for m in municipality_list_current().defer("boundary")
    ]


@router.get(
    "/municipalities/{number}",
    response={200: MunicipalityOut, **errors(404)},
    summary="One municipality, current or historic",
)
def municipality(request: HttpRequest, number: str) -> MunicipalityOut:
    return MunicipalityOut.model_validate(municipality_get(number=number), from_attributes=True)


class MembershipRequestIn(Schema):
    municipality_number: str = Field(pattern=r"^\d{4}$", description="Today's municipality number")
    valid_from: datetime.date
    valid_to: datetime.date | None = None
    note: str = Field(default="", max_length=300)


class MembershipRequestOut(Schema):
    id: int
    region: str
    municipality: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    note: str
    status: str = Field(description="pending, accepted or declined")
    requested_by: str | None
    requested_at: datetime.datetime
    decided_by: str | None
    decided_at: datetime.datetime | None


def _request_out(found: MembershipRequest) -> MembershipRequestOut:
    return MembershipRequestOut(
        id=found.pk,
        region=found.region.slug,
        municipality=found.municipality.number,
        valid_from=found.valid_from,
        valid_to=found.valid_to,
        note=found.note,
        status=found.status,
        requested_by=found.requested_by.get_username() if found.requested_by else None,
        requested_at=found.created_at,
        decided_by=found.decided_by.get_username() if found.decided_by else None,
        decided_at=found.decided_at,
    )


@router.get(
    "/membership-requests",
    response={200: list[MembershipRequestOut], **errors(401)},
    auth=django_auth,
    summary="Membership requests the user asked for or answers for",
)
def membership_requests(request: HttpRequest) -> list[MembershipRequestOut]:
    return [_request_out(found) for found in membership_requests_visible(user=request.user)]


def _answer(request: HttpRequest, request_id: int, *, accept: bool) -> MembershipRequestOut:
    found = membership_request_get_for(user=request.user, pk=request_id)
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a logged-in User
    answer = (
        membership_services.membership_request_accept
        if accept
        else membership_services.membership_request_decline
    )
    try:
        answered = answer(membership_request=found, actor=request.user)
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except (MembershipOverlapError, MembershipRequestConflictError) as error:
        raise HttpError(409, str(error)) from error
    return _request_out(answered)


@router.post(
    "/membership-requests/{request_id}/accept",
    response={200: MembershipRequestOut, **errors(401, 403, 404, 409, 422)},
    auth=django_auth,
    summary="Accept a region's request (the municipality's business developers)",
)
def membership_request_accept(request: HttpRequest, request_id: int) -> MembershipRequestOut:
    return _answer(request, request_id, accept=True)


@router.post(
    "/membership-requests/{request_id}/decline",
    response={200: MembershipRequestOut, **errors(401, 403, 404, 409, 422)},
    auth=django_auth,
    summary="Decline a region's request (the municipality's business developers)",
)
def membership_request_decline(request: HttpRequest, request_id: int) -> MembershipRequestOut:
    return _answer(request, request_id, accept=False)


@router.post(
    "/{slug}/membership-requests",
    response={201: MembershipRequestOut, **errors(400, 401, 403, 404, 409, 415, 422)},
    auth=django_auth,
    summary="Ask a municipality to join the region (coordinators); counts once it accepts",
)
def membership_request_create(
    request: HttpRequest, slug: str, payload: MembershipRequestIn
) -> Status[MembershipRequestOut]:
    found = region_get(slug=slug)
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a logged-in User
    municipality = Municipality.objects.filter(
        number=payload.municipality_number, valid_to__isnull=True
    ).first()
    if municipality is None:
        raise HttpError(422, "Ukjent kommunenummer / not one of today's municipalities")
    if payload.valid_to is not None and payload.valid_to < payload.valid_from:
        raise HttpError(422, "valid_to kan ikke være før valid_from / ends before it starts")
    try:
        asked = membership_services.membership_add(
            region=found,
            municipality=municipality,
            valid_from=payload.valid_from,
            valid_to=payload.valid_to,
            note=payload.note,
            actor=request.user,
        )
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except (MembershipOverlapError, MembershipRequestConflictError) as error:
        raise HttpError(409, str(error)) from error
    except ValidationError as error:
        raise HttpError(422, "; ".join(error.messages)) from error
    return Status(201, _request_out(asked))


@router.get(
    "/{slug}",
    response={200: RegionDetailOut, **errors(404)},
    summary="A region with today's members",
)
def region(request: HttpRequest, slug: str) -> RegionDetailOut:
    found = region_get(slug=slug)
    members = [
        MemberOut(
            municipality=MunicipalityOut.model_validate(member.municipality, from_attributes=True),
            recorded_as=[str(m) for m in member.recorded_as],
            also_includes=[str(m) for m in member.also_includes],
            valid_from=member.valid_from,
            valid_to=member.valid_to,
        )
        for member in region_members(region=found)
    ]
    return RegionDetailOut(
        slug=found.slug,
        name=found.name,
        kind=found.kind,
        description=found.description,
        members=members,
    )

"""API endpoints for regions and municipalities (open data)."""

import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from samspill.regions.selectors import (
    municipality_get,
    municipality_list_current,
    region_get,
    region_list,
    region_members,
)

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
    response=MunicipalityOut,
    summary="One municipality, current or historic",
)
def municipality(request: HttpRequest, number: str) -> MunicipalityOut:
    return MunicipalityOut.model_validate(municipality_get(number=number), from_attributes=True)


@router.get("/{slug}", response=RegionDetailOut, summary="A region with today's members")
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

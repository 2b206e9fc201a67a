"""Municipalities and regions as the search index sees them (public facts)."""

from collections.abc import Iterator

from django.db.models import Prefetch

from samspill.regions.models import Municipality, Region, RegionMembership
from samspill.search.documents import SearchDocument
from samspill.search.models import Audience, Kind


def municipality_document(municipality: Municipality) -> SearchDocument:
    years = ""
    if municipality.valid_to:
        years = f"{municipality.valid_from or ''}–{municipality.valid_to}"
    body = " ".join(
        part
        for part in (
            municipality.number,
            municipality.county_name,
            municipality.economic_region_name,
            years,
        )
        if part
    )
    return SearchDocument(
        kind=Kind.MUNICIPALITY,
        object_id=municipality.pk,
        title=municipality.name,
        body=body,
        url_name="regions:municipality-detail",
        url_args=(municipality.number,),
        audience=Audience.PUBLIC,
        municipality_id=municipality.pk,
        municipality_ids=(municipality.pk,),
    )


def municipality_documents() -> Iterator[SearchDocument]:
    for municipality in Municipality.objects.defer("boundary").order_by("number"):
        yield municipality_document(municipality)


def _members(region: Region) -> list[Municipality]:
    return [membership.municipality for membership in region.memberships.all()]


def region_document(region: Region) -> SearchDocument:
    members = _members(region)
    return SearchDocument(
        kind=Kind.REGION,
        object_id=region.pk,
        title=region.name,
        body="\n".join([region.description, ", ".join(m.name for m in members)]).strip(),
        url_name="regions:region-detail",
        url_args=(region.slug,),
        audience=Audience.PUBLIC,
        region_id=region.pk,
        municipality_ids=tuple(m.pk for m in members),
    )


def region_documents() -> Iterator[SearchDocument]:
    memberships = RegionMembership.objects.select_related("municipality").only(
        "region_id", "municipality__name", "municipality__number"
    )
    for region in Region.objects.prefetch_related(Prefetch("memberships", queryset=memberships)):
        yield region_document(region)


def region_document_for(region_id: int) -> SearchDocument:
    region = Region.objects.prefetch_related(
        Prefetch("memberships", queryset=RegionMembership.objects.select_related("municipality"))
    ).get(pk=region_id)
    return region_document(region)

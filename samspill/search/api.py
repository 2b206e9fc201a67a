"""Search over the API: the same hits as the page, for the signed-in user (or public ones)."""

import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from samspill.core.api import errors
from samspill.regions.models import Municipality, Region
from samspill.search.models import Kind
from samspill.search.presenters import hit_rows
from samspill.search.selectors import MAX_PAGE, Filters, search_for

router = Router(tags=["search"])


class SearchParams(Schema):
    q: str = Field(min_length=1, max_length=200, description="Words; all must match")
    kind: Kind | None = None
    region: str | None = Field(default=None, max_length=60, description="Region slug")
    municipality: str | None = Field(
        default=None, pattern=r"^\d{4}$", description="Today's municipality number"
    )
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    tag: str | None = Field(default=None, max_length=100)
    page: int = Field(default=1, ge=1, le=MAX_PAGE)


class HitOut(Schema):
    kind: str
    title: str
    url: str
    snippet_html: str = Field(description="Escaped HTML; the matching words in <mark>")
    date: datetime.date | None
    region: str
    is_example: bool


class SearchOut(Schema):
    total: int = Field(description="Hits, counted up to 1 000 (see total_capped)")
    total_capped: bool = Field(
        description="True when there are more than 1 000 hits: total and kinds are lower bounds"
    )
    page: int
    pages: int
    kinds: dict[str, int]
    results: list[HitOut]


@router.get(
    "/",
    response={200: SearchOut, **errors(404, 422)},
    summary="Search everything the user may open",
)
def search(request: HttpRequest, params: Query[SearchParams]) -> SearchOut:
    region_id = municipality_id = None
    if params.region:
        region_id = Region.objects.filter(slug=params.region).values_list("pk", flat=True).first()
        if region_id is None:
            raise HttpError(404, "Ukjent region / unknown region")
    if params.municipality:
        municipality_id = (
            Municipality.objects.filter(number=params.municipality)
            .values_list("pk", flat=True)
            .first()
        )
        if municipality_id is None:
            raise HttpError(404, "Ukjent kommune / unknown municipality")
    if params.date_from and params.date_to and params.date_from > params.date_to:
        raise HttpError(422, "date_from er etter date_to / date_from is after date_to")
    results = search_for(
        user=request.user,
        query=params.q,
        filters=Filters(
            kinds=[params.kind] if params.kind else [],
            region_id=region_id,
            municipality_id=municipality_id,
            date_from=params.date_from,
            date_to=params.date_to,
            tag=params.tag or "",
        ),
        page=params.page,
    )
    return SearchOut(
        total=results.total,
        total_capped=results.capped or results.kinds_capped,
        page=results.page,
        pages=results.pages,
        kinds=results.kinds,
        results=[
            HitOut(
                kind=row.kind,
                title=row.title,
                url=row.url,
                snippet_html=str(row.snippet_html),
                date=row.date,
                region=row.region,
                is_example=row.is_example,
            )
            for row in hit_rows(results)
        ],
    )

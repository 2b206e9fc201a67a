"""Reads of the search index, always for an acting user: access is part of the query itself."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from samspill.accounts.models import User
from samspill.accounts.selectors import Access, access_for
from samspill.search import backends, text
from samspill.search.models import Audience, SearchEntry

PER_PAGE = 20
MAX_PAGE = 50
assert PER_PAGE * MAX_PAGE <= backends.SAMPLE  # noqa: S101 - every page shown is ranked


def visible_entries(*, access: Access, user_id: int | None) -> QuerySet[SearchEntry]:
    """The index rows a user may open: public ones, their regions' and municipalities' internal
    ones (the rule strategies and measures follow), and those naming them as a reader."""
    entries = SearchEntry.objects.all()
    if access.is_site_admin:
        return entries
    rule = Q(audience=Audience.PUBLIC)
    if access.is_authenticated and user_id is not None:
        regions = (
            access.coordinated_region_ids | access.viewer_region_ids | access.member_region_ids
        )
        municipalities = access.developed_municipality_ids | access.viewer_municipality_ids
        rule |= Q(audience=Audience.INTERNAL) & (
            Q(region_id__in=regions) | Q(municipality_id__in=municipalities)
        )
        named = SearchEntry.readers.through.objects.filter(user_id=user_id)
        rule |= Q(pk__in=named.values("searchentry_id"))
        # Restricted material of a region (a group's documents) is open to its coordinators.
        rule |= Q(audience=Audience.READERS, region_id__in=access.coordinated_region_ids)
    return entries.filter(rule)


@dataclass(frozen=True)
class Filters:
    kinds: list[str] = field(default_factory=list)
    region_id: int | None = None
    municipality_id: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    tag: str = ""


@dataclass(frozen=True)
class Hit:
    entry: SearchEntry
    snippet: str  # escaped HTML with <mark>s


@dataclass(frozen=True)
class Results:
    query: text.Query
    hits: list[Hit]
    total: int
    kinds: dict[str, int]
    page: int
    pages: int
    # More hits than `total` (counting stops at backends.SAMPLE, ADR 101); per-kind counts are then
    # lower bounds too.
    capped: bool = False
    kinds_capped: bool = False


def _filtered(entries: QuerySet[SearchEntry], filters: Filters) -> QuerySet[SearchEntry]:
    if filters.region_id is not None:
        entries = entries.filter(region_id=filters.region_id)
    if filters.municipality_id is not None:
        concerned = SearchEntry.municipalities.through.objects.filter(
            municipality_id=filters.municipality_id
        )
        entries = entries.filter(
            Q(municipality_id=filters.municipality_id)
            | Q(pk__in=concerned.values("searchentry_id"))
        )
    if filters.date_from is not None:
        entries = entries.filter(date__gte=filters.date_from)
    if filters.date_to is not None:
        entries = entries.filter(date__lte=filters.date_to)
    if filters.tag:
        entries = entries.filter(tags__icontains=f"|{filters.tag.strip()}|")
    return entries


def search_for(
    *, user: User | AnonymousUser, query: str, filters: Filters | None = None, page: int = 1
) -> Results:
    """One page of hits the user may open, best first, with snippets, the total and per-kind counts."""
    parsed = text.parse_query(query)
    filters = filters or Filters()
    page = min(max(page, 1), MAX_PAGE)
    if parsed.is_empty:
        return Results(query=parsed, hits=[], total=0, kinds={}, page=1, pages=0)
    parsed = backends.compounds(parsed)  # "areal" also finds "næringsareal" (ADR 77)
    visible = visible_entries(access=access_for(user=user), user_id=user.pk)
    ranked = backends.rank(
        _filtered(visible, filters),
        parsed,
        offset=(page - 1) * PER_PAGE,
        limit=PER_PAGE,
        kind_filter=filters.kinds,
    )
    rows = SearchEntry.objects.select_related("region").in_bulk(ranked.ids)
    hits = []
    for pk in ranked.ids:
        entry = rows[pk]
        snippet, _matched = text.snippet([entry.body, backends.tags_text(entry.tags)], parsed)
        hits.append(Hit(entry=entry, snippet=snippet))
    pages = min(MAX_PAGE, -(-ranked.total // PER_PAGE))
    return Results(
        query=parsed,
        hits=hits,
        total=ranked.total,
        kinds=ranked.kinds,
        page=page,
        pages=pages,
        capped=ranked.capped,
        kinds_capped=ranked.kinds_capped,
    )

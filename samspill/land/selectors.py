"""Reads for the land register: who sees which site, the search, matching and the land accounts.

Everyone (no account) sees published sites across the whole region; a municipality's people and
its regions' coordinators also see its unpublished ones. The search filters in the database first
(type, size, readiness, purpose, infrastructure, price, municipality) and then measures distances
for the remaining rows at once (vectorised shapely on the stored UTM 33N geometry), so 10 000
sites answer in well under 100 ms (docs/performance.md).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
import shapely
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from samspill.accounts.models import User
from samspill.accounts.selectors import Access, access_for
from samspill.geo.shapes import corridor_around, to_metric, to_wgs84
from samspill.inquiries.models import Inquiry
from samspill.inquiries.models import Need as InquiryNeed
from samspill.inquiries.selectors import can_follow_up, inquiry_get_for
from samspill.land import matching, places, routing
from samspill.land.models import (
    READINESS_RANK,
    Availability,
    Kind,
    LandCriteria,
    Readiness,
    Reservation,
    Selection,
    Site,
    SitePhoto,
    SiteSnapshot,
    UnmetLandDemand,
)
from samspill.regions.models import Municipality, Region, RegionMembership

MAX_RESULTS = 500


def can_edit_site(*, access: Access, site: Site) -> bool:
    """A municipality's business developers edit its sites; its regions' coordinators too."""
    return access.can_edit_municipality(site.municipality_id)


def editable_municipalities(*, user: User | AnonymousUser) -> QuerySet[Municipality]:
    access = access_for(user=user)
    if not access.is_authenticated:
        return Municipality.objects.none()
    if access.is_site_admin:
        return Municipality.objects.filter(valid_to__isnull=True)
    ids = access.developed_municipality_ids | access.coordinated_municipality_ids
    return Municipality.objects.filter(pk__in=ids)


def _visible_q(access: Access) -> Q:
    if access.is_site_admin:
        return Q()
    own = (
        access.developed_municipality_ids
        | access.coordinated_municipality_ids
        | access.viewer_municipality_ids
    )
    return Q(is_published=True) | Q(municipality_id__in=own) if own else Q(is_published=True)


def sites_visible(*, user: User | AnonymousUser) -> QuerySet[Site]:
    return Site.objects.filter(_visible_q(access_for(user=user)))


def site_get_for(*, user: User | AnonymousUser, pk: int) -> Site:
    """A site the user may see, else 404 (an unpublished site does not exist for the public)."""
    site = sites_visible(user=user).select_related("municipality", "parent").filter(pk=pk).first()
    if site is None:
        raise Http404
    return site


def site_photos(*, site: Site) -> list[SitePhoto]:
    """The site's photos in order (whoever may see the site may see its photos)."""
    return list(site.photos.all())


def site_photo_get_for(*, user: User | AnonymousUser, pk: int, photo: int) -> SitePhoto:
    """A photo of a site the user may see, else 404."""
    site = site_get_for(user=user, pk=pk)
    found = SitePhoto.objects.filter(site=site, pk=photo).select_related("site").first()
    if found is None:
        raise Http404
    return found


def site_children(*, user: User | AnonymousUser, site: Site) -> list[Site]:
    return list(sites_visible(user=user).filter(parent=site).select_related("municipality"))


def area_choices(*, municipality: Municipality) -> QuerySet[Site]:
    return Site.objects.filter(municipality=municipality, kind=Kind.AREA)


# Named points ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PointChoice:
    key: str
    label: str
    lat: float
    lon: float
    is_centroid: bool = False


def land_municipalities() -> list[Municipality]:
    """Municipalities offered in filters and centres: those with sites, and the region's members."""
    ids = set(Site.objects.order_by().values_list("municipality_id", flat=True).distinct())
    region = Region.objects.filter(slug="trondheimsregionen").first()
    if region is not None:
        today = datetime.date.today()  # noqa: DTZ011 - membership dates are calendar dates
        ids |= set(
            RegionMembership.objects.filter(region=region, valid_from__lte=today)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
            .values_list("municipality_id", flat=True)
        )
    return list(Municipality.objects.filter(pk__in=ids).order_by("name"))


def point_choices() -> list[PointChoice]:
    """The fixed table (airports, ports, rail terminals) and every municipality's centroid."""
    result = [PointChoice(p.key, p.name, p.lat, p.lon) for p in places.POINTS]
    result.extend(
        PointChoice(
            f"kommune-{municipality.number}",
            municipality.name,
            municipality.centroid_lat,
            municipality.centroid_lon,
            is_centroid=True,
        )
        for municipality in land_municipalities()
        if municipality.centroid_lat is not None and municipality.centroid_lon is not None
    )
    return result


def point_get(key: str) -> PointChoice | None:
    if key in places.POINTS_BY_KEY:
        point = places.POINTS_BY_KEY[key]
        return PointChoice(point.key, point.name, point.lat, point.lon)
    if key.startswith("kommune-"):
        municipality = Municipality.objects.filter(number=key.removeprefix("kommune-")).first()
        if municipality and municipality.centroid_lat is not None and municipality.centroid_lon:
            return PointChoice(
                key, municipality.name, municipality.centroid_lat, municipality.centroid_lon, True
            )
    return None


# Search ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchFilters:
    kind: str = ""
    min_daa: float | None = None
    max_daa: float | None = None
    readiness: str = ""  # the latest acceptable
    purpose: str = ""
    infrastructure: tuple[str, ...] = ()
    max_price: int | None = None
    municipality: str = ""  # number
    point: PointChoice | None = None
    max_km: float | None = None
    corridor: BaseGeometry | None = None  # a WGS84 line
    corridor_km: float = 2.0
    available_only: bool = True


@dataclass
class SiteHit:
    site: Site
    distance_m: float | None = None
    corridor_m: float | None = None
    routed_minutes: int | None = None  # from the routing service (ADR 98), else the estimate

    @property
    def distance_km(self) -> float | None:
        return None if self.distance_m is None else self.distance_m / 1000

    @property
    def is_routed(self) -> bool:
        return self.routed_minutes is not None

    @property
    def travel_minutes(self) -> int | None:
        if self.routed_minutes is not None:
            return self.routed_minutes
        return None if self.distance_m is None else places.travel_minutes(self.distance_m)


@dataclass
class SearchResult:
    hits: list[SiteHit]
    total: int
    corridor_wgs84: BaseGeometry | None = None
    truncated: bool = False


def _readiness_values(latest: str) -> list[str]:
    rank = READINESS_RANK[Readiness(latest)]
    return [value for value, r in READINESS_RANK.items() if r <= rank]


def _filtered(queryset: QuerySet[Site], filters: SearchFilters) -> QuerySet[Site]:
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.min_daa is not None:
        queryset = queryset.filter(search_daa__gte=filters.min_daa)
    if filters.max_daa is not None:
        queryset = queryset.filter(search_daa__lte=filters.max_daa)
    if filters.readiness:
        queryset = queryset.filter(readiness__in=_readiness_values(filters.readiness))
    if filters.purpose:
        queryset = queryset.filter(purpose=filters.purpose)
    for name in filters.infrastructure:
        if name == "rail":
            queryset = queryset.filter(has_rail=True)
        elif name == "port":
            queryset = queryset.filter(has_port=True)
        elif name == "water":
            queryset = queryset.filter(has_water=True)
        elif name == "power":
            queryset = queryset.filter(power_mw__gt=0)
    if filters.max_price is not None:
        queryset = queryset.filter(price_per_m2__lte=filters.max_price)
    if filters.municipality:
        queryset = queryset.filter(municipality__number=filters.municipality)
    if filters.available_only:
        queryset = queryset.filter(availability=Availability.AVAILABLE)
    return queryset


def _metric_point(point: PointChoice) -> BaseGeometry:
    return to_metric(Point(point.lon, point.lat))


def site_search(
    *, user: User | AnonymousUser, filters: SearchFilters, limit: int = MAX_RESULTS
) -> SearchResult:
    """The sites that meet every filter, nearest first when a point is given."""
    queryset = _filtered(sites_visible(user=user), filters)
    rows = list(queryset.order_by().values_list("pk", "metric_wkb"))
    ids = np.array([pk for pk, _wkb in rows], dtype=np.int64)
    distances: dict[int, float] = {}
    corridor_distances: dict[int, float] = {}
    corridor_wgs84 = None
    keep = np.ones(len(rows), dtype=bool)
    if rows and (filters.point is not None or filters.corridor is not None):
        geometries = shapely.from_wkb([bytes(wkb) for _pk, wkb in rows])
        if filters.point is not None:
            values = shapely.distance(geometries, _metric_point(filters.point))
            if filters.max_km is not None:
                keep &= values <= filters.max_km * 1000
            distances = dict(zip(ids.tolist(), values.tolist(), strict=True))
        if filters.corridor is not None:
            line = to_metric(filters.corridor)
            values = shapely.distance(geometries, line)
            keep &= values <= filters.corridor_km * 500  # half the width on either side
            corridor_distances = dict(zip(ids.tolist(), values.tolist(), strict=True))
    if filters.corridor is not None:
        corridor_wgs84 = to_wgs84(
            corridor_around(filters.corridor, width_m=filters.corridor_km * 1000)
        )
    kept_ids = ids[keep].tolist()
    if filters.point is not None:
        kept_ids.sort(key=lambda pk: (distances[pk], pk))
    total = len(kept_ids)
    page = kept_ids[:limit]
    sites = Site.objects.select_related("municipality").in_bulk(page)
    hits = [SiteHit(sites[pk], distances.get(pk), corridor_distances.get(pk)) for pk in page]
    if filters.point is None:
        hits.sort(key=lambda hit: (hit.site.municipality.name, hit.site.name, hit.site.pk))
    return SearchResult(
        hits=hits, total=total, corridor_wgs84=corridor_wgs84, truncated=total > limit
    )


# Matching inquiries ------------------------------------------------------------------------------


LAND_NEEDS = (InquiryNeed.SITE, InquiryNeed.PREMISES)


def inquiry_for_matching(*, user: User | AnonymousUser, pk: int) -> Inquiry:
    """An inquiry the user may follow up (assigned advisers, coordinators, its municipalities)."""
    try:
        inquiry = inquiry_get_for(user=user, pk=pk)
    except Inquiry.DoesNotExist as error:
        raise Http404 from error
    if not can_follow_up(user=user, inquiry=inquiry):
        raise Http404
    return inquiry


def criteria_for(inquiry: Inquiry) -> LandCriteria | None:
    return LandCriteria.objects.filter(inquiry=inquiry).first()


def need_from(inquiry: Inquiry, criteria: LandCriteria | None) -> matching.Need:
    """What the inquiry asks for: the front door's fields, sharpened by the adviser's criteria."""
    kinds: set[str] = set()
    if InquiryNeed.SITE in inquiry.needs:
        kinds |= {Kind.AREA, Kind.PLOT}
    if InquiryNeed.PREMISES in inquiry.needs:
        kinds.add(Kind.PREMISES)
    min_daa = float(inquiry.area_m2) / 1000 if inquiry.area_m2 else None
    max_daa = None
    readiness = matching.TIMING_TO_READINESS.get(inquiry.timing, "")
    infrastructure: frozenset[str] = frozenset()
    purpose = ""
    max_km = None
    if criteria is not None:
        if criteria.kind:
            kinds = {criteria.kind}
        purpose = criteria.purpose
        if criteria.min_daa is not None:
            min_daa = float(criteria.min_daa)
        if criteria.max_daa is not None:
            max_daa = float(criteria.max_daa)
        if criteria.readiness:
            readiness = criteria.readiness
        infrastructure = frozenset(criteria.infrastructure)
        if criteria.near_point and criteria.max_km is not None:
            max_km = float(criteria.max_km)
    municipality_ids: frozenset[int] = frozenset()
    if not inquiry.anywhere_in_region:
        municipality_ids = frozenset(inquiry.municipalities.values_list("pk", flat=True))
    return matching.Need(
        kinds=frozenset(kinds),
        purpose=purpose,
        min_daa=min_daa,
        max_daa=max_daa,
        readiness=readiness,
        infrastructure=infrastructure,
        municipality_ids=municipality_ids,
        max_km=max_km,
    )


@dataclass
class Candidate:
    site: Site
    score: matching.Score
    distance_m: float | None = None


@dataclass
class MatchResult:
    need: matching.Need
    candidates: list[Candidate]
    checked: int
    point: PointChoice | None = None
    failed_everywhere: list[str] = field(default_factory=list)

    @property
    def fitting(self) -> list[Candidate]:
        return [candidate for candidate in self.candidates if candidate.score.fits]


MATCH_FIELDS = (
    "pk",
    "kind",
    "purpose",
    "search_daa",
    "readiness",
    "has_rail",
    "has_port",
    "has_water",
    "power_mw",
    "municipality_id",
    "metric_wkb",
)


def _region_municipality_ids(region_id: int) -> set[int]:
    today = datetime.date.today()  # noqa: DTZ011 - membership dates are calendar dates
    return set(
        RegionMembership.objects.filter(region_id=region_id, valid_from__lte=today)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .values_list("municipality_id", flat=True)
    )


def _match_columns(rows: list[tuple[Any, ...]], point: PointChoice | None) -> matching.SiteColumns:
    """The rows of MATCH_FIELDS as arrays, with the distance to the point measured for all at once."""
    count = len(rows)
    distance_km = np.full(count, np.nan)
    if point is not None and rows:
        geometries = shapely.from_wkb([bytes(row[-1]) for row in rows])
        distance_km = shapely.distance(geometries, _metric_point(point)) / 1000
    fields = list(zip(*rows, strict=True)) if rows else [()] * len(MATCH_FIELDS)
    return matching.SiteColumns(
        kind=np.array(fields[1], dtype=str),
        purpose=np.array(fields[2], dtype=str),
        size_daa=np.array(fields[3], dtype=np.float64),
        readiness=np.array(fields[4], dtype=str),
        infrastructure={
            "rail": np.array(fields[5], dtype=bool),
            "port": np.array(fields[6], dtype=bool),
            "water": np.array(fields[7], dtype=bool),
            "power": np.array([bool(value) for value in fields[8]], dtype=bool),
        },
        municipality_id=np.array(fields[9], dtype=np.int64),
        distance_km=np.asarray(distance_km, dtype=np.float64),
    )


def _distance_m(columns: matching.SiteColumns, row: int) -> float | None:
    distance = float(columns.distance_km[row])
    return None if np.isnan(distance) else distance * 1000


def match_inquiry(
    *, inquiry: Inquiry, criteria: LandCriteria | None, limit: int = 20
) -> MatchResult:
    """Score every available site in the inquiry's region; the best `limit` with their reasons."""
    need = need_from(inquiry, criteria)
    point = point_get(criteria.near_point) if criteria and criteria.near_point else None
    queryset = Site.objects.filter(availability=Availability.AVAILABLE).order_by()
    region_ids = _region_municipality_ids(inquiry.region_id)
    if region_ids:
        queryset = queryset.filter(municipality_id__in=region_ids)
    # Sites that cannot be candidates are left to the database: the wrong kind (a plot never
    # serves a premises inquiry) or under half the size asked for (no size points at all).
    scorable = queryset
    if need.kinds:
        scorable = scorable.filter(kind__in=need.kinds)
    if need.min_daa is not None:
        scorable = scorable.filter(search_daa__gte=need.min_daa / 2)
    # The geometry is read only when a distance is asked for (it is most of the bytes).
    wanted = MATCH_FIELDS if point is not None else MATCH_FIELDS[:-1]
    rows = list(scorable.values_list(*wanted))
    columns = _match_columns(rows, point)
    # Points for every site at once (numpy); reasons only for the candidates shown (ADR 70).
    points = matching.points_table(columns, need)
    ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    top = matching.rank_rows(points, ids, limit=limit)
    best = [(int(ids[row]), matching.score_site(columns.facts(row), need)) for row in top]
    sites = Site.objects.select_related("municipality").in_bulk([pk for pk, _s in best])
    candidates = [
        Candidate(sites[pk], score, _distance_m(columns, row))
        for row, (pk, score) in zip(top, best, strict=True)
    ]
    met = matching.met_table(points)
    met_somewhere = {
        name for name, any_met in zip(matching.CRITERIA, met.any(axis=0), strict=True) if any_met
    }
    any_fits = bool(met.all(axis=1).any()) if len(rows) else False
    failed_everywhere: list[str] = []
    if not any_fits:
        # The criteria no site meets; if each is met somewhere (never all at once), the best
        # candidate's shortfalls.
        failed_everywhere = [name for name in matching.WEIGHTS if name not in met_somewhere]
        if not rows:  # nothing passed the database's cut: say which cut
            kinds_exist = not need.kinds or queryset.filter(kind__in=need.kinds).exists()
            failed_everywhere = ["size"] if kinds_exist else ["kind"]
        elif not failed_everywhere and best:
            failed_everywhere = best[0][1].failed
    return MatchResult(
        need=need,
        candidates=candidates,
        checked=len(rows),
        point=point,
        failed_everywhere=failed_everywhere,
    )


def reservations_for_site(*, user: User | AnonymousUser, site: Site) -> list[Reservation]:
    """Active reservations, only those whose inquiry the user may follow up (others stay hidden)."""
    return [
        reservation
        for reservation in Reservation.objects.filter(
            site=site, released_at__isnull=True
        ).select_related("inquiry", "reserved_by")
        if can_follow_up(user=user, inquiry=reservation.inquiry)
    ]


def reservations_for_inquiry(*, inquiry: Inquiry) -> list[Reservation]:
    return list(
        Reservation.objects.filter(inquiry=inquiry, released_at__isnull=True).select_related("site")
    )


def selections_for_inquiry(*, inquiry: Inquiry) -> list[Selection]:
    return list(Selection.objects.filter(inquiry=inquiry).prefetch_related("sites"))


def selection_by_token(*, token: str) -> Selection:
    selection = (
        Selection.objects.filter(token=token).select_related("inquiry").first()
        if 20 <= len(token) <= 64
        else None
    )
    if selection is None:
        raise Http404
    return selection


def selection_sites(*, selection: Selection) -> list[Site]:
    """The selected sites still published (one unpublished since is left out of the page)."""
    return list(selection.sites.filter(is_published=True).select_related("municipality"))


def unmet_demand_list(*, region_ids: Iterable[int] | None = None) -> QuerySet[UnmetLandDemand]:
    queryset = UnmetLandDemand.objects.select_related("inquiry")
    if region_ids is not None:
        queryset = queryset.filter(inquiry__region_id__in=list(region_ids))
    return queryset


# Land accounts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountRow:
    municipality: str
    kind: str
    readiness: str
    land_cover: str
    sites: int
    daa: float


def land_accounts(
    *, user: User | AnonymousUser, at: datetime.datetime | None = None
) -> list[AccountRow]:
    """Available area by municipality, type, readiness and land cover (now, or at a moment).

    At a past moment the accounts read each site's last snapshot before it (SiteSnapshot is
    written by every change), so "how it changed" comes from the sites' own history.
    """
    totals: dict[tuple[str, str, str, str], list[float]] = defaultdict(lambda: [0, 0.0])
    visible = sites_visible(user=user).values_list("pk", flat=True)
    snapshots = SiteSnapshot.objects.filter(site_id__in=visible)
    if at is not None:
        snapshots = snapshots.filter(taken_at__lte=at)
    latest: dict[int, SiteSnapshot] = {}
    for snapshot in snapshots.select_related("municipality").order_by("site_id", "taken_at", "id"):
        latest[snapshot.site_id] = snapshot
    for snapshot in latest.values():
        if snapshot.availability != Availability.AVAILABLE or snapshot.kind == Kind.PREMISES:
            continue
        key = (snapshot.municipality.name, snapshot.kind, snapshot.readiness, snapshot.land_cover)
        totals[key][0] += 1
        totals[key][1] += snapshot.size_daa
    return [
        AccountRow(*key, sites=int(value[0]), daa=value[1]) for key, value in sorted(totals.items())
    ]


@dataclass(frozen=True)
class AccountPeriod:
    """Available land at the end of one period, and how it changed during the period."""

    label: str  # "2025" or "2025 K2"
    end: datetime.datetime  # the first moment after the period (local time)
    by_readiness: dict[str, float]
    total: float
    change: float | None  # against the previous period; None for the first
    sites: int


def period_bounds(
    *, granularity: str, first_year: int, last_year: int, now: datetime.datetime
) -> list[tuple[str, datetime.datetime]]:
    """(label, end) per year or quarter from `first_year` to `last_year` in local time; the running
    period ends now and periods not yet begun are left out."""
    zone = timezone.get_current_timezone()
    months = (1, 4, 7, 10) if granularity == "quarter" else (1,)
    bounds: list[tuple[str, datetime.datetime]] = []
    for year in range(first_year, last_year + 1):
        for number, month in enumerate(months, start=1):
            start = datetime.datetime(year, month, 1, tzinfo=zone)
            if start > now:
                return bounds
            next_month = month + 12 // len(months)
            end = datetime.datetime(
                year + (next_month - 1) // 12, (next_month - 1) % 12 + 1, 1, tzinfo=zone
            )
            label = f"{year} K{number}" if granularity == "quarter" else str(year)
            bounds.append((label, min(end, now)))
    return bounds


def land_accounts_periods(
    *, user: User | AnonymousUser, bounds: Sequence[tuple[str, datetime.datetime]]
) -> list[AccountPeriod]:
    """Available daa (plots and areas) by readiness at the end of each period, from the sites'
    snapshots in one pass: each site counts as its last snapshot before the period's end."""
    visible = sites_visible(user=user).values_list("pk", flat=True)
    snapshots = (
        SiteSnapshot.objects.filter(site_id__in=visible)
        .order_by("taken_at", "id")
        .values_list("site_id", "taken_at", "kind", "readiness", "availability", "size_daa")
    )
    state: dict[int, tuple[str, str, str, float]] = {}
    periods: list[AccountPeriod] = []
    pending = iter(snapshots)
    upcoming = next(pending, None)
    previous: float | None = None
    for label, end in bounds:
        while upcoming is not None and upcoming[1] < end:
            site_id, _taken, kind, readiness, availability, size = upcoming
            state[site_id] = (kind, readiness, availability, size)
            upcoming = next(pending, None)
        by_readiness: dict[str, float] = dict.fromkeys(Readiness.values, 0.0)
        count = 0
        for kind, readiness, availability, size in state.values():
            if availability == Availability.AVAILABLE and kind != Kind.PREMISES:
                by_readiness[readiness] = by_readiness.get(readiness, 0.0) + size
                count += 1
        total = sum(by_readiness.values())
        periods.append(
            AccountPeriod(
                label=label,
                end=end,
                by_readiness=by_readiness,
                total=total,
                change=None if previous is None else total - previous,
                sites=count,
            )
        )
        previous = total
    return periods


def any_example_site(*, user: User | AnonymousUser) -> bool:
    """Whether the figures the user sees include demo sites (then marked as an example)."""
    return sites_visible(user=user).filter(is_example=True).exists()


def first_snapshot_year(*, user: User | AnonymousUser) -> int | None:
    visible = sites_visible(user=user).values_list("pk", flat=True)
    first = (
        SiteSnapshot.objects.filter(site_id__in=visible)
        .order_by("taken_at")
        .values_list("taken_at", flat=True)
        .first()
    )
    return timezone.localtime(first).year if first is not None else None


@dataclass(frozen=True)
class DemandRow:
    year: int
    inquiries: int
    over_20_daa: int
    unmet: int


def land_demand(*, region_ids: Iterable[int] | None = None) -> list[DemandRow]:
    """Inquiries asking for land or premises per year, how many wanted more than 20 daa, unmet."""
    inquiries = Inquiry.objects.all()
    if region_ids is not None:
        inquiries = inquiries.filter(region_id__in=list(region_ids))
    by_year: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    unmet_ids = set(UnmetLandDemand.objects.values_list("inquiry_id", flat=True))
    for pk, needs, area, created in inquiries.values_list("pk", "needs", "area_m2", "created_at"):
        if not set(needs) & set(LAND_NEEDS):
            continue
        row = by_year[created.year]
        row[0] += 1
        if area and Decimal(area) > 20_000:
            row[1] += 1
        if pk in unmet_ids:
            row[2] += 1
    return [DemandRow(year, *values) for year, values in sorted(by_year.items())]


def site_distances(
    *, site: Site, points: Sequence[PointChoice], route: bool = False
) -> list[tuple[PointChoice, SiteHit]]:
    """Straight-line distance and travel time from the site to each point.

    Travel time is the road-speed estimate, or with `route` the routing service's time from the
    site's centroid where the service answered (ADR 98; never called when it is not configured).
    """
    if not site.metric_wkb:
        return []
    geometry = shapely.from_wkb(bytes(site.metric_wkb))
    routed: list[int | None] = [None] * len(points)
    if route and routing.configured():
        routed = routing.route_minutes(
            routing.LatLon(site.centroid_lat, site.centroid_lon),
            [routing.LatLon(point.lat, point.lon) for point in points],
        )
    result = []
    for point, minutes in zip(points, routed, strict=True):
        distance = float(shapely.distance(geometry, _metric_point(point)))
        result.append((point, SiteHit(site, distance, routed_minutes=minutes)))
    return sorted(result, key=lambda item: item[1].distance_m or 0.0)


@dataclass(frozen=True)
class TravelNote:
    """Where the travel times in a distance table came from, for the note under it."""

    configured: bool
    routed: int
    total: int

    @property
    def state(self) -> str:
        if not self.configured:
            return "estimate"  # no service: the documented estimate, nothing called
        if self.total and self.routed == self.total:
            return "routed"
        return "fallback"  # the service failed for some or all: those are estimates


def travel_note(distances: Sequence[tuple[PointChoice, SiteHit]]) -> TravelNote:
    routed = sum(1 for _point, hit in distances if hit.is_routed)
    return TravelNote(routing.configured(), routed, len(distances))

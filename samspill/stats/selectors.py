"""Reads of the stats app. Statistics are open data: no user scope narrows them."""

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import QuerySet, Sum
from django.shortcuts import get_object_or_404

from samspill.regions.models import Municipality
from samspill.stats.models import CommutingFlow, Observation, Series

POPULATION = "07459-befolkning"
COMMUTING = "03321-sysselsatte"
EMPLOYED_BY_RESIDENCE = "11618-sysselsatte-15-74-bosted"
EMPLOYED_BY_WORKPLACE = "11618-sysselsatte-15-74-arbeidssted"


def series_list() -> QuerySet[Series]:
    """Every series loaded, by table."""
    return Series.objects.all()


def series_get(*, code: str) -> Series:
    """One series by code, or 404."""
    return get_object_or_404(Series, code=code)


def series_by_code(*, codes: Collection[str]) -> dict[str, Series]:
    """The named series that are loaded (missing ones are simply absent)."""
    return {series.code: series for series in Series.objects.filter(code__in=codes)}


def population_total(
    *, municipality_ids: Collection[int], period: str, dimension_key: str = ""
) -> float | None:
    """The summed population of the municipalities in one period (None when not loaded)."""
    result = Observation.objects.filter(
        series__code=POPULATION,
        municipality_id__in=municipality_ids,
        period=period,
        dimension_key=dimension_key,
    ).aggregate(total=Sum("value"))["total"]
    return float(result) if result is not None else None


def population_totals(*, municipality_ids: Collection[int]) -> dict[str, float]:
    """Summed population per period (all periods) for the municipalities, in one query."""
    rows = (
        Observation.objects.filter(
            series__code=POPULATION,
            municipality_id__in=municipality_ids,
            dimension_key="",
        )
        .order_by()
        .values_list("period")
        .annotate(total=Sum("value"))
    )
    return {period: float(total) for period, total in rows if total is not None}


def latest_population_period() -> str | None:
    """The newest period of the population series, if loaded."""
    return Series.objects.filter(code=POPULATION).values_list("last_period", flat=True).first()


def observation_rows(
    *, code: str, municipality_ids: Collection[int], dimension_keys: Collection[str] = ("",)
) -> QuerySet[Observation]:
    """Observations of one series for some municipalities (only the columns the frames need)."""
    return Observation.objects.filter(
        series__code=code,
        municipality_id__in=municipality_ids,
        dimension_key__in=dimension_keys,
    ).order_by()


def national_totals(*, code: str, dimension_key: str = "") -> list[tuple[str, int, float]]:
    """(period, year, sum over every current municipality), oldest first: the national series."""
    rows = (
        Observation.objects.filter(
            series__code=code, dimension_key=dimension_key, municipality__valid_to__isnull=True
        )
        .order_by()
        .values_list("period", "year")
        .annotate(total=Sum("value"))
        .order_by("period")
    )
    return [(period, year, float(total or 0)) for period, year, total in rows]


FlowTuple = tuple[int, int, int, int, str]


def flows_touching(
    *, municipality_ids: Collection[int], years: Collection[int] | None = None
) -> QuerySet[CommutingFlow, FlowTuple]:
    """Commuting flows that start or end in one of the municipalities.

    Two index-friendly halves (by residence; by workplace but not residence) joined with
    UNION ALL: an OR over both columns would scan every flow of the series.
    """
    if years is None:
        years = commuting_years()
    base = CommutingFlow.objects.filter(series__code=COMMUTING, year__in=years).order_by()
    fields = ["year", "residence_id", "workplace_id", "employed", "harmonisation"]
    by_residence = base.filter(residence_id__in=municipality_ids).values_list(*fields)
    by_workplace = (
        base.filter(workplace_id__in=municipality_ids)
        .exclude(residence_id__in=municipality_ids)
        .values_list(*fields)
    )
    return by_residence.union(by_workplace, all=True)


def commuting_years() -> list[int]:
    """Years with commuting flows loaded."""
    return sorted(
        CommutingFlow.objects.filter(series__code=COMMUTING)
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class Place:
    """A municipality's number, name and map point (for tables, labels and flow maps)."""

    pk: int
    number: str
    name: str
    lat: float | None
    lon: float | None
    is_current: bool


def municipality_places() -> dict[int, Place]:
    """Every municipality by id, without outlines (one query)."""
    return {
        pk: Place(pk, number, name, lat, lon, valid_to is None)
        for pk, number, name, lat, lon, valid_to in Municipality.objects.values_list(
            "pk", "number", "name", "centroid_lat", "centroid_lon", "valid_to"
        )
    }

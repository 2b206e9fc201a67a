"""The analyses app's ORM → DataFrame boundary over the stats models (no arithmetic here).

Frames use the column names of `samspill.analytics.columns`; municipality numbers are strings
(today's structure, as the stats importers harmonise them). Series are found by SSB table
number and statistical variable, so a renamed series code does not break the analyses.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass

import pandas as pd
from django.db.models import Count, Max, Q, Sum

from samspill.analytics.columns import (
    AREA,
    EMPLOYED,
    EMPLOYMENT,
    INDUSTRY,
    REGION,
    RESIDENCE,
    VALUE,
    WORKPLACE,
    YEAR,
)
from samspill.regions.models import Municipality
from samspill.stats.models import CommutingFlow, Observation, Series

FLOW_COLUMNS = [YEAR, RESIDENCE, WORKPLACE, EMPLOYED]
OBSERVATION_COLUMNS = [AREA, YEAR, VALUE]
PANEL_COLUMNS = [REGION, INDUSTRY, YEAR, EMPLOYMENT]


@dataclass(frozen=True)
class SeriesSpec:
    """Which series an analysis reads: SSB table, a hint in the variable code, a category key."""

    table_number: str
    contents_contains: str = ""
    dimension_key: str = ""


POPULATION = SeriesSpec("07459", "befolkning")
COMMUTING = SeriesSpec("03321")
JOBS_BY_WORKPLACE = SeriesSpec("11618", "arbeidssted")
EMPLOYED_BY_RESIDENCE = SeriesSpec("11618", "sysselsatte-15-74-bosted")
TELEMARK_EMPLOYMENT_BY_INDUSTRY = SeriesSpec("13470")
NATIONAL_JOBS_BY_DIVISION = SeriesSpec("11656")
INDUSTRY_DIMENSION = "naering"


def series_find(spec: SeriesSpec) -> Series | None:
    """The series for `spec` (the shortest matching code wins: the total, not a sub-variable)."""
    candidates = Series.objects.filter(table_number=spec.table_number)
    if spec.contents_contains:
        candidates = candidates.filter(contents__icontains=spec.contents_contains)
    return min(candidates, key=lambda series: (len(series.code), series.code), default=None)


def commuting_years(*, series: Series) -> list[int]:
    """Years with commuting flows in `series`, ascending."""
    years = (
        CommutingFlow.objects.filter(series=series)
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(years)


def commuting_fingerprint(*, series: Series, years: Iterable[int]) -> str:
    """Row count, highest id and import time of the flows of `years` (changes on re-import)."""
    summary = CommutingFlow.objects.filter(series=series, year__in=list(years)).aggregate(
        rows=Count("id"), last_id=Max("id")
    )
    imported = series.imported_at.isoformat() if series.imported_at else "-"
    return f"{series.table_number}:{series.pk}:{summary['rows']}:{summary['last_id']}:{imported}"


def _municipality_ids(numbers: Collection[str]) -> list[int]:
    return list(Municipality.objects.filter(number__in=numbers).values_list("pk", flat=True))


def commuting_frame(
    *,
    series: Series,
    years: Iterable[int],
    touching: Collection[str] | None = None,
    workplaces: Collection[str] | None = None,
    residences: Collection[str] | None = None,
) -> pd.DataFrame:
    """Flows `year, residence, workplace, employed` of `years`, optionally narrowed.

    `touching`: flows with either end in these municipality numbers; `workplaces` /
    `residences`: flows with that end in the numbers. None means every flow. Municipality ids
    are mapped to numbers here (one small query) instead of joining the large flow table twice.
    """
    flows = CommutingFlow.objects.filter(series=series, year__in=list(years))
    if touching is not None:
        ids = _municipality_ids(touching)
        flows = flows.filter(Q(residence_id__in=ids) | Q(workplace_id__in=ids))
    if workplaces is not None:
        flows = flows.filter(workplace_id__in=_municipality_ids(workplaces))
    if residences is not None:
        flows = flows.filter(residence_id__in=_municipality_ids(residences))
    rows = flows.order_by().values_list("year", "residence_id", "workplace_id", "employed")
    frame = pd.DataFrame.from_records(list(rows), columns=FLOW_COLUMNS)
    numbers = dict(Municipality.objects.values_list("pk", "number"))
    return frame.assign(
        **{RESIDENCE: frame[RESIDENCE].map(numbers), WORKPLACE: frame[WORKPLACE].map(numbers)}
    ).astype({YEAR: "int64", RESIDENCE: "str", WORKPLACE: "str", EMPLOYED: "float64"})


def observation_totals_frame(
    *, series: Series, dimension_key: str = "", municipalities: Collection[str]
) -> pd.DataFrame:
    """`area, year, value` for each of `municipalities`, each county (area `fylke-NN`) and
    Norway (area "0", the sum of every municipality), summed in the database."""
    cells = Observation.objects.filter(
        series=series,
        dimension_key=dimension_key,
        municipality__isnull=False,
        value__isnull=False,
    ).order_by()
    members = cells.filter(municipality__number__in=municipalities).values_list(
        "municipality__number", "year", "value"
    )
    counties = (
        cells.values_list("municipality__county_number", "year")
        .annotate(total=Sum("value"))
        .order_by()
    )
    records = [(number, year, value) for number, year, value in members]
    national: dict[int, float] = {}
    for county, year, total in counties:
        records.append((f"fylke-{county}", year, total))
        national[year] = national.get(year, 0.0) + float(total or 0.0)
    records += [("0", year, total) for year, total in national.items()]
    return pd.DataFrame.from_records(records, columns=OBSERVATION_COLUMNS).astype(
        {AREA: "str", YEAR: "int64", VALUE: "float64"}
    )


def observation_member_frame(
    *, series: Series, dimension_key: str = "", municipalities: Collection[str]
) -> pd.DataFrame:
    """`area, year, value` of `municipalities` only (cells without a value are dropped)."""
    rows = (
        Observation.objects.filter(
            series=series,
            dimension_key=dimension_key,
            municipality__number__in=list(municipalities),
            value__isnull=False,
        )
        .order_by()
        .values_list("municipality__number", "year", "value")
    )
    return pd.DataFrame.from_records(list(rows), columns=OBSERVATION_COLUMNS).astype(
        {AREA: "str", YEAR: "int64", VALUE: "float64"}
    )


def observation_years(*, series: Series) -> list[int]:
    """Years with observations in `series`, ascending."""
    years = Observation.objects.filter(series=series).order_by().values_list("year", flat=True)
    return sorted(set(years.distinct()))


def observation_municipalities(*, series: Series) -> set[str]:
    """Municipality numbers with at least one value in `series` (one DISTINCT query)."""
    numbers = (
        Observation.objects.filter(series=series, municipality__isnull=False, value__isnull=False)
        .order_by()
        .values_list("municipality__number", flat=True)
        .distinct()
    )
    return set(numbers)


def industry_panel_frame(*, series: Series) -> pd.DataFrame:
    """Employment by municipality and industry `region, industry, year, employment`.

    The industry is the category label (e.g. SSB's 17-group label "Industri"), which the
    analytics library maps to industry types. Cells without a value are dropped.
    """
    categories = _categories(series, INDUSTRY_DIMENSION)
    cells = Observation.objects.filter(
        series=series, municipality__isnull=False, value__isnull=False
    )
    rows = cells.order_by().values_list("municipality_id", "dimension_key", "year", "value")
    numbers = dict(Municipality.objects.values_list("pk", "number"))
    codes: dict[str, str | None] = {}
    records = []
    for municipality_id, key, year, value in rows:
        if key not in codes:
            code = _category_code(key, INDUSTRY_DIMENSION)
            codes[key] = None if code is None else categories.get(code, code)
        if (industry := codes[key]) is not None:
            records.append((numbers[municipality_id], industry, year, value))
    return pd.DataFrame.from_records(records, columns=PANEL_COLUMNS).astype(
        {REGION: "str", INDUSTRY: "str", YEAR: "int64", EMPLOYMENT: "float64"}
    )


def national_division_jobs_frame() -> pd.DataFrame:
    """Jobs in Norway by SN2007 division `industry, employment` (SSB 11656, its latest period;
    empty when not imported). `industry` is the division code ("01")."""
    series = series_find(NATIONAL_JOBS_BY_DIVISION)
    if series is None:
        return pd.DataFrame(columns=[INDUSTRY, EMPLOYMENT])
    cells = Observation.objects.filter(
        series=series, municipality__isnull=True, value__isnull=False
    ).order_by()
    latest = cells.aggregate(latest=Max("period"))["latest"]
    records = [
        (_category_code(key, INDUSTRY_DIMENSION), value)
        for key, value in cells.filter(period=latest).values_list("dimension_key", "value")
    ]
    frame = pd.DataFrame.from_records(
        [(code, value) for code, value in records if code], columns=[INDUSTRY, EMPLOYMENT]
    )
    return frame.groupby(INDUSTRY)[EMPLOYMENT].sum().reset_index()


def _categories(series: Series, dimension: str) -> dict[str, str]:
    entry = series.dimensions.get(dimension) or {}
    categories = entry.get("categories") if isinstance(entry, dict) else None
    return {str(code): str(label) for code, label in (categories or {}).items()}


def _category_code(key: str, dimension: str) -> str | None:
    """ "alder=x|naering=industri" → "industri" for dimension "naering"."""
    for part in key.split("|"):
        name, _, code = part.partition("=")
        if name == dimension:
            return code
    return None


def observation_values_frame(*, series: Series, dimension_key: str = "") -> pd.DataFrame:
    """`area, year, value` of every municipality with a value in `series` (no sums; benchmark)."""
    rows = (
        Observation.objects.filter(
            series=series,
            dimension_key=dimension_key,
            municipality__isnull=False,
            value__isnull=False,
        )
        .order_by()
        .values_list("municipality_id", "year", "value")
    )
    numbers = dict(Municipality.objects.values_list("pk", "number"))
    records = [(numbers[municipality], year, value) for municipality, year, value in rows]
    return pd.DataFrame.from_records(records, columns=OBSERVATION_COLUMNS).astype(
        {AREA: "str", YEAR: "int64", VALUE: "float64"}
    )

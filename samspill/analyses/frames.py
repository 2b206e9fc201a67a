"""The analyses app's ORM → DataFrame boundary over the stats models (no arithmetic here).

Frames use the column names of `samspill.analytics.columns`; municipality numbers are strings
(today's structure, as the stats importers harmonise them). Series are found by SSB table
number and statistical variable, so a renamed series code does not break the analyses.
"""

import hashlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import pandas as pd
from django.db.models import Count, Max, Q

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
    `residences`: flows with that end in the numbers. None means every flow.
    """
    flows = CommutingFlow.objects.filter(series=series, year__in=list(years))
    if touching is not None:
        flows = flows.filter(Q(residence__number__in=touching) | Q(workplace__number__in=touching))
    if workplaces is not None:
        flows = flows.filter(workplace__number__in=workplaces)
    if residences is not None:
        flows = flows.filter(residence__number__in=residences)
    rows = flows.order_by().values_list(
        "year", "residence__number", "workplace__number", "employed"
    )
    return pd.DataFrame.from_records(list(rows), columns=FLOW_COLUMNS).astype(
        {YEAR: "int64", RESIDENCE: "str", WORKPLACE: "str", EMPLOYED: "float64"}
    )


def observations_frame(
    *,
    series: Series,
    dimension_key: str = "",
    municipalities: Collection[str] | None = None,
) -> pd.DataFrame:
    """Municipal observations `area, year, value` (+ `county`) of one category; gaps dropped."""
    cells = Observation.objects.filter(
        series=series,
        dimension_key=dimension_key,
        municipality__isnull=False,
        value__isnull=False,
    )
    if municipalities is not None:
        cells = cells.filter(municipality__number__in=municipalities)
    rows = cells.order_by().values_list(
        "municipality__number", "year", "value", "municipality__county_number"
    )
    return pd.DataFrame.from_records(list(rows), columns=[*OBSERVATION_COLUMNS, "county"]).astype(
        {AREA: "str", YEAR: "int64", VALUE: "float64", "county": "str"}
    )


def industry_panel_frame(*, series: Series) -> pd.DataFrame:
    """Employment by municipality and industry `region, industry, year, employment`.

    The industry is the category label (e.g. SSB's 17-group label "Industri"), which the
    analytics library maps to industry types. Cells without a value are dropped.
    """
    categories = _categories(series, INDUSTRY_DIMENSION)
    cells = Observation.objects.filter(
        series=series, municipality__isnull=False, value__isnull=False
    )
    rows = cells.order_by().values_list("municipality__number", "dimension_key", "year", "value")
    records = []
    for number, key, year, value in rows:
        code = _category_code(key, INDUSTRY_DIMENSION)
        if code is not None:
            records.append((number, categories.get(code, code), year, value))
    return pd.DataFrame.from_records(records, columns=PANEL_COLUMNS).astype(
        {REGION: "str", INDUSTRY: "str", YEAR: "int64", EMPLOYMENT: "float64"}
    )


def series_fingerprint(*, series: Series) -> str:
    """Row count, highest id and import time of a series' observations."""
    summary = Observation.objects.filter(series=series).aggregate(
        rows=Count("id"), last_id=Max("id")
    )
    imported = series.imported_at.isoformat() if series.imported_at else "-"
    text = f"{series.code}:{summary['rows']}:{summary['last_id']}:{imported}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


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

"""Reads for population structure, employment rate and education (open data: no user scope).

Sums per (year, category) for a set of municipalities, or for Norway. Norway is the sum of every
cell of the series, including cells that stay on the number of a split municipality (Ålesund
2020–2022, Tysfjord, Snillfjord): harmonisation never counts a person twice, and leaving those
cells out would drop whole municipalities from the national figure.
"""

import hashlib
from collections import defaultdict
from collections.abc import Collection, Mapping

from django.core.cache import cache
from django.db.models import Sum

from samspill.analytics.population import (
    DependencyRatios,
    EducationShares,
    EmploymentRate,
    dependency_ratios,
    education_shares,
    employment_rate,
)
from samspill.stats.models import Harmonisation, Observation, Series
from samspill.stats.selectors import (
    EMPLOYED_BY_RESIDENCE,
    POPULATION,
    series_by_code,
)

AGE_SERIES = "07459-befolkning-etter-kjonn-aldersgruppe"
POPULATION_15_74 = "11618-befolkning-15-74-bosted"
EDUCATION_SERIES = "IMDi-personer-etter-bakgrunn-utdanningsniva"
BAND_KEYS = {"young": "alder=0-19", "working": "alder=20-66", "old": "alder=67+"}
EDUCATION_BACKGROUND = "bakgrunn=hele-befolkningen"
EDUCATION_TOTAL = "utdanningsniva=alle"
SERIES_CODES = [POPULATION, AGE_SERIES, POPULATION_15_74, EMPLOYED_BY_RESIDENCE, EDUCATION_SERIES]
INDICATORS = ("employment_rate", "old_age_dependency", "total_dependency", "higher_education")

Sums = dict[tuple[int, str], float]


def population_series() -> dict[str, Series]:
    """The series these pages use that are loaded (missing ones are absent)."""
    return series_by_code(codes=SERIES_CODES)


def sums(
    *,
    code: str,
    municipality_ids: Collection[int] | None,
    keys: Collection[str] | None = None,
    years: Collection[int] | None = None,
) -> Sums:
    """(year, dimension key) → sum over the municipalities (None: Norway, cached per import)."""
    if municipality_ids is None:
        version = Series.objects.filter(code=code).values_list("imported_at", flat=True).first()
        scope = f"{code}|{version}|{sorted(keys) if keys else ''}|{sorted(years) if years else ''}"
        cache_key = f"population:national:{hashlib.sha256(scope.encode()).hexdigest()}"
        cached = cache.get(cache_key)
        if cached is None:
            cached = _sums(code=code, municipality_ids=None, keys=keys, years=years)
            cache.set(cache_key, cached, timeout=3600)
        return dict(cached)
    return _sums(code=code, municipality_ids=municipality_ids, keys=keys, years=years)


def years(*, code: str, municipality_ids: Collection[int]) -> list[int]:
    """Years with values of the series for any of the municipalities."""
    return sorted(
        Observation.objects.filter(series__code=code, municipality_id__in=municipality_ids)
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )


def _sums(
    *,
    code: str,
    municipality_ids: Collection[int] | None,
    keys: Collection[str] | None,
    years: Collection[int] | None,
) -> Sums:
    rows = Observation.objects.filter(series__code=code, value__isnull=False)
    if municipality_ids is not None:
        rows = rows.filter(municipality_id__in=municipality_ids)
    else:
        rows = rows.filter(municipality__isnull=False)
    if keys is not None:
        rows = rows.filter(dimension_key__in=keys)
    if years is not None:
        rows = rows.filter(year__in=years)
    result = rows.order_by().values_list("year", "dimension_key").annotate(total=Sum("value"))
    return {(year, key): float(total) for year, key, total in result if total is not None}


def member_values(
    *, code: str, municipality_ids: Collection[int], keys: Collection[str] = ("",)
) -> dict[int, dict[int, float]]:
    """year → municipality id → value (summed over `keys`), for gap checks per member."""
    rows = (
        Observation.objects.filter(
            series__code=code, municipality_id__in=municipality_ids, dimension_key__in=keys
        )
        .order_by()
        .values_list("year", "municipality_id", "value")
    )
    result: dict[int, dict[int, float]] = defaultdict(dict)
    for year, municipality_id, value in rows:
        if value is not None:
            result[year][municipality_id] = result[year].get(municipality_id, 0.0) + value
    return dict(result)


def estimated_years(*, code: str, municipality_ids: Collection[int]) -> dict[int, set[str]]:
    """year → numbers of the members whose cells the source apportioned from a split
    municipality (csdata's `estimert_fordeling`, stored as "estimated by source")."""
    rows = (
        Observation.objects.filter(
            series__code=code,
            municipality_id__in=municipality_ids,
            harmonisation=Harmonisation.ESTIMATED_BY_SOURCE,
        )
        .order_by()
        .values_list("year", "municipality__number")
        .distinct()
    )
    result: dict[int, set[str]] = defaultdict(set)
    for year, number in rows:
        result[year].add(number)
    return dict(result)


def dependency_by_year(*, municipality_ids: Collection[int] | None) -> dict[int, DependencyRatios]:
    """Dependency ratios per year from SSB's age bands 0–19, 20–66 and 67+ (07459)."""
    table = sums(code=POPULATION, municipality_ids=municipality_ids, keys=BAND_KEYS.values())
    result = {}
    for year in sorted({year for year, _key in table}):
        parts = {name: table.get((year, key)) for name, key in BAND_KEYS.items()}
        if any(value is None for value in parts.values()):
            continue
        ratios = dependency_ratios(
            young=parts["young"] or 0.0, working=parts["working"] or 0.0, old=parts["old"] or 0.0
        )
        if ratios is not None:
            result[year] = ratios
    return result


def employment_by_year(
    *, municipality_ids: Collection[int] | None
) -> tuple[dict[int, EmploymentRate], list[int]]:
    """Employment rate per year (SSB 11618), and the years left out because a member has no
    population 15–74 in that year's file (Rindal 2019) — a region's rate would be wrong there."""
    population = sums(code=POPULATION_15_74, municipality_ids=municipality_ids, keys=[""])
    employed = sums(code=EMPLOYED_BY_RESIDENCE, municipality_ids=municipality_ids, keys=[""])
    skipped: list[int] = []
    if municipality_ids is not None:
        members = member_values(code=POPULATION_15_74, municipality_ids=municipality_ids)
        skipped = sorted(
            year for year in members if any(not members[year].get(pk) for pk in municipality_ids)
        )
    result = {}
    for year, _key in sorted(population):
        if year in skipped or (year, "") not in employed:
            continue
        rate = employment_rate(employed=employed[(year, "")], population=population[(year, "")])
        if rate is not None:
            result[year] = rate
    return result, skipped


def education_by_year(*, municipality_ids: Collection[int] | None) -> dict[int, EducationShares]:
    """Shares by highest completed level for the whole population group IMDi publishes.

    Years in which a member has no figures (Time and Flå 2020; Ålesund and Haram 2020, whose
    figures stay on the split number 1507) are left out for the area: a share of only some
    members would be a different area."""
    table = sums(code=EDUCATION_SERIES, municipality_ids=municipality_ids)
    incomplete: set[int] = set()
    if municipality_ids is not None:
        members = member_values(
            code=EDUCATION_SERIES, municipality_ids=municipality_ids, keys=[_total_key()]
        )
        incomplete = {
            year for year in members if any(not members[year].get(pk) for pk in municipality_ids)
        }
    result = {}
    for year in sorted({year for year, _key in table} - incomplete):
        levels = {
            key.split("utdanningsniva=")[1]: value
            for (cell_year, key), value in table.items()
            if cell_year == year and EDUCATION_BACKGROUND in key and key != _total_key()
        }
        total = table.get((year, _total_key()))
        if total is None:
            continue
        try:
            shares = education_shares(levels, total=total)
        except ValueError:
            continue
        if shares is not None:
            result[year] = shares
    return result


def _total_key() -> str:
    return f"{EDUCATION_BACKGROUND}|{EDUCATION_TOTAL}"


def indicator_values(
    *, indicator: str, areas: Mapping[str, Collection[int]], year: int | None = None
) -> dict[str, tuple[int, float] | None]:
    """Benchmark values for other pages (e.g. comparing regions): area key → (year, value).

    `indicator` is one of INDICATORS: employment_rate (per cent), old_age_dependency and
    total_dependency (per 100 aged 20–66), higher_education (per cent). `year` None = the
    latest year with a value for that area. An empty id collection means Norway
    (e.g. `areas={"trondheimsregionen": ids, "0": ()}`)."""
    if indicator not in INDICATORS:
        raise ValueError(f"unknown indicator {indicator!r}; choose one of {', '.join(INDICATORS)}")
    result: dict[str, tuple[int, float] | None] = {}
    for key, ids in areas.items():
        scope = list(ids) or None
        values: dict[int, float]
        if indicator == "employment_rate":
            values = {y: r.rate for y, r in employment_by_year(municipality_ids=scope)[0].items()}
        elif indicator == "higher_education":
            values = {y: s.higher for y, s in education_by_year(municipality_ids=scope).items()}
        else:
            ratios = dependency_by_year(municipality_ids=scope)
            values = {
                y: (r.old_age if indicator == "old_age_dependency" else r.total)
                for y, r in ratios.items()
            }
        chosen = year if year is not None else max(values, default=None)
        result[key] = (chosen, values[chosen]) if chosen in values else None
    return result

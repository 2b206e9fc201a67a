"""Benchmarking: the regions (and chosen municipalities) side by side on key indicators, with
each area's rank among them and Norway's value — SSB's Kommunefakta, for regions.

The indicators are a registry (`INDICATORS`): each entry is a small function of the loaded
inputs and an area. Adding an indicator is one `Indicator(...)` entry; the page, the export,
the API and the CLI show every registered indicator whose data is loaded. Data are read once
per request (`BenchmarkInputs`: one query per series, the commuting matrix of one year), the
arithmetic is the pure `samspill.analytics` (commuting indicators, ranks).
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from samspill.analyses import frames
from samspill.analyses.area import area_for_region
from samspill.analyses.tables import ssb_source
from samspill.analytics.columns import AREA, RESIDENCE, VALUE, WORKPLACE, YEAR
from samspill.analytics.commuting import commuting_indicators, region_integration
from samspill.analytics.ranking import competition_ranks
from samspill.regions.models import Municipality, Region

AreaKind = Literal["region", "municipality", "nation"]
Unit = Literal["count", "percent", "ratio"]


@dataclass(frozen=True)
class BenchmarkArea:
    """A compared area: a region's members today, one municipality, or Norway (every one)."""

    kind: AreaKind
    code: str
    name: str
    numbers: tuple[str, ...]

    @property
    def is_nation(self) -> bool:
        return self.kind == "nation"


class BenchmarkInputs:
    """The loaded statistics the indicators read, each series fetched once (lazily)."""

    def __init__(self) -> None:
        self._values: dict[tuple[str, str, str], dict[int, dict[str, float]] | None] = {}
        self._commuting: dict[tuple[int, tuple[str, ...]], dict[str, float] | None] = {}
        self._flows: dict[int, pd.DataFrame] = {}
        self._commuting_years: list[int] | None = None
        self._residents: dict[int, set[str]] = {}
        self._population: dict[tuple[str, str], tuple[int, float] | None] = {}
        self._municipality_ids: dict[str, int] | None = None

    def population(self, indicator: str, area: BenchmarkArea) -> tuple[int, float] | None:
        """(year, value) of a population-structure indicator for the area (the population
        app's own definition, `population.selectors.indicator_values`), in Norway's latest year."""
        key = (indicator, NATION_CODE if area.is_nation else area.code)
        if key not in self._population:
            nation = self._population_values(indicator, (), None)
            if nation is None:
                self._population[key] = None
            elif area.is_nation:
                self._population[key] = nation
            else:
                if self._municipality_ids is None:
                    self._municipality_ids = dict(Municipality.objects.values_list("number", "pk"))
                ids = tuple(
                    self._municipality_ids[n] for n in area.numbers if n in self._municipality_ids
                )
                if len(ids) != len(area.numbers):
                    self._population[key] = None
                else:
                    self._population[key] = self._population_values(indicator, ids, nation[0])
        return self._population[key]

    @staticmethod
    def _population_values(
        indicator: str, ids: tuple[int, ...], year: int | None
    ) -> tuple[int, float] | None:
        from samspill.population.selectors import indicator_values

        return indicator_values(indicator=indicator, areas={"area": ids}, year=year)["area"]

    def values(
        self, spec: frames.SeriesSpec, dimension_key: str = ""
    ) -> dict[int, dict[str, float]] | None:
        """year → municipality number → value (None: the series is not loaded)."""
        key = (spec.table_number, spec.contents_contains, dimension_key)
        if key not in self._values:
            series = frames.series_find(spec)
            if series is None:
                self._values[key] = None
            else:
                frame = frames.observation_values_frame(series=series, dimension_key=dimension_key)
                self._values[key] = {
                    int(str(year)): dict(
                        zip(group[AREA].tolist(), group[VALUE].tolist(), strict=True)
                    )
                    for year, group in frame.groupby(YEAR)
                }
        return self._values[key]

    def years(self, spec: frames.SeriesSpec, dimension_key: str = "") -> list[int]:
        """Years with values, ascending (empty: not loaded)."""
        return sorted(self.values(spec, dimension_key) or {})

    def total(
        self, spec: frames.SeriesSpec, area: BenchmarkArea, year: int, dimension_key: str = ""
    ) -> float | None:
        """The area's sum in `year`; None when a member has no value (never a partial sum).

        Norway is the sum of every municipality with a value (as the national series are)."""
        by_number = (self.values(spec, dimension_key) or {}).get(year)
        if not by_number:
            return None
        if area.is_nation:
            return sum(by_number.values())
        if any(number not in by_number for number in area.numbers):
            return None
        return sum(by_number[number] for number in area.numbers)

    def commuting_years(self) -> list[int]:
        if self._commuting_years is None:
            series = frames.series_find(frames.COMMUTING)
            self._commuting_years = frames.commuting_years(series=series) if series else []
        return self._commuting_years

    def latest_commuting_year(self) -> int | None:
        years = self.commuting_years()
        return years[-1] if years else None

    def flows(self, year: int) -> pd.DataFrame:
        if year not in self._flows:
            series = frames.series_find(frames.COMMUTING)
            self._flows[year] = (
                frames.commuting_frame(series=series, years=[year])
                if series is not None
                else pd.DataFrame()
            )
        return self._flows[year]

    def commuting(self, area: BenchmarkArea, year: int) -> dict[str, float] | None:
        """The area's commuting indicators in `year` (`analytics.commuting`), or None when a
        member has no employed residents in the matrix (e.g. kept on a former number)."""
        key = (year, () if area.is_nation else area.numbers)
        if key not in self._commuting:
            self._commuting[key] = self._commuting_compute(area, year)
        return self._commuting[key]

    def _commuting_compute(self, area: BenchmarkArea, year: int) -> dict[str, float] | None:
        flows = self.flows(year)
        if flows.empty:
            return None
        if year not in self._residents:
            self._residents[year] = set(flows[RESIDENCE].unique())
        residents = self._residents[year]
        numbers = sorted(residents) if area.is_nation else list(area.numbers)
        if not numbers or any(number not in residents for number in numbers):
            return None
        if not area.is_nation:  # only the flows that touch the area matter
            flows = flows.loc[flows[RESIDENCE].isin(numbers) | flows[WORKPLACE].isin(numbers)]
        if len(numbers) == 1:
            rows = commuting_indicators(flows)
            row = rows.loc[rows[AREA] == numbers[0]]
        else:
            row = region_integration(flows, members=numbers)
        if row.empty:
            return None
        return {str(k): float(v) for k, v in row.iloc[0].items() if _is_number(v)}


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


Compute = Callable[[BenchmarkInputs, BenchmarkArea], float | None]
Period = Callable[[BenchmarkInputs], str]


@dataclass(frozen=True)
class Indicator:
    """One benchmarking indicator: how to compute it for an area and how to show it.

    `compute(inputs, area)` returns the value (a share as a fraction 0–1 when `unit` is
    "percent") or None when the data do not give it; `period(inputs)` names the year or period.
    `nation` False: Norway's value is not meaningful (e.g. self-containment is 1 by definition).
    `higher_is_first`: rank 1 is the highest value (ranks describe size, not judgement).
    `tables` are the SSB tables read; `source` names a source that is not an SSB table (the
    education share comes from IMDi's export, built on SSB's registers).
    """

    key: str
    label: Promise
    unit: Unit
    decimals: int
    tables: tuple[str, ...]
    definition: Promise
    compute: Compute
    period: Period
    nation: bool = True
    higher_is_first: bool = True
    nation_note: Promise | None = None
    source: Promise | None = None


def _latest(spec: frames.SeriesSpec) -> Callable[[BenchmarkInputs], int | None]:
    def latest(inputs: BenchmarkInputs) -> int | None:
        years = inputs.years(spec)
        return years[-1] if years else None

    return latest


def _level(spec: frames.SeriesSpec) -> tuple[Compute, Period]:
    latest = _latest(spec)

    def compute(inputs: BenchmarkInputs, area: BenchmarkArea) -> float | None:
        year = latest(inputs)
        return None if year is None else inputs.total(spec, area, year)

    def period(inputs: BenchmarkInputs) -> str:
        year = latest(inputs)
        return "" if year is None else str(year)

    return compute, period


def _growth_years(
    inputs: BenchmarkInputs, spec: frames.SeriesSpec, span: int | None
) -> tuple[int, int] | None:
    years = inputs.years(spec)
    if len(years) < 2:
        return None
    end = years[-1]
    start = end - span if span is not None and end - span in years else years[0]
    return start, end


def _growth(spec: frames.SeriesSpec, span: int | None) -> tuple[Compute, Period]:
    """Percentage change over the last `span` years (or the whole series)."""

    def compute(inputs: BenchmarkInputs, area: BenchmarkArea) -> float | None:
        years = _growth_years(inputs, spec, span)
        if years is None:
            return None
        start = inputs.total(spec, area, years[0])
        end = inputs.total(spec, area, years[1])
        if start is None or end is None or start <= 0:
            return None
        return end / start - 1

    def period(inputs: BenchmarkInputs) -> str:
        years = _growth_years(inputs, spec, span)
        return "" if years is None else f"{years[0]}–{years[1]}"

    return compute, period


def _share(spec: frames.SeriesSpec, dimension_key: str) -> tuple[Compute, Period]:
    latest = _latest(spec)

    def compute(inputs: BenchmarkInputs, area: BenchmarkArea) -> float | None:
        year = latest(inputs)
        if year is None:
            return None
        part = inputs.total(spec, area, year, dimension_key)
        whole = inputs.total(spec, area, year)
        return None if part is None or not whole else part / whole

    _compute, period = _level(spec)
    return compute, period


def _ratio(numerator: frames.SeriesSpec, denominator: frames.SeriesSpec) -> tuple[Compute, Period]:
    """A rate of two series in the latest year both have (e.g. employed / population 15–74)."""

    def year_of(inputs: BenchmarkInputs) -> int | None:
        common = set(inputs.years(numerator)) & set(inputs.years(denominator))
        return max(common) if common else None

    def compute(inputs: BenchmarkInputs, area: BenchmarkArea) -> float | None:
        year = year_of(inputs)
        if year is None:
            return None
        part = inputs.total(numerator, area, year)
        whole = inputs.total(denominator, area, year)
        return None if part is None or not whole else part / whole

    def period(inputs: BenchmarkInputs) -> str:
        year = year_of(inputs)
        return "" if year is None else str(year)

    return compute, period


def _commuting(column: str) -> tuple[Compute, Period]:
    def compute(inputs: BenchmarkInputs, area: BenchmarkArea) -> float | None:
        year = inputs.latest_commuting_year()
        if year is None:
            return None
        row = inputs.commuting(area, year)
        value = None if row is None else row.get(column)
        return None if value is None or math.isnan(value) else value

    def period(inputs: BenchmarkInputs) -> str:
        year = inputs.latest_commuting_year()
        return "" if year is None else str(year)

    return compute, period


def _population(indicator: str, scale: float) -> tuple[Compute, Period]:
    """A population-structure indicator (employment rate, dependency ratios)
    as the population pages compute it; `scale` turns per cent into the registry's fraction."""

    def compute(inputs: BenchmarkInputs, area: BenchmarkArea) -> float | None:
        found = inputs.population(indicator, area)
        return None if found is None else found[1] * scale

    def period(inputs: BenchmarkInputs) -> str:
        nation = BenchmarkArea("nation", NATION_CODE, "", ())
        found = inputs.population(indicator, nation)
        return "" if found is None else str(found[0])

    return compute, period


def _cross_commuting(inputs: BenchmarkInputs, area: BenchmarkArea) -> float | None:
    if area.kind == "municipality":
        return None  # commuting between members needs at least two members
    compute, _period = _commuting("cross_commuting_share")
    return compute(inputs, area)


INDICATORS: list[Indicator] = [
    Indicator(
        "population",
        gettext_lazy("Folketall"),
        "count",
        0,
        ("07459",),
        gettext_lazy("Bosatte 1. januar."),
        *_level(frames.POPULATION),
    ),
    Indicator(
        "population_growth",
        gettext_lazy("Befolkningsvekst"),
        "percent",
        1,
        ("07459",),
        gettext_lazy("Endring i folketallet de siste ti årene, i prosent."),
        *_growth(frames.POPULATION, 10),
    ),
    Indicator(
        "share_67_plus",
        gettext_lazy("Andel 67 år og eldre"),
        "percent",
        1,
        ("07459",),
        gettext_lazy("Bosatte 67 år og eldre som andel av alle bosatte 1. januar."),
        *_share(frames.POPULATION, "alder=67+"),
    ),
    Indicator(
        "jobs",
        gettext_lazy("Arbeidsplasser"),
        "count",
        0,
        ("11618",),
        gettext_lazy("Sysselsatte 15–74 år med arbeidssted i området, 4. kvartal."),
        *_level(frames.JOBS_BY_WORKPLACE),
    ),
    Indicator(
        "jobs_growth",
        gettext_lazy("Vekst i arbeidsplasser"),
        "percent",
        1,
        ("11618",),
        gettext_lazy("Endring i sysselsatte med arbeidssted i området, i prosent."),
        *_growth(frames.JOBS_BY_WORKPLACE, None),
    ),
    Indicator(
        "job_ratio",
        gettext_lazy("Arbeidsplassdekning"),
        "ratio",
        2,
        ("03321",),
        gettext_lazy(
            "Arbeidsplasser per sysselsatt bosatt (over 1: flere jobber enn sysselsatte "
            "bosatte), fra pendlingsmatrisen."
        ),
        *_commuting("job_ratio"),
        nation=False,
        nation_note=gettext_lazy("For hele landet er den 1 per definisjon."),
    ),
    Indicator(
        "self_containment",
        gettext_lazy("Selvforsyningsgrad"),
        "percent",
        1,
        ("03321",),
        gettext_lazy("Andel av de sysselsatte bosatte som jobber i området."),
        *_commuting("supply_self_containment"),
        nation=False,
        nation_note=gettext_lazy("For hele landet er den 100 % per definisjon."),
    ),
    Indicator(
        "cross_commuting_share",
        gettext_lazy("Pendling mellom medlemmene"),
        "percent",
        1,
        ("03321",),
        gettext_lazy(
            "Andel av de sysselsatte bosatte som jobber i en annen kommune i regionen (for "
            "Norge: i en annen kommune enn bostedet). Bare for regioner."
        ),
        _cross_commuting,
        _commuting("cross_commuting_share")[1],
    ),
    Indicator(
        "employment_rate",
        gettext_lazy("Sysselsettingsandel"),
        "percent",
        1,
        ("11618", "07459"),
        gettext_lazy(
            "Sysselsatte bosatte 15–74 år som andel av befolkningen 15–74 år (som på sidene om "
            "befolkningsstruktur)."
        ),
        *_population("employment_rate", 0.01),
    ),
    Indicator(
        "old_age_dependency",
        gettext_lazy("Forsørgerbrøk for eldre"),
        "ratio",
        1,
        ("07459",),
        gettext_lazy("Bosatte 67 år og eldre per 100 bosatte 20–66 år."),
        *_population("old_age_dependency", 1.0),
    ),
    Indicator(
        "higher_education",
        gettext_lazy("Andel med høyere utdanning"),
        "percent",
        1,
        (),
        gettext_lazy(
            "Bosatte med universitet eller høgskole som høyeste fullførte utdanning, som andel "
            "av befolkningsgruppen IMDi oppgir (som på sidene om befolkningsstruktur). Et område "
            "der en medlemskommune mangler tall for året, får ikke tall."
        ),
        *_population("higher_education", 0.01),
        source=gettext_lazy("IMDi, integreringsstatistikk bygget på SSBs registre"),
    ),
]
"""The registry. Add an indicator with one entry (see `Indicator`)."""


def indicator_get(key: str) -> Indicator | None:
    return next((indicator for indicator in INDICATORS if indicator.key == key), None)


@dataclass
class BenchmarkResult:
    """Values and ranks of every indicator for the compared areas, and Norway's values."""

    areas: list[BenchmarkArea]
    nation: BenchmarkArea
    indicator_keys: list[str]
    """The registry entries shown (those with data), by key: the result stays picklable."""
    values: dict[tuple[str, str], float | None] = field(default_factory=dict)
    """(indicator key, area code) → value; Norway under code "0"."""
    ranks: dict[tuple[str, str], int | None] = field(default_factory=dict)
    periods: dict[str, str] = field(default_factory=dict)

    @property
    def indicators(self) -> list[Indicator]:
        return [i for key in self.indicator_keys if (i := indicator_get(key)) is not None]

    @property
    def tables(self) -> list[str]:
        return sorted({table for indicator in self.indicators for table in indicator.tables})

    @property
    def sources(self) -> list[str]:
        """Sources other than SSB tables, in registry order."""
        return list(dict.fromkeys(str(i.source) for i in self.indicators if i.source))

    @property
    def source(self) -> str:
        """Every source of the shown indicators in one line, for downloads and the API."""
        ssb = [ssb_source(*self.tables)] if self.tables else []
        return "; ".join([*ssb, *self.sources])


NATION_CODE = "0"


def benchmark_areas(*, municipality_numbers: Sequence[str] = ()) -> list[BenchmarkArea]:
    """Every region (today's members) and the chosen municipalities, in that order."""
    areas = []
    for region in Region.objects.order_by("name"):
        area = area_for_region(region=region)
        if area.numbers:
            areas.append(BenchmarkArea("region", area.code, area.name, area.numbers))
    names = dict(
        Municipality.objects.filter(number__in=municipality_numbers).values_list("number", "name")
    )
    areas += [
        BenchmarkArea("municipality", number, names[number], (number,))
        for number in dict.fromkeys(municipality_numbers)
        if number in names
    ]
    return areas


def benchmark(
    *, areas: Sequence[BenchmarkArea], indicators: Sequence[Indicator] | None = None
) -> BenchmarkResult:
    """Compute every indicator for the areas and Norway; rank the areas (Norway unranked)."""
    inputs = BenchmarkInputs()
    nation_numbers = tuple(
        Municipality.objects.filter(valid_to__isnull=True).values_list("number", flat=True)
    )
    nation = BenchmarkArea("nation", NATION_CODE, gettext("Norge"), nation_numbers)
    chosen = list(INDICATORS if indicators is None else indicators)
    result = BenchmarkResult(areas=list(areas), nation=nation, indicator_keys=[])
    for indicator in chosen:
        values = [indicator.compute(inputs, area) for area in areas]
        if all(value is None for value in values):
            continue  # its data are not loaded: not shown
        result.indicator_keys.append(indicator.key)
        result.periods[indicator.key] = indicator.period(inputs)
        ranks = competition_ranks(values, descending=indicator.higher_is_first)
        for area, value, rank in zip(areas, values, ranks, strict=True):
            result.values[(indicator.key, area.code)] = value
            result.ranks[(indicator.key, area.code)] = rank
        result.values[(indicator.key, NATION_CODE)] = (
            indicator.compute(inputs, nation) if indicator.nation else None
        )
    return result

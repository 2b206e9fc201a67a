"""Population structure, employment rate and education level (pure: numbers in, numbers out).

Definitions (sources in docs/analytics.md, "Population structure"):

* **Age pyramid**: persons by sex and 5-year age group, each bar as a share (per cent) of the
  whole population of the area, so areas of any size can be drawn on one axis.
* **Old-age dependency ratio**: persons 67+ per 100 persons 20–66 (the Norwegian convention: 67 is
  the ordinary retirement age, 20–66 the working ages; SSB's age bands 0–19, 20–66, 67+).
  **Total dependency ratio**: (0–19 + 67+) per 100 persons 20–66. **Young**: 0–19 per 100 20–66.
  The 5-year groups cannot give 67+ (67 lies inside 65–69): `band_sum` refuses bounds that cut
  a group, and the 5-year variant is 65+ per 100 persons 20–64.
* **Employment rate**: employed residents 15–74 / population 15–74 (SSB 11618, 4th quarter).
* **Education shares**: persons by highest completed level / all persons of the group IMDi
  publishes (an age group the export does not state).

Areas are sums of municipalities; a ratio is the ratio of the sums (never a mean of ratios).
"""

import itertools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


class PopulationInputError(ValueError):
    """Input the population measures cannot use (missing cells, negative counts, cut bands)."""


__all__ = [
    "AGE_GROUPS",
    "EDUCATION_LEVELS",
    "SEXES",
    "DependencyRatios",
    "EducationShares",
    "EmploymentRate",
    "Milestone",
    "PopulationInputError",
    "PyramidBar",
    "age_pyramid",
    "band_sum",
    "dependency_ratios",
    "education_shares",
    "employment_rate",
    "milestone",
]

AGE_GROUPS: tuple[str, ...] = (
    *(f"{lower}-{lower + 4}" for lower in range(0, 90, 5)),
    "90+",
)
SEXES: tuple[str, ...] = ("menn", "kvinner")
EDUCATION_LEVELS: tuple[str, ...] = (
    "grunnskole",
    "videregaende-skole",
    "universitet-og-hogskole",
    "ingen",
    "uoppgitt",
)
_GROUP = re.compile(r"^(\d+)(?:-(\d+)|\+)$")


def _bounds(group: str) -> tuple[int, int | None]:
    match = _GROUP.match(group)
    if match is None:
        raise PopulationInputError(f"not an age group: {group!r}")
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None


def _check_count(value: float, what: str) -> float:
    if math.isnan(value) or math.isinf(value) or value < 0:
        raise PopulationInputError(f"{what} must be a finite count of zero or more, not {value!r}")
    return float(value)


@dataclass(frozen=True)
class PyramidBar:
    """One age group: persons and per cent of the area's whole population, by sex."""

    group: str
    men: float
    women: float
    men_share: float
    women_share: float


def age_pyramid(counts: Mapping[tuple[str, str], float]) -> list[PyramidBar]:
    """Bars from (sex, age group) → persons; sex is "menn" or "kvinner".

    Every one of the 19 groups × 2 sexes must be present (a missing cell is an error, not a zero:
    a pyramid with a hole would misstate every share). An empty population raises."""
    missing = [
        f"{sex} {group}" for sex in SEXES for group in AGE_GROUPS if (sex, group) not in counts
    ]
    if missing:
        raise PopulationInputError(f"age pyramid: cells missing: {', '.join(missing[:5])}")
    cells = {key: _check_count(counts[key], f"{key[0]} {key[1]}") for key in counts}
    total = sum(cells[(sex, group)] for sex in SEXES for group in AGE_GROUPS)
    if total == 0:
        raise PopulationInputError("age pyramid: the population is zero")
    return [
        PyramidBar(
            group,
            cells[("menn", group)],
            cells[("kvinner", group)],
            cells[("menn", group)] / total * 100,
            cells[("kvinner", group)] / total * 100,
        )
        for group in AGE_GROUPS
    ]


def band_sum(by_group: Mapping[str, float], lower: int, upper: int | None) -> float:
    """Persons aged `lower`–`upper` (None: and older) from 5-year groups.

    The band must consist of whole groups: 20–64 and 65+ can be formed, 20–66 and 67+ cannot
    (67 lies inside 65–69), and asking for them raises instead of guessing a split."""
    total = 0.0
    covered: list[tuple[int, int | None]] = []
    for group in AGE_GROUPS:
        start, end = _bounds(group)
        inside_start = start >= lower
        inside_end = upper is None or (end is not None and end <= upper)
        overlaps = (upper is None or start <= upper) and (end is None or end >= lower)
        if inside_start and inside_end:
            if group not in by_group:
                raise PopulationInputError(f"band {lower}–{upper}: group {group} is missing")
            total += _check_count(by_group[group], group)
            covered.append((start, end))
        elif overlaps:
            raise PopulationInputError(
                f"the band {lower}–{upper if upper is not None else ''} cuts the 5-year group "
                f"{group}; use bounds on group edges (e.g. 20–64, 65+)"
            )
    if not covered:
        raise PopulationInputError(f"band {lower}–{upper}: no 5-year group lies inside it")
    return total


@dataclass(frozen=True)
class DependencyRatios:
    """Persons outside working age per 100 persons of working age."""

    young: float
    old_age: float
    total: float
    working_age: float


def dependency_ratios(*, young: float, working: float, old: float) -> DependencyRatios | None:
    """Dependency ratios per 100 of working age; None when the working-age population is zero."""
    young, working, old = (
        _check_count(young, "young"),
        _check_count(working, "working age"),
        _check_count(old, "old"),
    )
    if working == 0:
        return None
    return DependencyRatios(
        young=young / working * 100,
        old_age=old / working * 100,
        total=(young + old) / working * 100,
        working_age=working,
    )


@dataclass(frozen=True)
class EmploymentRate:
    """Employed residents 15–74 over the population 15–74, in per cent."""

    employed: float
    population: float
    rate: float


def employment_rate(*, employed: float, population: float) -> EmploymentRate | None:
    """None when the population is zero (e.g. a municipality missing in a year's file).

    Employed above population is refused: both count residents of the same ages."""
    employed = _check_count(employed, "employed")
    population = _check_count(population, "population")
    if population == 0:
        return None
    if employed > population:
        raise PopulationInputError(
            f"employed residents ({employed:g}) exceed the population 15–74 ({population:g})"
        )
    return EmploymentRate(employed, population, employed / population * 100)


@dataclass(frozen=True)
class EducationShares:
    """Shares (per cent) of the group by highest completed education level."""

    total: float
    shares: dict[str, float]

    @property
    def higher(self) -> float:
        """University or university college (universitet og høgskole)."""
        return self.shares["universitet-og-hogskole"]


def education_shares(by_level: Mapping[str, float], *, total: float) -> EducationShares | None:
    """Per-cent shares of `total` (IMDi's «alle») for each level; None for an empty group.

    The levels are divided by the published total, not by their own sum: IMDi's levels differ
    from «alle» by a few persons (rounding), and the published total is the group."""
    total = _check_count(total, "total")
    missing = [level for level in EDUCATION_LEVELS if level not in by_level]
    if missing:
        raise PopulationInputError(f"education levels missing: {', '.join(missing)}")
    if total == 0:
        return None
    return EducationShares(
        total,
        {level: _check_count(by_level[level], level) / total * 100 for level in EDUCATION_LEVELS},
    )


@dataclass(frozen=True)
class Milestone:
    """The population passed (up) or fell below (down) a round `threshold` during `year`."""

    threshold: float
    year: int
    up: bool


def milestone(totals: Iterable[tuple[int, float]]) -> Milestone | None:
    """The most recent round number the population crossed between two consecutive 1 January
    figures: during year Y when the figure on 1 January Y is on one side and on 1 January Y+1 on
    the other. Round = a multiple of the step that keeps two significant digits of the latest
    figure (310 000 for 318 000; 13 000 for 13 266). None if no crossing in the years given."""
    ordered = sorted((int(year), _check_count(value, "population")) for year, value in totals)
    if len(ordered) < 2 or ordered[-1][1] < 10:
        return None
    step = 10.0 ** (len(str(int(ordered[-1][1]))) - 2)
    for (year, value), (next_year, next_value) in reversed(list(itertools.pairwise(ordered))):
        if next_year != year + 1:
            continue
        if math.floor(next_value / step) > math.floor(value / step):
            return Milestone(math.floor(next_value / step) * step, year, up=True)
        if math.floor(next_value / step) < math.floor(value / step):
            return Milestone(math.floor(value / step) * step, year, up=False)
    return None

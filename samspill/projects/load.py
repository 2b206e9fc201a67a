"""Construction load: the sum of construction employment per quarter over projects, with phases
moved in a what-if. Pure Python (no Django), so it is tested on its own and fast for 2 000
projects."""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from samspill.projects.periods import (
    Quarter,
    add_months,
    quarter_of_index,
    spread_over_quarter_indices,
)


@dataclass(frozen=True)
class Construction:
    """One project's construction phase and its employment (person-years per year)."""

    project_id: int
    name: str
    start: datetime.date
    end: datetime.date
    person_years_per_year: float

    def shifted(self, months: int) -> "Construction":
        if not months:
            return self
        return Construction(
            self.project_id,
            self.name,
            add_months(self.start, months),
            _shift_end(self.end, months),
            self.person_years_per_year,
        )


def _shift_end(end: datetime.date, months: int) -> datetime.date:
    """The last day of the month `months` after the month of `end` (ends are last days)."""
    first_of_next = add_months(datetime.date(end.year, end.month, 1), months + 1)
    return first_of_next - datetime.timedelta(days=1)


@dataclass(frozen=True)
class QuarterLoad:
    quarter: Quarter
    total: float

    def share_of(self, workforce: int | None) -> float | None:
        return self.total / workforce if workforce else None


Spread = list[tuple[int, float]]


def _spread(construction: Construction) -> Spread:
    return spread_over_quarter_indices(
        construction.start, construction.end, construction.person_years_per_year
    )


def _summed(spreads: Iterable[Spread]) -> list[QuarterLoad]:
    totals: dict[int, float] = defaultdict(float)
    for spread in spreads:
        for index, value in spread:
            totals[index] += value
    if not totals:
        return []
    first, last = min(totals), max(totals)
    return [
        QuarterLoad(quarter_of_index(index), totals.get(index, 0.0))
        for index in range(first, last + 1)
    ]


def construction_loads(
    constructions: Iterable[Construction], *, shifts: Mapping[int, int] | None = None
) -> tuple[list[QuarterLoad], list[QuarterLoad]]:
    """The load without and with the what-if `shifts`: each project is spread over quarters once,
    and again only when it is moved (the page shows both; 2 000 projects, a few moved)."""
    shifts = shifts or {}
    items = list(constructions)
    spreads = [_spread(c) for c in items]
    moved = [
        _spread(c.shifted(shifts[c.project_id])) if shifts.get(c.project_id) else spread
        for c, spread in zip(items, spreads, strict=True)
    ]
    return _summed(spreads), _summed(moved)


def construction_load(
    constructions: Iterable[Construction], *, shifts: Mapping[int, int] | None = None
) -> list[QuarterLoad]:
    """Average number at work in construction per quarter, every quarter from the first to the last.

    Sums by integer quarter index and makes `Quarter` objects only for the result (hashing a
    dataclass per project and quarter was most of the time at 2 000 projects)."""
    return construction_loads(constructions, shifts=shifts)[1]


def peak(loads: list[QuarterLoad]) -> QuarterLoad | None:
    """The quarter with the highest load (the first of equals)."""
    return max(loads, key=lambda load: load.total, default=None)

"""Values of indicators bound to statistics, computed for a strategy's region (reads only).

Dependency direction: strategy → stats → regions. The stats app knows nothing of strategies;
`strategy.services.indicator_refresh_from_statistics` calls this after imports (command
`samspill refresh_indicators`, also a step of `samspill demo`).
"""

import datetime
import re
from collections.abc import Collection

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from samspill.analytics.commuting import region_commuting_indicators
from samspill.core.numbers import round_half_away
from samspill.regions.models import Municipality
from samspill.regions.selectors import region_members
from samspill.stats import frames
from samspill.stats.models import Observation, Series
from samspill.stats.selectors import (
    EMPLOYED_BY_WORKPLACE,
    POPULATION,
    commuting_years,
    series_by_code,
)
from samspill.strategy.models import GoalIndicator

# Series whose annual value is counted on 1 January (SSB: "folkemengde per 1. januar").
COUNTED_ON_NEW_YEAR = {POPULATION}
_QUARTER = re.compile(r"^(\d{4})K([1-4])$")
_QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def period_date(period: str, *, series_code: str = "") -> datetime.date | None:
    """The date a period's value holds for: "2024" → 31.12.2024 (1.1. for population), "2024K2"
    → 30.6.2024; None for periods we cannot place."""
    if period.isdigit() and len(period) == 4:
        year = int(period)
        return (
            datetime.date(year, 1, 1)
            if series_code in COUNTED_ON_NEW_YEAR
            else datetime.date(year, 12, 31)
        )
    quarter = _QUARTER.match(period)
    if quarter:
        month, day = _QUARTER_END[int(quarter[2])]
        return datetime.date(int(quarter[1]), month, day)
    return None


def _series_sums(
    series: Series, municipality_ids: Collection[int], dimension_key: str
) -> list[tuple[datetime.date, float]]:
    """Sum over the municipalities, only for periods where every one of them has a value."""
    rows = (
        Observation.objects.filter(
            series=series,
            municipality_id__in=municipality_ids,
            dimension_key=dimension_key,
            value__isnull=False,
        )
        .order_by()
        .values("period")
        .annotate(total=Sum("value"), count=Count("id"))
    )
    values = []
    for row in rows:
        date = period_date(row["period"], series_code=series.code)
        if date is not None and row["count"] == len(municipality_ids):
            values.append((date, float(row["total"])))
    return sorted(values)


def _self_containment(municipalities: list[Municipality]) -> list[tuple[datetime.date, float]]:
    """Percent of the region's employed residents who work in the region, per year."""
    if not commuting_years():
        return []
    numbers = {m.pk: m.number for m in Municipality.objects.all().only("pk", "number")}
    flows = frames.flows_frame(municipality_ids=[m.pk for m in municipalities], numbers=numbers)
    if flows.empty:
        return []
    table = region_commuting_indicators(
        flows, region_of={m.number: "region" for m in municipalities}
    )
    table = table.loc[table["area"] == "region"]
    return [
        (datetime.date(int(year), 12, 31), round(100 * float(share), 2))
        for year, share in zip(table["year"], table["supply_self_containment"], strict=True)
        if share == share  # NaN when nobody lives there
    ]


def indicator_statistic_values(
    *, indicator: GoalIndicator
) -> tuple[list[tuple[datetime.date, float]], str]:
    """(dated values, note naming the source) of a bound indicator for its strategy's region."""
    region = indicator.goal.focus_area.strategy.region
    municipalities = [member.municipality for member in region_members(region=region)]
    ids = [m.pk for m in municipalities]
    statistic = indicator.statistic
    if statistic == GoalIndicator.Statistic.SELF_CONTAINMENT:
        return _self_containment(municipalities), _("Beregnet fra SSB tabell 03321 (pendling).")
    if statistic == GoalIndicator.Statistic.SERIES_RATIO:
        return _ratio_values(indicator, ids)
    if statistic == GoalIndicator.Statistic.SERIES_SUM:
        series = indicator.series
        key = indicator.dimension_key
    else:
        code = (
            POPULATION if statistic == GoalIndicator.Statistic.POPULATION else EMPLOYED_BY_WORKPLACE
        )
        series = series_by_code(codes=[code]).get(code)
        key = ""
    if series is None:
        return [], ""
    note = _("Sum for {count} kommuner fra SSB tabell {table}.").format(
        count=len(ids), table=series.table_number
    )
    return _series_sums(series, ids, key), note


def _ratio_values(
    indicator: GoalIndicator, municipality_ids: Collection[int]
) -> tuple[list[tuple[datetime.date, float]], str]:
    """sum(numerator) / sum(denominator) over the municipalities × factor, per date both have
    for every municipality (a period with a gap in either is left out, not guessed)."""
    numerator, denominator = indicator.series, indicator.denominator_series
    if numerator is None or denominator is None:
        return [], ""
    above = dict(_series_sums(numerator, municipality_ids, indicator.dimension_key))
    below = dict(_series_sums(denominator, municipality_ids, indicator.denominator_dimension_key))
    factor = float(indicator.factor)
    values = [
        # Stored with the readings' four decimals, rounded half away from zero .
        (date, float(round_half_away(ratio_of_sums(above[date], below[date], factor=factor), 4)))
        for date in sorted(set(above) & set(below))
        if below[date] > 0
    ]
    note = _(
        "Forhold for {count} kommuner: sum av SSB tabell {numerator} delt på sum av SSB tabell "
        "{denominator}, ganget med {factor}."
    ).format(
        count=len(municipality_ids),
        numerator=numerator.table_number,
        denominator=denominator.table_number,
        factor=f"{indicator.factor.normalize():f}",
    )
    return values, note


def ratio_of_sums(numerator: float, denominator: float, *, factor: float = 1.0) -> float:
    """The value of a ratio indicator: Σ numerator / Σ denominator × factor (not a mean of the
    municipalities' own ratios, which would weigh a small municipality like a large one)."""
    return numerator / denominator * factor


def statistic_unit(*, indicator: GoalIndicator) -> str | None:
    """The unit the bound statistic is measured in (None when not known yet)."""
    if indicator.statistic == GoalIndicator.Statistic.SELF_CONTAINMENT:
        return "%"
    if indicator.statistic == GoalIndicator.Statistic.SERIES_SUM:
        return indicator.series.unit if indicator.series else None
    if indicator.statistic == GoalIndicator.Statistic.SERIES_RATIO:
        return "%" if indicator.factor == 100 else None
    if indicator.statistic in (
        GoalIndicator.Statistic.POPULATION,
        GoalIndicator.Statistic.EMPLOYED_WORKPLACE,
    ):
        return "personer"
    return None

"""Commuting indicators from a residence x workplace flow matrix (ANALYTICS.md §4).

Input ``flows``: columns `year` (int), `residence`, `workplace` (unit codes, e.g. municipality
numbers as strings), `employed` (persons aged 15–74 living in `residence` and working in
`workplace`, >= 0). One row per non-zero cell; missing pairs are 0; rows with
``residence == workplace`` are people working in their home unit (SSB table 03321 layout).

For unit i: employed residents ``R_i = Σ_j T_ij``, jobs ``W_i = Σ_j T_ji``, internal flow
``T_ii``. Shares are NaN (and flagged) where their denominator is 0; a missing self-flow is a
valid self-containment of 0. Formulas: docs/analytics.md, part "Commuting".
"""

import math
from collections.abc import Collection, Mapping, Sequence
from statistics import NormalDist

import numpy as np
import pandas as pd

from samspill.analytics._validation import non_negative_values, require_columns
from samspill.analytics.columns import AREA, EMPLOYED, RESIDENCE, WORKPLACE, YEAR

__all__ = [
    "commuting_indicators",
    "indicator_trend",
    "job_ratio",
    "new_jobs_residence_allocation",
    "new_residents_workplace_allocation",
    "pairwise_integration",
    "region_commuting_indicators",
    "region_integration",
]

_FLOW_COLUMNS = [YEAR, RESIDENCE, WORKPLACE, EMPLOYED]


def _checked(flows: pd.DataFrame) -> pd.DataFrame:
    require_columns(flows, _FLOW_COLUMNS, name="flows")
    non_negative_values(flows, EMPLOYED, name="flows")
    return flows


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    return numerator / denominator.where(denominator > 0)


def job_ratio[T: (pd.Series, pd.DataFrame)](jobs: T, employed_residents: T) -> T:
    """Arbeidsplassdekning: employed persons working in the area per employed resident (W/R).

    The one definition Samspill shows (ADR "one job ratio"): both counts for the same area and
    year, persons 15–74 in the 4th quarter, from SSB 11618 (residents working offshore, on
    Svalbard or at an unknown place count as employed residents). NaN where R is 0 or missing.
    Elementwise over aligned Series (or DataFrames).
    """
    return jobs / employed_residents.where(employed_residents > 0)


def _sum_by(flows: pd.DataFrame, area: pd.Series, name: str) -> pd.Series:
    return flows[EMPLOYED].groupby([flows[YEAR], area.rename(AREA)]).sum().rename(name)


def _indicators(residents: pd.Series, jobs: pd.Series, internal: pd.Series) -> pd.DataFrame:
    """Indicator columns from R, W and internal flow indexed by (year, area)."""
    table = pd.concat([residents, jobs, internal], axis=1).fillna(0.0).sort_index()
    employed_residents = table["employed_residents"]
    jobs_total = table["jobs"]
    inside = table["internal"]
    out_commuters = employed_residents - inside
    in_commuters = jobs_total - inside
    supply = _ratio(inside, employed_residents)
    demand = _ratio(inside, jobs_total)
    return table.assign(
        out_commuters=out_commuters,
        in_commuters=in_commuters,
        net_commuting=jobs_total - employed_residents,
        supply_self_containment=supply,
        demand_self_containment=demand,
        minimum_self_containment=pd.concat([supply, demand], axis=1).min(axis=1, skipna=False),
        out_commuting_share=_ratio(out_commuters, employed_residents),
        in_commuting_share=_ratio(in_commuters, jobs_total),
        job_ratio=job_ratio(jobs_total, employed_residents),
        # (W−T)/(R−T) > 1 as in LabourMarketAreas, where x/0 = Inf counts as > 1
        commuting_centre=(in_commuters > out_commuters) & (jobs_total > 100),
        no_residents=employed_residents == 0,
        no_jobs=jobs_total == 0,
    )


def commuting_indicators(flows: pd.DataFrame) -> pd.DataFrame:
    """In/out/internal/net commuting, self-containment and job ratio per unit and year.

    Columns in: `year, residence, workplace, employed`. Out, one row per year and unit
    (column `area`): ``employed_residents`` (R), ``jobs`` (W), ``internal`` (T_ii),
    ``out_commuters = R − T_ii``, ``in_commuters = W − T_ii``, ``net_commuting = W − R``,
    ``supply_self_containment = T_ii/R``, ``demand_self_containment = T_ii/W``,
    ``minimum_self_containment`` (the LMA ``msc``), ``out_commuting_share``,
    ``in_commuting_share``, ``job_ratio = W/R``, ``commuting_centre`` (LabourMarketAreas:
    in-commuters / out-commuters > 1 and W > 100), flags ``no_residents``, ``no_jobs``.
    """
    _checked(flows)
    self_flows = flows.loc[flows[RESIDENCE] == flows[WORKPLACE]]
    return _indicators(
        _sum_by(flows, flows[RESIDENCE], "employed_residents"),
        _sum_by(flows, flows[WORKPLACE], "jobs"),
        _sum_by(self_flows, self_flows[RESIDENCE], "internal"),
    ).reset_index()


def region_commuting_indicators(
    flows: pd.DataFrame, *, region_of: Mapping[str, str]
) -> pd.DataFrame:
    """The `commuting_indicators` of groups of units (regions), plus internal integration.

    Columns in: `year, residence, workplace, employed`; ``region_of`` maps unit → region code
    (units not in it are outside every region). Out, one row per year and region (column
    `area`): the `commuting_indicators` columns with ``internal`` = flows among the region's
    members (self-flows included), and ``cross_commuting`` (flows between different members),
    ``commuter_percent = ((R−S)+(W−S))/(2S)`` (LabourMarketAreas ``lma_commuter_percent``),
    ``internal_cohesion_flows = 100·cross_commuting/internal``, ``members``.
    """
    _checked(flows)
    residence_region = flows[RESIDENCE].map(region_of)
    workplace_region = flows[WORKPLACE].map(region_of)
    inside = residence_region.notna() & (residence_region == workplace_region)
    between = inside & (flows[RESIDENCE] != flows[WORKPLACE])
    table = _indicators(
        _sum_by(flows, residence_region, "employed_residents"),
        _sum_by(flows, workplace_region, "jobs"),
        _sum_by(flows.loc[inside], residence_region.loc[inside], "internal"),
    )
    cross = _sum_by(flows.loc[between], residence_region.loc[between], "cross_commuting")
    cross = cross.reindex(table.index, fill_value=0.0)
    members = pd.Series(region_of).value_counts()
    inside_flow = table["internal"]
    return table.assign(
        cross_commuting=cross,
        commuter_percent=_ratio(table["out_commuters"] + table["in_commuters"], 2 * inside_flow),
        internal_cohesion_flows=100 * _ratio(cross, inside_flow),
        members=members.reindex(table.index.get_level_values(AREA)).to_numpy(),
    ).reset_index()


def pairwise_integration(flows: pd.DataFrame, *, first: str, second: str) -> pd.DataFrame:
    """Commuting integration of two units (a, b) per year.

    Columns in: `year, residence, workplace, employed`. Out, one row per year:
    ``first_to_second = T_ab``, ``second_to_first = T_ba``, ``first_residents_share =
    T_ab/R_a`` (share of a's employed residents working in b, the quantity BA-region/FUA rules
    threshold), ``second_residents_share = T_ba/R_b``, ``first_jobs_share = T_ba/W_a`` (share
    of a's jobs held by b's residents), ``second_jobs_share = T_ab/W_b``, ``combined_share =
    (T_ab + T_ba)/(R_a + R_b)`` and ``tie_strength = T_ab²/(R_a·W_b) + T_ba²/(R_b·W_a)``
    (Coombes, as LabourMarketAreas' cohesion; a one-sided term is 0 when its denominator is 0).
    """
    if first == second:
        raise ValueError("pairwise_integration needs two different units")
    indicators = commuting_indicators(flows).set_index([YEAR, AREA])
    years = pd.Index(sorted(pd.unique(flows[YEAR])), name=YEAR)

    def flow(origin: str, destination: str) -> pd.Series:
        cells = flows.loc[(flows[RESIDENCE] == origin) & (flows[WORKPLACE] == destination)]
        return cells.groupby(YEAR)[EMPLOYED].sum().reindex(years, fill_value=0.0)

    def marginal(column: str, unit: str) -> pd.Series:
        cells = pd.MultiIndex.from_arrays([years, [unit] * len(years)], names=[YEAR, AREA])
        values = indicators[column].reindex(cells, fill_value=0.0).to_numpy()
        return pd.Series(values, index=years)

    a_to_b, b_to_a = flow(first, second), flow(second, first)
    residents_a, residents_b = (
        marginal("employed_residents", first),
        marginal("employed_residents", second),
    )
    jobs_a, jobs_b = marginal("jobs", first), marginal("jobs", second)
    return pd.DataFrame(
        {
            "first": first,
            "second": second,
            "first_to_second": a_to_b,
            "second_to_first": b_to_a,
            "first_residents_share": _ratio(a_to_b, residents_a),
            "second_residents_share": _ratio(b_to_a, residents_b),
            "first_jobs_share": _ratio(b_to_a, jobs_a),
            "second_jobs_share": _ratio(a_to_b, jobs_b),
            "combined_share": _ratio(a_to_b + b_to_a, residents_a + residents_b),
            "tie_strength": _ratio(a_to_b**2, residents_a * jobs_b).fillna(0.0)
            + _ratio(b_to_a**2, residents_b * jobs_a).fillna(0.0),
        },
        index=years,
    ).reset_index()


def region_integration(flows: pd.DataFrame, *, members: Collection[str]) -> pd.DataFrame:
    """Integration within one group of units (e.g. a regional council's municipalities) per year.

    Columns in: `year, residence, workplace, employed`. Out, one row per year: the
    `region_commuting_indicators` columns of the group, plus ``cross_commuting_share`` (share
    of the group's employed residents working in another member unit) and
    ``internal_cohesion_links`` (ordered member pairs a ≠ b with a flow / (n·(n−1)),
    LabourMarketAreas ``InternalCohesionLink``).
    """
    unique_members = sorted(set(members))
    if len(unique_members) < 2:
        raise ValueError("region_integration needs at least two member units")
    region = region_commuting_indicators(flows, region_of=dict.fromkeys(unique_members, "region"))
    region = region.set_index(YEAR).drop(columns=AREA)
    between = flows.loc[
        flows[RESIDENCE].isin(unique_members)
        & flows[WORKPLACE].isin(unique_members)
        & (flows[RESIDENCE] != flows[WORKPLACE])
        & (flows[EMPLOYED] > 0)
    ]
    count = len(unique_members)
    links = between.groupby(YEAR).size().reindex(region.index, fill_value=0)
    return region.assign(
        cross_commuting_share=_ratio(region["cross_commuting"], region["employed_residents"]),
        internal_cohesion_links=links / (count * (count - 1)),
    ).reset_index()


def indicator_trend(
    indicators: pd.DataFrame, *, columns: Sequence[str], by: Sequence[str] = (AREA,)
) -> pd.DataFrame:
    """Trend of indicator columns over the years, per group (e.g. per unit).

    Columns in: `year`, the `by` columns and the indicator `columns` (e.g. the output of
    `commuting_indicators`). Out, one row per group and indicator (column ``indicator``):
    ``years`` (non-missing observations), ``start_year, end_year, start_value, end_value,
    change`` and ``slope_per_year`` (ordinary least squares on the year; NaN with one year).
    """
    require_columns(indicators, [YEAR, *by, *columns], name="indicators")
    keys = [*by, "indicator"]
    long = (
        indicators.melt(id_vars=[*by, YEAR], value_vars=list(columns), var_name="indicator")
        .dropna(subset=["value"])
        .sort_values([*keys, YEAR])
    )
    grouped = long.groupby(keys, sort=True)
    centred_year = long[YEAR] - grouped[YEAR].transform("mean")
    centred_value = long["value"] - grouped["value"].transform("mean")
    moments = (
        long.assign(xy=centred_year * centred_value, xx=centred_year**2)
        .groupby(keys, sort=True)
        .agg(
            years=(YEAR, "size"),
            start_year=(YEAR, "first"),
            end_year=(YEAR, "last"),
            start_value=("value", "first"),
            end_value=("value", "last"),
            xy=("xy", "sum"),
            xx=("xx", "sum"),
        )
    )
    return (
        moments.assign(
            change=moments["end_value"] - moments["start_value"],
            slope_per_year=moments["xy"] / moments["xx"].where(moments["xx"] > 0),
        )
        .drop(columns=["xy", "xx"])
        .reset_index()
    )


def _allocation(
    flows: pd.DataFrame,
    *,
    origin_column: str,
    destination_column: str,
    origin: str,
    count: int,
    years: Sequence[int] | None,
    confidence: float,
) -> pd.DataFrame:
    _checked(flows)
    if count < 0:
        raise ValueError("the number to allocate must be >= 0")
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1")
    chosen = [int(flows[YEAR].max())] if years is None else sorted(set(years))
    cells = flows.loc[(flows[origin_column] == origin) & flows[YEAR].isin(chosen)].astype(
        {EMPLOYED: "float64"}
    )
    yearly = cells.pivot_table(
        index=destination_column, columns=YEAR, values=EMPLOYED, aggfunc="sum", fill_value=0.0
    ).reindex(columns=chosen, fill_value=0.0)
    yearly_totals = yearly.sum(axis=0)
    if (yearly_totals <= 0).any() or yearly.empty:
        raise ValueError(f"{origin} has no observed flows in every one of the years {chosen}")
    observed = yearly.sum(axis=1)
    share = observed / observed.sum()
    sample_size = float(yearly_totals.mean())
    allocated = share * count
    variance = count * share * (1 - share) + count**2 * share * (1 - share) / sample_size
    standard_error = np.sqrt(variance)
    z = NormalDist().inv_cdf((1 + confidence) / 2)
    yearly_shares = yearly / yearly_totals
    floors = np.floor(allocated)
    remainder = count - int(floors.sum())
    order = (allocated - floors).sort_values(ascending=False, kind="stable").index[:remainder]
    rounded = floors.astype("int64")
    rounded.loc[order] += 1
    result = pd.DataFrame(
        {
            "observed": observed,
            "share": share,
            "allocated": allocated,
            "allocated_rounded": rounded,
            "standard_error": standard_error,
            "lower": np.clip(allocated - z * standard_error, 0, count),
            "upper": np.clip(allocated + z * standard_error, 0, count),
            "share_between_years_sd": yearly_shares.std(axis=1, ddof=1)
            if len(chosen) > 1
            else math.nan,
            "years": len(chosen),
        }
    )
    return (
        result.rename_axis(destination_column)
        .reset_index()
        .sort_values(["allocated", destination_column], ascending=[False, True])
        .reset_index(drop=True)
    )


def new_jobs_residence_allocation(
    flows: pd.DataFrame,
    *,
    workplace: str,
    jobs: int,
    years: Sequence[int] | None = None,
    confidence: float = 0.9,
) -> pd.DataFrame:
    """Where will the workers of `jobs` new jobs in `workplace` live?

    Columns in: `year, residence, workplace, employed`. The jobs are allocated to units of
    residence by the observed share ``p_k`` of `workplace`'s workers living in k, pooled over
    `years` (default: the latest year). Out, one row per residence unit, largest first:
    ``observed`` (workers, summed over the years), ``share``, ``allocated = jobs·p_k``,
    ``allocated_rounded`` (largest-remainder integers summing to `jobs`), ``standard_error``,
    ``lower``/``upper`` (normal interval at `confidence`, clipped to [0, jobs]),
    ``share_between_years_sd`` (NaN for one year), ``years``.
    Uncertainty: the allocated count is Multinomial(jobs, p) with p estimated from n observed
    workers (n = mean yearly total), so ``Var = jobs·p(1−p) + jobs²·p(1−p)/n``. It assumes
    new jobs recruit like the existing ones and does not model migration (docs/analytics.md).
    """
    return _allocation(
        flows,
        origin_column=WORKPLACE,
        destination_column=RESIDENCE,
        origin=workplace,
        count=jobs,
        years=years,
        confidence=confidence,
    )


def new_residents_workplace_allocation(
    flows: pd.DataFrame,
    *,
    residence: str,
    residents: int,
    years: Sequence[int] | None = None,
    confidence: float = 0.9,
) -> pd.DataFrame:
    """Where will `residents` new employed residents of `residence` work?

    The reverse of `new_jobs_residence_allocation`: shares are those of `residence`'s
    employed residents by workplace; same output columns with `workplace` as the unit column.
    """
    return _allocation(
        flows,
        origin_column=RESIDENCE,
        destination_column=WORKPLACE,
        origin=residence,
        count=residents,
        years=years,
        confidence=confidence,
    )
